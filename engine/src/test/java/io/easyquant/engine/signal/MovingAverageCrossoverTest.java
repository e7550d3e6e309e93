package io.easyquant.engine.signal;

import io.easyquant.engine.features.FeatureId;
import io.easyquant.engine.signal.MovingAverageCrossover.AverageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class MovingAverageCrossoverTest
{
    private static final long NO = Strategy.NO_TARGET;
    private static final long[] ONE_INSTRUMENT = {5};

    private final double[] features = new double[FeatureId.COUNT];

    // ---- against a plain reference ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}({1},{2}) {3} seed {4}")
    @CsvSource({
        "SMA, 2, 5, LONG_ONLY, 1",
        "SMA, 2, 5, LONG_SHORT, 2",
        "SMA, 3, 10, LONG_SHORT, 3",
        "SMA, 1, 2, LONG_ONLY, 4",
        "SMA, 5, 20, LONG_SHORT, 5",
        "EMA, 2, 5, LONG_ONLY, 6",
        "EMA, 2, 5, LONG_SHORT, 7",
        "EMA, 3, 10, LONG_SHORT, 8",
        "EMA, 1, 2, LONG_SHORT, 9",
        "EMA, 5, 20, LONG_ONLY, 10"})
    void shouldEmitTargetsExactlyWhereReferenceAveragesCross(
        final AverageType type, final int fast, final int slow, final StrategyMode mode, final long seed)
    {
        final long[] quantities = {3, 7};
        final MovingAverageCrossover strategy = new MovingAverageCrossover(type, fast, slow, mode, quantities);
        final Reference[] references = {
            new Reference(type, fast, slow, mode, quantities[0]), new Reference(type, fast, slow, mode, quantities[1])};
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] bidTicks = {10_000, 250};
        int signals = 0;
        int halfTickMids = 0;

        for (int step = 0; step < 20_000; step++)
        {
            final int index = random.nextInt(2);
            bidTicks[index] = Math.max(1, bidTicks[index] + random.nextInt(5) - 2);
            final long askTicks = bidTicks[index] + 1 + random.nextInt(2);
            final double mid = (bidTicks[index] + askTicks) / 2.0;
            halfTickMids += mid != Math.floor(mid) ? 1 : 0;

            final long expected = references[index].onPrice(mid);
            final long actual = onPrice(strategy, index, mid);

            if (actual != expected)
            {
                fail("step " + step + " instrument " + index + ": target " + describe(actual) + ", reference " +
                    describe(expected) + " (mid " + mid + ")");
            }
            if (expected != NO)
            {
                signals++;
                assertEquals(references[index].score, strategy.lastScore(), 1e-9, "score at step " + step);
            }
        }

        assertTrue(signals > 50, "too few crosses: " + signals);
        assertTrue(halfTickMids > 1_000, "too few half-tick mids: " + halfTickMids);
        if (type == AverageType.SMA)
        {
            assertTrue(references[0].ties + references[1].ties > 50, "too few equal averages to test ties");
        }
    }

    // ---- window, ties, modes --------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(AverageType.class)
    void shouldNotSignalBeforeSlowWindowIsFull(final AverageType type)
    {
        final MovingAverageCrossover strategy =
            new MovingAverageCrossover(type, 1, 3, StrategyMode.LONG_SHORT, ONE_INSTRUMENT);

        // A partial window would see a down-move, then an up-cross; a full window only sees its first sign.
        assertEquals(NO, onPrice(strategy, 0, 100));
        assertEquals(NO, onPrice(strategy, 0, 90));
        assertEquals(NO, onPrice(strategy, 0, 130));
        assertEquals(NO, onPrice(strategy, 0, 140));

        assertEquals(-5, onPrice(strategy, 0, 50));
    }

    @ParameterizedTest
    @EnumSource(AverageType.class)
    void shouldReadOnlyTheMark(final AverageType type)
    {
        final MovingAverageCrossover strategy =
            new MovingAverageCrossover(type, 2, 3, StrategyMode.LONG_ONLY, ONE_INSTRUMENT);

        for (final FeatureId id : FeatureId.values())
        {
            assertEquals(id == FeatureId.MID_PRICE, strategy.usesFeature(id), id.toString());
        }
    }

    @Test
    void shouldNotTreatEqualAveragesAsCross()
    {
        final MovingAverageCrossover strategy =
            new MovingAverageCrossover(AverageType.SMA, 1, 2, StrategyMode.LONG_SHORT, ONE_INSTRUMENT);

        assertEquals(NO, onPrice(strategy, 0, 10));
        assertEquals(NO, onPrice(strategy, 0, 12));
        // fast 12 == slow 12: no sign, no cross
        assertEquals(NO, onPrice(strategy, 0, 12));
        // back above: the same sign as the last non-zero one, no cross
        assertEquals(NO, onPrice(strategy, 0, 14));
        assertEquals(NO, onPrice(strategy, 0, 14));
        // below, across the tie: a cross against the last non-zero sign
        assertEquals(-5, onPrice(strategy, 0, 10));
        assertEquals(NO, onPrice(strategy, 0, 10));
        assertEquals(NO, onPrice(strategy, 0, 9));
        assertEquals(5, onPrice(strategy, 0, 11));
    }

    @Test
    void shouldNotSignalWhileAveragesStayEqualFromTheStart()
    {
        final MovingAverageCrossover strategy =
            new MovingAverageCrossover(AverageType.EMA, 2, 4, StrategyMode.LONG_SHORT, ONE_INSTRUMENT);

        for (int i = 0; i < 10; i++)
        {
            assertEquals(NO, onPrice(strategy, 0, 100));
        }
        assertEquals(NO, onPrice(strategy, 0, 101));
        assertEquals(-5, onPrice(strategy, 0, 90));
    }

    @ParameterizedTest
    @EnumSource(AverageType.class)
    void shouldGoFlatOnDownCrossWhenLongOnly(final AverageType type)
    {
        final MovingAverageCrossover strategy =
            new MovingAverageCrossover(type, 1, 2, StrategyMode.LONG_ONLY, ONE_INSTRUMENT);

        assertEquals(NO, onPrice(strategy, 0, 100));
        assertEquals(NO, onPrice(strategy, 0, 101));
        assertEquals(0, onPrice(strategy, 0, 95));
        assertEquals(5, onPrice(strategy, 0, 105));
        assertEquals(0, onPrice(strategy, 0, 90));
    }

    @ParameterizedTest
    @EnumSource(AverageType.class)
    void shouldGoShortOnDownCrossWhenLongShort(final AverageType type)
    {
        final MovingAverageCrossover strategy =
            new MovingAverageCrossover(type, 1, 2, StrategyMode.LONG_SHORT, ONE_INSTRUMENT);

        assertEquals(NO, onPrice(strategy, 0, 100));
        assertEquals(NO, onPrice(strategy, 0, 101));
        assertEquals(-5, onPrice(strategy, 0, 95));
        assertEquals(5, onPrice(strategy, 0, 105));
    }

    @ParameterizedTest
    @EnumSource(AverageType.class)
    void shouldSeeCrossThatExistsOnlyInHalfTicks(final AverageType type)
    {
        final MovingAverageCrossover strategy =
            new MovingAverageCrossover(type, 1, 2, StrategyMode.LONG_SHORT, ONE_INSTRUMENT);

        // The mark (rounded down) stays at 100 throughout; only the mid moves by half a tick.
        assertEquals(NO, strategy.onPrice(0, 0, 100, mid(100.0)));
        assertEquals(NO, strategy.onPrice(0, 0, 100, mid(100.5)));
        assertEquals(-5, strategy.onPrice(0, 0, 100, mid(100.0)));
        assertEquals(5, strategy.onPrice(0, 0, 100, mid(100.5)));
    }

    @Test
    void shouldScoreSmaInTicksFromHalfTickMids()
    {
        final MovingAverageCrossover strategy =
            new MovingAverageCrossover(AverageType.SMA, 1, 2, StrategyMode.LONG_SHORT, ONE_INSTRUMENT);

        onPrice(strategy, 0, 100.0);
        onPrice(strategy, 0, 100.5);

        assertEquals(0.25, strategy.lastScore());
    }

    @Test
    void shouldKeepInstrumentsApart()
    {
        final MovingAverageCrossover strategy =
            new MovingAverageCrossover(AverageType.SMA, 1, 2, StrategyMode.LONG_SHORT, new long[] {5, 9});

        assertEquals(NO, onPrice(strategy, 0, 100));
        assertEquals(NO, onPrice(strategy, 1, 50));
        assertEquals(NO, onPrice(strategy, 0, 101));
        assertEquals(NO, onPrice(strategy, 1, 49));
        assertEquals(-5, onPrice(strategy, 0, 99));
        assertEquals(9, onPrice(strategy, 1, 60));
    }

    // ---- validation ------------------------------------------------------------------------------------------

    @Test
    void shouldNameFastPeriodWhenBelowOne()
    {
        assertMessageStartsWith("fastPeriod", () ->
            new MovingAverageCrossover(AverageType.SMA, 0, 5, StrategyMode.LONG_ONLY, ONE_INSTRUMENT));
        assertMessageStartsWith("fastPeriod", () ->
            new MovingAverageCrossover(AverageType.EMA, -3, 5, StrategyMode.LONG_ONLY, ONE_INSTRUMENT));
    }

    @Test
    void shouldNameSlowPeriodWhenNotAboveFastPeriod()
    {
        assertMessageStartsWith("slowPeriod", () ->
            new MovingAverageCrossover(AverageType.SMA, 5, 5, StrategyMode.LONG_ONLY, ONE_INSTRUMENT));
        assertMessageStartsWith("slowPeriod", () ->
            new MovingAverageCrossover(AverageType.SMA, 5, 4, StrategyMode.LONG_ONLY, ONE_INSTRUMENT));
    }

    @Test
    void shouldNameQuantityWhenNotPositive()
    {
        assertMessageStartsWith("quantity", () ->
            new MovingAverageCrossover(AverageType.SMA, 1, 2, StrategyMode.LONG_ONLY, new long[] {5, 0}));
        assertMessageStartsWith("quantity", () ->
            new MovingAverageCrossover(AverageType.EMA, 1, 2, StrategyMode.LONG_ONLY, new long[] {-1}));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private long onPrice(final MovingAverageCrossover strategy, final int index, final double midTicks)
    {
        return strategy.onPrice(index, 0, (long)Math.floor(midTicks), mid(midTicks));
    }

    private double[] mid(final double midTicks)
    {
        features[FeatureId.MID_PRICE.ordinal()] = midTicks;
        features[FeatureId.LAST_PRICE.ordinal()] = Math.floor(midTicks);
        return features;
    }

    private static String describe(final long target)
    {
        return target == NO ? "none" : Long.toString(target);
    }

    private static void assertMessageStartsWith(final String field, final Runnable construct)
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct::run);
        assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
    }

    /**
     * The crossover written as plainly as possible, in ticks: the full price history in a list, averages as means of
     * its tail, signs compared against the last non-zero sign.
     */
    private static final class Reference
    {
        private final AverageType type;
        private final int fast;
        private final int slow;
        private final StrategyMode mode;
        private final long quantity;
        private final List<Double> prices = new ArrayList<>();
        private double emaFast;
        private double emaSlow;
        private int lastSign;
        double score;
        int ties;

        Reference(final AverageType type, final int fast, final int slow, final StrategyMode mode, final long quantity)
        {
            this.type = type;
            this.fast = fast;
            this.slow = slow;
            this.mode = mode;
            this.quantity = quantity;
        }

        long onPrice(final double price)
        {
            prices.add(price);
            final double fastAverage;
            final double slowAverage;
            if (type == AverageType.SMA)
            {
                fastAverage = meanOfLast(fast);
                slowAverage = meanOfLast(slow);
            }
            else
            {
                // The recurrence as documented: alpha = 2 / (period + 1), seeded with the first price.
                if (prices.size() == 1)
                {
                    emaFast = price;
                    emaSlow = price;
                }
                else
                {
                    emaFast = emaFast + 2.0 / (fast + 1) * (price - emaFast);
                    emaSlow = emaSlow + 2.0 / (slow + 1) * (price - emaSlow);
                }
                fastAverage = emaFast;
                slowAverage = emaSlow;
            }
            if (prices.size() < slow)
            {
                return NO;
            }
            score = fastAverage - slowAverage;
            final int sign = fastAverage > slowAverage ? 1 : fastAverage < slowAverage ? -1 : 0;
            if (sign == 0)
            {
                ties++;
                return NO;
            }
            final int previous = lastSign;
            lastSign = sign;
            if (previous == 0 || previous == sign)
            {
                return NO;
            }
            return sign > 0 ? quantity : mode == StrategyMode.LONG_SHORT ? -quantity : 0;
        }

        private double meanOfLast(final int count)
        {
            if (prices.size() < count)
            {
                return Double.NaN;
            }
            double sum = 0;
            for (final double price : prices.subList(prices.size() - count, prices.size()))
            {
                sum += price;
            }
            return sum / count;
        }
    }
}
