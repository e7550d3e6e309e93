package io.easyquant.ops.cli;

import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.ops.config.ConfigException;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.runtime.ChaosCheck;
import io.easyquant.ops.runtime.EngineRunner;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code chaos-check --data DIR [--kills N]}: the invariants of crash recovery over a data directory that killed and
 * restarted {@code run} sessions wrote ({@link ChaosCheck}), as one line; used by {@code ops/chaos/kill9.sh}.
 */
@CommandLine.Command(name = "chaos-check", mixinStandardHelpOptions = true,
    description = {"Check a data directory after kill -9 and restarts: no client order id twice at the venue, " +
        "no fill applied twice, no journaled order lost, each recovered state equal to a full replay's. " +
        "Prints one line (kill9: PASS|FAIL ...)."},
    footer = {"", "Exit codes: 0 pass, 1 fail, 2 bad usage or no journal."})
public final class ChaosCheckCommand implements Callable<Integer>
{
    @CommandLine.Option(names = "--data", required = true, paramLabel = "DIR",
        description = "The sessions' data directory (holding journal/, venue/, recovery/).")
    private Path dataDir;

    @CommandLine.Option(names = "--kills", paramLabel = "N", defaultValue = "0",
        description = "How many kills the caller made, for the line.")
    private long kills;

    @Override
    public Integer call()
    {
        final Configuration config;
        try (Journal journal = Journal.openForReading(dataDir.resolve(EngineRunner.JOURNAL_DIRECTORY)))
        {
            config = new ConfigLoader().parseJournaled(journal.directory().toString(), journal.header().configText());
        }
        catch (final JournalException | ConfigException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        try
        {
            final ChaosCheck.Report report = ChaosCheck.check(config, dataDir);
            System.out.println(report.line(kills));
            if (report.firstMismatch() != null)
            {
                System.err.println(report.firstMismatch());
            }
            return report.passed() ? 0 : 1;
        }
        catch (final JournalException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
    }
}
