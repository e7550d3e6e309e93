package io.easyquant.engine.instrument;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A tradable instrument declared in configuration. Prices are counted in ticks and quantities in lots; money is
 * counted in cash units of 1e-8 of the quote currency ({@link #CASH_SCALE}). One tick times one lot is worth
 * {@link #cashPerTickLot()} cash units, an exact integer checked at construction.
 *
 * <p>Immutable and thread-safe.
 */
public final class Instrument
{
    /** Cash units per unit of quote currency. */
    public static final long CASH_SCALE = 100_000_000L;
    private static final BigDecimal CASH_SCALE_DECIMAL = BigDecimal.valueOf(CASH_SCALE);

    private final int id;
    private final String symbol;
    private final BigDecimal tickSize;
    private final BigDecimal lotSize;
    private final String quoteCurrency;
    private final long cashPerTickLot;

    /**
     * @throws IllegalArgumentException naming the field when a value is out of range.
     */
    public Instrument(
        final int id,
        final String symbol,
        final BigDecimal tickSize,
        final BigDecimal lotSize,
        final String quoteCurrency)
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
        this.id = id;
        this.symbol = symbol;
        this.tickSize = tickSize;
        this.lotSize = lotSize;
        this.quoteCurrency = quoteCurrency;
        this.cashPerTickLot = cash.longValueExact();
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
            lotSize.compareTo(that.lotSize) == 0 && quoteCurrency.equals(that.quoteCurrency);
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
