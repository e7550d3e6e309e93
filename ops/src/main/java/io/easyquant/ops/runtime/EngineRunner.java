package io.easyquant.ops.runtime;

import io.easyquant.admin.AdminServer;
import io.easyquant.admin.AdminSources;
import io.easyquant.admin.ReadinessCheck;
import io.easyquant.adapters.feed.csv.CsvFeed;
import io.easyquant.adapters.feed.live.BinanceFeed;
import io.easyquant.adapters.feed.live.CoinbaseFeed;
import io.easyquant.adapters.feed.live.LiveFeed;
import io.easyquant.adapters.feed.synthetic.SyntheticFeed;
import io.easyquant.adapters.sink.postgres.SinkService;
import io.easyquant.adapters.venue.paper.PaperVenue;
import io.easyquant.adapters.venue.paper.PaperVenueJournal;
import io.easyquant.engine.Engine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.metrics.MonitoredAgent;
import io.easyquant.engine.state.StateLayout;
import io.easyquant.engine.state.StateMismatch;
import io.easyquant.engine.state.StateRecorders;
import io.easyquant.engine.state.StateStore;
import io.easyquant.engine.time.TimerAgent;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.journal.queue.JournalSpace;
import io.easyquant.ops.admin.LocalOperatorToken;
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
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One engine session from a {@link Configuration}: the engine, its feeds, the timer, all on their own threads, the
 * admin server when configured, and the Postgres sink tailing the journal on its own. Start, then {@link #stop()}: the
 * admin server stops first (no command arrives during shutdown), then the producers, then the ring drains, so nothing
 * published is lost, then the sink writes what is left (bounded). Every input and decision is journaled under the
 * data directory ({@link #JOURNAL_DIRECTORY}). The stages mirror their live state into the off-heap maps of a
 * {@link StateStore} under the data directory, opened with recovery, checked against the stages' state at start and
 * rebuilt where they disagree (the journal wins), closed on stop.
 *
 * <h2>Recovery</h2>
 * Every start recovers first ({@link Recovery}): the pipeline starts with its journal writers and its venue shut
 * ({@link RecoveryGate}), every input of the journal is replayed through it, then the gate opens, the sequence
 * continues after the last journaled input, the recovered state is written to
 * {@code <dataDir>/recovery/state-<next sequence>.txt} ({@link EngineState}), and a
 * {@link AdminCommandType#SESSION_START SESSION_START} command (origin ENGINE) is the session's first input: the
 * execution stage then asks the venue to reconcile, and re-sends the cancels if the engine is HALTED. Only then do the
 * admin server, the timer and the feeds start. So a kill -9 at any moment followed by {@code run} continues with the
 * state a full replay gives, never reuses a client order id, and applies no fill twice (exec ids are deduplicated at
 * ingest, the filter rebuilt by the same replay). The paper venue keeps its own log under {@code <dataDir>/venue}
 * ({@link PaperVenueJournal}) and rebuilds its book from it.
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
    /** The paper venue's own log under the data directory. */
    public static final String VENUE_DIRECTORY = "venue";
    /** Where each recovery writes the state it restored. */
    public static final String RECOVERY_DIRECTORY = "recovery";
    /** Held (an OS file lock) by the one session using the data directory; the OS frees it when the process dies. */
    public static final String LOCK_FILE = "run.lock";

    private final Configuration config;
    private final Journal journal;
    private final Engine engine;
    private final List<Agent> feeds = new ArrayList<>();
    private final List<LiveFeed> liveFeeds = new ArrayList<>();
    private final List<AgentRunner> runners = new ArrayList<>();
    private final TimerAgent timer;
    private final List<MonitoredAgent> agents = new ArrayList<>();
    private final ErrorHandler agentErrors;
    private volatile SinkService sink;
    private String sinkProblem;
    private final AdminServer admin;
    private final LocalOperatorToken localToken;
    private final MonitoredAgent lowDisk;
    private final LowDiskGuard lowDiskGuard;
    private final RecoveryGate gate = new RecoveryGate();
    private final ReplayedOutputCheck outputCheck;
    private final PaperVenueJournal venueLog;
    private final FileChannel lockChannel;
    private Recovery.Result recovery;
    private final StateStore state;
    private List<StateMismatch> stateMismatches = List.of();

    /**
     * Build the session. Opens the feeds' files, so a missing input file fails here, before anything starts.
     *
     * @throws IOException naming the file that could not be opened.
     */
    public EngineRunner(final Configuration config, final EpochNanoClock clock) throws IOException, JournalException
    {
        this.config = config;
        lockChannel = lockDataDirectory(config.dataDir());
        // What is open so far, closed in reverse order when a later step fails.
        final List<AutoCloseable> opened = new ArrayList<>();
        opened.add(lockChannel);
        try
        {
            journal = Journal.openForWriting(config.dataDir().resolve(JOURNAL_DIRECTORY),
                JournalHeader.of(JournalKinds.LIVE, BuildInfo.version(), config.text(), ""), config.journal());
            opened.add(journal);
            outputCheck = new ReplayedOutputCheck(journal);
            opened.add(outputCheck::close);
            venueLog = PaperVenueJournal.open(config.dataDir().resolve(VENUE_DIRECTORY),
                JournalHeader.of(PaperVenueJournal.KIND, BuildInfo.version(), config.text(), ""), config.journal(),
                config.venue().sourceId());
            opened.add(venueLog);
            state = openState(config);
            opened.add(state);
            final EngineContext context = new EngineContext(config.instruments(), config.pipeline(), config.features(),
                config.strategy().get(), config.riskLimits(), config.execution(), clock, 1,
                () -> gate.sink(journal.newWriter()), () -> gate.outputs(journal.newWriter(), outputCheck));
            engine = new Engine(context,
                reports -> gate.venue(new PaperVenue(config.venue(), config.instruments(), reports, venueLog)),
                gate.state(StateRecorders.of(state)));
            agentErrors = error -> engine.errors().record("agent", error);
            for (final Configuration.Feed feed : config.feeds())
            {
                if (feed instanceof Configuration.SyntheticFeedConfig)
                {
                    feeds.add(new SyntheticFeed(
                        ((Configuration.SyntheticFeedConfig)feed).context(), engine.newMarketDataPublisher(), clock));
                }
                else if (feed instanceof Configuration.LiveFeedConfig)
                {
                    final LiveFeed live = liveFeed((Configuration.LiveFeedConfig)feed, clock);
                    feeds.add(live);
                    liveFeeds.add(live);
                }
                else
                {
                    final Configuration.CsvFeedConfig csv = (Configuration.CsvFeedConfig)feed;
                    feeds.add(new CsvFeed(csv.context(), engine.newMarketDataPublisher(),
                        CsvFeed.logWarnings(LOG, csv.context().path(), 100), clock));
                }
                final Agent added = feeds.get(feeds.size() - 1);
                opened.add(added::onClose);
            }
            timer = new TimerAgent(
                engine.newPublisher(), clock, Configuration.TIMER_SOURCE_ID, 1, config.timerIntervalNs());
            agents.add(new MonitoredAgent(timer));
            for (final Agent feed : feeds)
            {
                agents.add(new MonitoredAgent(feed));
            }
            lowDiskGuard = config.minFreeDiskBytes() <= 0 ? null :
                lowDiskGuard(config, journal, venueLog, engine, clock);
            lowDisk = lowDiskGuard == null ? null : new MonitoredAgent(lowDiskGuard);
            localToken = config.admin() == null ? null : LocalOperatorToken.forSession(config.admin(),
                config.dataDir());
            admin = localToken == null ? null : new AdminServer(localToken.context(), engine, adminSources());
        }
        catch (final Exception ex)
        {
            for (int i = opened.size() - 1; i >= 0; i--)
            {
                CloseHelper.quietClose(opened.get(i));
            }
            throw ex;
        }
    }

    /**
     * Open the state maps with recovery, which writes to them: on a full disk that fails with an error naming them.
     */
    private static StateStore openState(final Configuration config) throws IOException
    {
        try
        {
            return StateStore.open(config.dataDir(),
                new StateLayout(config.instruments().count(), config.execution().maxWorkingOrders()));
        }
        catch (final IOException ex)
        {
            throw new IOException(config.dataDir().resolve(StateStore.DIRECTORY) + ": cannot open the state maps: " +
                ex.getMessage() + (isFull(config.dataDir()) ? " (the disk is full: free space under " +
                config.dataDir() + " and run again; the journal is intact)" : ""), ex);
        }
    }

    private static boolean isFull(final Path directory)
    {
        try
        {
            return Files.getFileStore(directory).getUsableSpace() < LowDiskGuard.MIN_RESERVE_BYTES;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static LowDiskGuard lowDiskGuard(
        final Configuration config,
        final Journal journal,
        final PaperVenueJournal venueLog,
        final Engine engine,
        final EpochNanoClock clock)
    {
        final List<LowDiskGuard.Reserve> reserves = new ArrayList<>();
        if (JournalSpace.canReserve())
        {
            reserves.add(LowDiskGuard.Reserve.of(journal.space()));
            reserves.add(LowDiskGuard.Reserve.of(venueLog.space()));
        }
        else
        {
            LOG.warn("no fallocate on this platform: no disk reserve ahead of the journals, only the low-disk " +
                "threshold ({} MB) protects them", config.minFreeDiskBytes() / (1024 * 1024));
        }
        return new LowDiskGuard(journal.directory(), config.minFreeDiskBytes(), reserves, engine.marketDataHold(),
            engine.newPublisher(), Configuration.ADMIN_SOURCE_ID, clock,
            dir -> Files.getFileStore(dir).getUsableSpace());
    }

    /**
     * Close a session that was built but never started (a stop signal came while it was being built): the feeds'
     * files, the state maps, the venue log, the journal and the lock, in reverse order of opening. Nothing ran, so
     * nothing was written.
     */
    public void closeUnstarted()
    {
        for (final Agent feed : feeds)
        {
            CloseHelper.quietClose(feed::onClose);
        }
        state.close();
        venueLog.close();
        journal.close();
        CloseHelper.quietClose(lockChannel);
    }

    /**
     * A live venue feed, after checking the venue's instrument rules against the configuration when asked to.
     *
     * @throws IllegalArgumentException naming the feed, the instrument and both values when a rule disagrees, or
     *                                  saying why the venue's rules could not be read.
     */
    private LiveFeed liveFeed(final Configuration.LiveFeedConfig feed, final EpochNanoClock clock)
    {
        final int index = feed.context().sourceId() - Configuration.FIRST_FEED_SOURCE_ID;
        final LiveFeed live = "binance".equals(feed.venue()) ?
            new BinanceFeed(feed.context(), engine.newMarketDataPublisher(), clock) :
            new CoinbaseFeed(feed.context(), engine.newMarketDataPublisher(), clock);
        if (feed.context().checkInstrumentRules())
        {
            try
            {
                live.checkInstrumentRules();
            }
            catch (final IllegalStateException ex)
            {
                live.onClose();
                throw new IllegalArgumentException("feeds[" + index + "] (" + feed.venue() + "): " +
                    ex.getMessage(), ex);
            }
        }
        return live;
    }

    /**
     * @return the live venue feeds (their counters and book states), empty without one.
     */
    public List<LiveFeed> liveFeeds()
    {
        return liveFeeds;
    }

    /**
     * Undo a start that failed (recovery, or the admin server could not listen): stop the pipeline, and close the
     * state maps only if it drained (a stage still running may write them), then the venue log, journal and lock.
     */
    private void closeAfterFailedStart()
    {
        for (final Agent feed : feeds)
        {
            CloseHelper.quietClose(feed::onClose);
        }
        if (engine.stop(DRAIN_TIMEOUT_NS))
        {
            state.close();
        }
        else
        {
            LOG.error("state: the maps stay mapped until the process exits, as the pipeline may still write them");
        }
        outputCheck.close();
        venueLog.close();
        journal.close();
        CloseHelper.quietClose(lockChannel);
    }

    /**
     * Take the data directory's lock, so that two sessions never append to one journal.
     *
     * @throws IOException if another process holds it (naming the directory) or it cannot be taken.
     */
    private static FileChannel lockDataDirectory(final Path dataDir) throws IOException
    {
        Files.createDirectories(dataDir);
        final FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try
        {
            lock = channel.tryLock();
        }
        catch (final OverlappingFileLockException heldByThisProcess)
        {
            lock = null;
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
        if (lock == null)
        {
            channel.close();
            throw new IOException(dataDir + " is in use by another running session (" + LOCK_FILE + " is locked)");
        }
        return channel;
    }

    private AdminSources adminSources()
    {
        final AdminSources.Builder sources = AdminSources.builder(config.name()).journal(journal)
            .version(BuildInfo.version());
        if (config.sink() != null)
        {
            SinkPorts.attach(sources, config.sink(), this::sink);
        }
        for (final MonitoredAgent agent : agents)
        {
            sources.agent(agent);
        }
        for (final LiveFeed feed : liveFeeds)
        {
            sources.feed(feed);
        }
        if (lowDisk != null)
        {
            sources.agent(lowDisk);
        }
        final Path journalDirectory = journal.directory();
        final long minFreeBytes = config.minFreeDiskBytes();
        sources.check(ReadinessCheck.of("journal-disk", () ->
        {
            if (!Files.isWritable(journalDirectory))
            {
                return journalDirectory + " is not writable";
            }
            if (journal.space().refusing())
            {
                return journalDirectory + ": the disk is full and the journal's reserve is spent: appends are refused";
            }
            if (engine.marketDataHold().isHeld())
            {
                return "low disk under " + journalDirectory + ": market data is dropped, not journaled";
            }
            try
            {
                final long free = Files.getFileStore(journalDirectory).getUsableSpace();
                return free >= minFreeBytes ? null : "only " + free / (1024 * 1024) + " MiB free for " +
                    journalDirectory + " (at least " + minFreeBytes / (1024 * 1024) + " MiB needed, " +
                    "risk.kill.minFreeDiskMb)";
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
        try
        {
            Files.createDirectories(config.dataDir());
            if (lowDiskGuard != null)
            {
                // The reserves before the first append of this session (the session start, the cancels of a halt).
                lowDiskGuard.checkReserves();
            }
            engine.start();
            recover();
            if (admin != null)
            {
                admin.start();
                localToken.publish(admin.url());
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(admin);
            closeAfterFailedStart();
            throw ex;
        }
        runners.add(start(agents.get(0), new SleepingMillisIdleStrategy(1)));
        for (int i = 1; i < agents.size(); i++)
        {
            runners.add(start(agents.get(i), new BackoffIdleStrategy(10, 20, 1_000, 200_000)));
        }
        if (lowDisk != null)
        {
            runners.add(start(lowDisk, new SleepingMillisIdleStrategy(100)));
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
     * Replay the journal with the gate shut, open it, continue the sequence, write the recovered state, and journal
     * the session start (which reconciles the venue).
     */
    private void recover() throws IOException
    {
        // On success the ring is idle here; on failure the check is closed once the pipeline stopped
        // (closeAfterFailedStart), since a stage may still be handing it outputs.
        recovery = Recovery.run(journal, engine, outputCheck);
        outputCheck.close();
        if (recovery.inputs() > 0)
        {
            LOG.info("recovered {} journaled inputs in {} ms ({} events/s), {} outputs identical to the journal's{}; " +
                "the session continues at sequence {} and client order id {}", recovery.inputs(),
                TimeUnit.NANOSECONDS.toMillis(recovery.elapsedNs()), Math.round(recovery.eventsPerSecond()),
                recovery.outputsCompared(), recovery.crashLost() > 0 ? ", " + recovery.crashLost() +
                " regenerated outputs the last session never journaled (dropped, never sent)" : "",
                recovery.nextSequence(), engine.risk().nextIntentId());
        }
        gate.open();
        engine.continueSequenceAt(recovery.nextSequence());
        final Path states = config.dataDir().resolve(RECOVERY_DIRECTORY);
        Files.createDirectories(states);
        final Path stateFile = states.resolve(stateFileName(recovery.nextSequence()));
        final Path temporary = states.resolve(stateFile.getFileName() + ".tmp");
        Files.writeString(temporary, EngineState.describe(config.instruments(), engine.execution(), engine.risk()));
        Files.move(temporary, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // The stages are idle here and hold exactly what the journal gives, and nothing live has started: the time to
        // check the off-heap maps against them.
        stateMismatches = checkState(recovery.lastSequence());
        if (!engine.newPublisher().publishAdminCommand(0, AdminCommandType.SESSION_START, 0, CommandOrigin.ENGINE,
            "engine", "session start after " + recovery.inputs() + " recovered inputs", "", true))
        {
            throw new IllegalStateException("the ring refused the session start");
        }
    }

    /**
     * @return the name of the file a recovery writes its state to, for the session starting at {@code sequence}.
     */
    public static String stateFileName(final long sequence)
    {
        return "state-" + sequence + ".txt";
    }

    /**
     * @return what the recovery of this session replayed: inputs, the last sequence, damaged entries, time; null
     * before {@link #start()}.
     */
    public Recovery.Result recovery()
    {
        return recovery;
    }

    /**
     * Compare the state maps with the stages' state, now complete, and rewrite what disagrees: the journal wins. Runs
     * right after the recovery replay, while no input flows (before the session start, the admin server and the
     * feeds).
     *
     * @return the entries that disagreed.
     */
    private List<StateMismatch> checkState(final long lastInputSequence)
    {
        for (final String replaced : state.replacedFiles())
        {
            LOG.error("state: replaced a damaged map: {}", replaced);
        }
        return state.checkAndRebuild(engine.execution().positions(), engine.execution().orders(), engine.risk(),
            lastInputSequence);
    }

    /**
     * @return the entries of the state maps that disagreed with the stages' state at start (and were rebuilt).
     */
    public List<StateMismatch> stateMismatches()
    {
        return stateMismatches;
    }

    /**
     * @return the off-heap state store.
     */
    public StateStore state()
    {
        return state;
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
            localToken.remove();
        }
        for (final AgentRunner runner : runners)
        {
            CloseHelper.quietClose(runner);
        }
        runners.clear();
        if (lowDiskGuard != null && !lowDiskGuard.publishDroppedAtStop())
        {
            LOG.error("the ring refused the record of market data dropped while the disk was low ({} dropped in all)",
                engine.marketDataHold().droppedTotal());
        }
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
        venueLog.close();
        if (drained)
        {
            state.close();
        }
        else
        {
            LOG.error("state: the maps stay mapped until the process exits, as the pipeline may still write them");
        }
        journal.close();
        CloseHelper.quietClose(lockChannel);
        return drained;
    }
}
