package io.easyquant.ops.cli;

import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalDamageException;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.ops.config.ConfigException;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.replay.DiffReport;
import io.easyquant.ops.replay.DiffResult;
import io.easyquant.ops.replay.Replayer;
import io.easyquant.ops.replay.VerifyResult;
import io.easyquant.ops.replay.WhatIf;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code easyquant replay --journal DIR (--verify [--config FILE] | --diff --config FILE [--out FILE])}.
 *
 * <p>{@code --verify} feeds a journal's inputs through the pipeline and compares every output with the journaled
 * one: prints the counts, then {@code identical} (exit 0) or the first divergence (exit 1). See {@link Replayer}.
 *
 * <p>{@code --diff} is a what-if ({@link WhatIf}): the journal's market data (trades, quotes, bars, in journal order;
 * from the journal its header names as its source, if any) run twice in simulated time with the paper venue
 * answering, once with the journal's own configuration and once with {@code --config}, so that the difference is the
 * configuration's alone. Prints the orders added, removed and changed, the risk rejections added and removed, and
 * position and PnL per instrument for both runs; {@code --out} also writes them as JSON ({@link DiffReport}). Exits
 * 0 whatever the differences.
 *
 * <p>Bad usage, a missing or unreadable journal, a bad configuration or an unwritable output file: one
 * {@code error: ...} line, exit 2.
 */
@CommandLine.Command(name = "replay",
    description = {
        "Replay a journal: verify its outputs (--verify), or compare it with a changed configuration (--diff).",
        "",
        "--verify feeds every journaled input (market data, venue reports, commands, timer ticks) through the " +
            "pipeline with the journal's configuration (or --config) and compares every output with the journaled " +
            "one. Exit 0 if identical, 1 at the first divergence.",
        "",
        "--diff is a what-if: the journal's market data only (trades, quotes, bars, in journal order; from the " +
            "journal's source journal if its header names one) runs twice in simulated time with the paper venue " +
            "answering: the baseline with the journal's own configuration, the what-if with --config. Decisions " +
            "are matched by decision point (market events run so far, instrument). Prints orders added, removed " +
            "and changed, risk rejections added and removed, and final position, realized, unrealized, fees and " +
            "net PnL per instrument (baseline, what-if, difference); --out FILE also writes them as JSON. Exit 0 " +
            "whatever the differences.",
        ""},
    footer = {"", "Exit codes: 0 identical or diff done, 1 divergence, 2 bad usage, journal or configuration."})
public final class ReplayCommand implements Callable<Integer>
{
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @CommandLine.Option(names = "--journal", required = true, paramLabel = "DIR", description = "The journal.")
    private Path journalDirectory;

    @CommandLine.Option(names = "--config", paramLabel = "FILE",
        description = "--verify: replay with this configuration instead of the journal's own. " +
            "--diff (required): the what-if configuration.")
    private Path configFile;

    @CommandLine.Option(names = "--out", paramLabel = "FILE",
        description = "--diff: also write the differences as JSON to this file.")
    private Path outFile;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    private Mode mode;

    /**
     * What the replay does: exactly one of these.
     */
    static final class Mode
    {
        @CommandLine.Option(names = "--verify", required = true,
            description = "Compare every output with the journaled one; exit 1 at the first divergence.")
        boolean verify;

        @CommandLine.Option(names = "--diff", required = true,
            description = "What-if: compare the journal's configuration with --config over its market data.")
        boolean diff;
    }

    @Override
    public Integer call()
    {
        if (mode.diff && configFile == null)
        {
            System.err.println("error: --diff needs --config FILE, the what-if configuration");
            return 2;
        }
        if (mode.verify && outFile != null)
        {
            System.err.println("error: --out goes with --diff; --verify prints its result");
            return 2;
        }
        try (Journal journal = Journal.openForReading(journalDirectory))
        {
            return mode.diff ? diff(journal) : verify(journal);
        }
        catch (final JournalException | ConfigException | JournalDamageException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
    }

    private int verify(final Journal journal) throws ConfigException, JournalException
    {
        final Configuration config = configFile != null ? new ConfigLoader().load(configFile) : journaled(journal);
        final long startNs = System.nanoTime();
        final VerifyResult result = new Replayer(config).verify(journal);
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        System.out.printf("events replayed: %d%n", result.eventsReplayed());
        System.out.printf("outputs compared: %d%n", result.outputsCompared());
        System.out.printf("time: %.2f s (%.0f events/s)%n",
            seconds, result.eventsReplayed() / Math.max(seconds, 1e-9));
        if (result.sessionStarts() > 0)
        {
            System.out.printf("session starts: %d%n", result.sessionStarts());
            System.out.printf("outputs lost in crashes: %d%n", result.crashLost());
        }
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

    private int diff(final Journal journal) throws ConfigException, JournalException
    {
        final Configuration baseline = journaled(journal);
        final Configuration whatIf = new ConfigLoader().load(configFile);
        final String source = journal.header().sourceJournal();
        final long startNs = System.nanoTime();
        final DiffResult result;
        final Path marketDirectory;
        if (source.isEmpty())
        {
            marketDirectory = journalDirectory;
            result = new WhatIf(baseline, whatIf).run(journal);
        }
        else
        {
            marketDirectory = Path.of(source);
            try (Journal market = openSource(marketDirectory))
            {
                result = new WhatIf(baseline, whatIf).run(market);
            }
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        final DiffReport report = new DiffReport(journalDirectory.toString(), marketDirectory.toString(),
            baseline.file(), whatIf.file(), result);
        System.out.print(report.summary());
        System.out.printf("time: %.2f s (%.0f market events/s)%n",
            seconds, result.marketEvents() / Math.max(seconds, 1e-9));
        if (outFile != null)
        {
            try
            {
                Files.writeString(outFile, report.json());
            }
            catch (final IOException ex)
            {
                System.err.println("error: " + outFile + ": cannot write the JSON report: " + reason(ex));
                return 2;
            }
            System.out.println("wrote " + outFile);
        }
        return 0;
    }

    private static String reason(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such directory";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        return ex.getMessage();
    }

    private Journal openSource(final Path source) throws JournalException
    {
        try
        {
            return Journal.openForReading(source);
        }
        catch (final JournalException ex)
        {
            throw new JournalException(journalDirectory + ": its market data is in the journal " + source +
                ", which cannot be read: " + ex.getMessage(), ex);
        }
    }

    private Configuration journaled(final Journal journal) throws ConfigException
    {
        return new ConfigLoader().parseJournaled(journalDirectory.toString(), journal.header().configText());
    }
}
