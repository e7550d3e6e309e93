package io.easyquant.adapters.feed.synthetic;

import io.easyquant.engine.feed.MarketDataPublisher;
import io.easyquant.journal.codec.Side;

/**
 * One generated market-data event, a quote or a trade, filled in place by {@link SyntheticMarket#next}. Reused
 * from event to event: read it before the next call. Prices in ticks, sizes in lots.
 *
 * <p>Not thread-safe.
 */
public final class SyntheticEvent
{
    public static final byte QUOTE = 1;
    public static final byte TRADE = 2;

    private byte type;
    private int instrumentId;
    private long bidTicks;
    private long bidLots;
    private long askTicks;
    private long askLots;
    private long priceTicks;
    private long qtyLots;
    private byte aggressorSide;
    private long tradeId;

    void quote(final int instrumentId, final long bidTicks, final long bidLots, final long askTicks, final long askLots)
    {
        this.type = QUOTE;
        this.instrumentId = instrumentId;
        this.bidTicks = bidTicks;
        this.bidLots = bidLots;
        this.askTicks = askTicks;
        this.askLots = askLots;
        this.priceTicks = 0;
        this.qtyLots = 0;
        this.aggressorSide = Side.NONE;
        this.tradeId = 0;
    }

    void trade(
        final int instrumentId, final long priceTicks, final long qtyLots, final byte aggressorSide, final long tradeId)
    {
        this.type = TRADE;
        this.instrumentId = instrumentId;
        this.bidTicks = 0;
        this.bidLots = 0;
        this.askTicks = 0;
        this.askLots = 0;
        this.priceTicks = priceTicks;
        this.qtyLots = qtyLots;
        this.aggressorSide = aggressorSide;
        this.tradeId = tradeId;
    }

    /**
     * Publish this event through the port.
     *
     * @return false if the publisher refused it (ring full after its bounded wait); the event is unchanged.
     */
    public boolean publishTo(final MarketDataPublisher publisher, final int sourceId, final long sourceTimeNs)
    {
        if (type == TRADE)
        {
            return publisher.publishTrade(
                sourceId, instrumentId, sourceTimeNs, priceTicks, qtyLots, aggressorSide, tradeId);
        }
        return publisher.publishQuote(sourceId, instrumentId, sourceTimeNs, bidTicks, bidLots, askTicks, askLots);
    }

    /**
     * @return {@link #QUOTE} or {@link #TRADE}; 0 before the first event.
     */
    public byte type()
    {
        return type;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return the bid of a quote; 0 for a trade.
     */
    public long bidTicks()
    {
        return bidTicks;
    }

    public long bidLots()
    {
        return bidLots;
    }

    /**
     * @return the ask of a quote; 0 for a trade.
     */
    public long askTicks()
    {
        return askTicks;
    }

    public long askLots()
    {
        return askLots;
    }

    /**
     * @return the price of a trade; 0 for a quote.
     */
    public long priceTicks()
    {
        return priceTicks;
    }

    public long qtyLots()
    {
        return qtyLots;
    }

    /**
     * @return the {@link Side} of a trade's aggressor; {@link Side#NONE} for a quote.
     */
    public byte aggressorSide()
    {
        return aggressorSide;
    }

    /**
     * @return the trade id, counting from 1 over all instruments of the feed; 0 for a quote.
     */
    public long tradeId()
    {
        return tradeId;
    }

    @Override
    public String toString()
    {
        return type == TRADE ?
            "Trade{instrumentId=" + instrumentId + ", priceTicks=" + priceTicks + ", qtyLots=" + qtyLots +
            ", aggressorSide=" + Side.name(aggressorSide) + ", tradeId=" + tradeId + "}" :
            "Quote{instrumentId=" + instrumentId + ", bidTicks=" + bidTicks + ", bidLots=" + bidLots +
            ", askTicks=" + askTicks + ", askLots=" + askLots + "}";
    }
}
