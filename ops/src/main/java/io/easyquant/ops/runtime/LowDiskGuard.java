package io.easyquant.ops.runtime;

import io.easyquant.engine.pipeline.InboundPublisher;
import io.easyquant.engine.pipeline.MarketDataHold;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.MarketDataDroppedCodec;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalSpace;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The low-disk rule, on its own agent thread, off the hot path. Every 100 ms:
 * <ol>
 *   <li>It keeps each journal's reserve ({@link JournalSpace}: blocks allocated ahead of its writers, so that a write
 *       through Chronicle's mapping never touches a page the full disk cannot back) and, when less than one
 *       {@link Journal#BLOCK_SIZE} of a reserve is left, makes that journal refuse every append (a failed append on
 *       the order path halts trading through the pipeline's fault path; nothing crashes).</li>
 *   <li>Under the threshold (the file store's free space under {@code minFreeBytes}, or a reserve that could not be
 *       renewed in full) it holds market data ({@link MarketDataHold}: feeds' records are dropped before the ring,
 *       counted, never journaled) and engages the kill-switch once per dip with a KILL_ENGAGE command through the
 *       ring (origin {@code risk-rule}, reason {@code "low disk: N MB free under <dir>"}). What is then written
 *       is what safety needs: the halt, the cancels, venue reports, timer ticks and session records, from the
 *       reserve.</li>
 *   <li>When the space is back it lets market data through again and journals one {@code MARKET_DATA_DROPPED} input
 *       saying how many trades, quotes and bars were dropped and their first and last source and engine times; the
 *       session's stop journals it for a period still open ({@link #publishDroppedAtStop()}). The kill-switch stays
 *       engaged until an operator releases it; the rule arms again.</li>
 * </ol>
 * The command and the record are journaled like any input, so a replay halts at the same place without looking at any
 * disk; the dropped market data took no sequence, so the journal has no gap.
 */
public final class LowDiskGuard implements Agent
{
    /** The principal journaled with the command. */
    public static final String PRINCIPAL = "low-disk";
    /** The largest reserve kept ahead of each journal's writers. */
    public static final long MAX_RESERVE_BYTES = 64L << 20;
    /** The smallest: two of Chronicle's growth steps. */
    public static final long MIN_RESERVE_BYTES = 2 * Journal.BLOCK_SIZE;

    private static final Logger LOG = LoggerFactory.getLogger(LowDiskGuard.class);
    private static final long CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MB = 1024L * 1024;

    /**
     * Free bytes of a directory's file store.
     */
    @FunctionalInterface
    public interface FreeSpace
    {
        long usableBytes(Path directory) throws IOException;
    }

    /**
     * A journal's reserve, as the rule drives it ({@link #of(JournalSpace)}).
     */
    public interface Reserve
    {
        /**
         * Renew the reserve (as far as the disk allows).
         *
         * @return the bytes allocated ahead of the writers; below {@link Journal#BLOCK_SIZE} the next growth of the
         * file may reach unallocated pages.
         */
        long maintain(long reserveBytes);

        /**
         * Refuse (true) or accept (false) every append.
         */
        void refuse(boolean refuse);

        String name();

        static Reserve of(final JournalSpace space)
        {
            return new Reserve()
            {
                @Override
                public long maintain(final long reserveBytes)
                {
                    return space.maintainReserve(reserveBytes);
                }

                @Override
                public void refuse(final boolean refuse)
                {
                    space.refuse(refuse);
                }

                @Override
                public String name()
                {
                    return space.directory().toString();
                }
            };
        }
    }

    private final Path directory;
    private final long minFreeBytes;
    private final long reserveBytes;
    private final Reserve[] reserves;
    private final boolean[] refusing;
    private final InboundPublisher publisher;
    private final int sourceId;
    private final EpochNanoClock clock;
    private final FreeSpace freeSpace;
    private final MarketDataHold hold;
    private final MarketDataHold.Period period = new MarketDataHold.Period();
    private long nextCheckNs = Long.MIN_VALUE;
    private boolean engaged;
    private boolean held;
    private boolean dropRecordDue;
    private boolean periodTaken;
    private long engagements;
    private long dropRecords;
    private long minReserveAhead = Long.MAX_VALUE;
    private String freeSpaceProblem;

    /**
     * @param minFreeBytes the threshold, &gt; 0; the reserve kept ahead of each journal is a quarter of it, within
     *                     {@link #MIN_RESERVE_BYTES} and {@link #MAX_RESERVE_BYTES}.
     * @param reserves     the journals on this disk whose writers the rule protects (the engine's, the paper
     *                     venue's).
     * @param hold         the engine's market-data hold.
     * @param publisher    this agent's own publisher into the ring.
     * @param sourceId     stamped on the command and the drop record.
     * @param clock        paces the checks (wall time; the engine's logic never sees it).
     */
    public LowDiskGuard(
        final Path directory,
        final long minFreeBytes,
        final List<Reserve> reserves,
        final MarketDataHold hold,
        final InboundPublisher publisher,
        final int sourceId,
        final EpochNanoClock clock,
        final FreeSpace freeSpace)
    {
        if (minFreeBytes <= 0)
        {
            throw new IllegalArgumentException("minFreeBytes: expected a positive number of bytes, got " +
                minFreeBytes);
        }
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
        this.reserveBytes = reserveBytes(minFreeBytes);
        this.reserves = reserves.toArray(new Reserve[0]);
        this.refusing = new boolean[this.reserves.length];
        this.hold = hold;
        this.publisher = publisher;
        this.sourceId = sourceId;
        this.clock = clock;
        this.freeSpace = freeSpace;
    }

    /**
     * @return the reserve kept ahead of each journal for a threshold: a quarter of it, within
     * {@link #MIN_RESERVE_BYTES} and {@link #MAX_RESERVE_BYTES}.
     */
    public static long reserveBytes(final long minFreeBytes)
    {
        return Math.max(MIN_RESERVE_BYTES, Math.min(MAX_RESERVE_BYTES, minFreeBytes / 4));
    }

    @Override
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        if (nextCheckNs != Long.MIN_VALUE && nowNs - nextCheckNs < 0)
        {
            return 0;
        }
        nextCheckNs = nowNs + CHECK_INTERVAL_NS;
        final long reserveAhead = checkReserves();
        final long free;
        try
        {
            free = freeSpace.usableBytes(directory);
            freeSpaceProblem = null;
        }
        catch (final IOException ex)
        {
            if (!ex.getMessage().equals(freeSpaceProblem))
            {
                freeSpaceProblem = String.valueOf(ex.getMessage());
                LOG.warn("low-disk rule: cannot read the free space of {}: {}", directory, ex.getMessage());
            }
            return 0;
        }
        int work = 0;
        if (free < minFreeBytes || reserveAhead < reserveBytes)
        {
            if (!held)
            {
                held = true;
                hold.hold();
                work++;
            }
            if (!engaged)
            {
                final String reason = "low disk: " + free / MB + " MB free under " + directory +
                    (reserveAhead < reserveBytes ? ", " + Math.max(0, reserveAhead) / MB + " MB of reserve left" : "");
                if (publisher.publishAdminCommand(sourceId, AdminCommandType.KILL_ENGAGE, 0, CommandOrigin.RISK_RULE,
                    PRINCIPAL, reason, "", false))
                {
                    engaged = true;
                    engagements++;
                    LOG.error("{} (threshold {} MB): kill-switch engaged; market data is dropped, not journaled, " +
                        "until the space is back", reason, minFreeBytes / MB);
                }
                work++;
            }
        }
        else
        {
            engaged = false;
            if (held)
            {
                held = false;
                hold.release();
                dropRecordDue = true;
                LOG.warn("disk space is back ({} MB free under {}): market data flows again; the kill-switch stays " +
                    "engaged until an operator releases it", free / MB, directory);
                work++;
            }
        }
        if (dropRecordDue && publishDropped(false))
        {
            dropRecordDue = false;
            work++;
        }
        return work;
    }

    /**
     * Renew every journal's reserve and set each journal's refusal. Also called once before the session's recovery,
     * so the session's first appends already have their reserve.
     *
     * @return the smallest reserve left ahead of a journal's writers; {@link Long#MAX_VALUE} without journals.
     */
    public long checkReserves()
    {
        long smallest = Long.MAX_VALUE;
        for (int i = 0; i < reserves.length; i++)
        {
            final long ahead = reserves[i].maintain(reserveBytes);
            final boolean refuse = ahead < Journal.BLOCK_SIZE;
            if (refuse != refusing[i])
            {
                refusing[i] = refuse;
                reserves[i].refuse(refuse);
                if (refuse)
                {
                    LOG.error("{}: the disk is full and the journal's reserve is spent ({} bytes left): appends are " +
                        "refused until space is freed", reserves[i].name(), Math.max(0, ahead));
                }
                else
                {
                    LOG.warn("{}: the journal's reserve is back ({} MB): appends are accepted again",
                        reserves[i].name(), ahead / MB);
                }
            }
            smallest = Math.min(smallest, ahead);
        }
        minReserveAhead = smallest;
        return smallest;
    }

    /**
     * Journal the record of market data dropped in a period still open, waiting (bounded) for ring capacity. Call
     * once the feeds and this agent have stopped, before the ring drains.
     *
     * @return true if there was nothing to journal or it was published.
     */
    public boolean publishDroppedAtStop()
    {
        if (held)
        {
            held = false;
            hold.release();
        }
        return publishDropped(true);
    }

    private boolean publishDropped(final boolean wait)
    {
        if (!periodTaken)
        {
            periodTaken = hold.takePeriod(period);
            if (!periodTaken)
            {
                return true;
            }
        }
        if (!publisher.publishMarketDataDropped(sourceId, MarketDataDroppedCodec.REASON_LOW_DISK, period, wait))
        {
            return false;
        }
        periodTaken = false;
        dropRecords++;
        LOG.warn("market data dropped while the disk was low: {} trades, {} quotes, {} bars, source times {} to {}",
            period.trades, period.quotes, period.bars, Instant.ofEpochSecond(0, period.firstSourceTimeNs),
            Instant.ofEpochSecond(0, period.lastSourceTimeNs));
        return true;
    }

    /**
     * @return how many times the rule engaged the kill-switch.
     */
    public long engagements()
    {
        return engagements;
    }

    /**
     * @return MARKET_DATA_DROPPED records published.
     */
    public long dropRecords()
    {
        return dropRecords;
    }

    /**
     * @return true while the rule holds market data.
     */
    public boolean holding()
    {
        return held;
    }

    /**
     * @return the smallest reserve ahead of a journal at the last check.
     */
    public long minReserveAhead()
    {
        return minReserveAhead;
    }

    @Override
    public String roleName()
    {
        return "low-disk";
    }
}
