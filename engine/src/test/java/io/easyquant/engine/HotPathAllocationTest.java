package io.easyquant.engine;

import com.sun.management.ThreadMXBean;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.MovingAverageCrossover;
import io.easyquant.engine.signal.StrategyMode;
import io.easyquant.engine.state.RiskStateRecorder;
import io.easyquant.engine.state.RiskStateSource;
import io.easyquant.engine.state.StateLayout;
import io.easyquant.engine.state.StateRecorders;
import io.easyquant.engine.state.StateStore;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.TradingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot path allocates nothing in steady state: every stage, from ingest to execution, with orders and fills
 * flowing, measured by the thread's allocated-bytes counter.
 */
class HotPathAllocationTest
{
    private static final int ROUND = 100_000;

    @Test
    void shouldAllocateNothingInSteadyStateAcrossAllStages()
    {
        final ManualClock clock = new ManualClock();
        final DirectEngine pipeline = pipeline(clock, StateRecorders.NONE);
        final long allocated = allocatedInSteadyState(pipeline, clock, RiskStateRecorder.NONE);

        assertEquals(0, allocated, "bytes allocated over " + ROUND + " quotes in steady state");
        assertTrue(pipeline.counters().get(EngineCounters.ORDERS_SENT) > 1_000, "orders flowed");
        assertEquals(
            pipeline.counters().get(EngineCounters.ORDERS_SENT), pipeline.counters().get(EngineCounters.FILLS));
        assertEquals(0, pipeline.counters().get(EngineCounters.ILLEGAL_TRANSITIONS));
    }

    /**
     * The same with the off-heap state store: execution writes positions and orders into the Chronicle Maps, and the
     * risk recorder's counter and trading-state writes (made here once per quote, as the risk stage makes them) too.
     */
    @Test
    void shouldAllocateNothingInSteadyStateWithTheStateStore(@TempDir final Path dataDir) throws IOException
    {
        try (StateStore store = StateStore.open(dataDir, new StateLayout(2, 64)))
        {
            final ManualClock clock = new ManualClock();
            final DirectEngine pipeline = pipeline(clock, StateRecorders.of(store));
            final long allocated = allocatedInSteadyState(pipeline, clock, store.riskRecorder());

            assertEquals(0, allocated, "bytes allocated over " + ROUND + " quotes in steady state");
            assertTrue(pipeline.counters().get(EngineCounters.ORDERS_SENT) > 1_000, "orders flowed");
            assertEquals(List.of(), store.check(pipeline.execution().positions(), pipeline.execution().orders(),
                new RiskStateSource()
                {
                    @Override
                    public int counterCount()
                    {
                        return 4;
                    }

                    @Override
                    public long counter(final int instrumentIndex, final int counter)
                    {
                        return counter == 3 && instrumentIndex >= 0 ? ROUND - 2 + instrumentIndex : 0;
                    }

                    @Override
                    public int tradingState()
                    {
                        return TradingState.REDUCING;
                    }
                }), "the maps hold what the stages hold");
        }
    }

    private static DirectEngine pipeline(final ManualClock clock, final StateRecorders state)
    {
        final Instruments instruments = new Instruments(List.of(
            new Instrument(1, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
            new Instrument(2, "ETH-USD", new BigDecimal("0.01"), new BigDecimal("0.001"), "USD")));
        return new DirectEngine(new EngineContext(
            instruments,
            new PipelineContext(1024, PipelineContext.WaitStrategyType.SLEEPING, PipelineContext.Layout.SINGLE_THREAD,
                new int[0], 1_000_000),
            new FeaturesContext(),
            new MovingAverageCrossover(MovingAverageCrossover.AverageType.SMA, 5, 20, StrategyMode.LONG_SHORT,
                new long[] {100, 1000}),
            new RiskLimits(new long[] {1_000, 10_000}, new long[] {1_000, 10_000}),
            new ExecutionContext(OrderType.MARKET, 0, 64),
            clock,
            1), FillingVenue::new, state);
    }

    /**
     * @return the bytes allocated over the last round of {@link #ROUND} quotes, after warm-up rounds (at most 30).
     */
    private static long allocatedInSteadyState(
        final DirectEngine pipeline, final ManualClock clock, final RiskStateRecorder risk)
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "the JVM must count allocated bytes per thread");
        final Walk walk = new Walk(42);

        long allocated = -1;
        for (int round = 0; round < 30 && allocated != 0; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < ROUND; i++)
            {
                walk.step(pipeline, clock, i);
                risk.counter(i & 1, 3, i, i);
                risk.tradingState(TradingState.REDUCING, CommandOrigin.RISK_RULE, i);
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        return allocated;
    }

    /**
     * A seeded random walk of quotes over two instruments, trending in waves so that averages cross often.
     */
    private static final class Walk
    {
        private final SplittableRandom random;
        private final long[] mid = {6_000_000, 300_000};

        Walk(final long seed)
        {
            random = new SplittableRandom(seed);
        }

        void step(final DirectEngine pipeline, final ManualClock clock, final int i)
        {
            final int index = i & 1;
            final long drift = ((i >> 8) & 1) == 0 ? 1 : -1;
            mid[index] = Math.max(100, mid[index] + drift * random.nextInt(0, 20) - random.nextInt(0, 19));
            clock.advance(1_000);
            pipeline.inputs().publishQuote(1, index + 1, clock.nanoTime(), mid[index] - 1, 10, mid[index] + 1, 10);
            pipeline.drain();
        }
    }
}
