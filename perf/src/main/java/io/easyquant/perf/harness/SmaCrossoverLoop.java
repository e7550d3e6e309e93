package io.easyquant.perf.harness;

/**
 * The limit: the engine's SMA-crossover backtest written as one plain loop over the bar arrays, with nothing else.
 * Same rules as {@code MovingAverageCrossover} (long-only, exact long sums compared by cross-multiplication, no signal
 * until the slow window is full, a cross is a change of sign of fast - slow against the last non-zero sign) and as the
 * paper venue's {@code NEXT_OPEN} bar fill (an order placed on a bar's close fills at the next bar's open; one unit,
 * no fees).
 */
public final class SmaCrossoverLoop
{
    private SmaCrossoverLoop()
    {
    }

    public static BacktestOutcome run(final GeneratedBars bars, final int fastPeriod, final int slowPeriod)
    {
        final long[] close = bars.closeTicks;
        final long[] open = bars.openTicks;
        final long[] window = new long[slowPeriod];
        long fastSum = 0;
        long slowSum = 0;
        int lastSign = 0;
        long position = 0;
        long pendingTarget = -1;
        long entryTicks = 0;
        long realized = 0;
        long trades = 0;
        for (int i = 0; i < bars.count; i++)
        {
            if (pendingTarget >= 0)
            {
                if (pendingTarget == 1 && position == 0)
                {
                    position = 1;
                    entryTicks = open[i];
                    trades++;
                }
                else if (pendingTarget == 0 && position == 1)
                {
                    position = 0;
                    realized += open[i] - entryTicks;
                    trades++;
                }
                pendingTarget = -1;
            }
            final long price = close[i];
            if (i >= fastPeriod)
            {
                fastSum -= window[(i - fastPeriod) % slowPeriod];
            }
            if (i >= slowPeriod)
            {
                slowSum -= window[i % slowPeriod];
            }
            window[i % slowPeriod] = price;
            fastSum += price;
            slowSum += price;
            if (i + 1 < slowPeriod)
            {
                continue;
            }
            final int sign = Long.compare(fastSum * slowPeriod, slowSum * fastPeriod);
            if (sign == 0)
            {
                continue;
            }
            final int previous = lastSign;
            lastSign = sign;
            if (previous != 0 && previous != sign)
            {
                final long target = sign > 0 ? 1 : 0;
                if (target != position)
                {
                    pendingTarget = target;
                }
            }
        }
        final long unrealized = position == 1 ? close[bars.count - 1] - entryTicks : 0;
        return new BacktestOutcome(trades, realized + unrealized, position);
    }
}
