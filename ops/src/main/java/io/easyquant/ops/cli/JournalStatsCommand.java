package io.easyquant.ops.cli;

import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalDamageException;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.journal.queue.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code easyquant journal stats --journal DIR}: what wrote a journal and what it holds, read in one pass without
 * keeping records. Prints, one {@code label value} per line with the values in one column: the header (kind,
 * engine version, format version, configuration digest, source journal when there is one); the number of records,
 * then per {@link RecordType} in declaration order (every type, zeros included, so two journals compare line by
 * line), an {@code unknown} line only for entries of a template id this engine does not know, and the input and
 * output totals; the times of the first and last record (engine time from the record header, ISO-8601 UTC); their
 * Chronicle indexes (hex, as {@code dump} prints them); the damage that stopped the count, if any (the figures then
 * cover the records before it, and the command exits 2 with the damage on standard error); the size of the
 * directory's files.
 */
@CommandLine.Command(name = "stats", description = {
    "Summarise a journal: header, records by type, first and last record time and index, damage, size.",
    "Times are the engine time of the record header, ISO-8601 UTC; indexes are Chronicle indexes in hex."})
public final class JournalStatsCommand implements Callable<Integer>
{
    private static final int LABEL_WIDTH = 20;
    private static final String NONE = "-";

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @CommandLine.Option(names = "--journal", required = true, paramLabel = "DIR",
        description = "The journal directory, e.g. data/paper/journal.")
    private Path directory;

    @Override
    public Integer call()
    {
        final JournalDamageException[] damage = new JournalDamageException[1];
        final String report;
        try (Journal journal = JournalCommand.open(directory))
        {
            report = report(journal, damage);
        }
        catch (final JournalException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        System.out.print(report);
        System.out.flush();
        if (damage[0] != null)
        {
            System.err.println("error: " + damage[0].getMessage());
            return 2;
        }
        return 0;
    }

    /**
     * @param damage receives the damage that stopped the count, if any: the figures then cover the records before it.
     */
    private static String report(final Journal journal, final JournalDamageException[] damage)
    {
        final RecordType[] types = RecordType.values();
        final long[] counts = new long[types.length];
        long unknown = 0;
        long firstTimeNs = 0;
        long lastTimeNs = 0;
        long firstIndex = -1;
        long lastIndex = -1;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        try (JournalReader reader = journal.newReader())
        {
            while (reader.next(buffer) > 0)
            {
                final RecordType type = RecordType.get(RecordHeader.templateId(buffer, 0));
                if (type != null)
                {
                    counts[type.ordinal()]++;
                }
                else
                {
                    unknown++;
                }
                lastTimeNs = RecordHeader.timeNs(buffer, 0);
                lastIndex = reader.index();
                if (firstIndex == -1)
                {
                    firstTimeNs = lastTimeNs;
                    firstIndex = lastIndex;
                }
            }
        }
        catch (final JournalDamageException ex)
        {
            damage[0] = ex;
        }

        long inputs = 0;
        long outputs = 0;
        for (final RecordType type : types)
        {
            if (type.isInput())
            {
                inputs += counts[type.ordinal()];
            }
            else
            {
                outputs += counts[type.ordinal()];
            }
        }
        final long records = inputs + outputs + unknown;
        final boolean empty = records == 0;
        final int countWidth = Long.toString(records).length();

        final JournalHeader header = journal.header();
        final StringBuilder out = new StringBuilder(1024);
        line(out, "journal", journal.directory().toString());
        line(out, "kind", header.kind());
        line(out, "engine version", header.engineVersion());
        line(out, "format version", Integer.toString(header.formatVersion()));
        line(out, "config digest", header.configDigest());
        if (!header.sourceJournal().isEmpty())
        {
            line(out, "source journal", header.sourceJournal());
        }
        count(out, "records", records, countWidth);
        for (final RecordType type : types)
        {
            count(out, "  " + type.name(), counts[type.ordinal()], countWidth);
        }
        if (unknown > 0)
        {
            count(out, "  unknown", unknown, countWidth);
        }
        count(out, "  inputs", inputs, countWidth);
        count(out, "  outputs", outputs, countWidth);
        line(out, "first time", empty ? NONE : JournalFormats.time(firstTimeNs));
        line(out, "last time", empty ? NONE : JournalFormats.time(lastTimeNs));
        line(out, "first index", empty ? NONE : JournalFormats.index(firstIndex));
        line(out, "last index", empty ? NONE : JournalFormats.index(lastIndex));
        line(out, "damage", damage[0] == null ? "none found" : damage[0].fault().description() + " at index " +
            JournalFormats.index(damage[0].index()) + " (nothing after it counted)");
        final long size = journal.sizeOnDisk();
        line(out, "size on disk", JournalFormats.size(size) + " (" + size + " bytes)");
        return out.toString();
    }

    private static void line(final StringBuilder out, final String label, final String value)
    {
        out.append(label);
        pad(out, LABEL_WIDTH - label.length());
        out.append(value).append('\n');
    }

    /** Counts are right-aligned to the width of the total. */
    private static void count(final StringBuilder out, final String label, final long value, final int width)
    {
        final String digits = Long.toString(value);
        out.append(label);
        pad(out, LABEL_WIDTH - label.length() + width - digits.length());
        out.append(digits).append('\n');
    }

    private static void pad(final StringBuilder out, final int spaces)
    {
        for (int i = 0; i < Math.max(1, spaces); i++)
        {
            out.append(' ');
        }
    }
}
