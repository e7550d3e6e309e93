package io.easyquant.perf;

import io.easyquant.engine.features.FeatureEngine;
import io.easyquant.engine.features.FeatureId;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.pipeline.EngineEvent;
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
 * Each feature update of the features stage, default windows (EMA 12/26, volatility and VWAP over 50), prices on a
 * seeded walk: a quote (mark, log return, EMAs, spread, imbalance, and the volatility over the window), the same
 * without the volatility (what a strategy that does not read it gets), a trade and a bar (VWAP print and, before any
 * quote, a mark update), and the snapshot into a ring slot. Expected 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FeatureBenchmark
{
    private static final int MASK = 4095;

    private final long[] prices = new long[MASK + 1];
    private final EngineEvent slot = new EngineEvent();
    private FeatureEngine quotes;
    private FeatureEngine quotesWithoutVolatility;
    private FeatureEngine trades;
    private FeatureEngine bars;
    private int i;

    @Setup(Level.Trial)
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(3);
        long price = 100_000;
        for (int n = 0; n < prices.length; n++)
        {
            price = Math.max(1_000, price + random.nextInt(-5, 6));
            prices[n] = price;
        }
        quotes = new FeatureEngine(new FeaturesContext(), 1);
        quotesWithoutVolatility = new FeatureEngine(new FeaturesContext(), 1, false);
        trades = new FeatureEngine(new FeaturesContext(), 1);
        bars = new FeatureEngine(new FeaturesContext(), 1);
        for (int n = 0; n < 100; n++)
        {
            quote();
            quoteWithoutVolatility();
            trade();
            bar();
        }
    }

    @Benchmark
    public double quote()
    {
        final long p = prices[i++ & MASK];
        quotes.onQuote(0, p - 1, 40, p + 1, 60);
        return quotes.value(0, FeatureId.VOLATILITY);
    }

    @Benchmark
    public double quoteWithoutVolatility()
    {
        final long p = prices[i++ & MASK];
        quotesWithoutVolatility.onQuote(0, p - 1, 40, p + 1, 60);
        return quotesWithoutVolatility.value(0, FeatureId.EMA_GAP);
    }

    @Benchmark
    public double trade()
    {
        final long p = prices[i++ & MASK];
        trades.onTrade(0, p, 3);
        return trades.value(0, FeatureId.VWAP);
    }

    @Benchmark
    public double bar()
    {
        final long p = prices[i++ & MASK];
        bars.onBar(0, p - 2, p + 5, p - 6, p, 100);
        return bars.value(0, FeatureId.VWAP);
    }

    @Benchmark
    public long snapshot()
    {
        quotes.snapshot(0, slot);
        return slot.markTicks;
    }
}
