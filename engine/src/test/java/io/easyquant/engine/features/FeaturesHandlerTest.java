package io.easyquant.engine.features;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.journal.codec.BarCodec;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.TimerTickCodec;
import io.easyquant.journal.codec.TradeCodec;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FeaturesHandlerTest
{
    private static final int SOURCE_ID = 1;
    private static final int BTC = 7;
    private static final int ETH = 9;
    private static final int SOL = 11;

    private final Instruments instruments = new Instruments(List.of(
        new Instrument(BTC, "BTCUSD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
        new Instrument(ETH, "ETHUSD", new BigDecimal("0.01"), new BigDecimal("0.001"), "USD"),
        new Instrument(SOL, "SOLUSD", new BigDecimal("0.001"), new BigDecimal("0.01"), "USD")));
    private final FeatureEngine engine = new FeatureEngine(new FeaturesContext(), instruments.count());
    private final FeaturesHandler handler = new FeaturesHandler(engine);

    private final TradeCodec trade = new TradeCodec();
    private final QuoteCodec quote = new QuoteCodec();
    private final BarCodec bar = new BarCodec();

    @Test
    void shouldUpdatePriceAndWriteFeaturesForQuote()
    {
        final EngineEvent event = quoteEvent(new EngineEvent(), ETH, 100, 30, 103, 10);

        handler.onEvent(event, 0, true);

        final int index = instruments.indexOf(ETH);
        assertTrue(event.priceUpdated);
        assertTrue(engine.hasPrice(index));
        assertFalse(engine.hasPrice(instruments.indexOf(BTC)));
        assertEquals(101, event.markTicks);
        assertEquals(100, event.bidTicks);
        assertEquals(103, event.askTicks);
        assertEquals(101.5, event.features[FeatureId.MID_PRICE.ordinal()]);
        assertEquals(3.0, event.features[FeatureId.SPREAD.ordinal()]);
        assertEquals(0.5, event.features[FeatureId.IMBALANCE.ordinal()]);
        assertEquals(101.5, event.features[FeatureId.EMA_FAST.ordinal()]);
        assertArrayEquals(features(index), event.features);
    }

    @Test
    void shouldDecodeTradeAndBarLikeDirectCalls()
    {
        final FeatureEngine direct = new FeatureEngine(new FeaturesContext(), instruments.count());
        final int index = instruments.indexOf(SOL);

        final EngineEvent tradeEvent = tradeEvent(new EngineEvent(), SOL, 5_000, 12);
        handler.onEvent(tradeEvent, 0, true);
        direct.onTrade(index, 5_000, 12);

        final EngineEvent barEvent = barEvent(new EngineEvent(), SOL, 4_990, 5_020, 4_980, 5_010, 300);
        handler.onEvent(barEvent, 1, true);
        direct.onBar(index, 4_990, 5_020, 4_980, 5_010, 300);

        assertTrue(tradeEvent.priceUpdated);
        assertTrue(barEvent.priceUpdated);
        assertEquals(5_010, barEvent.markTicks);
        for (final FeatureId id : FeatureId.values())
        {
            assertEquals(direct.value(index, id), engine.value(index, id), id.name());
            assertEquals(direct.value(index, id), barEvent.features[id.ordinal()], id.name());
        }
    }

    @Test
    void shouldLeaveRejectedSlotUntouched()
    {
        final EngineEvent event = quoteEvent(new EngineEvent(), BTC, 105, 1, 100, 1);
        event.ingestReject = IngestReject.CROSSED_QUOTE;
        fillWithSentinels(event);

        handler.onEvent(event, 0, true);

        assertSentinels(event);
        assertFalse(engine.hasPrice(instruments.indexOf(BTC)));
    }

    @Test
    void shouldLeaveSlotWithoutInstrumentUntouched()
    {
        handler.onEvent(quoteEvent(new EngineEvent(), BTC, 100, 1, 102, 1), 0, true);
        final EngineEvent event = new EngineEvent();
        new TimerTickCodec().wrapForEncode(event.record, 0, SOURCE_ID);
        event.templateId = RecordType.TIMER_TICK.code();
        event.instrumentIndex = Instruments.UNKNOWN;
        fillWithSentinels(event);

        handler.onEvent(event, 1, true);

        assertSentinels(event);
    }

    @Test
    void shouldWriteCurrentFeaturesOnExecutionReportWithoutPriceUpdate()
    {
        handler.onEvent(quoteEvent(new EngineEvent(), BTC, 100, 1, 102, 3), 0, true);
        final EngineEvent event = new EngineEvent();
        new ExecutionReportCodec().wrapForEncode(event.record, 0, SOURCE_ID);
        event.templateId = RecordType.EXECUTION_REPORT.code();
        event.instrumentIndex = instruments.indexOf(BTC);
        event.ingestReject = IngestReject.NONE;

        handler.onEvent(event, 1, true);

        assertFalse(event.priceUpdated);
        assertEquals(101, event.markTicks);
        assertEquals(100, event.bidTicks);
        assertEquals(102, event.askTicks);
        assertEquals(-0.5, event.features[FeatureId.IMBALANCE.ordinal()]);
        assertArrayEquals(features(instruments.indexOf(BTC)), event.features);
    }

    @Test
    void shouldNotAllocateInOnEvent()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot thread allocation counter");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "thread allocation counter supported");
        threads.setThreadAllocatedMemoryEnabled(true);

        final EngineEvent[] events = new EngineEvent[8];
        for (int i = 0; i < events.length; i++)
        {
            events[i] = new EngineEvent();
        }
        final int[] ids = {BTC, ETH, SOL};

        // HotSpot's tiered compiler can account a hundred-odd bytes to this thread once, while the driving loop
        // moves between tiers (on-stack replacement with background compilation; gone with -XX:-BackgroundCompilation
        // or -Xint). So warm up in rounds of 100k until one round allocates nothing, then measure a fresh round.
        for (int round = 0; round < 20; round++)
        {
            final long roundStart = threads.getCurrentThreadAllocatedBytes();
            driveEvents(events, ids, 100_000, 100L + round);
            if (threads.getCurrentThreadAllocatedBytes() == roundStart)
            {
                break;
            }
        }
        // Then measure fresh rounds: one compilation event may still land in a round, an allocation per event lands in
        // every round (100k events), so the test takes the first round that allocates nothing, up to five.
        long allocated = -1;
        for (int round = 0; round < 5 && allocated != 0; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            driveEvents(events, ids, 100_000, 2L + round);
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }

        assertEquals(0, allocated, "bytes allocated by 100k onEvent calls after warm-up");
    }

    /**
     * Encode and handle {@code count} events cycling over quotes, trades, bars, execution reports and rejected quotes
     * of the instruments, prices following a cheap linear congruential walk. Allocates nothing.
     */
    private void driveEvents(final EngineEvent[] events, final int[] ids, final int count, final long seed)
    {
        long state = seed;
        for (int n = 0; n < count; n++)
        {
            state = state * 6364136223846793005L + 1442695040888963407L;
            final long noise = (state >>> 33) & 15;
            final int id = ids[n % ids.length];
            final EngineEvent event = events[n & (events.length - 1)];
            final long p = 10_000 + noise;
            switch ((int)((state >>> 40) % 5))
            {
                case 0:
                    quoteEvent(event, id, p, noise, p + 1 + (noise & 3), 16 - noise);
                    break;
                case 1:
                    tradeEvent(event, id, p, 1 + noise);
                    break;
                case 2:
                    barEvent(event, id, p, p + 5, p - 5, p + 1, noise);
                    break;
                case 3:
                    event.templateId = RecordType.EXECUTION_REPORT.code();
                    event.instrumentIndex = instruments.indexOf(id);
                    event.ingestReject = IngestReject.NONE;
                    event.clearOutputs();
                    break;
                default:
                    quoteEvent(event, id, p + 3, 1, p, 1);
                    event.ingestReject = IngestReject.CROSSED_QUOTE;
                    break;
            }
            handler.onEvent(event, n, true);
        }
    }

    private EngineEvent quoteEvent(
        final EngineEvent event, final int instrumentId, final long bid, final long bidLots, final long ask,
        final long askLots)
    {
        quote.wrapForEncode(event.record, 0, SOURCE_ID);
        quote.instrumentId(instrumentId).bidTicks(bid).bidLots(bidLots).askTicks(ask).askLots(askLots);
        return accepted(event, RecordType.QUOTE, instrumentId);
    }

    private EngineEvent tradeEvent(final EngineEvent event, final int instrumentId, final long price, final long qty)
    {
        trade.wrapForEncode(event.record, 0, SOURCE_ID);
        trade.instrumentId(instrumentId).priceTicks(price).qtyLots(qty);
        return accepted(event, RecordType.TRADE, instrumentId);
    }

    private EngineEvent barEvent(
        final EngineEvent event, final int instrumentId, final long open, final long high, final long low,
        final long close, final long volume)
    {
        bar.wrapForEncode(event.record, 0, SOURCE_ID);
        bar.instrumentId(instrumentId).openTicks(open).highTicks(high).lowTicks(low).closeTicks(close)
            .volumeLots(volume);
        return accepted(event, RecordType.BAR, instrumentId);
    }

    private EngineEvent accepted(final EngineEvent event, final RecordType type, final int instrumentId)
    {
        event.templateId = type.code();
        event.instrumentIndex = instruments.indexOf(instrumentId);
        event.ingestReject = IngestReject.NONE;
        event.clearOutputs();
        return event;
    }

    private double[] features(final int index)
    {
        final double[] values = new double[FeatureId.COUNT];
        for (final FeatureId id : FeatureId.values())
        {
            values[id.ordinal()] = engine.value(index, id);
        }
        return values;
    }

    private static void fillWithSentinels(final EngineEvent event)
    {
        event.priceUpdated = false;
        event.markTicks = -11;
        event.bidTicks = -12;
        event.askTicks = -13;
        Arrays.fill(event.features, -42.0);
    }

    private static void assertSentinels(final EngineEvent event)
    {
        assertFalse(event.priceUpdated);
        assertEquals(-11, event.markTicks);
        assertEquals(-12, event.bidTicks);
        assertEquals(-13, event.askTicks);
        for (final double value : event.features)
        {
            assertEquals(-42.0, value);
        }
    }
}
