package io.easyquant.adapters.sink.postgres;

import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalReader;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A journal tailer that writes what the engine journaled into PostgreSQL, exactly once, on its own thread. It reads
 * the journal, never the ring, so it cannot slow the pipeline.
 *
 * <p>Each pass of {@link #doWork()} reads records after the checkpoint into per-table batches ({@link RowEncoder},
 * binary COPY). A batch is committed when it holds {@code batchSize} records or its first record has waited
 * {@code maxBatchDelayMs}: one transaction with a COPY per table and the checkpoint update ({@code journal_index} of
 * its last record, and the sink's derived state). The checkpoint row is the truth: on any failure the transaction
 * rolls back, the connection is dropped, and the next attempt reloads the checkpoint and re-reads the journal from
 * the record after it, so every record's rows are committed once. A unique key on (journal_id, journal_index) per
 * table is the second guard. Attempts are retried with exponential backoff from {@code minRetryDelayMs} to
 * {@code maxRetryDelayMs}; the first failure of a kind is logged with the URL and what to check, repeats are counted
 * and logged again every 30 s.
 *
 * <p>The lag (journal entries not committed, and the engine time between the last committed record and the
 * journal's last record) is in {@link #status()} at all times, also while the database is down.
 *
 * <p>A journal is registered by name (the journal directory's absolute path unless configured) with its
 * configuration digest; a restarted sink checks that the record at the checkpoint index has the stored sequence and
 * time, so rows of one journal are never continued from another. A session advisory lock keeps each journal to one
 * sink at a time.
 *
 * <p>Stopping (any thread): {@link #requestStop(long)} is the final flush of a session: the sink writes what is left
 * in the journal if the database takes it (one more attempt if it is disconnected, none after a failure) and ends its
 * duty cycle (AgentTerminationException). {@link #requestDrain(long)} is a backfill: it retries failures until the
 * journal is written to its end. Both give up at their deadline; what is left is written on the next start.
 *
 * <p>Threading: {@code doWork}, {@code onClose} on the sink thread only; {@link #status()}, {@link #requestStop},
 * {@link #requestDrain} and {@link #awaitClosed} from any thread.
 */
public final class PostgresSink implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);
    private static final long LAG_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long REPEAT_LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(30);
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&]*");

    private final PostgresSinkContext context;
    private final Journal journal;
    private final DatabaseLocator locator;
    private String url;
    private final String journalName;
    private final NanoClock clock;
    private final SinkDatabase.BatchHook hook;
    private PGSimpleDataSource dataSource;
    private final RowEncoder encoder;
    private final SinkStatus status = new SinkStatus();
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final UnsafeBuffer headRecord = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final ExpandableArrayBuffer stateBuffer = new ExpandableArrayBuffer(4096);
    private final CountDownLatch closed = new CountDownLatch(1);

    private SinkDatabase database;
    private boolean migrated;
    private boolean everConnected;
    private int journalId;
    private JournalReader reader;
    private JournalReader headReader;

    private boolean committedKnown;
    private long committedIndex = -1;
    private long committedRecords;
    private long committedTimeNs;

    private int batchRecords;
    private long batchRows;
    private long batchStartNs;
    private long batchLastIndex;
    private long batchLastSequence;
    private long batchLastTimeNs;
    private long batchNumber;
    private boolean caughtUp;

    private int consecutiveFailures;
    private long retryAtNs;
    private String lastLoggedError;
    private long lastErrorLogNs;
    private long nextLagNs;

    private boolean stopAttemptMade;
    private volatile long stopDeadlineNs;
    private volatile boolean retryWhileStopping;
    private volatile boolean stopRequested;

    /**
     * @param context the settings.
     * @param journal the journal to read (opened for reading, or the engine's own, shared).
     * @param url     the JDBC URL.
     * @param clock   for batch delays, backoff and the stop deadline.
     */
    public PostgresSink(
        final PostgresSinkContext context, final Journal journal, final String url, final NanoClock clock)
    {
        this(context, journal, () -> url, clock, SinkDatabase.BatchHook.NONE);
    }

    /**
     * @param locator the database, asked for its URL on the sink thread before the first connection.
     */
    public PostgresSink(
        final PostgresSinkContext context, final Journal journal, final DatabaseLocator locator,
        final NanoClock clock)
    {
        this(context, journal, locator, clock, SinkDatabase.BatchHook.NONE);
    }

    PostgresSink(
        final PostgresSinkContext context,
        final Journal journal,
        final String url,
        final NanoClock clock,
        final SinkDatabase.BatchHook hook)
    {
        this(context, journal, () -> url, clock, hook);
    }

    private PostgresSink(
        final PostgresSinkContext context,
        final Journal journal,
        final DatabaseLocator locator,
        final NanoClock clock,
        final SinkDatabase.BatchHook hook)
    {
        this.context = context;
        this.journal = journal;
        this.locator = locator;
        this.clock = clock;
        this.hook = hook;
        this.journalName = context.journalName() != null ?
            context.journalName() : journal.directory().toAbsolutePath().normalize().toString();
        this.encoder = new RowEncoder(context.instruments(), context.bars(), context.ticks(),
            context.positionSnapshotIntervalNs());
        this.retryAtNs = clock.nanoTime();
        this.nextLagNs = retryAtNs;
    }

    @Override
    public String roleName()
    {
        return "postgres-sink";
    }

    public SinkStatus status()
    {
        return status;
    }

    /**
     * @return the name the journal's rows are registered under.
     */
    public String journalName()
    {
        return journalName;
    }

    /**
     * @return the URL with any password in it masked, for logs ({@code the database} before it is known).
     */
    public String displayUrl()
    {
        final String known = url;
        return known == null ? "the database" : PASSWORD_IN_URL.matcher(known).replaceAll("$1***");
    }

    /**
     * The final flush: write what is left in the journal if the database takes it, then stop; a failure ends it.
     */
    public void requestStop(final long timeoutNs)
    {
        stopDeadlineNs = clock.nanoTime() + timeoutNs;
        retryWhileStopping = false;
        stopRequested = true;
    }

    /**
     * Write the journal to its end, retrying failures with backoff, then stop; give up after the timeout.
     */
    public void requestDrain(final long timeoutNs)
    {
        stopDeadlineNs = clock.nanoTime() + timeoutNs;
        retryWhileStopping = true;
        stopRequested = true;
    }

    /**
     * @return true once the sink thread has ended.
     */
    public boolean awaitClosed(final long timeoutMs) throws InterruptedException
    {
        return closed.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        final boolean stopping = stopRequested;
        if (stopping)
        {
            if (nowNs - stopDeadlineNs >= 0)
            {
                stop(false);
            }
            if (!retryWhileStopping && database == null)
            {
                if (stopAttemptMade)
                {
                    stop(false);
                }
                stopAttemptMade = true;
                retryAtNs = nowNs;
            }
        }
        int work = 0;
        if (database == null)
        {
            if (nowNs - retryAtNs < 0 || !connect(nowNs))
            {
                updateLagIfDue(nowNs);
                return 0;
            }
            work++;
        }
        try
        {
            work += read(nowNs);
            if (batchRecords > 0 && (batchRecords >= context.batchSize() ||
                nowNs - batchStartNs >= context.maxBatchDelayNs() || (stopping && caughtUp)))
            {
                commit(nowNs);
                work++;
            }
        }
        catch (final RuntimeException ex)
        {
            fail(ex, nowNs, "cannot write to");
        }
        updateLagIfDue(nowNs);
        if (stopping && database != null && caughtUp && batchRecords == 0)
        {
            stop(true);
        }
        return work;
    }

    @Override
    public void onClose()
    {
        if (database != null)
        {
            database.rollbackQuietly();
            database.close();
            database = null;
        }
        if (reader != null)
        {
            reader.close();
            reader = null;
        }
        if (headReader != null)
        {
            headReader.close();
            headReader = null;
        }
        status.state(SinkStatus.State.STOPPED);
        closed.countDown();
    }

    private void stop(final boolean drained)
    {
        updateLag();
        if (drained)
        {
            LOG.info("postgres sink: stopped with the journal written up to index 0x{} ({} records, {} rows this " +
                "session)", Long.toHexString(committedIndex), status.records(), status.rows());
        }
        else
        {
            LOG.warn("postgres sink: stopped {} journal entries behind (checkpoint {}); they are written on the " +
                "next start{}", status.lagRecords() < 0 ? "an unknown number of" : status.lagRecords(),
                committedKnown ? "index 0x" + Long.toHexString(committedIndex) : "unknown",
                status.lastError() != null ? " (" + status.lastError() + ")" : "");
        }
        throw new AgentTerminationException(true);
    }

    private boolean connect(final long nowNs)
    {
        SinkDatabase opened = null;
        try
        {
            if (dataSource == null)
            {
                final String located = locator.jdbcUrl();
                dataSource = SinkDatabase.dataSource(located, context);
                url = located;
            }
            opened = SinkDatabase.connect(dataSource);
            if (!migrated)
            {
                final int applied = SinkDatabase.migrate(dataSource);
                migrated = true;
                if (applied > 0)
                {
                    LOG.info("postgres sink: applied {} schema migration(s) to {}", applied, displayUrl());
                }
            }
            journalId = opened.registerJournal(journalName, journal.header());
            opened.registerInstrumentsAndCheckpoint(journalId, context.instruments());
            if (!opened.tryLock(journalId))
            {
                throw new SinkException("another sink is writing journal '" + journalName + "' to this database");
            }
            position(opened.checkpoint(journalId));
            opened.beginBatches();
        }
        catch (final SQLException | IOException | RuntimeException ex)
        {
            if (opened != null)
            {
                opened.close();
            }
            fail(ex, nowNs, "cannot connect to");
            return false;
        }
        database = opened;
        encoder.journalId(journalId);
        status.state(SinkStatus.State.CONNECTED);
        status.lastError(null);
        updateLag();
        if (!everConnected)
        {
            LOG.info("postgres sink: writing journal {} to {} from {} ({} records already written); " +
                "{} entries to catch up", journalName, displayUrl(), committedIndex < 0 ? "its start" :
                "index 0x" + Long.toHexString(committedIndex), committedRecords, status.lagRecords());
        }
        else
        {
            LOG.info("postgres sink: reconnected to {} after {} failed attempt(s); {} entries to catch up",
                displayUrl(), consecutiveFailures, status.lagRecords());
        }
        everConnected = true;
        consecutiveFailures = 0;
        lastLoggedError = null;
        return true;
    }

    /**
     * Restore the state stored with the checkpoint and put the reader just after the checkpoint's record, checking
     * that the journal holds that record.
     */
    private void position(final SinkDatabase.Checkpoint checkpoint)
    {
        final SinkState state = encoder.state();
        if (checkpoint.state() == null)
        {
            state.clear();
        }
        else
        {
            state.decode(new UnsafeBuffer(checkpoint.state()), checkpoint.state().length);
        }
        encoder.reset();
        batchRecords = 0;
        batchRows = 0;
        if (reader != null)
        {
            reader.close();
        }
        reader = journal.newReader();
        final long index = checkpoint.journalIndex();
        if (index >= 0)
        {
            if (!reader.moveToIndex(index) || reader.next(record) < 0 || reader.index() != index ||
                RecordHeader.sequence(record, 0) != checkpoint.recordSequence() ||
                RecordHeader.timeNs(record, 0) != checkpoint.recordTimeNs())
            {
                throw new SinkException("the journal " + journal.directory() + " does not hold the record the " +
                    "database's checkpoint for '" + journalName + "' names (index 0x" + Long.toHexString(index) +
                    ", sequence " + checkpoint.recordSequence() + "): it is not the journal those rows came from; " +
                    "give it another name (sink.postgres.journalName, or --name) or use another database");
            }
            committedTimeNs = checkpoint.recordTimeNs();
        }
        else
        {
            committedTimeNs = firstRecordTimeNs();
        }
        committedIndex = index;
        committedRecords = checkpoint.records();
        committedKnown = true;
        status.checkpointIndex(index);
    }

    private long firstRecordTimeNs()
    {
        try (JournalReader first = journal.newReader())
        {
            return first.next(headRecord) < 0 ? 0 : RecordHeader.timeNs(headRecord, 0);
        }
    }

    private int read(final long nowNs)
    {
        int read = 0;
        caughtUp = false;
        final int batchSize = context.batchSize();
        while (batchRecords < batchSize)
        {
            if (reader.next(record) < 0)
            {
                caughtUp = true;
                break;
            }
            if (batchRecords == 0)
            {
                batchStartNs = nowNs;
            }
            final long index = reader.index();
            batchRows += encoder.encode(record, index);
            batchRecords++;
            batchLastIndex = index;
            batchLastSequence = RecordHeader.sequence(record, 0);
            batchLastTimeNs = RecordHeader.timeNs(record, 0);
            read++;
        }
        return read;
    }

    private void commit(final long nowNs)
    {
        final SinkState state = encoder.state();
        stateBuffer.checkLimit(state.encodedLengthBound());
        final int stateLength = state.encode(stateBuffer);
        batchNumber++;
        try
        {
            database.commitBatch(encoder.tables(), journalId, committedIndex, batchLastIndex,
                committedRecords + batchRecords, batchLastSequence, batchLastTimeNs, stateBuffer.byteArray(),
                stateLength, hook, batchNumber);
        }
        catch (final SQLException | RuntimeException ex)
        {
            fail(ex, nowNs, "cannot write to");
            return;
        }
        committedIndex = batchLastIndex;
        committedRecords += batchRecords;
        committedTimeNs = batchLastTimeNs;
        status.committed(batchRecords, batchRows, committedIndex);
        encoder.reset();
        batchRecords = 0;
        batchRows = 0;
    }

    /**
     * Drop the connection and the uncommitted batch; the next attempt, after the backoff, starts again from the
     * checkpoint.
     */
    private void fail(final Exception ex, final long nowNs, final String what)
    {
        if (database != null)
        {
            database.rollbackQuietly();
            database.close();
            database = null;
        }
        encoder.reset();
        batchRecords = 0;
        batchRows = 0;
        consecutiveFailures++;
        status.failed();
        final String message = describe(ex);
        status.lastError(message);
        status.state(SinkStatus.State.RETRYING);
        final long delayNs = Math.min(context.maxRetryDelayNs(),
            context.minRetryDelayNs() << Math.min(consecutiveFailures - 1, 20));
        retryAtNs = nowNs + delayNs;
        if (!message.equals(lastLoggedError))
        {
            lastLoggedError = message;
            lastErrorLogNs = nowNs;
            LOG.error("postgres sink: {} {}{}: {}; trading is not affected; the sink retries with backoff up to " +
                "{} ms and shows its lag in the status line", what, displayUrl(), userDescription(), message,
                TimeUnit.NANOSECONDS.toMillis(context.maxRetryDelayNs()));
        }
        else if (nowNs - lastErrorLogNs >= REPEAT_LOG_INTERVAL_NS)
        {
            lastErrorLogNs = nowNs;
            LOG.warn("postgres sink: still failing after {} attempts: {}; {} journal entries behind",
                consecutiveFailures, message, status.lagRecords() < 0 ? "?" : status.lagRecords());
        }
    }

    private String userDescription()
    {
        return context.user() != null ? " as user " + context.user() : "";
    }

    private static String describe(final Throwable ex)
    {
        Throwable cause = ex;
        while (!isOwnMessage(cause) && cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        if (!isOwnMessage(cause))
        {
            cause = ex;
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage().strip();
        if (message.endsWith("."))
        {
            message = message.substring(0, message.length() - 1);
        }
        if (isOwnMessage(cause))
        {
            return message.isEmpty() ? cause.getClass().getSimpleName() : message;
        }
        return cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /**
     * Messages of these say what went wrong without their type's name.
     */
    private static boolean isOwnMessage(final Throwable ex)
    {
        return ex instanceof SQLException || ex instanceof SinkException || ex instanceof IOException;
    }

    private void updateLagIfDue(final long nowNs)
    {
        if (nowNs - nextLagNs >= 0)
        {
            nextLagNs = nowNs + LAG_INTERVAL_NS;
            updateLag();
        }
    }

    private void updateLag()
    {
        if (!committedKnown)
        {
            status.lag(-1, 0);
            return;
        }
        final long lastIndex = journal.lastIndex();
        if (lastIndex < 0 || lastIndex <= committedIndex)
        {
            status.lag(0, 0);
            return;
        }
        final long from = committedIndex >= 0 ? committedIndex : journal.firstIndex();
        final long lagRecords = journal.countEntries(from, lastIndex);
        if (lagRecords <= 0)
        {
            status.lag(0, 0);
            return;
        }
        if (headReader == null)
        {
            headReader = journal.newReader();
        }
        long headTimeNs = committedTimeNs;
        if (headReader.moveToIndex(lastIndex) && headReader.next(headRecord) >= 0)
        {
            headTimeNs = RecordHeader.timeNs(headRecord, 0);
        }
        status.lag(lagRecords, Math.max(0, headTimeNs - committedTimeNs));
    }
}
