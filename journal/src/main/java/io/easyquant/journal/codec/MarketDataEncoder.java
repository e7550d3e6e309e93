package io.easyquant.journal.codec;

import org.agrona.MutableDirectBuffer;

/**
 * Encodes market-data records (trades, quotes, bars) in one call each, header written with sequence and time cleared:
 * the one place feeds' values become records, shared by the ring's publishers and the importer.
 *
 * <p>Not thread-safe (it reuses its codecs); no allocation.
 */
public final class MarketDataEncoder
{
    private final TradeCodec trade = new TradeCodec();
    private final QuoteCodec quote = new QuoteCodec();
    private final BarCodec bar = new BarCodec();
    private final BookStateCodec bookState = new BookStateCodec();
    private final BookDepthCodec bookDepth = new BookDepthCodec();

    /**
     * @return the record's length.
     */
    public int encodeTrade(
        final MutableDirectBuffer buffer,
        final int offset,
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final long priceTicks,
        final long qtyLots,
        final byte aggressorSide,
        final long tradeId)
    {
        trade.<TradeCodec>wrapForEncode(buffer, offset, sourceId)
            .instrumentId(instrumentId)
            .aggressorSide(aggressorSide)
            .sourceTimeNs(sourceTimeNs)
            .priceTicks(priceTicks)
            .qtyLots(qtyLots)
            .tradeId(tradeId);
        return TradeCodec.LENGTH;
    }

    /**
     * @return the record's length.
     */
    public int encodeQuote(
        final MutableDirectBuffer buffer,
        final int offset,
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final long bidTicks,
        final long bidLots,
        final long askTicks,
        final long askLots)
    {
        quote.<QuoteCodec>wrapForEncode(buffer, offset, sourceId)
            .instrumentId(instrumentId)
            .sourceTimeNs(sourceTimeNs)
            .bidTicks(bidTicks)
            .bidLots(bidLots)
            .askTicks(askTicks)
            .askLots(askLots);
        return QuoteCodec.LENGTH;
    }

    /**
     * @return the record's length.
     */
    public int encodeBar(
        final MutableDirectBuffer buffer,
        final int offset,
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
        bar.<BarCodec>wrapForEncode(buffer, offset, sourceId)
            .instrumentId(instrumentId)
            .durationMs(durationMs)
            .sourceTimeNs(sourceTimeNs)
            .openTicks(openTicks)
            .highTicks(highTicks)
            .lowTicks(lowTicks)
            .closeTicks(closeTicks)
            .volumeLots(volumeLots);
        return BarCodec.LENGTH;
    }

    /**
     * @return the record's length.
     */
    public int encodeBookState(
        final MutableDirectBuffer buffer,
        final int offset,
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final int state,
        final int reason,
        final long lastUpdateId)
    {
        bookState.<BookStateCodec>wrapForEncode(buffer, offset, sourceId)
            .instrumentId(instrumentId)
            .state(state)
            .reason(reason)
            .sourceTimeNs(sourceTimeNs)
            .lastUpdateId(lastUpdateId);
        return BookStateCodec.LENGTH;
    }

    /**
     * @return the record's length.
     */
    public int encodeBookDepth(
        final MutableDirectBuffer buffer,
        final int offset,
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final int levels,
        final long bidDepthLots,
        final long askDepthLots)
    {
        bookDepth.<BookDepthCodec>wrapForEncode(buffer, offset, sourceId)
            .instrumentId(instrumentId)
            .levels(levels)
            .sourceTimeNs(sourceTimeNs)
            .bidDepthLots(bidDepthLots)
            .askDepthLots(askDepthLots);
        return BookDepthCodec.LENGTH;
    }
}
