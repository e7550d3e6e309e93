package io.easyquant.perf;

import io.easyquant.engine.features.FeatureEngine;
import io.easyquant.engine.features.FeatureId;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.signal.LinearModel;
import io.easyquant.engine.signal.MovingAverageCrossover;
import io.easyquant.engine.signal.StrategyMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The strategies' update per price (the signal stage's work): SMA and EMA crossover 10/40 and a linear model over
 * every feature, on feature vectors precomputed from a seeded quote walk. Expected 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SignalBenchmark
{
    private static final int MASK = 4095;

    private final double[][] features = new double[MASK + 1][];
    private final long[] marks = new long[MASK + 1];
    private MovingAverageCrossover sma;
    private MovingAverageCrossover ema;
    private LinearModel linear;
    private int i;

    @Setup(Level.Trial)
    public void setUp()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(), 1);
        final SplittableRandom random = new SplittableRandom(5);
        long price = 100_000;
        for (int n = 0; n < features.length; n++)
        {
            price = Math.max(1_000, price + random.nextInt(-5, 6));
            engine.onQuote(0, price - 1, 40 + random.nextInt(20), price + 1, 40 + random.nextInt(20));
            features[n] = new double[FeatureId.COUNT];
            for (final FeatureId id : FeatureId.values())
            {
                features[n][id.ordinal()] = engine.value(0, id);
            }
            marks[n] = price;
        }
        sma = new MovingAverageCrossover(MovingAverageCrossover.AverageType.SMA, 10, 40, StrategyMode.LONG_SHORT,
            new long[] {1});
        ema = new MovingAverageCrossover(MovingAverageCrossover.AverageType.EMA, 10, 40, StrategyMode.LONG_SHORT,
            new long[] {1});
        final double[] weights = new double[FeatureId.COUNT];
        for (int w = 0; w < weights.length; w++)
        {
            weights[w] = 0.1 * (w + 1);
        }
        linear = new LinearModel(weights, 0, 0.5, StrategyMode.LONG_SHORT, new long[] {1}, 0);
    }

    @Benchmark
    public long smaCrossover()
    {
        final int n = i++ & MASK;
        return sma.onPrice(0, n, marks[n], features[n]);
    }

    @Benchmark
    public long emaCrossover()
    {
        final int n = i++ & MASK;
        return ema.onPrice(0, n, marks[n], features[n]);
    }

    @Benchmark
    public long linearModel()
    {
        final int n = i++ & MASK;
        return linear.onPrice(0, n, marks[n], features[n]);
    }
}
