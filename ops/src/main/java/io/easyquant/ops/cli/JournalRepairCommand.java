package io.easyquant.ops.cli;

import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalRepair;
import io.easyquant.ops.runtime.EngineRunner;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

/**
 * {@code easyquant journal repair --journal DIR --truncate-at INDEX}: the one explicit way past damage
 * ({@link JournalRepair}). Keeps every record before the index (they must be intact), ends the journal with a sequence
 * skip that carries the sequence and client order id high-water marks past everything the journal ever held, and keeps
 * the original directory beside it. Refuses while a session holds the data directory ({@code run.lock} beside the
 * journal). Exit 0 when repaired; 2 when refused (the journal is unchanged).
 */
@CommandLine.Command(name = "repair", description = {
    "Cut a damaged journal at an index (journal verify names it), keeping a copy of the original and carrying the "
        + "sequence and client order id high-water marks forward, so no id is ever reused.",
    "Everything before the index must be intact. Not while the engine runs."})
public final class JournalRepairCommand implements Callable<Integer>
{
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @CommandLine.Option(names = "--journal", required = true, paramLabel = "DIR",
        description = "The journal directory, e.g. data/paper/journal (or data/paper/venue).")
    private Path directory;

    @CommandLine.Option(names = "--truncate-at", required = true, paramLabel = "INDEX",
        description = "The journal index of the first entry to cut (decimal, or hex as 0x...).")
    private String index;

    @Override
    public Integer call()
    {
        final long cutAt;
        try
        {
            cutAt = Long.decode(index.trim());
        }
        catch (final NumberFormatException ex)
        {
            System.err.println("error: --truncate-at: expected a journal index such as 0x4e2000000123 or " +
                "86000000000291, got '" + index + "'");
            return 2;
        }
        final Path lockFile = directory.toAbsolutePath().getParent().resolve(EngineRunner.LOCK_FILE);
        try (FileChannel lock = Files.exists(lockFile) ? FileChannel.open(lockFile, StandardOpenOption.WRITE) : null)
        {
            final FileLock held = lock == null ? null : lock.tryLock();
            if (lock != null && held == null)
            {
                System.err.println("error: " + directory + ": a running session holds " + lockFile +
                    "; stop it before repairing its journal");
                return 2;
            }
            final JournalRepair.Result result = JournalRepair.truncateAt(directory, cutAt);
            System.out.println(directory + ": repaired: kept " + result.keptRecords() + " records before index " +
                JournalFormats.index(result.cutAt()) + "; cut " + (result.cutRecords() + result.cutUnbelievable()) +
                " entries (" + result.cutUnbelievable() + " of them damaged or unreachable); the next input takes " +
                "sequence " + result.nextSequence() + " and client order ids continue from " +
                result.nextClOrdIdAtLeast() + " at the lowest; the original is kept at " + result.original());
            System.out.println("If the Postgres sink had written records at or after index " +
                JournalFormats.index(result.cutAt()) + ", it refuses the repaired journal under the same name (the " +
                "indexes are reused): give it a new sink.postgres.journalName; the old rows stay under the old one.");
            return 0;
        }
        catch (final JournalException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        catch (final IOException ex)
        {
            System.err.println("error: " + directory + ": " + ex.getMessage());
            return 2;
        }
    }
}
