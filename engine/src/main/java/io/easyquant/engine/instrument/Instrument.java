package io.easyquant.engine.instrument;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A tradable instrument declared in configuration. Prices are counted in ticks and quantities in lots; money is
 * counted in cash units of 1e-8 of the quote currency ({@link #CASH_SCALE}). One tick times one lot is worth
 * {@link #cashPerTickLot()} cash units, an exact integer checked at construction.
 *
 * <p>Bounds: ingest accepts a price of at most {@link #maxPriceTicks()} and a quantity of at most
 * {@link #maxQtyLots()} (from {@code maxPrice} and {@code maxQuantity}, rounded down to whole ticks and lots), and the
 * value of one at the other, {@code maxPriceTicks x maxQtyLots x cashPerTickLot}, must not exceed
 * {@link #MAX_NOTIONAL_CASH} (1e10 quote currency): every notional, fee and PnL product of accepted input then fits
 * in a long with room for sums, and the arithmetic that still checks for overflow never sees one in routine
 * operation. A source time more than {@link #maxTimeJumpNs()} after the last accepted one of the instrument is
 * rejected without moving the high-water mark, so one far-future row cannot make every later row out of order.
 *
 * <p>Immutable and thread-safe.
 */
public final class Instrument
{
    /** Cash units per unit of quote currency. */
    public static final long CASH_SCALE = 100_000_000L;
    private static final BigDecimal CASH_SCALE_DECIMAL = BigDecimal.valueOf(CASH_SCALE);
    /** The most one price times one quantity of an instrument may be worth, in cash units (1e10 quote currency). */
    public static final long MAX_NOTIONAL_CASH = 1_000_000_000_000_000_000L;
    /** {@code maxPrice} when the configuration leaves it out, in quote currency. */
    public static final BigDecimal DEFAULT_MAX_PRICE = new BigDecimal("1000000");
    /** {@code maxQuantity} when the configuration leaves it out, in units of the instrument. */
    public static final BigDecimal DEFAULT_MAX_QUANTITY = new BigDecimal("10000");
    /** {@code maxTimeJumpMs} when the configuration leaves it out: 30 days. */
    public static final long DEFAULT_MAX_TIME_JUMP_NS = 30L * 24 * 3600 * 1_000_000_000L;

    private final int id;
    private final String symbol;
    private final BigDecimal tickSize;
    private final BigDecimal lotSize;
    private final String quoteCurrency;
    private final long cashPerTickLot;
    private final BigDecimal maxPrice;
    private final BigDecimal maxQuantity;
    private final long maxPriceTicks;
    private final long maxQtyLots;
    private final long maxTimeJumpNs;

    /**
     * An instrument with the default bounds ({@link #DEFAULT_MAX_PRICE}, {@link #DEFAULT_MAX_QUANTITY},
     * {@link #DEFAULT_MAX_TIME_JUMP_NS}).
     *
     * @throws IllegalArgumentException naming the field when a value is out of range.
     */
    public Instrument(
        final int id,
        final String symbol,
        final BigDecimal tickSize,
        final BigDecimal lotSize,
        final String quoteCurrency)
    {
        this(id, symbol, tickSize, lotSize, quoteCurrency, DEFAULT_MAX_PRICE, DEFAULT_MAX_QUANTITY,
            DEFAULT_MAX_TIME_JUMP_NS);
    }

    /**
     * @param maxPrice      the highest price ingest accepts, in quote currency; rounded down to whole ticks.
     * @param maxQuantity   the largest quantity (size, volume) ingest accepts; rounded down to whole lots.
     * @param maxTimeJumpNs how far a source time may be ahead of the last accepted one; 0 for no limit.
     * @throws IllegalArgumentException naming the field when a value is out of range.
     */
    public Instrument(
        final int id,
        final String symbol,
        final BigDecimal tickSize,
        final BigDecimal lotSize,
        final String quoteCurrency,
        final BigDecimal maxPrice,
        final BigDecimal maxQuantity,
        final long maxTimeJumpNs)
    {
        if (id <= 0)
        {
            throw new IllegalArgumentException("id: expected a positive integer, got " + id);
        }
        if (symbol == null || symbol.isBlank())
        {
            throw new IllegalArgumentException("symbol: expected a non-empty symbol");
        }
        if (tickSize == null || tickSize.signum() <= 0)
        {
            throw new IllegalArgumentException("tickSize: expected a positive decimal, got " + tickSize);
        }
        if (lotSize == null || lotSize.signum() <= 0)
        {
            throw new IllegalArgumentException("lotSize: expected a positive decimal, got " + lotSize);
        }
        if (quoteCurrency == null || quoteCurrency.isBlank())
        {
            throw new IllegalArgumentException("quoteCurrency: expected a currency code such as USD");
        }
        final BigDecimal cash = tickSize.multiply(lotSize).multiply(CASH_SCALE_DECIMAL);
        if (cash.stripTrailingZeros().scale() > 0)
        {
            throw new IllegalArgumentException("tickSize x lotSize: expected a multiple of 1e-8 " + quoteCurrency +
                ", got " + tickSize.multiply(lotSize).toPlainString());
        }
        if (maxPrice == null || maxPrice.compareTo(tickSize) < 0)
        {
            throw new IllegalArgumentException("maxPrice: expected a decimal of at least one tick (" +
                tickSize.toPlainString() + "), got " + (maxPrice == null ? null : maxPrice.toPlainString()));
        }
        if (maxQuantity == null || maxQuantity.compareTo(lotSize) < 0)
        {
            throw new IllegalArgumentException("maxQuantity: expected a decimal of at least one lot (" +
                lotSize.toPlainString() + "), got " + (maxQuantity == null ? null : maxQuantity.toPlainString()));
        }
        if (maxTimeJumpNs < 0)
        {
            throw new IllegalArgumentException("maxTimeJumpMs: expected a duration >= 0 (0: no limit), got " +
                maxTimeJumpNs / 1_000_000L);
        }
        final BigDecimal priceTicks = maxPrice.divideToIntegralValue(tickSize);
        final BigDecimal qtyLots = maxQuantity.divideToIntegralValue(lotSize);
        final BigDecimal notionalCash = priceTicks.multiply(qtyLots).multiply(cash);
        if (notionalCash.compareTo(BigDecimal.valueOf(MAX_NOTIONAL_CASH)) > 0)
        {
            throw new IllegalArgumentException("maxPrice x maxQuantity: expected at most " +
                cashToDecimal(MAX_NOTIONAL_CASH).stripTrailingZeros().toPlainString() + " " + quoteCurrency +
                " (so that every notional, fee and PnL stays exact), got " + maxPrice.toPlainString() + " x " +
                maxQuantity.toPlainString() + " = " + maxPrice.multiply(maxQuantity).toPlainString());
        }
        this.id = id;
        this.symbol = symbol;
        this.tickSize = tickSize;
        this.lotSize = lotSize;
        this.quoteCurrency = quoteCurrency;
        this.cashPerTickLot = cash.longValueExact();
        this.maxPrice = maxPrice;
        this.maxQuantity = maxQuantity;
        this.maxPriceTicks = priceTicks.longValueExact();
        this.maxQtyLots = qtyLots.longValueExact();
        this.maxTimeJumpNs = maxTimeJumpNs;
    }

    public int id()
    {
        return id;
    }

    public String symbol()
    {
        return symbol;
    }

    public BigDecimal tickSize()
    {
        return tickSize;
    }

    public BigDecimal lotSize()
    {
        return lotSize;
    }

    public String quoteCurrency()
    {
        return quoteCurrency;
    }

    /**
     * @return cash units (1e-8 quote currency) that one tick of price times one lot of quantity is worth.
     */
    public long cashPerTickLot()
    {
        return cashPerTickLot;
    }

    /**
     * @return the highest price ingest accepts, as configured (quote currency).
     */
    public BigDecimal maxPrice()
    {
        return maxPrice;
    }

    /**
     * @return the largest quantity ingest accepts, as configured.
     */
    public BigDecimal maxQuantity()
    {
        return maxQuantity;
    }

    /**
     * @return the highest price ingest accepts, in ticks, at least 1.
     */
    public long maxPriceTicks()
    {
        return maxPriceTicks;
    }

    /**
     * @return the largest quantity (trade size, quote size, bar volume, report quantity) ingest accepts, in lots.
     */
    public long maxQtyLots()
    {
        return maxQtyLots;
    }

    /**
     * @return how far a market-data source time may be ahead of the instrument's last accepted one, in ns; 0: any.
     */
    public long maxTimeJumpNs()
    {
        return maxTimeJumpNs;
    }

    /**
     * Whether a source time is a jump past the bound: more than {@code maxTimeJumpNs} after {@code lastTimeNs}.
     * Never true for the first time ({@code lastTimeNs == Long.MIN_VALUE}), a time not after the last, or with no
     * bound. Allocation-free.
     */
    public boolean isTimeJump(final long lastTimeNs, final long sourceTimeNs)
    {
        if (maxTimeJumpNs == 0 || lastTimeNs == Long.MIN_VALUE || sourceTimeNs <= lastTimeNs)
        {
            return false;
        }
        final long jumpNs = sourceTimeNs - lastTimeNs;
        // A difference beyond the long range wraps negative: it is a jump too.
        return jumpNs < 0 || jumpNs > maxTimeJumpNs;
    }

    /**
     * Convert a decimal price to ticks. Cold path (configuration, imports).
     *
     * @throws ArithmeticException if the price is not a whole number of ticks.
     */
    public long priceToTicks(final BigDecimal price)
    {
        return price.divide(tickSize).longValueExact();
    }

    /**
     * Convert a decimal quantity to lots. Cold path (configuration, imports).
     *
     * @throws ArithmeticException if the quantity is not a whole number of lots.
     */
    public long qtyToLots(final BigDecimal qty)
    {
        return qty.divide(lotSize).longValueExact();
    }

    public BigDecimal ticksToPrice(final long priceTicks)
    {
        return tickSize.multiply(BigDecimal.valueOf(priceTicks));
    }

    public BigDecimal lotsToQty(final long qtyLots)
    {
        return lotSize.multiply(BigDecimal.valueOf(qtyLots));
    }

    /**
     * Display a cash amount in quote currency. Cold path.
     */
    public static BigDecimal cashToDecimal(final long cash)
    {
        return BigDecimal.valueOf(cash, 8);
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof Instrument))
        {
            return false;
        }
        final Instrument that = (Instrument)o;
        return id == that.id && symbol.equals(that.symbol) && tickSize.compareTo(that.tickSize) == 0 &&
            lotSize.compareTo(that.lotSize) == 0 && quoteCurrency.equals(that.quoteCurrency) &&
            maxPriceTicks == that.maxPriceTicks && maxQtyLots == that.maxQtyLots && maxTimeJumpNs == that.maxTimeJumpNs;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(id, symbol);
    }

    @Override
    public String toString()
    {
        return symbol + "#" + id;
    }
}
