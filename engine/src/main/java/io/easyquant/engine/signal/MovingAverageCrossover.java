package io.easyquant.engine.signal;

import io.easyquant.engine.features.FeatureId;

/**
 * Moving-average crossover. When the fast average crosses above the slow one the target becomes long
 * {@code quantityLots}; when it crosses below, flat ({@link StrategyMode#LONG_ONLY}) or short
 * ({@link StrategyMode#LONG_SHORT}). Between crosses the target is left unchanged.
 *
 * <p>Prices are the instrument's mark (mid of the quote, else last trade or bar close) in half ticks, so a mid between
 * two ticks is exact. Simple averages are kept as exact long sums and compared by cross-multiplication; exponential
 * averages are doubles (alpha = 2 / (period + 1), seeded with the first price). No signal until the slow window is
 * full. A cross is a change of the sign of (fast - slow) against the last non-zero sign: equal averages are not a
 * cross.
 *
 * <p>Not thread-safe; no allocation after construction.
 */
public final class MovingAverageCrossover implements Strategy
{
    /**
     * The kind of moving average.
     */
    public enum AverageType
    {
        SMA,
        EMA
    }

    private final AverageType type;
    private final int fastPeriod;
    private final int slowPeriod;
    private final StrategyMode mode;
    private final long[] quantityLots;

    private final long[] window;
    private final long[] fastSum;
    private final long[] slowSum;
    private final double[] emaFast;
    private final double[] emaSlow;
    private final long[] updates;
    private final int[] lastSign;
    private final double alphaFast;
    private final double alphaSlow;
    private double lastScore;

    /**
     * @param quantityLots the target size in lots per instrument index, each &gt; 0.
     * @throws IllegalArgumentException naming the field for a bad value.
     */
    public MovingAverageCrossover(
        final AverageType type,
        final int fastPeriod,
        final int slowPeriod,
        final StrategyMode mode,
        final long[] quantityLots)
    {
        if (fastPeriod < 1)
        {
            throw new IllegalArgumentException("fastPeriod: expected an integer >= 1, got " + fastPeriod);
        }
        if (slowPeriod <= fastPeriod)
        {
            throw new IllegalArgumentException(
                "slowPeriod: expected an integer greater than fastPeriod (" + fastPeriod + "), got " + slowPeriod);
        }
        for (int i = 0; i < quantityLots.length; i++)
        {
            if (quantityLots[i] <= 0)
            {
                throw new IllegalArgumentException("quantity: expected a positive quantity for every instrument");
            }
        }
        this.type = type;
        this.fastPeriod = fastPeriod;
        this.slowPeriod = slowPeriod;
        this.mode = mode;
        this.quantityLots = quantityLots.clone();
        final int count = quantityLots.length;
        window = new long[count * slowPeriod];
        fastSum = new long[count];
        slowSum = new long[count];
        emaFast = new double[count];
        emaSlow = new double[count];
        updates = new long[count];
        lastSign = new int[count];
        alphaFast = 2.0 / (fastPeriod + 1);
        alphaSlow = 2.0 / (slowPeriod + 1);
    }

    @Override
    public long onPrice(final int instrumentIndex, final long timeNs, final long markTicks, final double[] features)
    {
        final long priceHalfTicks = Math.round(features[FeatureId.MID_PRICE.ordinal()] * 2.0);
        final int sign = type == AverageType.SMA ?
            updateSma(instrumentIndex, priceHalfTicks) : updateEma(instrumentIndex, priceHalfTicks);
        if (sign == 0)
        {
            return NO_TARGET;
        }
        final int previous = lastSign[instrumentIndex];
        lastSign[instrumentIndex] = sign;
        if (previous == 0 || previous == sign)
        {
            return NO_TARGET;
        }
        if (sign > 0)
        {
            return quantityLots[instrumentIndex];
        }
        return mode == StrategyMode.LONG_SHORT ? -quantityLots[instrumentIndex] : 0;
    }

    private int updateSma(final int index, final long priceHalfTicks)
    {
        final long n = updates[index];
        final int base = index * slowPeriod;
        final int position = (int)(n % slowPeriod);
        if (n >= fastPeriod)
        {
            fastSum[index] -= window[base + (int)((n - fastPeriod) % slowPeriod)];
        }
        if (n >= slowPeriod)
        {
            slowSum[index] -= window[base + position];
        }
        window[base + position] = priceHalfTicks;
        fastSum[index] += priceHalfTicks;
        slowSum[index] += priceHalfTicks;
        updates[index] = n + 1;
        if (n + 1 < slowPeriod)
        {
            return 0;
        }
        final long fastScaled = fastSum[index] * slowPeriod;
        final long slowScaled = slowSum[index] * fastPeriod;
        lastScore = ((double)fastSum[index] / fastPeriod - (double)slowSum[index] / slowPeriod) / 2.0;
        return Long.compare(fastScaled, slowScaled);
    }

    private int updateEma(final int index, final long priceHalfTicks)
    {
        final double price = priceHalfTicks;
        final long n = updates[index];
        if (n == 0)
        {
            emaFast[index] = price;
            emaSlow[index] = price;
        }
        else
        {
            emaFast[index] += alphaFast * (price - emaFast[index]);
            emaSlow[index] += alphaSlow * (price - emaSlow[index]);
        }
        updates[index] = n + 1;
        if (n + 1 < slowPeriod)
        {
            return 0;
        }
        lastScore = (emaFast[index] - emaSlow[index]) / 2.0;
        return Double.compare(emaFast[index], emaSlow[index]) > 0 ? 1 : emaFast[index] < emaSlow[index] ? -1 : 0;
    }

    /**
     * Reads the mark ({@link FeatureId#MID_PRICE}) only.
     */
    @Override
    public boolean usesFeature(final FeatureId feature)
    {
        return feature == FeatureId.MID_PRICE;
    }

    @Override
    public double lastScore()
    {
        return lastScore;
    }

    @Override
    public String name()
    {
        return type.name().toLowerCase() + "-crossover(" + fastPeriod + "," + slowPeriod + "," + mode + ")";
    }
}
