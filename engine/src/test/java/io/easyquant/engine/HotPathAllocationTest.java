package io.easyquant.engine;

import com.sun.management.ThreadMXBean;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskCounter;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.MovingAverageCrossover;
import io.easyquant.engine.signal.StrategyMode;
import io.easyquant.engine.state.StateLayout;
import io.easyquant.engine.state.StateRecorders;
import io.easyquant.engine.state.StateStore;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.Side;
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
        final long allocated = allocatedInSteadyState(pipeline, clock);

        assertEquals(0, allocated, "bytes allocated over " + ROUND + " quotes in steady state");
        assertTrue(pipeline.counters().get(EngineCounters.ORDERS_SENT) > 1_000, "orders flowed");
        assertEquals(
            pipeline.counters().get(EngineCounters.ORDERS_SENT), pipeline.counters().get(EngineCounters.FILLS));
        assertEquals(0, pipeline.counters().get(EngineCounters.ILLEGAL_TRANSITIONS));
        assertTrue(pipeline.counters().ingestRejects(IngestReject.DUPLICATE_EXEC_ID) > 100, "repeated fills rejected");
    }

    /**
     * The same with the off-heap state store: execution writes positions and orders into the Chronicle Maps, risk its
     * counters and trading state.
     */
    @Test
    void shouldAllocateNothingInSteadyStateWithTheStateStore(@TempDir final Path dataDir) throws IOException
    {
        try (StateStore store = StateStore.open(dataDir, new StateLayout(2, 64)))
        {
            final ManualClock clock = new ManualClock();
            final DirectEngine pipeline = pipeline(clock, StateRecorders.of(store));
            final long allocated = allocatedInSteadyState(pipeline, clock);

            assertEquals(0, allocated, "bytes allocated over " + ROUND + " quotes in steady state");
            assertTrue(pipeline.counters().get(EngineCounters.ORDERS_SENT) > 1_000, "orders flowed");
            assertTrue(pipeline.risk().counter(0, RiskCounter.MESSAGES_IN_WINDOW) > 0, "risk counters moved");
            assertEquals(List.of(),
                store.check(pipeline.execution().positions(), pipeline.execution().orders(), pipeline.risk()),
                "the maps hold what the stages hold");
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
            everyCheck(instruments),
            new ExecutionContext(OrderType.MARKET, 0, 64),
            clock,
            1), FillingVenue::new, state);
    }

    /**
     * @return the bytes allocated over the last round of {@link #ROUND} quotes, after warm-up rounds (at most 30).
     */
    private static long allocatedInSteadyState(final DirectEngine pipeline, final ManualClock clock)
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
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        return allocated;
    }

    /**
     * Every check and rule on, with limits the walk stays inside, so each runs on every intent.
     */
    private static RiskLimits everyCheck(final Instruments instruments)
    {
        final RiskLimits.Builder limits = RiskLimits.builder(instruments)
            .maxGrossExposureCash(1_000_000_000_000_000L)
            .maxOpenOrders(64)
            .engineMessageRate(20_000, 1_000_000_000L)
            .maxDailyLossCash(1_000_000_000_000_000L)
            .maxConsecutiveLosses(1_000_000)
            .executionThrottle(100_000, 1_000_000_000L)
            .rejectStorm(1_000, 1_000_000_000L);
        for (int i = 0; i < 2; i++)
        {
            limits.maxOrderQtyLots(i, i == 0 ? 1_000 : 10_000)
                .maxPositionLots(i, i == 0 ? 1_000 : 10_000)
                .maxOrderNotionalCash(i, 1_000_000_000_000_000L)
                .collarPpm(i, 100_000)
                .messageRate(i, 10_000, 1_000_000_000L)
                .staleAfterNs(i, 1_000_000_000L)
                .volatilityHalt(i, 500_000, 50)
                .duplicateWindowNs(i, 1_000);
        }
        return limits.build();
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
            if (i % 1000 == 999)
            {
                // A venue repeating its first fill: rejected at ingest as a duplicate exec id, never applied.
                pipeline.inputs().tryPublishExecutionReport(2, 1, 1, 1, ExecType.FILL, Side.BUY, 1, 100, 0, 1, 0,
                    clock.nanoTime(), 0);
            }
            pipeline.drain();
        }
    }
}
