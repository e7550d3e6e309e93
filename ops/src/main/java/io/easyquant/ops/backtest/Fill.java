package io.easyquant.ops.backtest;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One fill as the backtest driver reported it: a row of {@code trades.csv}.
 *
 * @param timeNs           simulated time of the fill, epoch nanoseconds.
 * @param symbol           instrument symbol, one of the recorder's symbols.
 * @param buy              true for a buy, false for a sell.
 * @param qty              filled quantity in the instrument's units, positive.
 * @param price            fill price in the quote currency.
 * @param fee              fee charged for this fill in the quote currency (negative for a rebate).
 * @param clOrdId          the engine's client order id.
 * @param execId           the venue's execution id.
 * @param realizedPnlDelta realized PnL this fill booked, before fees; zero for a fill that only opens or adds.
 */
public record Fill(
    long timeNs,
    String symbol,
    boolean buy,
    BigDecimal qty,
    BigDecimal price,
    BigDecimal fee,
    long clOrdId,
    long execId,
    BigDecimal realizedPnlDelta)
{
    /**
     * Checks the fields.
     *
     * @throws NullPointerException     if a field is null.
     * @throws IllegalArgumentException if the quantity is not positive.
     */
    public Fill
    {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(qty, "qty");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(fee, "fee");
        Objects.requireNonNull(realizedPnlDelta, "realizedPnlDelta");
        if (qty.signum() <= 0)
        {
            throw new IllegalArgumentException("fill quantity must be positive, got " + qty.toPlainString());
        }
    }

    /**
     * @return traded notional, {@code qty × |price|}, in the quote currency.
     */
    public BigDecimal notional()
    {
        return qty.multiply(price.abs());
    }
}
