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
 * {@code easyquant journal verify --journal DIR}: reads the whole journal as every reader does (header checksum and
 * configuration digest, every record's checksum, the input sequence, entries the queue cannot reach) and says whether
 * it is intact. Prints one line: {@code intact: N records (I inputs, O outputs), input sequences A to B, last index X}
 * and exits 0; or the damage (file, index, fault, and what to do) on standard error and exits 2. Read-only.
 */
@CommandLine.Command(name = "verify", description = {
    "Check a whole journal: the header, every record's checksum, the input sequence, unreachable entries.",
    "Exit 0 when intact; 2 with the first damage (file, index, fault, what to do) on standard error."})
public final class JournalVerifyCommand implements Callable<Integer>
{
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @CommandLine.Option(names = "--journal", required = true, paramLabel = "DIR",
        description = "The journal directory, e.g. data/paper/journal (or data/paper/venue).")
    private Path directory;

    @Override
    public Integer call()
    {
        try (Journal journal = JournalCommand.open(directory); JournalReader reader = journal.newReader())
        {
            final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            long inputs = 0;
            long outputs = 0;
            long firstSequence = -1;
            long lastIndex = -1;
            final boolean everyRecordSequenced = JournalHeader.KIND_VENUE_LOG.equals(journal.header().kind());
            while (reader.next(record) > 0)
            {
                final RecordType type = RecordType.get(RecordHeader.templateId(record, 0));
                final boolean input = type == null || type.isInput();
                if (firstSequence < 0 && (input || everyRecordSequenced))
                {
                    firstSequence = RecordHeader.sequence(record, 0);
                }
                if (input)
                {
                    inputs++;
                }
                else
                {
                    outputs++;
                }
                lastIndex = reader.index();
            }
            final StringBuilder line = new StringBuilder(160).append(directory).append(": intact: ")
                .append(inputs + outputs).append(" records (").append(inputs).append(" inputs, ").append(outputs)
                .append(" outputs)");
            if (!journal.header().sourceJournal().isEmpty())
            {
                line.append(", sequences not checked (a backtest over the market data of ")
                    .append(journal.header().sourceJournal()).append(')');
            }
            else if (firstSequence >= 0)
            {
                line.append(everyRecordSequenced ? ", sequences " : ", input sequences ").append(firstSequence)
                    .append(" to ").append(reader.lastInputSequence());
            }
            line.append(", last index ").append(lastIndex < 0 ? "-" : JournalFormats.index(lastIndex))
                .append(", format ").append(journal.header().formatVersion());
            if (!journal.header().checksummed())
            {
                line.append(" (no checksums: only the records' shapes were checked)");
            }
            System.out.println(line);
            return 0;
        }
        catch (final JournalException | JournalDamageException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
    }
}
