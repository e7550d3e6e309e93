package io.easyquant.engine.signal;

import io.easyquant.engine.features.FeatureId;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.TradeCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalHandlerTest
{
    private static final int SOURCE_ID = 2;
    private static final long ENGINE_TIME_NS = 1_700_000_123_456_789_000L;
    private static final long SOURCE_TIME_NS = 1_600_000_000_000_000_000L;

    private final RecordingStrategy strategy = new RecordingStrategy();
    private final EngineCounters counters = new EngineCounters(2);
    private final SignalHandler handler = new SignalHandler(strategy, counters);
    private final TradeCodec trade = new TradeCodec();

    @Test
    void shouldAskStrategyWithSlotValuesAndHeaderTime()
    {
        final EngineEvent event = priceEvent(1, 10_050);
        event.features[FeatureId.MID_PRICE.ordinal()] = 10_050.5;
        event.features[FeatureId.SPREAD.ordinal()] = 1.0;
        strategy.nextTarget = Strategy.NO_TARGET;

        handler.onEvent(event, 0, true);

        assertEquals(List.of(new Call(1, ENGINE_TIME_NS, 10_050, event.features.clone())), strategy.calls);
    }

    @Test
    void shouldWriteTargetAndScoreWhenStrategyEmits()
    {
        final EngineEvent event = priceEvent(0, 100);
        strategy.nextTarget = -7;
        strategy.nextScore = -1.25;

        handler.onEvent(event, 0, true);

        assertTrue(event.hasSignal);
        assertEquals(-7, event.signalTargetLots);
        assertEquals(-1.25, event.signalScore);
        assertEquals(1, counters.get(EngineCounters.SIGNALS));
    }

    @Test
    void shouldWriteFlatTargetAsASignal()
    {
        final EngineEvent event = priceEvent(0, 100);
        event.signalTargetLots = 99;
        strategy.nextTarget = 0;

        handler.onEvent(event, 0, true);

        assertTrue(event.hasSignal);
        assertEquals(0, event.signalTargetLots);
        assertEquals(1, counters.get(EngineCounters.SIGNALS));
    }

    @Test
    void shouldWriteNothingWhenStrategyReturnsNoTarget()
    {
        final EngineEvent event = priceEvent(0, 100);
        event.signalTargetLots = 99;
        event.signalScore = 9.5;
        strategy.nextTarget = Strategy.NO_TARGET;
        strategy.nextScore = 3.0;

        handler.onEvent(event, 0, true);

        assertEquals(1, strategy.calls.size());
        assertFalse(event.hasSignal);
        assertEquals(99, event.signalTargetLots);
        assertEquals(9.5, event.signalScore);
        assertEquals(0, counters.get(EngineCounters.SIGNALS));
    }

    @Test
    void shouldNotCallStrategyForRejectedEvent()
    {
        final EngineEvent event = priceEvent(0, 100);
        event.ingestReject = IngestReject.OUT_OF_ORDER_TIME;
        strategy.nextTarget = 5;

        handler.onEvent(event, 0, true);

        assertNoCall(event);
    }

    @Test
    void shouldNotCallStrategyWithoutPriceUpdate()
    {
        final EngineEvent event = new EngineEvent();
        new ExecutionReportCodec().wrapForEncode(event.record, 0, SOURCE_ID);
        RecordHeader.stamp(event.record, 0, 1, ENGINE_TIME_NS);
        event.templateId = RecordType.EXECUTION_REPORT.code();
        event.instrumentIndex = 0;
        event.markTicks = 100;
        event.priceUpdated = false;
        strategy.nextTarget = 5;

        handler.onEvent(event, 0, true);

        assertNoCall(event);
    }

    @Test
    void shouldNotCallStrategyWithoutInstrument()
    {
        final EngineEvent event = priceEvent(0, 100);
        event.instrumentIndex = -1;
        strategy.nextTarget = 5;

        handler.onEvent(event, 0, true);

        assertNoCall(event);
    }

    @Test
    void shouldCallStrategyOncePerValidPriceUpdateInOrder()
    {
        final EngineEvent slot = new EngineEvent();
        strategy.nextTarget = Strategy.NO_TARGET;
        for (int i = 0; i < 5; i++)
        {
            encodePrice(slot, i % 2, 100 + i, ENGINE_TIME_NS + i);
            slot.ingestReject = i == 2 ? IngestReject.CROSSED_QUOTE : IngestReject.NONE;
            handler.onEvent(slot, i, true);
        }

        assertEquals(4, strategy.calls.size());
        assertEquals(List.of(0L, 1L, 3L, 4L),
            strategy.calls.stream().map(c -> c.timeNs - ENGINE_TIME_NS).toList());
        assertEquals(List.of(0, 1, 1, 0), strategy.calls.stream().map(c -> c.instrumentIndex).toList());
        assertEquals(List.of(100L, 101L, 103L, 104L), strategy.calls.stream().map(c -> c.markTicks).toList());
    }

    @Test
    void shouldPassFeaturesOfTheSlot()
    {
        final EngineEvent event = priceEvent(0, 100);
        for (int i = 0; i < FeatureId.COUNT; i++)
        {
            event.features[i] = i * 1.5;
        }

        handler.onEvent(event, 0, true);

        assertArrayEquals(event.features, strategy.calls.get(0).features());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void assertNoCall(final EngineEvent event)
    {
        assertTrue(strategy.calls.isEmpty(), "strategy called");
        assertFalse(event.hasSignal);
        assertEquals(0, counters.get(EngineCounters.SIGNALS));
    }

    /** A trade slot as ingest and features leave it; its source time differs from the engine time on purpose. */
    private EngineEvent priceEvent(final int index, final long markTicks)
    {
        return encodePrice(new EngineEvent(), index, markTicks, ENGINE_TIME_NS);
    }

    private EngineEvent encodePrice(final EngineEvent event, final int index, final long markTicks, final long timeNs)
    {
        trade.wrapForEncode(event.record, 0, SOURCE_ID);
        trade.instrumentId(index + 1).priceTicks(markTicks).qtyLots(1).sourceTimeNs(SOURCE_TIME_NS);
        RecordHeader.stamp(event.record, 0, 1, timeNs);
        event.clearOutputs();
        event.templateId = RecordType.TRADE.code();
        event.instrumentIndex = index;
        event.ingestReject = IngestReject.NONE;
        event.priceUpdated = true;
        event.markTicks = markTicks;
        Arrays.fill(event.features, markTicks);
        return event;
    }

    /** One call to {@link Strategy#onPrice}, features copied (the array is only valid during the call). */
    private record Call(int instrumentIndex, long timeNs, long markTicks, double[] features)
    {
        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Call that && instrumentIndex == that.instrumentIndex && timeNs == that.timeNs &&
                markTicks == that.markTicks && Arrays.equals(features, that.features);
        }

        @Override
        public int hashCode()
        {
            return 31 * Long.hashCode(timeNs) + Arrays.hashCode(features);
        }

        @Override
        public String toString()
        {
            return "Call[" + instrumentIndex + ", " + timeNs + ", " + markTicks + ", " + Arrays.toString(features) +
                "]";
        }
    }

    /** A strategy that records its calls and answers what the test tells it. */
    private static final class RecordingStrategy implements Strategy
    {
        final List<Call> calls = new ArrayList<>();
        long nextTarget = NO_TARGET;
        double nextScore;

        @Override
        public long onPrice(final int instrumentIndex, final long timeNs, final long markTicks, final double[] features)
        {
            calls.add(new Call(instrumentIndex, timeNs, markTicks, features.clone()));
            return nextTarget;
        }

        @Override
        public double lastScore()
        {
            return nextScore;
        }

        @Override
        public String name()
        {
            return "recording";
        }
    }
}
