package io.easyquant.engine.signal;

import io.easyquant.engine.features.FeatureId;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearModelTest
{
    private static final long NO = Strategy.NO_TARGET;
    private static final int MID = FeatureId.MID_PRICE.ordinal();
    private static final int GAP = FeatureId.EMA_GAP.ordinal();
    private static final int SPREAD = FeatureId.SPREAD.ordinal();

    private final double[] features = new double[FeatureId.COUNT];

    // ---- features read -----------------------------------------------------------------------------------------

    @Test
    void shouldReadOnlyTheFeaturesOfNonZeroWeight()
    {
        final double[] weights = new double[FeatureId.COUNT];
        weights[GAP] = 0.5;
        weights[SPREAD] = -0.0;
        final LinearModel model = new LinearModel(weights, 0, 0, StrategyMode.LONG_SHORT, new long[] {1}, 0);

        for (final FeatureId id : FeatureId.values())
        {
            assertEquals(id == FeatureId.EMA_GAP, model.usesFeature(id), id.toString());
        }
    }

    @Test
    void shouldScoreTheSameBitsWhenAFeatureOfZeroWeightIsLeftAtZero()
    {
        final double[] weights = new double[FeatureId.COUNT];
        final SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < weights.length; i++)
        {
            weights[i] = random.nextDouble(-2, 2);
        }
        weights[FeatureId.VOLATILITY.ordinal()] = -0.0;
        final LinearModel withValue = new LinearModel(weights, -0.0, 0.01, StrategyMode.LONG_SHORT, new long[] {1}, 0);
        final LinearModel leftAtZero = new LinearModel(weights, -0.0, 0.01, StrategyMode.LONG_SHORT, new long[] {1}, 0);
        final double[] lean = new double[FeatureId.COUNT];
        for (int n = 0; n < 10_000; n++)
        {
            for (int i = 0; i < features.length; i++)
            {
                features[i] = n % 7 == 0 ? 0.0 : random.nextDouble(-3, 3);
            }
            features[FeatureId.VOLATILITY.ordinal()] = n % 5 == 0 ? 0.0 : random.nextDouble(0, 0.1);
            System.arraycopy(features, 0, lean, 0, lean.length);
            lean[FeatureId.VOLATILITY.ordinal()] = 0.0;

            assertEquals(withValue.onPrice(0, n, 100, features), leftAtZero.onPrice(0, n, 100, lean));
            assertEquals(Double.doubleToRawLongBits(withValue.lastScore()),
                Double.doubleToRawLongBits(leftAtZero.lastScore()));
        }
    }

    // ---- score ------------------------------------------------------------------------------------------------

    @Test
    void shouldScoreBiasPlusWeightedFeatures()
    {
        final double[] weights = new double[FeatureId.COUNT];
        weights[MID] = 2.0;
        weights[SPREAD] = -1.0;
        final LinearModel model = new LinearModel(weights, 0.5, 100.0, StrategyMode.LONG_SHORT, new long[] {1}, 0);
        features[MID] = 3.0;
        features[SPREAD] = 4.0;
        features[GAP] = 1_000.0;

        model.onPrice(0, 0, 3, features);

        assertEquals(2.5, model.lastScore());
    }

    @Test
    void shouldScoreLikeReferenceSumOverRandomWeightsAndFeatures()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 1_000; trial++)
        {
            final double[] weights = new double[FeatureId.COUNT];
            for (int i = 0; i < weights.length; i++)
            {
                weights[i] = random.nextDouble(-5, 5);
            }
            final double bias = random.nextDouble(-1, 1);
            final LinearModel model =
                new LinearModel(weights, bias, 0.1, StrategyMode.LONG_SHORT, new long[] {1}, 0);
            for (int i = 0; i < features.length; i++)
            {
                features[i] = random.nextDouble(-100, 100);
            }

            model.onPrice(0, 0, 100, features);

            double expected = bias;
            for (final FeatureId id : FeatureId.values())
            {
                expected += weights[id.ordinal()] * features[id.ordinal()];
            }
            assertEquals(expected, model.lastScore(), "trial " + trial);
        }
    }

    // ---- thresholds and modes ---------------------------------------------------------------------------------

    @Test
    void shouldGoLongAboveThresholdOnly()
    {
        final LinearModel model = midModel(1.0, StrategyMode.LONG_SHORT, 0);

        assertEquals(NO, score(model, 1.0));
        assertEquals(NO, score(model, -1.0));
        assertEquals(4, score(model, Math.nextUp(1.0)));
    }

    @Test
    void shouldGoShortBelowNegativeThresholdWhenLongShort()
    {
        final LinearModel model = midModel(1.0, StrategyMode.LONG_SHORT, 0);

        assertEquals(-4, score(model, -1.5));
        assertEquals(4, score(model, 1.5));
        assertEquals(-4, score(model, -2.0));
    }

    @Test
    void shouldGoFlatBelowNegativeThresholdWhenLongOnly()
    {
        final LinearModel model = midModel(1.0, StrategyMode.LONG_ONLY, 0);

        assertEquals(4, score(model, 1.5));
        assertEquals(0, score(model, -1.5));
        assertEquals(NO, score(model, -3.0));
        assertEquals(4, score(model, 3.0));
    }

    @Test
    void shouldNotEmitFlatWhenAlreadyFlatInLongOnly()
    {
        final LinearModel model = midModel(1.0, StrategyMode.LONG_ONLY, 0);

        assertEquals(NO, score(model, -1.5));
        assertEquals(NO, score(model, -9.0));
    }

    @Test
    void shouldLeaveTargetUnchangedBetweenThresholds()
    {
        final LinearModel model = midModel(1.0, StrategyMode.LONG_SHORT, 0);

        assertEquals(4, score(model, 2.0));
        assertEquals(NO, score(model, 0.5));
        assertEquals(NO, score(model, 0.0));
        assertEquals(NO, score(model, -0.99));
        assertEquals(NO, score(model, -1.0));
        // still long: a new long score changes nothing
        assertEquals(NO, score(model, 1.2));
        assertEquals(-4, score(model, -1.01));
    }

    @Test
    void shouldEmitOnlyWhenTargetChanges()
    {
        final LinearModel model = midModel(0.5, StrategyMode.LONG_SHORT, 0);

        assertEquals(4, score(model, 1.0));
        assertEquals(NO, score(model, 2.0));
        assertEquals(NO, score(model, 3.0));
        assertEquals(-4, score(model, -1.0));
        assertEquals(NO, score(model, -2.0));
    }

    @Test
    void shouldTreatZeroThresholdAsStrictSign()
    {
        final LinearModel model = midModel(0.0, StrategyMode.LONG_SHORT, 0);

        assertEquals(NO, score(model, 0.0));
        assertEquals(4, score(model, Double.MIN_VALUE));
        assertEquals(NO, score(model, 0.0));
        assertEquals(-4, score(model, -Double.MIN_VALUE));
    }

    @Test
    void shouldKeepTargetsPerInstrument()
    {
        final double[] weights = new double[FeatureId.COUNT];
        weights[MID] = 1.0;
        final LinearModel model = new LinearModel(weights, 0.0, 1.0, StrategyMode.LONG_SHORT, new long[] {4, 9}, 0);

        features[MID] = 2.0;
        assertEquals(4, model.onPrice(0, 0, 2, features));
        assertEquals(9, model.onPrice(1, 0, 2, features));
        assertEquals(NO, model.onPrice(0, 0, 2, features));
        features[MID] = -2.0;
        assertEquals(-9, model.onPrice(1, 0, 2, features));
        assertEquals(-4, model.onPrice(0, 0, 2, features));
    }

    // ---- warmup and NaN ---------------------------------------------------------------------------------------

    @Test
    void shouldGiveNoTargetDuringWarmupPerInstrument()
    {
        final double[] weights = new double[FeatureId.COUNT];
        weights[MID] = 1.0;
        final LinearModel model = new LinearModel(weights, 0.0, 1.0, StrategyMode.LONG_SHORT, new long[] {4, 9}, 3);
        features[MID] = 5.0;

        assertEquals(NO, model.onPrice(0, 0, 5, features));
        assertEquals(NO, model.onPrice(0, 0, 5, features));
        assertEquals(NO, model.onPrice(1, 0, 5, features));
        assertEquals(NO, model.onPrice(0, 0, 5, features));
        assertEquals(5.0, model.lastScore());

        assertEquals(4, model.onPrice(0, 0, 5, features));
        assertEquals(NO, model.onPrice(1, 0, 5, features));
        assertEquals(NO, model.onPrice(1, 0, 5, features));
        assertEquals(9, model.onPrice(1, 0, 5, features));
    }

    @Test
    void shouldEmitOnFirstUpdateWithoutWarmup()
    {
        assertEquals(4, score(midModel(1.0, StrategyMode.LONG_SHORT, 0), 2.0));
    }

    @Test
    void shouldGiveNoTargetForNaNScoreAndKeepCurrentTarget()
    {
        final LinearModel model = midModel(1.0, StrategyMode.LONG_SHORT, 0);

        assertEquals(NO, score(model, Double.NaN));
        assertTrue(Double.isNaN(model.lastScore()));
        assertEquals(4, score(model, 2.0));
        assertEquals(NO, score(model, Double.NaN));
        assertEquals(NO, score(model, 2.0));
        assertEquals(-4, score(model, -2.0));
    }

    @Test
    void shouldGiveNoTargetWhenInfinitiesCancelToNaN()
    {
        final double[] weights = new double[FeatureId.COUNT];
        weights[MID] = 1.0;
        weights[GAP] = 1.0;
        final LinearModel model = new LinearModel(weights, 0.0, 1.0, StrategyMode.LONG_SHORT, new long[] {4}, 0);
        features[MID] = Double.POSITIVE_INFINITY;
        features[GAP] = Double.NEGATIVE_INFINITY;

        assertEquals(NO, model.onPrice(0, 0, 1, features));
    }

    // ---- validation --------------------------------------------------------------------------------------------

    @Test
    void shouldNameWeightsWhenCountIsWrong()
    {
        assertMessageStartsWith("weights:", () ->
            new LinearModel(new double[FeatureId.COUNT - 1], 0, 1, StrategyMode.LONG_SHORT, new long[] {1}, 0));
    }

    @Test
    void shouldNameTheFeatureOfANonFiniteWeight()
    {
        final double[] weights = new double[FeatureId.COUNT];
        weights[SPREAD] = Double.NaN;
        assertMessageStartsWith("weights.spread:", () ->
            new LinearModel(weights, 0, 1, StrategyMode.LONG_SHORT, new long[] {1}, 0));
        weights[SPREAD] = 0;
        weights[MID] = Double.NEGATIVE_INFINITY;
        assertMessageStartsWith("weights.mid:", () ->
            new LinearModel(weights, 0, 1, StrategyMode.LONG_SHORT, new long[] {1}, 0));
    }

    @Test
    void shouldNameBiasWhenNotFinite()
    {
        final double[] weights = new double[FeatureId.COUNT];
        assertMessageStartsWith("bias:", () ->
            new LinearModel(weights, Double.NaN, 1, StrategyMode.LONG_SHORT, new long[] {1}, 0));
        assertMessageStartsWith("bias:", () ->
            new LinearModel(weights, Double.POSITIVE_INFINITY, 1, StrategyMode.LONG_SHORT, new long[] {1}, 0));
    }

    @Test
    void shouldNameEntryThresholdWhenNegativeOrNotFinite()
    {
        final double[] weights = new double[FeatureId.COUNT];
        for (final double threshold : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY})
        {
            assertMessageStartsWith("entryThreshold:", () ->
                new LinearModel(weights, 0, threshold, StrategyMode.LONG_SHORT, new long[] {1}, 0));
        }
    }

    @Test
    void shouldNameWarmupUpdatesWhenNegative()
    {
        assertMessageStartsWith("warmupUpdates:", () -> new LinearModel(
            new double[FeatureId.COUNT], 0, 1, StrategyMode.LONG_SHORT, new long[] {1}, -1));
    }

    @Test
    void shouldNameQuantityWhenNotPositive()
    {
        assertMessageStartsWith("quantity:", () -> new LinearModel(
            new double[FeatureId.COUNT], 0, 1, StrategyMode.LONG_SHORT, new long[] {1, 0}, 0));
        assertMessageStartsWith("quantity:", () -> new LinearModel(
            new double[FeatureId.COUNT], 0, 1, StrategyMode.LONG_ONLY, new long[] {-2}, 0));
    }

    @Test
    void shouldNotShareWeightsOrQuantitiesWithCaller()
    {
        final double[] weights = new double[FeatureId.COUNT];
        weights[MID] = 1.0;
        final long[] quantities = {4};
        final LinearModel model = new LinearModel(weights, 0.0, 1.0, StrategyMode.LONG_SHORT, quantities, 0);
        weights[MID] = -1.0;
        quantities[0] = 99;

        assertEquals(4, score(model, 2.0));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A model whose score is exactly the mid feature, for 4 lots. */
    private static LinearModel midModel(final double threshold, final StrategyMode mode, final long warmupUpdates)
    {
        final double[] weights = new double[FeatureId.COUNT];
        weights[MID] = 1.0;
        return new LinearModel(weights, 0.0, threshold, mode, new long[] {4}, warmupUpdates);
    }

    private long score(final LinearModel model, final double score)
    {
        features[MID] = score;
        return model.onPrice(0, 0, 100, features);
    }

    private static void assertMessageStartsWith(final String prefix, final Runnable construct)
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct::run);
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }
}
