package io.easyquant.adapters.venue.paper;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.venue.Venue;
import io.easyquant.journal.codec.BarCodec;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TimerTickCodec;
import io.easyquant.journal.codec.TradeCodec;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigDecimal;
import java.util.List;

/**
 * Builds input records with the journal codecs and hands them to a venue, stamped with the given engine time.
 * Reuses one buffer and one codec of each kind, so feeding inputs does not allocate.
 */
final class MarketInputs
{
    static final int FEED_SOURCE_ID = 7;
    /** BTC-USD: tick 0.01, lot 0.0001, so one tick x one lot = 100 cash units. */
    static final int BTC = 1;
    /** ETH-USD: tick 0.01, lot 0.001, so one tick x one lot = 1000 cash units. */
    static final int ETH = 2;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final QuoteCodec quote = new QuoteCodec();
    private final TradeCodec trade = new TradeCodec();
    private final BarCodec bar = new BarCodec();
    private final TimerTickCodec timer = new TimerTickCodec();
    private final Venue venue;
    private long sequence;

    MarketInputs(final Venue venue)
    {
        this.venue = venue;
    }

    static Instruments instruments()
    {
        return new Instruments(List.of(
            new Instrument(BTC, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
            new Instrument(ETH, "ETH-USD", new BigDecimal("0.01"), new BigDecimal("0.001"), "USD")));
    }

    void quote(
        final long nowNs, final int instrumentId, final long bidTicks, final long bidLots, final long askTicks,
        final long askLots)
    {
        quote.wrapForEncode(buffer, 0, FEED_SOURCE_ID);
        quote.instrumentId(instrumentId)
            .sourceTimeNs(nowNs)
            .bidTicks(bidTicks)
            .bidLots(bidLots)
            .askTicks(askTicks)
            .askLots(askLots);
        deliver(nowNs);
    }

    void quote(final long nowNs, final int instrumentId, final long bidTicks, final long askTicks)
    {
        quote(nowNs, instrumentId, bidTicks, 10, askTicks, 10);
    }

    void trade(final long nowNs, final int instrumentId, final long priceTicks, final long qtyLots)
    {
        trade.wrapForEncode(buffer, 0, FEED_SOURCE_ID);
        trade.instrumentId(instrumentId)
            .aggressorSide(Side.NONE)
            .sourceTimeNs(nowNs)
            .priceTicks(priceTicks)
            .qtyLots(qtyLots)
            .tradeId(sequence);
        deliver(nowNs);
    }

    void bar(
        final long nowNs, final int instrumentId, final long openTicks, final long highTicks, final long lowTicks,
        final long closeTicks)
    {
        bar.wrapForEncode(buffer, 0, FEED_SOURCE_ID);
        bar.instrumentId(instrumentId)
            .durationMs(60_000)
            .sourceTimeNs(nowNs)
            .openTicks(openTicks)
            .highTicks(highTicks)
            .lowTicks(lowTicks)
            .closeTicks(closeTicks)
            .volumeLots(100);
        deliver(nowNs);
    }

    void timerTick(final long nowNs)
    {
        timer.wrapForEncode(buffer, 0, FEED_SOURCE_ID);
        timer.timerId(1).scheduledTimeNs(nowNs);
        deliver(nowNs);
    }

    private void deliver(final long nowNs)
    {
        RecordHeader.stamp(buffer, 0, ++sequence, nowNs);
        venue.onInput(buffer, 0, nowNs);
    }
}
