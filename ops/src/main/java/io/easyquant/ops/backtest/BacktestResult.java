package io.easyquant.ops.backtest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Everything a backtest produced, immutable: what {@link BacktestReport} writes.
 *
 * @param info           what the driver reported at the end; its positions in the order of {@code symbols}.
 * @param quoteCurrency  currency of every money amount, e.g. {@code USD}.
 * @param symbols        the instruments traded, in the driver's order.
 * @param fills          every fill, in the order recorded.
 * @param equity         the equity samples.
 * @param statistics     the statistics computed from the above.
 */
public record BacktestResult(
    BacktestInfo info,
    String quoteCurrency,
    List<String> symbols,
    List<Fill> fills,
    EquityCurve equity,
    BacktestStatistics statistics)
{
    /**
     * Checks the fields and copies the lists.
     *
     * @throws NullPointerException if a field is null.
     */
    public BacktestResult
    {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(quoteCurrency, "quoteCurrency");
        symbols = List.copyOf(symbols);
        fills = List.copyOf(fills);
        Objects.requireNonNull(equity, "equity");
        Objects.requireNonNull(statistics, "statistics");
    }

    /**
     * @return the capital the backtest started with.
     */
    public BigDecimal initialCapital()
    {
        return statistics.initialCapital();
    }
}
