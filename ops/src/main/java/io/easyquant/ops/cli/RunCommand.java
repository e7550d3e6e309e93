package io.easyquant.ops.cli;

import io.easyquant.journal.queue.JournalDamageException;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.ops.config.ConfigException;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.runtime.EngineRunner;
import io.easyquant.ops.runtime.Recovery;
import io.easyquant.ops.runtime.StatusReport;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;

/**
 * {@code easyquant run --config FILE [--duration 30s]}: runs the engine until SIGTERM or SIGINT (or for the duration),
 * logging a status line every few seconds. On stop it halts the feeds, drains the ring, prints a summary and exits 0.
 */
@CommandLine.Command(name = "run", description = "Run the engine as a daemon (until SIGTERM/SIGINT or --duration).")
public final class RunCommand implements Callable<Integer>
{
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    private static final long SIGNAL_STOP_TIMEOUT_S = 30;
    /** Longer than any run; keeps deadline arithmetic clear of overflow. */
    private static final long MAX_RUN_NS = TimeUnit.DAYS.toNanos(365L * 100);

    @CommandLine.Option(
        names = "--config", required = true, paramLabel = "FILE", description = "The YAML configuration.")
    private Path configFile;

    @CommandLine.Option(names = "--duration", paramLabel = "DURATION", converter = Durations.class,
        description = "Stop after this long, e.g. 30s, 5m (default: run until signalled).")
    private Long durationNs;

    @Override
    public Integer call() throws Exception
    {
        final Configuration config;
        try
        {
            config = new ConfigLoader().load(configFile);
        }
        catch (final ConfigException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }

        // Installed before the journal and the state maps open, so a signal while they open is answered too: the
        // session is closed again before it started, and the process exits 0.
        final SignalStop signal = new SignalStop("eq-shutdown", SIGNAL_STOP_TIMEOUT_S, "the engine");
        final EngineRunner runner;
        try
        {
            runner = new EngineRunner(config, new SystemEpochNanoClock());
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            System.err.println("error: " + config.file() + ": " + ex.getMessage());
            return notStarted(signal, 2);
        }
        catch (final JournalException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return notStarted(signal, 2);
        }
        catch (final JournalDamageException ex)
        {
            System.err.println("error: refusing to trade: " + ex.getMessage());
            return notStarted(signal, 2);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("the session could not be built", ex);
            return notStarted(signal, 1);
        }
        if (signal.signalled())
        {
            LOG.info("stopping (signal): before the session started; nothing was traded");
            runner.closeUnstarted();
            return signal.finished(0);
        }

        final long startNs = System.nanoTime();
        try
        {
            runner.start();
        }
        catch (final JournalDamageException | Recovery.DivergenceException ex)
        {
            System.err.println("error: refusing to trade: " + ex.getMessage());
            return notStarted(signal, 2);
        }
        catch (final IllegalStateException ex)
        {
            System.err.println("error: " + config.file() + ": " + ex.getMessage());
            return notStarted(signal, 1);
        }
        LOG.info("{} running: {} instruments, {} feed(s), strategy {}, journal in {}, admin {}", config.name(),
            config.instruments().count(), config.feeds().size(), config.strategyDescription(),
            runner.journal().directory(), runner.admin() == null ? "off" : runner.admin().url());

        final long statusIntervalNs = TimeUnit.SECONDS.toNanos(config.statusIntervalSeconds());
        final long deadlineNs = startNs + (durationNs == null ? MAX_RUN_NS : Math.min(durationNs, MAX_RUN_NS));
        long nextStatusNs = startNs + statusIntervalNs;
        while (true)
        {
            final long nowNs = System.nanoTime();
            final long waitNs = Math.min(nextStatusNs, deadlineNs) - nowNs;
            if (waitNs > 0 && signal.awaitStop(waitNs, TimeUnit.NANOSECONDS))
            {
                break;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                break;
            }
            if (System.nanoTime() - nextStatusNs >= 0)
            {
                LOG.info("status {}{}", StatusReport.line(runner.engine().counters(), config.instruments()),
                    StatusReport.sink(runner.sinkStatusLine()));
                nextStatusNs += statusIntervalNs;
            }
        }

        LOG.info("stopping ({}): halting feeds, draining the ring{}", signal.signalled() ? "signal" :
            "duration elapsed", runner.sink() != null ? ", then the postgres sink" : "");
        final boolean drained = runner.stop();
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        System.out.print(StatusReport.summary(runner.engine().counters(), config.instruments(), seconds));
        System.out.print(StatusReport.feeds(runner.feeds()));
        System.out.print(StatusReport.sinkSummary(runner.sink() == null ? null : runner.sink().status(),
            runner.sinkStatusLine()));
        System.out.flush();
        if (runner.engine().errors().total() > 0)
        {
            LOG.warn("{} error(s) were recorded during the session; see the log above",
                runner.engine().errors().total());
        }
        return signal.finished(drained ? 0 : 1);
    }

    /**
     * The session did not start: without a signal, the hook is removed and the command fails with {@code exitCode};
     * with one, the hook ends the process with it.
     */
    private static int notStarted(final SignalStop signal, final int exitCode)
    {
        if (signal.signalled())
        {
            return signal.finished(exitCode);
        }
        signal.cancel();
        return exitCode;
    }
}
