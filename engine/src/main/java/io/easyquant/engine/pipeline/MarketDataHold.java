package io.easyquant.engine.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Market data held back from the ring: while held (the low-disk rule, off the hot path, sets it), every trade, quote
 * and bar a feed publishes is dropped by its {@link InboundPublisher} before it claims a slot, so it takes no sequence
 * (the journal has no gap), no ring capacity and no disk. Each drop is counted here, with the first and last source
 * and engine times of the period, so that one {@code MARKET_DATA_DROPPED} record can say what was dropped when the
 * period ends ({@link #takePeriod(Period)}).
 *
 * <p>Feeds read one volatile flag per record; a drop is a few atomic updates (several feed threads may drop at once).
 * A drop that races {@link #release()} lands in the next period: nothing is lost from the counts.
 */
public final class MarketDataHold
{
    /** Never held: the hold of publishers that carry no market data, and of engines without a disk. */
    public static final MarketDataHold NEVER = new MarketDataHold();

    private static final long NONE = Long.MIN_VALUE;

    private volatile boolean held;
    private final AtomicLong trades = new AtomicLong();
    private final AtomicLong quotes = new AtomicLong();
    private final AtomicLong bars = new AtomicLong();
    private final AtomicLong firstSourceTimeNs = new AtomicLong(NONE);
    private final AtomicLong lastSourceTimeNs = new AtomicLong(NONE);
    private final AtomicLong firstTimeNs = new AtomicLong(NONE);
    private final AtomicLong lastTimeNs = new AtomicLong(NONE);
    private long reportedTrades;
    private long reportedQuotes;
    private long reportedBars;

    /**
     * What one period dropped; filled by {@link #takePeriod(Period)}. Mutable and reused by its one owner.
     */
    public static final class Period
    {
        public long trades;
        public long quotes;
        public long bars;
        public long firstSourceTimeNs;
        public long lastSourceTimeNs;
        public long firstTimeNs;
        public long lastTimeNs;

        public long dropped()
        {
            return trades + quotes + bars;
        }
    }

    /**
     * Drop market data from now on.
     */
    public void hold()
    {
        if (this == NEVER)
        {
            throw new IllegalStateException("the NEVER hold cannot be held");
        }
        held = true;
    }

    /**
     * Let market data through again.
     */
    public void release()
    {
        held = false;
    }

    public boolean isHeld()
    {
        return held;
    }

    void droppedTrade(final long sourceTimeNs, final long nowNs)
    {
        trades.incrementAndGet();
        times(sourceTimeNs, nowNs);
    }

    void droppedQuote(final long sourceTimeNs, final long nowNs)
    {
        quotes.incrementAndGet();
        times(sourceTimeNs, nowNs);
    }

    void droppedBar(final long sourceTimeNs, final long nowNs)
    {
        bars.incrementAndGet();
        times(sourceTimeNs, nowNs);
    }

    private void times(final long sourceTimeNs, final long nowNs)
    {
        firstSourceTimeNs.compareAndSet(NONE, sourceTimeNs);
        firstTimeNs.compareAndSet(NONE, nowNs);
        lastSourceTimeNs.set(sourceTimeNs);
        lastTimeNs.set(nowNs);
    }

    /**
     * @return trades, quotes and bars dropped since this hold was made.
     */
    public long droppedTotal()
    {
        return trades.get() + quotes.get() + bars.get();
    }

    /**
     * Take what was dropped since the last call (from one thread: the owner of the low-disk rule, or the session's
     * stop once the feeds have stopped) and start a new period.
     *
     * @return false (and {@code period} untouched) if nothing was dropped since the last call.
     */
    public boolean takePeriod(final Period period)
    {
        final long tradesNow = trades.get();
        final long quotesNow = quotes.get();
        final long barsNow = bars.get();
        if (tradesNow == reportedTrades && quotesNow == reportedQuotes && barsNow == reportedBars)
        {
            return false;
        }
        period.trades = tradesNow - reportedTrades;
        period.quotes = quotesNow - reportedQuotes;
        period.bars = barsNow - reportedBars;
        reportedTrades = tradesNow;
        reportedQuotes = quotesNow;
        reportedBars = barsNow;
        period.firstSourceTimeNs = firstSourceTimeNs.getAndSet(NONE);
        period.firstTimeNs = firstTimeNs.getAndSet(NONE);
        period.lastSourceTimeNs = lastSourceTimeNs.get();
        period.lastTimeNs = lastTimeNs.get();
        if (period.firstSourceTimeNs == NONE)
        {
            // Counted here, times set by a drop that raced the previous take: the last times stand for both.
            period.firstSourceTimeNs = period.lastSourceTimeNs;
            period.firstTimeNs = period.lastTimeNs;
        }
        return true;
    }
}
