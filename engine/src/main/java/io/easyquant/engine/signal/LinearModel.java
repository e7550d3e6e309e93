package io.easyquant.engine.signal;

import io.easyquant.engine.features.FeatureId;

/**
 * A linear model over named features: {@code score = bias + sum(weight[f] * feature[f])}. Above
 * {@code entryThreshold} the target is long {@code quantityLots}; below {@code -entryThreshold} it is short
 * ({@link StrategyMode#LONG_SHORT}) or flat ({@link StrategyMode#LONG_ONLY}); in between the target is left unchanged,
 * so the threshold also damps churn. A target is returned only when it changes, and not before
 * {@code warmupUpdates} price updates of the instrument.
 *
 * <p>Not thread-safe; no allocation after construction.
 */
public final class LinearModel implements Strategy
{
    private final double[] weights;
    private final double bias;
    private final double entryThreshold;
    private final StrategyMode mode;
    private final long[] quantityLots;
    private final long warmupUpdates;
    private final long[] updates;
    private final long[] currentTarget;
    private double lastScore;

    /**
     * @param weights        weight per feature, indexed by {@link FeatureId#ordinal()}; absent features weigh 0.
     * @param entryThreshold the absolute score beyond which a position is taken, &ge; 0.
     * @param quantityLots   target size in lots per instrument index, each &gt; 0.
     * @param warmupUpdates  price updates per instrument before the first target, &ge; 0.
     */
    public LinearModel(
        final double[] weights,
        final double bias,
        final double entryThreshold,
        final StrategyMode mode,
        final long[] quantityLots,
        final long warmupUpdates)
    {
        if (weights.length != FeatureId.COUNT)
        {
            throw new IllegalArgumentException("weights: expected one weight per feature");
        }
        for (int i = 0; i < weights.length; i++)
        {
            if (!Double.isFinite(weights[i]))
            {
                throw new IllegalArgumentException(
                    "weights." + FeatureId.values()[i].configName() + ": expected a finite number, got " + weights[i]);
            }
        }
        if (!Double.isFinite(bias))
        {
            throw new IllegalArgumentException("bias: expected a finite number, got " + bias);
        }
        if (!(entryThreshold >= 0) || !Double.isFinite(entryThreshold))
        {
            throw new IllegalArgumentException("entryThreshold: expected a number >= 0, got " + entryThreshold);
        }
        if (warmupUpdates < 0)
        {
            throw new IllegalArgumentException("warmupUpdates: expected an integer >= 0, got " + warmupUpdates);
        }
        for (final long qty : quantityLots)
        {
            if (qty <= 0)
            {
                throw new IllegalArgumentException("quantity: expected a positive quantity for every instrument");
            }
        }
        this.weights = weights.clone();
        this.bias = bias;
        this.entryThreshold = entryThreshold;
        this.mode = mode;
        this.quantityLots = quantityLots.clone();
        this.warmupUpdates = warmupUpdates;
        updates = new long[quantityLots.length];
        currentTarget = new long[quantityLots.length];
    }

    @Override
    public long onPrice(final int instrumentIndex, final long timeNs, final long markTicks, final double[] features)
    {
        double score = bias;
        for (int i = 0; i < weights.length; i++)
        {
            score += weights[i] * features[i];
        }
        lastScore = score;
        if (++updates[instrumentIndex] <= warmupUpdates || Double.isNaN(score))
        {
            return NO_TARGET;
        }
        final long target;
        if (score > entryThreshold)
        {
            target = quantityLots[instrumentIndex];
        }
        else if (score < -entryThreshold)
        {
            target = mode == StrategyMode.LONG_SHORT ? -quantityLots[instrumentIndex] : 0;
        }
        else
        {
            return NO_TARGET;
        }
        if (target == currentTarget[instrumentIndex])
        {
            return NO_TARGET;
        }
        currentTarget[instrumentIndex] = target;
        return target;
    }

    /**
     * Reads the features of non-zero weight. A zero weight times a finite feature adds a zero of the weight's sign
     * whatever the feature's value, so a feature of zero weight left at 0 gives the same score to the bit (the
     * features are finite: prices are positive, so returns and volatility are too).
     */
    @Override
    public boolean usesFeature(final FeatureId feature)
    {
        return weights[feature.ordinal()] != 0.0;
    }

    @Override
    public double lastScore()
    {
        return lastScore;
    }

    @Override
    public String name()
    {
        return "linear(" + mode + ")";
    }
}
