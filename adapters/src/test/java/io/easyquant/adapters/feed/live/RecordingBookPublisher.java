package io.easyquant.adapters.feed.live;

import io.easyquant.engine.feed.BookFeedPublisher;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link BookFeedPublisher} that records every call as a value, in order; safe to read from another thread.
 */
final class RecordingBookPublisher implements BookFeedPublisher
{
    sealed interface Published permits Trade, Quote, State, Depth
    {
        int instrumentId();
    }

    record Trade(int instrumentId, long sourceTimeNs, long priceTicks, long qtyLots, byte side, long tradeId)
        implements Published
    {
    }

    record Quote(int instrumentId, long sourceTimeNs, long bidTicks, long bidLots, long askTicks, long askLots)
        implements Published
    {
    }

    record State(int instrumentId, long sourceTimeNs, int state, int reason, long lastUpdateId) implements Published
    {
    }

    record Depth(int instrumentId, long sourceTimeNs, int levels, long bidDepthLots, long askDepthLots)
        implements Published
    {
    }

    private final List<Published> published = new ArrayList<>();

    @Override
    public synchronized boolean publishTrade(
        final int sourceId, final int instrumentId, final long sourceTimeNs, final long priceTicks,
        final long qtyLots, final byte aggressorSide, final long tradeId)
    {
        return published.add(new Trade(instrumentId, sourceTimeNs, priceTicks, qtyLots, aggressorSide, tradeId));
    }

    @Override
    public synchronized boolean publishQuote(
        final int sourceId, final int instrumentId, final long sourceTimeNs, final long bidTicks, final long bidLots,
        final long askTicks, final long askLots)
    {
        return published.add(new Quote(instrumentId, sourceTimeNs, bidTicks, bidLots, askTicks, askLots));
    }

    @Override
    public boolean publishBar(
        final int sourceId, final int instrumentId, final long sourceTimeNs, final int durationMs,
        final long openTicks, final long highTicks, final long lowTicks, final long closeTicks,
        final long volumeLots)
    {
        throw new AssertionError("a live feed publishes no bars");
    }

    @Override
    public synchronized boolean publishBookState(
        final int sourceId, final int instrumentId, final long sourceTimeNs, final int state, final int reason,
        final long lastUpdateId)
    {
        return published.add(new State(instrumentId, sourceTimeNs, state, reason, lastUpdateId));
    }

    @Override
    public synchronized boolean publishBookDepth(
        final int sourceId, final int instrumentId, final long sourceTimeNs, final int levels,
        final long bidDepthLots, final long askDepthLots)
    {
        return published.add(new Depth(instrumentId, sourceTimeNs, levels, bidDepthLots, askDepthLots));
    }

    synchronized List<Published> published()
    {
        return new ArrayList<>(published);
    }
}
