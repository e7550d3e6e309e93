package io.easyquant.adapters.feed.synthetic;

import io.easyquant.engine.instrument.Instrument;

import java.math.BigDecimal;

/**
 * How the synthetic feed moves one instrument: a geometric Brownian motion of the mid price from
 * {@code startPrice}, quoted {@code spreadTicks} wide with sizes around {@code sizeLots}.
 *
 * <p>Immutable; validated on construction.
 *
 * @param instrument       the configured instrument; its tick and lot sizes scale the published prices and sizes.
 * @param startPrice       initial mid price in quote currency, at least one tick.
 * @param annualVolatility sigma, per square-root year (0.2 = 20%), positive.
 * @param annualDrift      mu, per year (0.05 = 5%), any finite number.
 * @param spreadTicks      quoted spread in ticks, at least 1.
 * @param sizeLots         typical quote size in lots, at least 1; quote sizes are drawn uniformly from
 *                         [1, 2 * sizeLots - 1] (mean sizeLots) and trade sizes from [1, sizeLots].
 */
public record SyntheticInstrument(
    Instrument instrument,
    BigDecimal startPrice,
    double annualVolatility,
    double annualDrift,
    long spreadTicks,
    long sizeLots)
{
    /** Largest accepted {@code spreadTicks} and {@code sizeLots}, far beyond any real book, so sums cannot overflow. */
    public static final long MAX_TICKS_OR_LOTS = 1L << 40;

    /**
     * @throws IllegalArgumentException whose message starts with the field name when a value is out of range.
     */
    public SyntheticInstrument
    {
        if (instrument == null)
        {
            throw new IllegalArgumentException("instrument: expected an instrument, got null");
        }
        if (startPrice == null || startPrice.compareTo(instrument.tickSize()) < 0)
        {
            throw new IllegalArgumentException("startPrice: expected a price of at least one tick (" +
                instrument.tickSize().toPlainString() + "), got " +
                (startPrice == null ? null : startPrice.toPlainString()));
        }
        if (!(annualVolatility > 0.0) || Double.isInfinite(annualVolatility))
        {
            throw new IllegalArgumentException("annualVolatility: expected a positive number, got " + annualVolatility);
        }
        if (!Double.isFinite(annualDrift))
        {
            throw new IllegalArgumentException("annualDrift: expected a finite number, got " + annualDrift);
        }
        if (spreadTicks < 1 || spreadTicks > MAX_TICKS_OR_LOTS)
        {
            throw new IllegalArgumentException(
                "spreadTicks: expected an integer from 1 to " + MAX_TICKS_OR_LOTS + ", got " + spreadTicks);
        }
        if (sizeLots < 1 || sizeLots > MAX_TICKS_OR_LOTS)
        {
            throw new IllegalArgumentException(
                "sizeLots: expected an integer from 1 to " + MAX_TICKS_OR_LOTS + ", got " + sizeLots);
        }
    }
}
