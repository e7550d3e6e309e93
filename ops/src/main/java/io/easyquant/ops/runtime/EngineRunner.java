package io.easyquant.ops.runtime;

import io.easyquant.admin.AdminServer;
import io.easyquant.admin.AdminSources;
import io.easyquant.admin.ReadinessCheck;
import io.easyquant.adapters.feed.csv.CsvFeed;
import io.easyquant.adapters.feed.synthetic.SyntheticFeed;
import io.easyquant.adapters.sink.postgres.SinkService;
import io.easyquant.adapters.venue.paper.PaperVenue;
import io.easyquant.engine.Engine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.metrics.MonitoredAgent;
import io.easyquant.engine.time.TimerAgent;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.ops.admin.SinkPorts;
import io.easyquant.ops.cli.BuildInfo;
import io.easyquant.ops.config.Configuration;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One engine session from a {@link Configuration}: the engine, its feeds, the timer, all on their own threads, the
 * admin server when configured, and the Postgres sink tailing the journal on its own. Start, then {@link #stop()}: the
 * admin server stops first (no command arrives during shutdown), then the producers, then the ring drains, so nothing
 * published is lost, then the sink writes what is left (bounded). Every input and decision is journaled under the
 * data directory ({@link #JOURNAL_DIRECTORY}).
 *
 * <p>The sink is a side path: when its database cannot be reached, or its embedded server does not start, the error
 * is logged and shown in {@link #sinkStatusLine()}, and trading goes on.
 */
public final class EngineRunner
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineRunner.class);
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    /** The journal's directory under the data directory. */
    public static final String JOURNAL_DIRECTORY = "journal";
    /** Below this much free space on the journal's disk the session reports itself not ready. */
    public static final long MIN_FREE_DISK_BYTES = 256L * 1024 * 1024;

    private final Configuration config;
    private final Journal journal;
    private final Engine engine;
    private final List<Agent> feeds = new ArrayList<>();
    private final List<AgentRunner> runners = new ArrayList<>();
    private final TimerAgent timer;
    private final List<MonitoredAgent> agents = new ArrayList<>();
    private final ErrorHandler agentErrors;
    private volatile SinkService sink;
    private String sinkProblem;
    private final AdminServer admin;

    /**
     * Build the session. Opens the feeds' files, so a missing input file fails here, before anything starts.
     *
     * @throws IOException naming the file that could not be opened.
     */
    public EngineRunner(final Configuration config, final EpochNanoClock clock) throws IOException, JournalException
    {
        this.config = config;
        journal = Journal.openForWriting(config.dataDir().resolve(JOURNAL_DIRECTORY),
            JournalHeader.of(JournalKinds.LIVE, BuildInfo.version(), config.text(), ""), config.journal());
        final EngineContext context = new EngineContext(config.instruments(), config.pipeline(), config.features(),
            config.strategy().get(), config.riskLimits(), config.execution(), clock, 1, journal::newWriter,
            journal::newWriter);
        engine = new Engine(context, reports -> new PaperVenue(config.venue(), config.instruments(), reports));
        agentErrors = error -> engine.errors().record("agent", error);
        for (final Configuration.Feed feed : config.feeds())
        {
            if (feed instanceof Configuration.SyntheticFeedConfig)
            {
                feeds.add(new SyntheticFeed(
                    ((Configuration.SyntheticFeedConfig)feed).context(), engine.newMarketDataPublisher(), clock));
            }
            else
            {
                final Configuration.CsvFeedConfig csv = (Configuration.CsvFeedConfig)feed;
                feeds.add(new CsvFeed(csv.context(), engine.newMarketDataPublisher(),
                    CsvFeed.logWarnings(LOG, csv.context().path(), 100), clock));
            }
        }
        timer = new TimerAgent(
            engine.newPublisher(), clock, Configuration.TIMER_SOURCE_ID, 1, config.timerIntervalNs());
        agents.add(new MonitoredAgent(timer));
        for (final Agent feed : feeds)
        {
            agents.add(new MonitoredAgent(feed));
        }
        admin = config.admin() == null ? null : new AdminServer(config.admin(), engine, adminSources());
    }

    private AdminSources adminSources()
    {
        final AdminSources.Builder sources = AdminSources.builder(config.name()).journal(journal);
        if (config.sink() != null)
        {
            SinkPorts.attach(sources, config.sink(), this::sink);
        }
        for (final MonitoredAgent agent : agents)
        {
            sources.agent(agent);
        }
        final Path journalDirectory = journal.directory();
        sources.check(ReadinessCheck.of("journal-disk", () ->
        {
            if (!Files.isWritable(journalDirectory))
            {
                return journalDirectory + " is not writable";
            }
            try
            {
                final long free = Files.getFileStore(journalDirectory).getUsableSpace();
                return free >= MIN_FREE_DISK_BYTES ? null : "only " + free / (1024 * 1024) + " MiB free for " +
                    journalDirectory + " (at least " + MIN_FREE_DISK_BYTES / (1024 * 1024) + " MiB needed)";
            }
            catch (final IOException ex)
            {
                return "cannot read the free space of " + journalDirectory + ": " + ex.getMessage();
            }
        }));
        return sources.build();
    }

    public Engine engine()
    {
        return engine;
    }

    public Configuration config()
    {
        return config;
    }

    public Journal journal()
    {
        return journal;
    }

    public List<Agent> feeds()
    {
        return feeds;
    }

    /**
     * @return the admin server, or null when none is configured.
     */
    public AdminServer admin()
    {
        return admin;
    }

    /**
     * Start the pipeline, then the admin server, then the timer and feeds, then the Postgres sink (which starts its
     * embedded server on its own thread, while trading already runs).
     *
     * @throws IllegalStateException if the admin server cannot listen; the pipeline is stopped again and nothing
     *                               was traded.
     */
    public void start() throws IOException
    {
        Files.createDirectories(config.dataDir());
        engine.start();
        if (admin != null)
        {
            try
            {
                admin.start();
            }
            catch (final IllegalStateException ex)
            {
                engine.stop(DRAIN_TIMEOUT_NS);
                journal.close();
                throw ex;
            }
        }
        runners.add(start(agents.get(0), new SleepingMillisIdleStrategy(1)));
        for (int i = 1; i < agents.size(); i++)
        {
            runners.add(start(agents.get(i), new BackoffIdleStrategy(10, 20, 1_000, 200_000)));
        }
        if (config.sink() != null)
        {
            try
            {
                sink = SinkService.start(config.sink(), journal,
                    config.dataDir().resolve(Configuration.EMBEDDED_POSTGRES_DIRECTORY), agentErrors);
            }
            catch (final RuntimeException ex)
            {
                sinkProblem = "not running: " + ex.getMessage();
                LOG.error("postgres sink: {}; trading continues without it", ex.getMessage());
            }
        }
    }

    /**
     * @return the running sink, or null (disabled, or it did not start).
     */
    public SinkService sink()
    {
        return sink;
    }

    /**
     * @return the sink's state for a status line ({@code ok lag=0/0.0s rows=1234}), or null when it is disabled.
     */
    public String sinkStatusLine()
    {
        if (sink != null)
        {
            return sink.status().line();
        }
        return sinkProblem;
    }

    private AgentRunner start(final Agent agent, final org.agrona.concurrent.IdleStrategy idle)
    {
        final AgentRunner runner = new AgentRunner(idle, agentErrors, null, agent);
        final Thread thread = new Thread(runner, "eq-" + agent.roleName());
        thread.setDaemon(true);
        thread.start();
        return runner;
    }

    /**
     * Stop the admin server, the feeds and the timer, drain the ring, stop the pipeline, let the sink write what is
     * left.
     *
     * @return true if every published event was processed.
     */
    public boolean stop()
    {
        if (admin != null)
        {
            admin.close();
        }
        for (final AgentRunner runner : runners)
        {
            CloseHelper.quietClose(runner);
        }
        runners.clear();
        final boolean drained = engine.stop(DRAIN_TIMEOUT_NS);
        if (!drained)
        {
            LOG.error("the ring did not drain within {} s; events were left unprocessed",
                TimeUnit.NANOSECONDS.toSeconds(DRAIN_TIMEOUT_NS));
        }
        if (sink != null)
        {
            sink.stop();
        }
        journal.close();
        return drained;
    }
}
