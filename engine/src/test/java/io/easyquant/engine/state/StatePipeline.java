package io.easyquant.engine.state;

import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.MovingAverageCrossover;
import io.easyquant.engine.signal.StrategyMode;
import io.easyquant.journal.codec.OrderType;
import org.agrona.concurrent.EpochNanoClock;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic two-instrument pipeline on the caller's thread with the {@link ScriptedVenue}: a seeded random walk
 * of quotes, trending in waves so that averages cross often, sending orders that fill, part-fill or stay working.
 */
public final class StatePipeline
{
    public static final int MAX_WORKING_ORDERS = 16;

    private final DirectEngine engine;
    private final SplittableRandom random;
    private final long[] mid = {6_000_000, 300_000};
    private long timeNs = 1_700_000_000_000_000_000L;
    private int steps;

    public StatePipeline(final long seed, final StateRecorders state)
    {
        random = new SplittableRandom(seed);
        final EpochNanoClock clock = () -> timeNs;
        engine = new DirectEngine(new EngineContext(
            instruments(),
            new PipelineContext(1024, PipelineContext.WaitStrategyType.SLEEPING, PipelineContext.Layout.SINGLE_THREAD,
                new int[0], 1_000_000),
            new FeaturesContext(),
            new MovingAverageCrossover(MovingAverageCrossover.AverageType.SMA, 5, 20, StrategyMode.LONG_SHORT,
                new long[] {100, 1000}),
            new RiskLimits(new long[] {1_000, 10_000}, new long[] {1_000, 10_000}),
            new ExecutionContext(OrderType.MARKET, 0, MAX_WORKING_ORDERS),
            clock,
            1), ScriptedVenue::new, state);
    }

    public static Instruments instruments()
    {
        return new Instruments(List.of(
            new Instrument(1, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
            new Instrument(2, "ETH-USD", new BigDecimal("0.01"), new BigDecimal("0.001"), "USD")));
    }

    /**
     * The store's execution recorder alone: positions and orders come from the stages, the risk entries from the
     * test itself.
     */
    public static StateRecorders executionOnly(final StateStore store)
    {
        return new StateRecorders(store.executionRecorder(), RiskStateRecorder.NONE);
    }

    public static StateLayout layout()
    {
        return new StateLayout(2, MAX_WORKING_ORDERS);
    }

    /**
     * Publish one quote and run it, and everything it caused, through the stages.
     */
    public void step()
    {
        final int i = steps++;
        final int index = i & 1;
        final long drift = ((i >> 8) & 1) == 0 ? 1 : -1;
        mid[index] = Math.max(100, mid[index] + drift * random.nextInt(0, 20) - random.nextInt(0, 19));
        timeNs += 1_000;
        engine.inputs().publishQuote(1, index + 1, timeNs, mid[index] - 1, 10, mid[index] + 1, 10);
        engine.drain();
    }

    public DirectEngine engine()
    {
        return engine;
    }
}
