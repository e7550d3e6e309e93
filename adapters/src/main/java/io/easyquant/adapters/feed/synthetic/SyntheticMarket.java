package io.easyquant.adapters.feed.synthetic;

import io.easyquant.journal.codec.Side;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * The model behind {@link SyntheticFeed}, apart from any pacing: each call to {@link #next(SyntheticEvent)}
 * generates one event. Instruments take turns round-robin; the chosen instrument's mid moves by one step of a
 * geometric Brownian motion over {@code dt = instrumentCount / ratePerSecond} seconds (in years of 365 days):
 *
 * <pre>
 *   mid *= exp((mu - sigma^2 / 2) dt + sigma sqrt(dt) Z),   Z ~ N(0, 1)
 * </pre>
 *
 * Then, with probability {@code tradeProbability}, the event is a trade at the bid or the ask (aggressor side
 * drawn at random) for a random size; otherwise it is a quote. The mid is kept in ticks as a double; published
 * prices are whole ticks: {@code bid = round(mid) - spreadTicks / 2} (at least 1), {@code ask = bid + spreadTicks}.
 *
 * <p>Deterministic: the same context (seed included) gives the same sequence of events on any JVM, because the
 * generator is {@link SplitMix64} and the arithmetic uses {@link StrictMath}. Each event draws, in order: the
 * event type, the Gaussian step, then the side and size of a trade or the two sizes of a quote.
 *
 * <p>Not thread-safe; allocation-free after construction.
 */
public final class SyntheticMarket
{
    /** Seconds in a year of 365 days, the unit of the annual drift and volatility. */
    public static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;

    private final SplitMix64 random;
    private final double tradeProbability;
    private final int instrumentCount;
    private final int[] instrumentIds;
    private final long[] spreadTicks;
    private final long[] sizeLots;
    private final double[] driftPerStep;
    private final double[] volatilityPerStep;
    private final double[] midTicks;
    private int nextIndex;
    private long lastTradeId;

    public SyntheticMarket(final SyntheticFeedContext context)
    {
        final List<SyntheticInstrument> instruments = context.instruments();
        instrumentCount = instruments.size();
        random = new SplitMix64(context.seed());
        tradeProbability = context.tradeProbability();
        instrumentIds = new int[instrumentCount];
        spreadTicks = new long[instrumentCount];
        sizeLots = new long[instrumentCount];
        driftPerStep = new double[instrumentCount];
        volatilityPerStep = new double[instrumentCount];
        midTicks = new double[instrumentCount];

        final double dtYears = stepYears(instrumentCount, context.ratePerSecond());
        for (int i = 0; i < instrumentCount; i++)
        {
            final SyntheticInstrument instrument = instruments.get(i);
            final double sigma = instrument.annualVolatility();
            instrumentIds[i] = instrument.instrument().id();
            spreadTicks[i] = instrument.spreadTicks();
            sizeLots[i] = instrument.sizeLots();
            driftPerStep[i] = (instrument.annualDrift() - 0.5 * sigma * sigma) * dtYears;
            volatilityPerStep[i] = sigma * StrictMath.sqrt(dtYears);
            final BigDecimal startTicks =
                instrument.startPrice().divide(instrument.instrument().tickSize(), MathContext.DECIMAL64);
            midTicks[i] = startTicks.doubleValue();
        }
    }

    /**
     * @return the length of one instrument's GBM step in years: {@code instrumentCount / ratePerSecond} seconds.
     */
    public static double stepYears(final int instrumentCount, final long ratePerSecond)
    {
        return ((double)instrumentCount / ratePerSecond) / SECONDS_PER_YEAR;
    }

    /**
     * Generate the next event into {@code event}, advancing the model by one step.
     */
    public void next(final SyntheticEvent event)
    {
        final int i = nextIndex;
        nextIndex = i + 1 == instrumentCount ? 0 : i + 1;

        final boolean isTrade = random.nextDouble() < tradeProbability;
        final double z = random.nextGaussian();
        final double mid = midTicks[i] * StrictMath.exp(driftPerStep[i] + volatilityPerStep[i] * z);
        midTicks[i] = mid;

        final long spread = spreadTicks[i];
        final long bidTicks = Math.max(1, Math.round(mid) - spread / 2);
        final long askTicks = bidTicks + spread;
        final long size = sizeLots[i];

        if (isTrade)
        {
            final byte aggressorSide = random.nextBoolean() ? Side.BUY : Side.SELL;
            final long qtyLots = 1 + random.nextLong(size);
            final long priceTicks = aggressorSide == Side.BUY ? askTicks : bidTicks;
            event.trade(instrumentIds[i], priceTicks, qtyLots, aggressorSide, ++lastTradeId);
        }
        else
        {
            final long bidLots = 1 + random.nextLong(2 * size - 1);
            final long askLots = 1 + random.nextLong(2 * size - 1);
            event.quote(instrumentIds[i], bidTicks, bidLots, askTicks, askLots);
        }
    }

    /**
     * @param index the instrument's position in the context's list.
     * @return the current mid in ticks, unrounded.
     */
    public double midTicks(final int index)
    {
        return midTicks[index];
    }

    public int instrumentCount()
    {
        return instrumentCount;
    }
}
