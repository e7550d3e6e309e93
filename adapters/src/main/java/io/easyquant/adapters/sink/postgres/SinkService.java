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
 * The Postgres sink as a running service: a {@link PostgresSink} on its own thread, which first starts the embedded
 * server when no URL is configured (on that thread: the caller is never held up, and a server that does not start is
 * reported and retried like an unreachable database). Started after the engine, stopped after the engine has
 * drained: {@link #stop()} writes what is left (bounded by {@code stopTimeoutMs}), then stops the embedded server.
 *
 * <p>If the JVM exits without {@link #stop()} being called, a shutdown hook gives an orderly stop elsewhere a moment
 * to begin, then stops the sink and the embedded server itself, so no server is left running.
 */
public final class SinkService implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);
    /** Time a stopping sink may spend beyond its deadline to finish a statement in flight. */
    private static final long STOP_GRACE_MS = 5_000;
    private static final int IDLE_SLEEP_MS = 1;
    /** How long the shutdown hook leaves an orderly stop (engine drain first) to begin before stopping the sink. */
    private static final long HOOK_WAIT_MS = 2_000;

    private final PostgresSink sink;
    private final AgentRunner runner;
    private final Embedded embedded;
    private final long stopTimeoutNs;
    private final Thread shutdownHook;
    private volatile boolean stopping;
    private boolean stopped;

    private SinkService(
        final PostgresSink sink, final AgentRunner runner, final Embedded embedded, final long stopTimeoutNs)
    {
        this.sink = sink;
        this.runner = runner;
        this.embedded = embedded;
        this.stopTimeoutNs = stopTimeoutNs;
        this.shutdownHook = new Thread(this::onShutdown, "eq-postgres-sink-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void onShutdown()
    {
        final long deadlineMs = System.currentTimeMillis() + HOOK_WAIT_MS;
        while (!stopping && System.currentTimeMillis() < deadlineMs)
        {
            try
            {
                Thread.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop();
    }

    /**
     * Start the sink thread; it connects (after starting the embedded server if the context has no URL) on its own.
     * A database that cannot be reached is reported in the log and in {@link #status()}, not thrown.
     *
     * @param embeddedDirectory where an embedded server keeps its data; its log goes beside it
     *                          ({@code <embeddedDirectory>.log}).
     * @param errors            receives unexpected errors of the sink thread.
     */
    public static SinkService start(
        final PostgresSinkContext context, final Journal journal, final Path embeddedDirectory,
        final ErrorHandler errors)
    {
        final Embedded embedded = context.url() == null ?
            new Embedded(embeddedDirectory.toAbsolutePath().normalize(), context.embeddedPort()) : null;
        final PostgresSink sink = embedded != null ?
            new PostgresSink(context, journal, embedded, SystemNanoClock.INSTANCE) :
            new PostgresSink(context, journal, context.url(), SystemNanoClock.INSTANCE);
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
     * @return the embedded server, or null when the sink writes to a configured URL or it has not started (yet).
     */
    public EmbeddedPostgresServer embedded()
    {
        return embedded == null ? null : embedded.server;
    }

    /**
     * Write what is left in the journal within the stop timeout, stop the sink thread, then the embedded server.
     *
     * @return true if the sink thread ended (whether or not it wrote everything: see {@link #status()}).
     */
    public synchronized boolean stop()
    {
        return stop(stopTimeoutNs);
    }

    /**
     * {@link #stop()} with another bound on the time spent writing.
     */
    public synchronized boolean stop(final long timeoutNs)
    {
        if (stopped)
        {
            return true;
        }
        stopping = true;
        stopped = true;
        if (Thread.currentThread() != shutdownHook)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
            catch (final IllegalStateException shuttingDown)
            {
                // The JVM is exiting: the hook runs, finds the service stopped and returns.
            }
        }
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

    /**
     * The embedded server, started on the sink thread when the sink first asks for its URL.
     */
    private static final class Embedded implements DatabaseLocator
    {
        private final Path directory;
        private final int port;
        private volatile EmbeddedPostgresServer server;

        Embedded(final Path directory, final int port)
        {
            this.directory = directory;
            this.port = port;
        }

        @Override
        public String jdbcUrl() throws IOException
        {
            EmbeddedPostgresServer started = server;
            if (started == null)
            {
                started = EmbeddedPostgresServer.start(directory, port,
                    directory.resolveSibling(directory.getFileName() + ".log"));
                server = started;
                LOG.info("postgres sink: embedded PostgreSQL with its data in {}; connect with: {} (JDBC {})",
                    directory, started.psqlCommand(), started.jdbcUrl());
            }
            return started.jdbcUrl();
        }

        void close()
        {
            final EmbeddedPostgresServer started = server;
            if (started != null)
            {
                try
                {
                    started.close();
                }
                catch (final IllegalStateException ex)
                {
                    LOG.error("postgres sink: {}", ex.getMessage());
                }
            }
        }
    }
}
