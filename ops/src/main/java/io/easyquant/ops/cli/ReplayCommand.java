package io.easyquant.ops.cli;

import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.ops.config.ConfigException;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.replay.Replayer;
import io.easyquant.ops.replay.VerifyResult;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code easyquant replay --journal DIR --verify [--config FILE]}: feeds a journal's inputs through the pipeline and
 * compares every output with the journaled one: prints the counts, then {@code identical} (exit 0) or the first
 * divergence (exit 1).
 */
@CommandLine.Command(name = "replay", description = "Replay a journal through the pipeline and verify its outputs.")
public final class ReplayCommand implements Callable<Integer>
{
    @CommandLine.Option(names = "--journal", required = true, paramLabel = "DIR", description = "The journal.")
    private Path journalDirectory;

    @CommandLine.Option(names = "--config", paramLabel = "FILE",
        description = "Replay with this configuration instead of the journal's own.")
    private Path configFile;

    @CommandLine.Option(names = "--verify", required = true,
        description = "Compare every output with the journaled one; exit 1 at the first divergence.")
    private boolean verify;

    @Override
    public Integer call()
    {
        try (Journal journal = Journal.openForReading(journalDirectory))
        {
            final Configuration config = configFile != null ?
                new ConfigLoader().load(configFile) :
                new ConfigLoader().parseJournaled(journalDirectory.toString(), journal.header().configText());
            final long startNs = System.nanoTime();
            final VerifyResult result = new Replayer(config).verify(journal);
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            System.out.printf("events replayed: %d%n", result.eventsReplayed());
            System.out.printf("outputs compared: %d%n", result.outputsCompared());
            System.out.printf("time: %.2f s (%.0f events/s)%n",
                seconds, result.eventsReplayed() / Math.max(seconds, 1e-9));
            if (result.identical())
            {
                System.out.println("identical");
                return 0;
            }
            final VerifyResult.Divergence divergence = result.divergence();
            System.out.println("first divergence at journal index " +
                (divergence.journalIndex() < 0 ? "(end)" : Long.toHexString(divergence.journalIndex())) + ":");
            System.out.println("  expected: " + divergence.expected());
            System.out.println("  actual:   " + divergence.actual());
            return 1;
        }
        catch (final JournalException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        catch (final ConfigException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
    }
}
