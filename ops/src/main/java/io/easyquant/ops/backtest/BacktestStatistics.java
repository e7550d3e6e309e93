package io.easyquant.ops.backtest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The statistics of one backtest. Money is {@link BigDecimal} in the quote currency; ratios are doubles, computed in a
 * fixed order so that the same inputs give the same bits. An empty optional means "undefined" (written as
 * {@code null}); no field is ever NaN or infinite.
 *
 * <p>Definitions, over the equity samples {@code E[0..n-1]} at strictly increasing times {@code t[0..n-1]}. Returns
 * are measured on a regular time grid, not per sample: samples of tick data a few microseconds apart, annualised per
 * sample, would give absurd ratios. Drawdown, exposure and leverage use the raw samples.
 * <ul>
 *   <li><b>period</b>: {@code t[0]} to {@code t[n-1]}; empty without samples.</li>
 *   <li><b>final equity</b>: {@code E[n-1]}, or the initial capital without samples.
 *       <b>Total return</b> = final equity / initial capital − 1.</li>
 *   <li><b>realized, unrealized, fees, net PnL</b>: sums over the final positions; net = realized + unrealized −
 *       fees.</li>
 *   <li><b>return period</b> {@code P}, from the span {@code t[n-1] − t[0]}: 1 day when the span is at least 60
 *       days, 1 hour when at least 2 days, 1 minute when at least 2 hours, else 1 second; empty with fewer than 2
 *       samples.</li>
 *   <li><b>grid equity</b> {@code G[0..m]}: {@code G[k]} is the equity of the last sample at or before
 *       {@code t[0] + k × P}, for every such grid point up to {@code t[n-1]}; when {@code t[n-1]} is not itself a grid
 *       point, {@code E[n-1]} closes a final, shorter period as one more {@code G}.</li>
 *   <li><b>returns</b>: {@code r[k] = G[k] / G[k-1] − 1} for {@code k ≥ 1}, skipping a period whose starting equity
 *       {@code G[k-1]} is not positive; a period without a sample has return 0.</li>
 *   <li><b>periods per year</b>: 365.25 days / {@code P}; empty with fewer than 2 samples.</li>
 *   <li><b>Sharpe</b> (annualised, risk-free rate 0): mean(r) / sample stdev(r) (divisor count − 1) ×
 *       √(periods per year); 0 with fewer than 2 returns or a zero stdev.</li>
 *   <li><b>Sortino</b>: mean(r) / downside deviation × √(periods per year), where the downside deviation is
 *       √(Σ min(r, 0)² / count), over all returns; 0 with fewer than 2 returns or no negative return.</li>
 *   <li><b>max drawdown</b>: the largest {@link EquityCurve#drawdown(int)} (peak-to-trough fraction of equity); the
 *       earliest one on ties. Its <b>peak</b> is the last sample at the running peak before the trough, its
 *       <b>recovery</b> the first later sample whose equity is back at or above the peak, and its <b>duration</b>
 *       runs from the peak to the recovery, or to {@code t[n-1]} when never recovered; zero when there is no
 *       drawdown.</li>
 *   <li><b>traded notional</b>: Σ qty × |price| over the fills; <b>turnover</b> = traded notional / initial
 *       capital.</li>
 *   <li><b>hit ratio</b>: fills with realized PnL &gt; 0 / fills with realized PnL ≠ 0 (closing fills); empty without
 *       closing fills.</li>
 *   <li><b>exposure</b>: the fraction of {@code t[n-1] − t[0]} spent in market, each sample holding until the next:
 *       Σ in-market[i] × (t[i+1] − t[i]) / (t[n-1] − t[0]); empty with fewer than 2 samples.</li>
 *   <li><b>average gross leverage</b>: gross exposure / equity, time-weighted the same way; empty with fewer than 2
 *       samples or when a weighted sample's equity is not positive.</li>
 * </ul>
 *
 * @param periodStart           time of the first sample.
 * @param periodEnd             time of the last sample.
 * @param samples               number of equity samples.
 * @param initialCapital        capital at the start.
 * @param finalEquity           equity of the last sample.
 * @param realizedPnl           realized PnL before fees, all instruments.
 * @param unrealizedPnl         unrealized PnL, all instruments.
 * @param fees                  fees, all instruments.
 * @param netPnl                realized + unrealized − fees.
 * @param totalReturn           final equity / initial capital − 1.
 * @param returns               number of returns on the grid.
 * @param returnPeriod          the grid's period, over which each return is measured.
 * @param periodsPerYear        periods per year used to annualise: 365.25 days / return period.
 * @param sharpe                annualised Sharpe ratio.
 * @param sortino               annualised Sortino ratio.
 * @param maxDrawdown           largest peak-to-trough fraction of equity.
 * @param maxDrawdownPeak       time of the peak before the largest drawdown.
 * @param maxDrawdownTrough     time of the trough of the largest drawdown.
 * @param maxDrawdownRecovery   time equity recovered the peak; empty if it never did.
 * @param maxDrawdownDuration   from the peak to the recovery or to the end.
 * @param tradedNotional        Σ qty × |price| over the fills.
 * @param turnover              traded notional / initial capital.
 * @param winningFills          fills with realized PnL &gt; 0.
 * @param closingFills          fills with realized PnL ≠ 0.
 * @param hitRatio              winning fills / closing fills.
 * @param exposure              time-weighted fraction of the period in market.
 * @param averageGrossLeverage  time-weighted gross exposure / equity.
 */
public record BacktestStatistics(
    Optional<Instant> periodStart,
    Optional<Instant> periodEnd,
    int samples,
    BigDecimal initialCapital,
    BigDecimal finalEquity,
    BigDecimal realizedPnl,
    BigDecimal unrealizedPnl,
    BigDecimal fees,
    BigDecimal netPnl,
    double totalReturn,
    int returns,
    Optional<Duration> returnPeriod,
    OptionalDouble periodsPerYear,
    double sharpe,
    double sortino,
    double maxDrawdown,
    Optional<Instant> maxDrawdownPeak,
    Optional<Instant> maxDrawdownTrough,
    Optional<Instant> maxDrawdownRecovery,
    Duration maxDrawdownDuration,
    BigDecimal tradedNotional,
    double turnover,
    int winningFills,
    int closingFills,
    OptionalDouble hitRatio,
    OptionalDouble exposure,
    OptionalDouble averageGrossLeverage)
{
    /**
     * Seconds in a year of 365.25 days.
     */
    public static final double SECONDS_PER_YEAR = 365.25 * 86_400;

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final long DAILY_FROM_NS = Duration.ofDays(60).toNanos();
    private static final long HOURLY_FROM_NS = Duration.ofDays(2).toNanos();
    private static final long MINUTELY_FROM_NS = Duration.ofHours(2).toNanos();

    static BacktestStatistics of(
        final BigDecimal initialCapital,
        final List<Fill> fills,
        final EquityCurve curve,
        final List<FinalPosition> positions)
    {
        final int n = curve.size();

        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal unrealized = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        for (final FinalPosition position : positions)
        {
            realized = realized.add(position.realizedPnl());
            unrealized = unrealized.add(position.unrealizedPnl());
            fees = fees.add(position.fees());
        }
        final BigDecimal finalEquity = n == 0 ? initialCapital : curve.equity(n - 1);
        final double totalReturn = ratio(finalEquity.subtract(initialCapital), initialCapital);

        final Optional<Duration> returnPeriod = returnPeriod(curve);
        final double[] returns = returns(curve);
        final OptionalDouble periodsPerYear = returnPeriod.isPresent() ?
            OptionalDouble.of(SECONDS_PER_YEAR / (double)returnPeriod.get().toSeconds()) :
            OptionalDouble.empty();
        final double annualiser = Math.sqrt(periodsPerYear.orElse(0.0));

        BigDecimal notional = BigDecimal.ZERO;
        int winning = 0;
        int closing = 0;
        for (final Fill fill : fills)
        {
            notional = notional.add(fill.notional());
            final int sign = fill.realizedPnlDelta().signum();
            closing += sign != 0 ? 1 : 0;
            winning += sign > 0 ? 1 : 0;
        }

        final Drawdown drawdown = Drawdown.largest(curve);

        return new BacktestStatistics(
            n == 0 ? Optional.empty() : Optional.of(curve.time(0)),
            n == 0 ? Optional.empty() : Optional.of(curve.time(n - 1)),
            n,
            initialCapital,
            finalEquity,
            realized,
            unrealized,
            fees,
            realized.add(unrealized).subtract(fees),
            totalReturn,
            returns.length,
            returnPeriod,
            periodsPerYear,
            finite(sharpe(returns) * annualiser),
            finite(sortino(returns) * annualiser),
            drawdown.depth,
            drawdown.peak < 0 ? Optional.empty() : Optional.of(curve.time(drawdown.peak)),
            drawdown.peak < 0 ? Optional.empty() : Optional.of(curve.time(drawdown.trough)),
            drawdown.recovery < 0 ? Optional.empty() : Optional.of(curve.time(drawdown.recovery)),
            drawdown.duration(curve),
            notional,
            ratio(notional, initialCapital),
            winning,
            closing,
            closing == 0 ? OptionalDouble.empty() : OptionalDouble.of((double)winning / closing),
            exposure(curve),
            averageGrossLeverage(curve));
    }

    /**
     * @return the period of the return grid for the curve's span; empty with fewer than 2 samples.
     */
    static Optional<Duration> returnPeriod(final EquityCurve curve)
    {
        final int n = curve.size();
        if (n < 2)
        {
            return Optional.empty();
        }
        final long spanNs = curve.timeNs(n - 1) - curve.timeNs(0);
        if (spanNs >= DAILY_FROM_NS)
        {
            return Optional.of(DAY);
        }
        if (spanNs >= HOURLY_FROM_NS)
        {
            return Optional.of(HOUR);
        }
        return Optional.of(spanNs >= MINUTELY_FROM_NS ? MINUTE : SECOND);
    }

    /**
     * The equity on the curve's return grid ({@link #returnPeriod}): at each grid point the last sample at or before
     * it, then the last sample when it is not on the grid; empty with fewer than 2 samples.
     *
     * @return grid equity in cash units, in time order.
     */
    static long[] gridEquityCash(final EquityCurve curve)
    {
        final Optional<Duration> period = returnPeriod(curve);
        if (period.isEmpty())
        {
            return new long[0];
        }
        final int n = curve.size();
        final long periodNs = period.get().toNanos();
        final long firstNs = curve.timeNs(0);
        final long spanNs = curve.timeNs(n - 1) - firstNs;
        // The span picks the period, so the grid is at most about 106,000 points (292 years of days).
        final int points = Math.toIntExact(spanNs / periodNs + 1);
        final boolean closingPeriod = spanNs % periodNs != 0;
        final long[] equity = new long[closingPeriod ? points + 1 : points];
        int sample = 0;
        for (int k = 0; k < points; k++)
        {
            final long gridNs = firstNs + k * periodNs;
            while (sample + 1 < n && curve.timeNs(sample + 1) <= gridNs)
            {
                sample++;
            }
            equity[k] = curve.equityCash(sample);
        }
        if (closingPeriod)
        {
            equity[points] = curve.equityCash(n - 1);
        }
        return equity;
    }

    /**
     * Returns of the curve on its grid ({@link #gridEquityCash}), in time order; a period whose starting equity is not
     * positive is skipped.
     */
    static double[] returns(final EquityCurve curve)
    {
        final long[] equity = gridEquityCash(curve);
        final double[] returns = new double[Math.max(0, equity.length - 1)];
        int count = 0;
        for (int k = 1; k < equity.length; k++)
        {
            final long previous = equity[k - 1];
            if (previous > 0)
            {
                returns[count++] = (double)(equity[k] - previous) / (double)previous;
            }
        }
        return count == returns.length ? returns : Arrays.copyOf(returns, count);
    }

    private static double mean(final double[] values)
    {
        double sum = 0.0;
        for (final double value : values)
        {
            sum += value;
        }
        return sum / values.length;
    }

    private static double sharpe(final double[] returns)
    {
        if (returns.length < 2)
        {
            return 0.0;
        }
        final double mean = mean(returns);
        double squares = 0.0;
        for (final double r : returns)
        {
            squares += (r - mean) * (r - mean);
        }
        final double stdev = Math.sqrt(squares / (returns.length - 1));
        return stdev == 0.0 ? 0.0 : mean / stdev;
    }

    private static double sortino(final double[] returns)
    {
        if (returns.length < 2)
        {
            return 0.0;
        }
        double squares = 0.0;
        for (final double r : returns)
        {
            squares += r < 0.0 ? r * r : 0.0;
        }
        final double downside = Math.sqrt(squares / returns.length);
        return downside == 0.0 ? 0.0 : mean(returns) / downside;
    }

    private static OptionalDouble exposure(final EquityCurve curve)
    {
        final int n = curve.size();
        if (n < 2)
        {
            return OptionalDouble.empty();
        }
        long inMarketNs = 0;
        for (int i = 0; i < n - 1; i++)
        {
            inMarketNs += curve.inMarket(i) ? curve.timeNs(i + 1) - curve.timeNs(i) : 0;
        }
        return OptionalDouble.of((double)inMarketNs / (double)(curve.timeNs(n - 1) - curve.timeNs(0)));
    }

    private static OptionalDouble averageGrossLeverage(final EquityCurve curve)
    {
        final int n = curve.size();
        if (n < 2)
        {
            return OptionalDouble.empty();
        }
        double weighted = 0.0;
        for (int i = 0; i < n - 1; i++)
        {
            if (curve.equityCash(i) <= 0)
            {
                return OptionalDouble.empty();
            }
            final double leverage = (double)curve.grossExposureCash(i) / (double)curve.equityCash(i);
            weighted += leverage * (double)(curve.timeNs(i + 1) - curve.timeNs(i));
        }
        return OptionalDouble.of(finite(weighted / (double)(curve.timeNs(n - 1) - curve.timeNs(0))));
    }

    private static double ratio(final BigDecimal numerator, final BigDecimal denominator)
    {
        return numerator.divide(denominator, MathContext.DECIMAL64).doubleValue();
    }

    private static double finite(final double value)
    {
        return Double.isFinite(value) ? value : 0.0;
    }

    /**
     * The largest drawdown of a curve: sample indexes of its peak, trough and recovery (-1 when absent).
     */
    private static final class Drawdown
    {
        private double depth;
        private int peak = -1;
        private int trough = -1;
        private int recovery = -1;

        static Drawdown largest(final EquityCurve curve)
        {
            final Drawdown largest = new Drawdown();
            int runningPeak = 0;
            for (int i = 0; i < curve.size(); i++)
            {
                if (curve.equityCash(i) >= curve.equityCash(runningPeak))
                {
                    runningPeak = i;
                }
                if (curve.drawdown(i) > largest.depth)
                {
                    largest.depth = curve.drawdown(i);
                    largest.peak = runningPeak;
                    largest.trough = i;
                }
            }
            if (largest.peak >= 0)
            {
                for (int i = largest.trough + 1; i < curve.size(); i++)
                {
                    if (curve.equityCash(i) >= curve.equityCash(largest.peak))
                    {
                        largest.recovery = i;
                        break;
                    }
                }
            }
            return largest;
        }

        Duration duration(final EquityCurve curve)
        {
            if (peak < 0)
            {
                return Duration.ZERO;
            }
            final long endNs = recovery >= 0 ? curve.timeNs(recovery) : curve.timeNs(curve.size() - 1);
            return Duration.ofNanos(endNs - curve.timeNs(peak));
        }
    }
}
