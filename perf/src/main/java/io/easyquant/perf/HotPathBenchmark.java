package io.easyquant.perf;

import io.easyquant.adapters.venue.paper.PaperVenue;
import io.easyquant.adapters.venue.paper.PaperVenueContext;
import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.pipeline.InboundPublisher;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.MovingAverageCrossover;
import io.easyquant.engine.signal.StrategyMode;
import io.easyquant.engine.state.StateLayout;
import io.easyquant.engine.state.StateRecorders;
import io.easyquant.engine.state.StateStore;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.perf.harness.Directories;
import org.agrona.concurrent.EpochNanoClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One quote through every stage (ingest, features, signal, risk, execution) and the paper venue, with the venue's
 * reports run through the stages too, on one thread: the cost of the engine's logic per market event, without the
 * ring's hand-off between threads. Prices follow a seeded trending walk, so orders and fills flow steadily.
 *
 * <p>{@code store=none} runs without the off-heap state; {@code store=maps} with a {@link StateStore} in a scratch
 * directory, execution mirroring every order change and fill and risk every counter change (its daily PnL moves on
 * most quotes once a position is open) and the trading state: the cost of the mirror per market event, in the same
 * run.
 *
 * <p>Run with {@code -prof gc} to see the allocation per operation (expected: 0 B/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HotPathBenchmark
{
    @Param({"none", "maps"})
    public String store;

    private DirectEngine engine;
    private InboundPublisher inputs;
    private final SettableClock clock = new SettableClock();
    private final long[] mid = {6_000_000, 300_000};
    private SplittableRandom random;
    private long step;
    private Path directory;
    private StateStore stateStore;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final Instruments instruments = new Instruments(List.of(
            new Instrument(1, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
            new Instrument(2, "ETH-USD", new BigDecimal("0.01"), new BigDecimal("0.001"), "USD")));
        final EngineContext context = new EngineContext(
            instruments,
            new PipelineContext(1024, PipelineContext.WaitStrategyType.SLEEPING, PipelineContext.Layout.SINGLE_THREAD,
                new int[0], TimeUnit.SECONDS.toNanos(1)),
            new FeaturesContext(),
            new MovingAverageCrossover(MovingAverageCrossover.AverageType.EMA, 10, 40, StrategyMode.LONG_SHORT,
                new long[] {100, 1000}),
            new RiskLimits(new long[] {10_000, 100_000}, new long[] {10_000, 100_000}),
            new ExecutionContext(OrderType.MARKET, 0, 256),
            clock,
            1);
        final PaperVenueContext venue = PaperVenueContext.builder()
            .sourceId(10).partialFillProbability(0.2).feeRateBps(2).seed(7).build();
        StateRecorders recorders = StateRecorders.NONE;
        if ("maps".equals(store))
        {
            directory = Files.createTempDirectory("hot-path-state");
            stateStore = StateStore.open(directory, new StateLayout(2, 256));
            recorders = StateRecorders.of(stateStore);
        }
        engine = new DirectEngine(context, reports -> new PaperVenue(venue, instruments, reports), recorders);
        inputs = engine.inputs();
        random = new SplittableRandom(42);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (stateStore != null)
        {
            stateStore.close();
            Directories.deleteQuietly(directory);
        }
    }

    @Benchmark
    public int quoteThroughAllStages()
    {
        final int index = (int)(step & 1);
        final long drift = ((step >> 9) & 1) == 0 ? 1 : -1;
        step++;
        mid[index] = Math.max(1_000, mid[index] + drift * random.nextInt(0, 20) - random.nextInt(0, 19));
        clock.nowNs += 10_000;
        inputs.publishQuote(100, index + 1, clock.nowNs, mid[index] - 2, 50, mid[index] + 2, 50);
        return engine.drain();
    }

    /**
     * Event time moved by the benchmark.
     */
    static final class SettableClock implements EpochNanoClock
    {
        long nowNs = 1_700_000_000_000_000_000L;

        @Override
        public long nanoTime()
        {
            return nowNs;
        }
    }
}
