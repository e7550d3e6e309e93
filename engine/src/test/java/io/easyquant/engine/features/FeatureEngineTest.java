package io.easyquant.engine.features;

import io.easyquant.engine.pipeline.EngineEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class FeatureEngineTest
{
    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final int INSTRUMENTS = 3;
    private static final int EVENTS = 100_000;

    static Stream<Arguments> contexts()
    {
        return Stream.of(
            Arguments.of(new FeaturesContext(), 42L),
            Arguments.of(new FeaturesContext(3, 7, 5, 4), 7L),
            Arguments.of(new FeaturesContext(1, 2, 2, 2), 1234L));
    }

    @ParameterizedTest
    @MethodSource("contexts")
    void shouldMatchReferenceOnRandomStream(final FeaturesContext context, final long seed)
    {
        final FeatureEngine engine = new FeatureEngine(context, INSTRUMENTS);
        final Reference[] references = new Reference[INSTRUMENTS];
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            references[i] = new Reference(context);
        }
        final RandomMarket market = new RandomMarket(seed);
        final EngineEvent slot = new EngineEvent();

        for (int n = 0; n < EVENTS; n++)
        {
            final int updated = market.next(n, engine, references);
            assertMatches(n, updated, references[updated], engine, slot);
            if (n % 1000 == 0)
            {
                for (int i = 0; i < INSTRUMENTS; i++)
                {
                    assertMatches(n, i, references[i], engine, slot);
                }
            }
        }
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            assertTrue(references[i].returns.size() > 10 * context.volatilityWindow(), "volatility window wrapped");
            assertTrue(references[i].printQtyLots.size() > 10 * context.vwapWindow(), "vwap window wrapped");
        }
        assertTrue(references[0].hasQuote && !references[1].hasQuote && references[2].hasQuote);
    }

    @Test
    void shouldHaveNoPriceAndZeroFeaturesBeforeAnyData()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(), 2);
        final EngineEvent slot = new EngineEvent();
        slot.markTicks = 99;

        engine.snapshot(1, slot);

        assertFalse(engine.hasPrice(1));
        assertEquals(0, slot.markTicks);
        assertEquals(0, slot.bidTicks);
        assertEquals(0, slot.askTicks);
        for (final FeatureId id : FeatureId.values())
        {
            assertEquals(0.0, engine.value(1, id), id.name());
            assertEquals(0.0, slot.features[id.ordinal()], id.name());
        }
    }

    @Test
    void shouldSeedEmasAndReturnZeroLogReturnOnFirstUpdate()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(), 2);

        engine.onTrade(0, 10_000, 5);

        assertTrue(engine.hasPrice(0));
        assertFalse(engine.hasPrice(1));
        assertEquals(10_000.0, engine.value(0, FeatureId.LAST_PRICE));
        assertEquals(10_000.0, engine.value(0, FeatureId.MID_PRICE));
        assertEquals(0.0, engine.value(0, FeatureId.LOG_RETURN));
        assertEquals(10_000.0, engine.value(0, FeatureId.EMA_FAST));
        assertEquals(10_000.0, engine.value(0, FeatureId.EMA_SLOW));
        assertEquals(0.0, engine.value(0, FeatureId.EMA_GAP));
        assertEquals(0.0, engine.value(0, FeatureId.VOLATILITY));
        assertEquals(10_000.0, engine.value(0, FeatureId.VWAP));
    }

    @Test
    void shouldSeedFromFirstQuoteMid()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(), 1);

        engine.onQuote(0, 100, 3, 101, 1);

        assertEquals(100.5, engine.value(0, FeatureId.MID_PRICE));
        assertEquals(100.5, engine.value(0, FeatureId.EMA_FAST));
        assertEquals(100.5, engine.value(0, FeatureId.EMA_SLOW));
        assertEquals(0.0, engine.value(0, FeatureId.LOG_RETURN));
        assertEquals(1.0, engine.value(0, FeatureId.SPREAD));
        assertEquals(0.5, engine.value(0, FeatureId.IMBALANCE));
        assertEquals(0.0, engine.value(0, FeatureId.LAST_PRICE));
    }

    @Test
    void shouldRoundMarkTicksDownAndKeepExactMidInFeatures()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(), 1);
        final EngineEvent slot = new EngineEvent();

        engine.onQuote(0, 100, 1, 101, 1);
        engine.snapshot(0, slot);

        assertEquals(100, slot.markTicks);
        assertEquals(100, slot.bidTicks);
        assertEquals(101, slot.askTicks);
        assertEquals(100.5, slot.features[FeatureId.MID_PRICE.ordinal()]);
    }

    @Test
    void shouldLeanMicropriceTowardTheSideWithLessSize()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(), 1);

        engine.onQuote(0, 100, 3, 104, 1);
        assertEquals(103.0, engine.value(0, FeatureId.MICROPRICE));

        engine.onQuote(0, 100, 1, 104, 3);
        assertEquals(101.0, engine.value(0, FeatureId.MICROPRICE));

        engine.onQuote(0, 100, 0, 103, 0);
        assertEquals(101.5, engine.value(0, FeatureId.MICROPRICE));
    }

    @Test
    void shouldComputeBookImbalanceFromDepthWithoutMovingTheMark()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(), 1);

        engine.onQuote(0, 100, 1, 102, 1);
        engine.onBookDepth(0, 30, 10);
        assertEquals(0.5, engine.value(0, FeatureId.BOOK_IMBALANCE));
        assertEquals(101.0, engine.value(0, FeatureId.MID_PRICE));

        engine.onBookDepth(0, 0, 0);
        assertEquals(0.0, engine.value(0, FeatureId.BOOK_IMBALANCE));
        engine.onBookDepth(0, 0, 8);
        assertEquals(-1.0, engine.value(0, FeatureId.BOOK_IMBALANCE));
    }

    @Test
    void shouldComputeImbalanceZeroWhenBothSizesAreZero()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(), 1);

        engine.onQuote(0, 100, 0, 102, 0);
        assertEquals(0.0, engine.value(0, FeatureId.IMBALANCE));

        engine.onQuote(0, 100, 7, 102, 0);
        assertEquals(1.0, engine.value(0, FeatureId.IMBALANCE));

        engine.onQuote(0, 100, 0, 102, 7);
        assertEquals(-1.0, engine.value(0, FeatureId.IMBALANCE));

        engine.onQuote(0, 100, 0, 102, 0);
        assertEquals(0.0, engine.value(0, FeatureId.IMBALANCE));
    }

    @Test
    void shouldKeepMidAsMarkWhenTradeOrBarFollowsQuote()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(3, 7, 5, 4), 1);
        engine.onQuote(0, 100, 1, 102, 1);
        engine.onQuote(0, 102, 1, 104, 1);
        final double logReturn = engine.value(0, FeatureId.LOG_RETURN);
        final double emaFast = engine.value(0, FeatureId.EMA_FAST);
        final double volatility = engine.value(0, FeatureId.VOLATILITY);

        engine.onTrade(0, 150, 2);
        engine.onBar(0, 140, 160, 130, 155, 4);

        assertEquals(155.0, engine.value(0, FeatureId.LAST_PRICE));
        assertEquals(103.0, engine.value(0, FeatureId.MID_PRICE));
        assertEquals(logReturn, engine.value(0, FeatureId.LOG_RETURN));
        assertEquals(emaFast, engine.value(0, FeatureId.EMA_FAST));
        assertEquals(volatility, engine.value(0, FeatureId.VOLATILITY));
        assertEquals((3.0 * 150 * 2 + (160 + 130 + 155) * 4) / (3.0 * 6), engine.value(0, FeatureId.VWAP));
    }

    @Test
    void shouldUseBarCloseAsMarkBeforeAnyQuote()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(), 1);

        engine.onBar(0, 100, 110, 90, 105, 10);
        engine.onBar(0, 105, 120, 100, 110, 10);

        assertEquals(110.0, engine.value(0, FeatureId.LAST_PRICE));
        assertEquals(110.0, engine.value(0, FeatureId.MID_PRICE));
        assertEquals(Math.log(110.0 / 105.0), engine.value(0, FeatureId.LOG_RETURN));
    }

    @Test
    void shouldWeightBarTypicalPriceAndTradePriceInVwap()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(), 1);

        engine.onBar(0, 10, 12, 9, 10, 3);
        engine.onTrade(0, 10, 1);

        // (31/3 x 3 + 10 x 1) / 4 = 41/4 ticks.
        assertEquals(10.25, engine.value(0, FeatureId.VWAP));
    }

    @Test
    void shouldDropOldestPrintWhenVwapWindowIsFull()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(1, 2, 2, 2), 1);

        engine.onTrade(0, 100, 1);
        engine.onTrade(0, 200, 3);
        assertEquals(175.0, engine.value(0, FeatureId.VWAP));

        engine.onTrade(0, 400, 1);
        assertEquals(250.0, engine.value(0, FeatureId.VWAP));
    }

    @Test
    void shouldKeepTheVwapExactWhenTheWindowSumPassesTheLongRange()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(1, 2, 2, 3), 1);
        // Each print's 3 x price x qty is 3e18: two of them pass Long.MAX_VALUE (9.2e18), three make 9e18.
        final long priceTicks = 1_000_000_000L;
        final long qtyLots = 1_000_000_000L;

        engine.onTrade(0, priceTicks, qtyLots);
        engine.onTrade(0, priceTicks, qtyLots);
        engine.onTrade(0, priceTicks, qtyLots);
        engine.onTrade(0, 3 * priceTicks, qtyLots);
        assertEquals(5.0 / 3.0 * priceTicks, engine.value(0, FeatureId.VWAP), 1e-3,
            "(1e9 + 1e9 + 3e9) / 3 with a window sum of 1.5e19 cash-ticks");
        engine.onTrade(0, 3 * priceTicks, qtyLots);
        engine.onTrade(0, 3 * priceTicks, qtyLots);
        assertEquals(3.0 * priceTicks, engine.value(0, FeatureId.VWAP), "2.7e19 in the window, then back");
        engine.onTrade(0, 10, 1);
        engine.onTrade(0, 10, 1);
        engine.onTrade(0, 10, 1);
        assertEquals(10.0, engine.value(0, FeatureId.VWAP), "the high bits return to zero exactly");
    }

    @Test
    void shouldFallBackToLastPriceWhenVwapWindowHasNoVolume()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(1, 2, 2, 2), 1);

        engine.onBar(0, 100, 100, 100, 100, 0);
        assertEquals(100.0, engine.value(0, FeatureId.VWAP));

        engine.onTrade(0, 110, 5);
        engine.onBar(0, 100, 130, 90, 120, 0);
        assertEquals(110.0, engine.value(0, FeatureId.VWAP));

        engine.onBar(0, 100, 130, 90, 125, 0);
        assertEquals(125.0, engine.value(0, FeatureId.VWAP));
    }

    @Test
    void shouldComputeEmaLikeClosedFormAfterStep()
    {
        final FeaturesContext context = new FeaturesContext(12, 26, 50, 50);
        final FeatureEngine engine = new FeatureEngine(context, 1);
        engine.onTrade(0, 100, 1);
        final double alphaFast = 2.0 / 13.0;
        final double alphaSlow = 2.0 / 27.0;

        for (int k = 1; k <= 200; k++)
        {
            engine.onTrade(0, 200, 1);

            final double emaFast = 200.0 - 100.0 * Math.pow(1.0 - alphaFast, k);
            final double emaSlow = 200.0 - 100.0 * Math.pow(1.0 - alphaSlow, k);
            assertRelative(emaFast, engine.value(0, FeatureId.EMA_FAST), 1e-12, "emaFast k=" + k);
            assertRelative(emaSlow, engine.value(0, FeatureId.EMA_SLOW), 1e-12, "emaSlow k=" + k);
            // As the averages converge their difference cancels: it is exact to about ulp(200) / 200 absolute, so
            // its relative error grows once the gap falls towards 1e-7.
            if (k <= 100)
            {
                assertRelative(
                    (emaFast - emaSlow) / emaSlow, engine.value(0, FeatureId.EMA_GAP), 1e-9, "emaGap k=" + k);
            }
        }
    }

    @Test
    void shouldComputeVolatilityOfAlternatingReturns()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(1, 2, 4, 2), 1);
        final double x = Math.log(110.0 / 100.0);

        engine.onTrade(0, 100, 1);
        engine.onTrade(0, 110, 1);
        assertEquals(0.0, engine.value(0, FeatureId.VOLATILITY), "one return");

        engine.onTrade(0, 100, 1);
        assertRelative(x, engine.value(0, FeatureId.VOLATILITY), 1e-12, "two returns +x, -x");

        for (int i = 0; i < 101; i++)
        {
            engine.onTrade(0, i % 2 == 0 ? 110 : 100, 1);
        }
        assertRelative(x, engine.value(0, FeatureId.VOLATILITY), 1e-12, "window of +x, -x, +x, -x");
    }

    @Test
    void shouldReturnToZeroVolatilityOnceWindowHoldsOnlyFlatReturns()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(1, 2, 3, 2), 1);
        engine.onQuote(0, 100, 1, 102, 1);
        engine.onQuote(0, 110, 1, 112, 1);
        engine.onQuote(0, 90, 1, 92, 1);
        assertTrue(engine.value(0, FeatureId.VOLATILITY) > 0.0);

        for (int i = 0; i < 3; i++)
        {
            engine.onQuote(0, 90, 5, 92, 1);
        }

        assertEquals(0.0, engine.value(0, FeatureId.VOLATILITY));
        assertEquals(0.0, engine.value(0, FeatureId.LOG_RETURN));
    }

    @Test
    void shouldGiveTheSameBitsWhenVolatilityIsOnlyComputedOnDemand()
    {
        final FeaturesContext context = new FeaturesContext(3, 7, 5, 4);
        final FeatureEngine full = new FeatureEngine(context, INSTRUMENTS);
        final FeatureEngine lean = new FeatureEngine(context, INSTRUMENTS, false);
        final Reference[] references = new Reference[INSTRUMENTS];
        final Reference[] leanReferences = new Reference[INSTRUMENTS];
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            references[i] = new Reference(context);
            leanReferences[i] = new Reference(context);
        }
        final RandomMarket market = new RandomMarket(99);
        final RandomMarket leanMarket = new RandomMarket(99);
        final EngineEvent fullSlot = new EngineEvent();
        final EngineEvent leanSlot = new EngineEvent();
        assertTrue(full.computesVolatility());
        assertFalse(lean.computesVolatility());

        for (int n = 0; n < 20_000; n++)
        {
            final int index = market.next(n, full, references);
            assertEquals(index, leanMarket.next(n, lean, leanReferences));
            full.snapshot(index, fullSlot);
            lean.snapshot(index, leanSlot);
            for (final FeatureId id : FeatureId.values())
            {
                assertEquals(Double.doubleToRawLongBits(full.value(index, id)),
                    Double.doubleToRawLongBits(lean.value(index, id)), "event " + n + " " + id);
                final double expectedInSlot = id == FeatureId.VOLATILITY ? 0.0 : fullSlot.features[id.ordinal()];
                assertEquals(Double.doubleToRawLongBits(expectedInSlot),
                    Double.doubleToRawLongBits(leanSlot.features[id.ordinal()]), "event " + n + " slot " + id);
            }
            assertEquals(fullSlot.markTicks, leanSlot.markTicks);
        }
    }

    @Test
    void shouldKeepInstrumentsIndependent()
    {
        final FeatureEngine engine = new FeatureEngine(new FeaturesContext(), 3);

        engine.onQuote(1, 100, 1, 102, 1);
        engine.onTrade(2, 500, 1);

        assertFalse(engine.hasPrice(0));
        assertEquals(101.0, engine.value(1, FeatureId.MID_PRICE));
        assertEquals(0.0, engine.value(1, FeatureId.LAST_PRICE));
        assertEquals(500.0, engine.value(2, FeatureId.MID_PRICE));
        assertEquals(0.0, engine.value(2, FeatureId.SPREAD));
    }

    private static void assertMatches(
        final int n, final int index, final Reference expected, final FeatureEngine engine, final EngineEvent slot)
    {
        final String where = "event " + n + " instrument " + index + " ";
        assertEquals(expected.hasMark, engine.hasPrice(index), where + "hasPrice");

        engine.snapshot(index, slot);
        assertEquals(expected.markFloorTicks, slot.markTicks, where + "markTicks");
        assertEquals(expected.bidTicks, slot.bidTicks, where + "bidTicks");
        assertEquals(expected.askTicks, slot.askTicks, where + "askTicks");

        final double[] values = expected.features();
        for (final FeatureId id : FeatureId.values())
        {
            final double actual = engine.value(index, id);
            assertEquals(actual, slot.features[id.ordinal()], where + id + " snapshot");
            if (id == FeatureId.VWAP)
            {
                assertEquals(values[id.ordinal()], actual, where + id + " (exact)");
                assertRelative(expected.vwapDecimal(), actual, 1e-12, where + id + " vs decimal");
            }
            else
            {
                assertRelative(values[id.ordinal()], actual, RELATIVE_TOLERANCE, where + id);
            }
        }
    }

    private static void assertRelative(
        final double expected, final double actual, final double tolerance, final String message)
    {
        if (expected == actual)
        {
            return;
        }
        final double error = Math.abs(actual - expected);
        if (!(error <= tolerance * Math.abs(expected)))
        {
            fail(message + ": expected " + expected + " but was " + actual + " (relative error " +
                error / Math.abs(expected) + ")");
        }
    }

    /**
     * The features of one instrument computed the plain way: lists of everything seen, windows re-summed from the
     * lists on every read.
     */
    private static final class Reference
    {
        final FeaturesContext context;
        final List<Double> returns = new ArrayList<>();
        final List<Long> printNotional3 = new ArrayList<>();
        final List<Long> printQtyLots = new ArrayList<>();
        final List<BigDecimal> printPrice = new ArrayList<>();

        boolean hasMark;
        boolean hasQuote;
        double mark;
        long markFloorTicks;
        long bidTicks;
        long askTicks;
        double last;
        double spread;
        double imbalance;
        double microprice;
        double logReturn;
        double emaFast;
        double emaSlow;

        Reference(final FeaturesContext context)
        {
            this.context = context;
        }

        void trade(final long priceTicks, final long qtyLots)
        {
            last = priceTicks;
            printNotional3.add(3 * priceTicks * qtyLots);
            printQtyLots.add(qtyLots);
            printPrice.add(BigDecimal.valueOf(priceTicks));
            if (!hasQuote)
            {
                mark(priceTicks, priceTicks);
            }
        }

        void quote(final long bid, final long bidLots, final long ask, final long askLots)
        {
            hasQuote = true;
            bidTicks = bid;
            askTicks = ask;
            spread = ask - bid;
            imbalance = bidLots + askLots == 0 ? 0.0 : (double)(bidLots - askLots) / (bidLots + askLots);
            microprice = bidLots + askLots == 0 ? (bid + ask) / 2.0 :
                (bid * (double)askLots + ask * (double)bidLots) / (bidLots + askLots);
            mark((bid + ask) / 2.0, (long)Math.floor((bid + ask) / 2.0));
        }

        void bar(final long high, final long low, final long close, final long volumeLots)
        {
            last = close;
            printNotional3.add((high + low + close) * volumeLots);
            printQtyLots.add(volumeLots);
            printPrice.add(
                BigDecimal.valueOf(high + low + close).divide(BigDecimal.valueOf(3), MathContext.DECIMAL128));
            if (!hasQuote)
            {
                mark(close, close);
            }
        }

        private void mark(final double price, final long floorTicks)
        {
            if (!hasMark)
            {
                hasMark = true;
                logReturn = 0.0;
                emaFast = price;
                emaSlow = price;
            }
            else
            {
                logReturn = Math.log(price / mark);
                returns.add(logReturn);
                emaFast = emaFast + 2.0 / (context.emaFastPeriod() + 1) * (price - emaFast);
                emaSlow = emaSlow + 2.0 / (context.emaSlowPeriod() + 1) * (price - emaSlow);
            }
            mark = price;
            markFloorTicks = floorTicks;
        }

        double volatility()
        {
            final int n = Math.min(returns.size(), context.volatilityWindow());
            if (n == 0)
            {
                return 0.0;
            }
            final List<Double> window = returns.subList(returns.size() - n, returns.size());
            double sum = 0.0;
            for (final double r : window)
            {
                sum += r;
            }
            final double mean = sum / n;
            double sumSquares = 0.0;
            for (final double r : window)
            {
                sumSquares += (r - mean) * (r - mean);
            }
            return Math.sqrt(sumSquares / n);
        }

        double vwap()
        {
            final int size = printQtyLots.size();
            final int from = Math.max(0, size - context.vwapWindow());
            long notional3 = 0;
            long qty = 0;
            for (int i = from; i < size; i++)
            {
                notional3 += printNotional3.get(i);
                qty += printQtyLots.get(i);
            }
            return qty == 0 ? last : notional3 / (3.0 * qty);
        }

        double vwapDecimal()
        {
            final int size = printQtyLots.size();
            final int from = Math.max(0, size - context.vwapWindow());
            BigDecimal notional = BigDecimal.ZERO;
            BigDecimal qty = BigDecimal.ZERO;
            for (int i = from; i < size; i++)
            {
                notional = notional.add(printPrice.get(i).multiply(BigDecimal.valueOf(printQtyLots.get(i))));
                qty = qty.add(BigDecimal.valueOf(printQtyLots.get(i)));
            }
            return qty.signum() == 0 ? last : notional.divide(qty, MathContext.DECIMAL128).doubleValue();
        }

        double[] features()
        {
            final double[] values = new double[FeatureId.COUNT];
            values[FeatureId.LAST_PRICE.ordinal()] = last;
            values[FeatureId.MID_PRICE.ordinal()] = hasMark ? mark : 0.0;
            values[FeatureId.LOG_RETURN.ordinal()] = logReturn;
            values[FeatureId.EMA_FAST.ordinal()] = emaFast;
            values[FeatureId.EMA_SLOW.ordinal()] = emaSlow;
            values[FeatureId.EMA_GAP.ordinal()] = hasMark ? (emaFast - emaSlow) / emaSlow : 0.0;
            values[FeatureId.VOLATILITY.ordinal()] = volatility();
            values[FeatureId.VWAP.ordinal()] = printQtyLots.isEmpty() ? 0.0 : vwap();
            values[FeatureId.SPREAD.ordinal()] = spread;
            values[FeatureId.IMBALANCE.ordinal()] = imbalance;
            values[FeatureId.MICROPRICE.ordinal()] = microprice;
            return values;
        }
    }

    /**
     * A seeded stream of trades, quotes and bars over three instruments, each a random walk: instrument 0 gets all
     * three kinds, instrument 1 never gets a quote, instrument 2 gets its first quote a third of the way through.
     * Sizes of zero and unchanged mids come up often enough to exercise the edge cases.
     */
    private static final class RandomMarket
    {
        private final SplittableRandom random;
        private final long[] walkTicks = {10_000, 2_500, 90_000};

        RandomMarket(final long seed)
        {
            random = new SplittableRandom(seed);
        }

        int next(final int n, final FeatureEngine engine, final Reference[] references)
        {
            final int index = random.nextInt(INSTRUMENTS);
            if (random.nextInt(4) != 0)
            {
                walkTicks[index] = Math.max(50, walkTicks[index] + random.nextInt(-4, 5));
            }
            final long p = walkTicks[index];
            final boolean quotesAllowed = index == 0 || index == 2 && n >= EVENTS / 3;
            final int kind = random.nextInt(quotesAllowed ? 10 : 6);
            if (kind >= 6)
            {
                final long bid = p - random.nextInt(0, 3);
                final long ask = bid + random.nextInt(0, 6);
                final long bidLots = random.nextInt(8) == 0 ? 0 : random.nextLong(1, 10_000);
                final long askLots = random.nextInt(8) == 0 ? 0 : random.nextLong(1, 10_000);
                engine.onQuote(index, bid, bidLots, ask, askLots);
                references[index].quote(bid, bidLots, ask, askLots);
            }
            else if (kind >= 2)
            {
                final long price = p + random.nextInt(-2, 3);
                final long qty = random.nextLong(1, 5_000);
                engine.onTrade(index, price, qty);
                references[index].trade(price, qty);
            }
            else
            {
                final long open = p + random.nextInt(-5, 6);
                final long close = p;
                final long high = Math.max(open, close) + random.nextInt(0, 6);
                final long low = Math.min(open, close) - random.nextInt(0, 6);
                final long volume = random.nextInt(10) == 0 ? 0 : random.nextLong(1, 100_000);
                engine.onBar(index, open, high, low, close, volume);
                references[index].bar(high, low, close, volume);
            }
            return index;
        }
    }
}
