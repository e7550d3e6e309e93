package io.easyquant.engine;

import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.metrics.PipelineMonitor;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.MovingAverageCrossover;
import io.easyquant.engine.signal.StrategyMode;
import io.easyquant.journal.codec.OrderType;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline's stages report their progress and latency to the monitor: last sequence and event time per stage,
 * service times on one event in {@code sampleEvery}, tick-to-trade for every order caused by market data.
 */
class EngineMonitoringTest
{
    @Test
    void shouldReportProgressAndLatencyOfEveryStage()
    {
        final ManualClock clock = new ManualClock();
        final DirectEngine engine = new DirectEngine(new EngineContext(
            new Instruments(List.of(new Instrument(1, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"),
                "USD"))),
            new PipelineContext(1024, PipelineContext.WaitStrategyType.SLEEPING, PipelineContext.Layout.SINGLE_THREAD,
                new int[0], 1_000_000),
            new FeaturesContext(),
            new MovingAverageCrossover(MovingAverageCrossover.AverageType.SMA, 2, 4, StrategyMode.LONG_SHORT,
                new long[] {10}),
            new RiskLimits(new long[] {100}, new long[] {100}),
            new ExecutionContext(OrderType.MARKET, 0, 16),
            clock,
            1), FillingVenue::new);
        final PipelineMonitor monitor = engine.monitor();
        assertEquals(List.of("ingest", "features", "signal", "risk", "execution"),
            List.of(monitor.stageName(0), monitor.stageName(1), monitor.stageName(2), monitor.stageName(3),
                monitor.stageName(4)));
        assertEquals(-1, monitor.lastSequence(0));

        long mid = 1_000_000;
        int events = 0;
        for (int i = 0; i < 2_000; i++)
        {
            mid += ((i / 10) % 2 == 0) ? 50 : -50;
            clock.advance(1_000);
            engine.inputs().publishQuote(1, 1, clock.nanoTime(), mid - 1, 10, mid + 1, 10);
            events += engine.drain();
        }

        for (int stage = 0; stage < monitor.stageCount(); stage++)
        {
            assertEquals(events - 1, monitor.lastSequence(stage), monitor.stageName(stage));
            assertTrue(monitor.heartbeatTimeNs(stage) > 0);
            final Histogram service = monitor.stageLatency(stage).getIntervalHistogram();
            assertEquals((events + monitor.sampleEvery() - 1) / monitor.sampleEvery(), service.getTotalCount(),
                monitor.stageName(stage));
        }
        final long orders = engine.counters().get(EngineCounters.ORDERS_SENT);
        assertTrue(orders > 10, "orders flowed: " + orders);
        final long tickToTrade = monitor.tickToTrade().getIntervalHistogram().getTotalCount();
        assertTrue(tickToTrade > 0 && tickToTrade <= orders, tickToTrade + " of " + orders);
        assertTrue(monitor.queueLatency().getIntervalHistogram().getTotalCount() > 0);
    }
}
