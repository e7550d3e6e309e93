package io.easyquant.perf.harness;

/**
 * What a long-only, one-unit SMA-crossover backtest over bars produced, in the terms every side of a comparison can
 * compute exactly: the number of trades (fills: entries and exits), the net PnL in ticks (realised on closed round
 * trips plus the open position marked at the last close; no fees) and the position left open.
 */
public record BacktestOutcome(long trades, long netPnlTicks, long positionUnits)
{
    /**
     * @return the same figures as text, for a report.
     */
    public String describe()
    {
        return trades + " trades, net PnL " + netPnlTicks + " ticks, final position " + positionUnits;
    }
}
