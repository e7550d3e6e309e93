package io.easyquant.ops.backtest;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One instrument's position and PnL at the end of a backtest, as the engine's position book has them.
 *
 * @param symbol        instrument symbol, one of the recorder's symbols.
 * @param qty           signed position in the instrument's units (negative when short).
 * @param realizedPnl   realized PnL before fees, in the quote currency.
 * @param unrealizedPnl PnL of the open position marked at the last price, in the quote currency.
 * @param fees          fees paid, in the quote currency.
 */
public record FinalPosition(
    String symbol,
    BigDecimal qty,
    BigDecimal realizedPnl,
    BigDecimal unrealizedPnl,
    BigDecimal fees)
{
    /**
     * Checks the fields.
     *
     * @throws NullPointerException if a field is null.
     */
    public FinalPosition
    {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(qty, "qty");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        Objects.requireNonNull(unrealizedPnl, "unrealizedPnl");
        Objects.requireNonNull(fees, "fees");
    }

    /**
     * @return realized + unrealized − fees.
     */
    public BigDecimal netPnl()
    {
        return realizedPnl.add(unrealizedPnl).subtract(fees);
    }
}
