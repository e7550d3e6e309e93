package io.easyquant.ops.cli;

import io.easyquant.journal.codec.RecordFormatter;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalDamageException;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code easyquant journal dump --journal DIR [--from N] [--limit M] [--type T,...]}: one line per record, the
 * record's journal index in hex then the {@link RecordFormatter} line:
 * <pre>
 * 0x4e2000000001 #42 2024-01-02T03:04:05.123456789Z QUOTE src=1 instrument=1 bid=6000000x25 ...
 * </pre>
 * {@code --from} skips that many records from the start of the journal, whatever their type (it counts records, not
 * Chronicle indexes); then records of the {@code --type}s, if given, are printed
 * until {@code --limit} of them have been. Records are read and printed one at a time, never held. When standard
 * output is closed (the reader of a pipe has gone) the command stops quietly and exits 0. At damage (see
 * {@link io.easyquant.journal.queue.JournalReader}) the records before it have been printed; the damage goes to
 * standard error and the command exits 2.
 */
@CommandLine.Command(name = "dump", description = {
    "Print one line per record: the journal index as Chronicle prints it, in hex such as 0x4e2000000001, then the "
        + "record's sequence, engine time (UTC), type, source and fields.",
    "--from counts records of any type; --type and --limit then apply to the records from there."})
public final class JournalDumpCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @CommandLine.Option(names = "--journal", required = true, paramLabel = "DIR",
        description = "The journal directory, e.g. data/paper/journal.")
    private Path directory;

    @CommandLine.Option(names = "--from", paramLabel = "N", defaultValue = "0",
        description = "Start at the N-th record, counting records of any type from 0 (not a Chronicle index); "
            + "default 0.")
    private long from;

    @CommandLine.Option(names = "--limit", paramLabel = "M",
        description = "Print at most M records (default: all).")
    private Long limit;

    @CommandLine.Option(names = "--type", paramLabel = "T", split = ",", converter = RecordTypes.class,
        completionCandidates = RecordTypes.Names.class,
        description = {"Only records of these types, case-insensitive, comma-separated, e.g. order,execution_report.",
            "Types: ${COMPLETION-CANDIDATES}."})
    private List<RecordType> types;

    @Override
    public Integer call()
    {
        if (from < 0)
        {
            throw new CommandLine.ParameterException(
                spec.commandLine(), "--from: expected a record count >= 0, got " + from);
        }
        if (limit != null && limit < 0)
        {
            throw new CommandLine.ParameterException(
                spec.commandLine(), "--limit: expected a record count >= 0, got " + limit);
        }
        final EnumSet<RecordType> selected = types == null ? null : EnumSet.copyOf(types);
        final long maxLines = limit == null ? Long.MAX_VALUE : limit;

        final LineOutput output = new LineOutput(System.out);
        try (Journal journal = JournalCommand.open(directory); JournalReader reader = journal.newReader())
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            final RecordFormatter formatter = new RecordFormatter();
            long skipped = 0;
            long printed = 0;
            while (printed < maxLines && reader.next(buffer) > 0)
            {
                if (skipped < from)
                {
                    skipped++;
                    continue;
                }
                final RecordType type = RecordType.get(RecordHeader.templateId(buffer, 0));
                if (selected != null && (type == null || !selected.contains(type)))
                {
                    continue;
                }
                final StringBuilder line = output.line();
                line.append(JournalFormats.index(reader.index())).append(' ');
                formatter.format(buffer, 0, line);
                printed++;
                if (!output.endLine())
                {
                    return 0;
                }
            }
        }
        catch (final JournalException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        catch (final JournalDamageException ex)
        {
            output.flush();
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        output.flush();
        return 0;
    }
}
