package io.easyquant.adapters.feed.csv;

import io.easyquant.engine.feed.MarketDataPublisher;

/**
 * One parsed CSV line, filled in place by {@link CsvParser#parse} and reused from line to line. Prices in ticks,
 * sizes in lots, {@code sourceTimeNs} in nanoseconds since the Unix epoch. Only the fields of the record's
 * {@link #kind()} are meaningful.
 *
 * <p>Not thread-safe.
 */
public final class CsvRecord
{
    private CsvKind kind;
    private int instrumentId;
    private long sourceTimeNs;

    private long priceTicks;
    private long qtyLots;
    private byte aggressorSide;
    private long tradeId;

    private long bidTicks;
    private long bidLots;
    private long askTicks;
    private long askLots;

    private int durationMs;
    private long openTicks;
    private long highTicks;
    private long lowTicks;
    private long closeTicks;
    private long volumeLots;

    void trade(
        final int instrumentId,
        final long sourceTimeNs,
        final long priceTicks,
        final long qtyLots,
        final byte aggressorSide,
        final long tradeId)
    {
        this.kind = CsvKind.TRADE;
        this.instrumentId = instrumentId;
        this.sourceTimeNs = sourceTimeNs;
        this.priceTicks = priceTicks;
        this.qtyLots = qtyLots;
        this.aggressorSide = aggressorSide;
        this.tradeId = tradeId;
    }

    void quote(
        final int instrumentId,
        final long sourceTimeNs,
        final long bidTicks,
        final long bidLots,
        final long askTicks,
        final long askLots)
    {
        this.kind = CsvKind.QUOTE;
        this.instrumentId = instrumentId;
        this.sourceTimeNs = sourceTimeNs;
        this.bidTicks = bidTicks;
        this.bidLots = bidLots;
        this.askTicks = askTicks;
        this.askLots = askLots;
    }

    void bar(
        final int instrumentId,
        final long sourceTimeNs,
        final int durationMs,
        final long openTicks,
        final long highTicks,
        final long lowTicks,
        final long closeTicks,
        final long volumeLots)
    {
        this.kind = CsvKind.BAR;
        this.instrumentId = instrumentId;
        this.sourceTimeNs = sourceTimeNs;
        this.durationMs = durationMs;
        this.openTicks = openTicks;
        this.highTicks = highTicks;
        this.lowTicks = lowTicks;
        this.closeTicks = closeTicks;
        this.volumeLots = volumeLots;
    }

    /**
     * Publish this record through the port.
     *
     * @return false if the publisher refused it (ring full after its bounded wait); the record is unchanged.
     * @throws IllegalStateException if nothing was parsed into the record yet.
     */
    public boolean publishTo(final MarketDataPublisher publisher, final int sourceId)
    {
        if (kind == null)
        {
            throw new IllegalStateException("no record parsed yet");
        }
        switch (kind)
        {
            case TRADE:
                return publisher.publishTrade(
                    sourceId, instrumentId, sourceTimeNs, priceTicks, qtyLots, aggressorSide, tradeId);
            case QUOTE:
                return publisher.publishQuote(
                    sourceId, instrumentId, sourceTimeNs, bidTicks, bidLots, askTicks, askLots);
            default:
                return publisher.publishBar(
                    sourceId,
                    instrumentId,
                    sourceTimeNs,
                    durationMs,
                    openTicks,
                    highTicks,
                    lowTicks,
                    closeTicks,
                    volumeLots);
        }
    }

    /**
     * @return the kind of the last parsed line, or null before the first.
     */
    public CsvKind kind()
    {
        return kind;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public long sourceTimeNs()
    {
        return sourceTimeNs;
    }
}
