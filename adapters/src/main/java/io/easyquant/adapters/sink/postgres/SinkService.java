package io.easyquant.adapters.sink.postgres;

import io.easyquant.journal.queue.Journal;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Postgres sink as a running service: the embedded server when no URL is configured, then a {@link PostgresSink}
 * on its own thread ({@code eq-postgres-sink}). Started after the engine, stopped after the engine has drained:
 * {@link #stop()} writes what is left (bounded by {@code stopTimeoutMs}), then stops the embedded server.
 */
public final class SinkService implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);
    /** Time a stopping sink may spend beyond its deadline to finish a statement in flight. */
    private static final long STOP_GRACE_MS = 5_000;
    private static final int IDLE_SLEEP_MS = 1;

    private final PostgresSink sink;
    private final AgentRunner runner;
    private final EmbeddedPostgresServer embedded;
    private final long stopTimeoutNs;
    private boolean stopped;

    private SinkService(
        final PostgresSink sink, final AgentRunner runner, final EmbeddedPostgresServer embedded,
        final long stopTimeoutNs)
    {
        this.sink = sink;
        this.runner = runner;
        this.embedded = embedded;
        this.stopTimeoutNs = stopTimeoutNs;
    }

    /**
     * Start the embedded server if the context has no URL, then the sink thread. The sink connects on its own
     * thread: a database that cannot be reached is reported in the log and in {@link #status()}, not thrown.
     *
     * @param embeddedDirectory where an embedded server keeps its data; its log goes beside it
     *                          ({@code <embeddedDirectory>.log}).
     * @param errors            receives unexpected errors of the sink thread.
     * @throws IOException if the embedded server does not start.
     */
    public static SinkService start(
        final PostgresSinkContext context, final Journal journal, final Path embeddedDirectory,
        final ErrorHandler errors) throws IOException
    {
        EmbeddedPostgresServer embedded = null;
        String url = context.url();
        if (url == null)
        {
            final Path directory = embeddedDirectory.toAbsolutePath().normalize();
            embedded = EmbeddedPostgresServer.start(directory, context.embeddedPort(),
                directory.resolveSibling(directory.getFileName() + ".log"));
            url = embedded.jdbcUrl();
            LOG.info("postgres sink: embedded PostgreSQL with its data in {}; connect with: {} (JDBC {})",
                directory, embedded.psqlCommand(), url);
        }
        final PostgresSink sink = new PostgresSink(context, journal, url, SystemNanoClock.INSTANCE);
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(IDLE_SLEEP_MS), errors, null, sink);
        AgentRunner.startOnThread(runner, task ->
        {
            final Thread thread = new Thread(task, "eq-" + sink.roleName());
            thread.setDaemon(true);
            return thread;
        });
        return new SinkService(sink, runner, embedded, context.stopTimeoutNs());
    }

    public SinkStatus status()
    {
        return sink.status();
    }

    public PostgresSink sink()
    {
        return sink;
    }

    /**
     * @return the embedded server, or null when the sink writes to a configured URL.
     */
    public EmbeddedPostgresServer embedded()
    {
        return embedded;
    }

    /**
     * Write what is left in the journal within the stop timeout, stop the sink thread, then the embedded server.
     *
     * @return true if the sink thread ended (whether or not it wrote everything: see {@link #status()}).
     */
    public boolean stop()
    {
        return stop(stopTimeoutNs);
    }

    /**
     * {@link #stop()} with another bound on the time spent writing.
     */
    public boolean stop(final long timeoutNs)
    {
        if (stopped)
        {
            return true;
        }
        stopped = true;
        sink.requestStop(timeoutNs);
        boolean ended = false;
        try
        {
            ended = sink.awaitClosed(TimeUnit.NANOSECONDS.toMillis(timeoutNs) + STOP_GRACE_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (ended)
        {
            runner.close();
        }
        else
        {
            // Closing the runner would interrupt a thread inside JDBC or Chronicle calls; it is a daemon, leave it.
            LOG.error("postgres sink: the sink thread did not stop within {} ms; leaving it",
                TimeUnit.NANOSECONDS.toMillis(timeoutNs) + STOP_GRACE_MS);
        }
        if (embedded != null)
        {
            embedded.close();
        }
        return ended;
    }

    @Override
    public void close()
    {
        stop();
    }
}
