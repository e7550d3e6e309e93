package io.easyquant.engine.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most recent order intents that pre-trade risk rejected, in a ring of fixed size (the oldest overwritten
 * first). Counts by reason live in {@link EngineCounters}; this keeps the detail of the last few: which instrument,
 * what was asked, what was observed against which limit.
 *
 * <p>Threading: one writer, the risk stage ({@link #onRejected}); any number of readers ({@link #recent(int)}).
 * Writing never allocates, locks or waits; reading allocates (cold path).
 */
public final class RiskRejections
{
    /** Rejections kept by default. */
    public static final int DEFAULT_CAPACITY = 64;

    private static final int SEQUENCE = 0;
    private static final int TIME_NS = 1;
    private static final int INSTRUMENT_INDEX = 2;
    private static final int INTENT_ID = 3;
    private static final int SIDE = 4;
    private static final int QTY_LOTS = 5;
    private static final int REASON = 6;
    private static final int OBSERVED = 7;
    private static final int LIMIT = 8;
    private static final int TRADING_STATE = 9;
    private static final int ORDINAL = 10;
    private static final int FIELDS = 11;

    private final VersionedSlots slots;
    private final AtomicLong published = new AtomicLong();
    private long count;

    /**
     * @param capacity how many rejections to keep, &gt; 0.
     */
    public RiskRejections(final int capacity)
    {
        slots = new VersionedSlots(capacity, FIELDS);
    }

    public int capacity()
    {
        return slots.slots();
    }

    /**
     * Writer: an intent was rejected.
     *
     * @param sequence     the sequence of the event the intent was planned on.
     * @param timeNs       that event's engine time.
     * @param reason       the {@link io.easyquant.engine.risk.RiskReason}.
     * @param tradingState the trading state at the time.
     */
    public void onRejected(
        final long sequence,
        final long timeNs,
        final int instrumentIndex,
        final long intentId,
        final byte side,
        final long qtyLots,
        final int reason,
        final long observed,
        final long limit,
        final int tradingState)
    {
        final long ordinal = count;
        final int slot = (int)(ordinal % slots.slots());
        slots.begin(slot);
        slots.put(slot, SEQUENCE, sequence);
        slots.put(slot, TIME_NS, timeNs);
        slots.put(slot, INSTRUMENT_INDEX, instrumentIndex);
        slots.put(slot, INTENT_ID, intentId);
        slots.put(slot, SIDE, side);
        slots.put(slot, QTY_LOTS, qtyLots);
        slots.put(slot, REASON, reason);
        slots.put(slot, OBSERVED, observed);
        slots.put(slot, LIMIT, limit);
        slots.put(slot, TRADING_STATE, tradingState);
        slots.put(slot, ORDINAL, ordinal);
        slots.end(slot);
        count = ordinal + 1;
        published.lazySet(count);
    }

    /**
     * @return rejections recorded since the start.
     */
    public long count()
    {
        return published.get();
    }

    /**
     * Reader: the most recent rejections, newest first.
     *
     * @param max the most to return.
     */
    public List<Rejection> recent(final int max)
    {
        final List<Rejection> rejections = new ArrayList<>();
        final long[] copy = new long[FIELDS];
        final long total = published.get();
        final long oldest = Math.max(0, total - slots.slots());
        for (long ordinal = total - 1; ordinal >= oldest && rejections.size() < max; ordinal--)
        {
            if (slots.read((int)(ordinal % slots.slots()), copy) <= 0 || copy[ORDINAL] != ordinal)
            {
                break;
            }
            rejections.add(new Rejection(copy[SEQUENCE], copy[TIME_NS], (int)copy[INSTRUMENT_INDEX], copy[INTENT_ID],
                (byte)copy[SIDE], copy[QTY_LOTS], (int)copy[REASON], copy[OBSERVED], copy[LIMIT],
                (int)copy[TRADING_STATE]));
        }
        return rejections;
    }

    /**
     * One rejected intent. {@code observed} and {@code limit} are in the check's units (lots, or a count of orders).
     */
    public record Rejection(
        long sequence,
        long timeNs,
        int instrumentIndex,
        long intentId,
        byte side,
        long qtyLots,
        int reason,
        long observed,
        long limit,
        int tradingState)
    {
    }
}
