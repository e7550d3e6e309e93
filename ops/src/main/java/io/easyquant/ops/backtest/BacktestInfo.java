package io.easyquant.ops.backtest;

import java.util.List;
import java.util.Objects;

/**
 * What the driver knows about a backtest that the recorder did not see: where it came from, the engine's counters
 * at the end, and the final positions.
 *
 * @param configFile   the configuration file as the operator named it (written as given, never resolved).
 * @param strategy     a one-line description of the strategy, e.g. {@code "ma-crossover sma(10,30) long-only"}.
 * @param events       market-data events replayed.
 * @param orders       orders sent to the venue.
 * @param fills        fills and partial fills the engine booked.
 * @param riskRejects  orders refused by pre-trade risk.
 * @param venueRejects orders rejected by the venue.
 * @param positions    final position and PnL per instrument; the report lists them in the recorder's symbol order.
 */
public record BacktestInfo(
    String configFile,
    String strategy,
    long events,
    long orders,
    long fills,
    long riskRejects,
    long venueRejects,
    List<FinalPosition> positions)
{
    /**
     * Checks the fields and copies the positions.
     *
     * @throws NullPointerException     if a field is null.
     * @throws IllegalArgumentException if a count is negative.
     */
    public BacktestInfo
    {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(strategy, "strategy");
        positions = List.copyOf(positions);
        if (events < 0 || orders < 0 || fills < 0 || riskRejects < 0 || venueRejects < 0)
        {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }
}
