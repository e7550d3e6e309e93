package io.easyquant.adapters.feed;

import io.easyquant.engine.feed.MarketDataPublisher;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MarketDataPublisher} that records every accepted call as a value, and can be told to refuse calls as a
 * full ring would. Refused calls are counted and not recorded.
 */
public final class RecordingMarketDataPublisher implements MarketDataPublisher
{
    /** One published record. */
    public sealed interface Published permits Trade, Quote, Bar
    {
    }

    public record Trade(
        int sourceId, int instrumentId, long sourceTimeNs, long priceTicks, long qtyLots, byte aggressorSide,
        long tradeId) implements Published
    {
    }

    public record Quote(
        int sourceId, int instrumentId, long sourceTimeNs, long bidTicks, long bidLots, long askTicks, long askLots)
        implements Published
    {
    }

    public record Bar(
        int sourceId, int instrumentId, long sourceTimeNs, int durationMs, long openTicks, long highTicks,
        long lowTicks, long closeTicks, long volumeLots) implements Published
    {
    }

    private final List<Published> published = new ArrayList<>();
    private int refuseNext;
    private boolean refuseAll;
    private long refusals;

    @Override
    public boolean publishTrade(
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final long priceTicks,
        final long qtyLots,
        final byte aggressorSide,
        final long tradeId)
    {
        return record(new Trade(sourceId, instrumentId, sourceTimeNs, priceTicks, qtyLots, aggressorSide, tradeId));
    }

    @Override
    public boolean publishQuote(
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final long bidTicks,
        final long bidLots,
        final long askTicks,
        final long askLots)
    {
        return record(new Quote(sourceId, instrumentId, sourceTimeNs, bidTicks, bidLots, askTicks, askLots));
    }

    @Override
    public boolean publishBar(
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final int durationMs,
        final long openTicks,
        final long highTicks,
        final long lowTicks,
        final long closeTicks,
        final long volumeLots)
    {
        return record(new Bar(
            sourceId, instrumentId, sourceTimeNs, durationMs, openTicks, highTicks, lowTicks, closeTicks, volumeLots));
    }

    /**
     * Refuse the next {@code count} calls.
     */
    public void refuseNext(final int count)
    {
        refuseNext = count;
    }

    /**
     * Refuse every call until told otherwise.
     */
    public void refuseAll(final boolean refuse)
    {
        refuseAll = refuse;
    }

    public List<Published> published()
    {
        return published;
    }

    public long refusals()
    {
        return refusals;
    }

    private boolean record(final Published record)
    {
        if (refuseAll || refuseNext > 0)
        {
            if (refuseNext > 0)
            {
                refuseNext--;
            }
            refusals++;
            return false;
        }
        published.add(record);
        return true;
    }
}
