package io.easyquant.ops.backtest;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statistics against values computed by hand, here, from their definitions in {@link BacktestStatistics}.
 */
class BacktestStatisticsTest
{
    private static final double TOLERANCE = 1e-12;
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final long T0_NS = T0.getEpochSecond() * 1_000_000_000L;
    private static final long DAY_NS = 86_400_000_000_000L;
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long MILLI_NS = 1_000_000L;

    private final BacktestRecorder recorder = new BacktestRecorder(dec("100"), List.of("BTC-USD", "ETH-USD"), "USD");

    @Test
    void shouldComputeReturnsSharpeAndSortinoOfASmallSeries()
    {
        // a 3 s span: a 1 s grid, on which every sample lies
        secondly(100, 110, 99, 120);

        final BacktestStatistics stats = finish();

        final double[] r = {110.0 / 100.0 - 1, 99.0 / 110.0 - 1, 120.0 / 99.0 - 1};
        final double mean = (r[0] + r[1] + r[2]) / 3;
        final double stdev = Math.sqrt(((r[0] - mean) * (r[0] - mean) + (r[1] - mean) * (r[1] - mean) +
            (r[2] - mean) * (r[2] - mean)) / 2);
        final double downside = Math.sqrt(r[1] * r[1] / 3);
        final double secondsPerYear = 365.25 * 86_400;
        assertEquals(3, stats.returns());
        assertEquals(Optional.of(Duration.ofSeconds(1)), stats.returnPeriod());
        assertEquals(secondsPerYear, stats.periodsPerYear().getAsDouble());
        assertEquals(mean / stdev * Math.sqrt(secondsPerYear), stats.sharpe(), 1e-9);
        assertEquals(mean / downside * Math.sqrt(secondsPerYear), stats.sortino(), 1e-9);
        assertArrayEquals(r, BacktestStatistics.returns(recorder.finish(info()).equity()));
        assertEquals(0.2, stats.totalReturn(), TOLERANCE);
        assertEquals(dec("120.00000000"), stats.finalEquity());
        assertEquals(Optional.of(T0), stats.periodStart());
        assertEquals(Optional.of(T0.plusSeconds(3)), stats.periodEnd());
        assertEquals(4, stats.samples());
    }

    @Test
    void shouldTakeTheLastSampleAtOrBeforeEachGridPointAndCloseWithTheLastSample()
    {
        mark(0, "100", "0", false);
        mark(400 * MILLI_NS, "104", "0", false);
        mark(900 * MILLI_NS, "90", "0", false);
        mark(1000 * MILLI_NS, "110", "0", false);
        mark(1500 * MILLI_NS, "99", "0", false);
        mark(3200 * MILLI_NS, "120", "0", false);

        final BacktestStatistics stats = finish();

        // a 3.2 s span: grid points at 0, 1, 2 and 3 s hold 100, 110 (the sample on the point), 99 and 99; the last
        // sample, 120 at 3.2 s, closes a fifth
        final double[] r = {110.0 / 100.0 - 1, 99.0 / 110.0 - 1, 0.0, 120.0 / 99.0 - 1};
        final double mean = (r[0] + r[1] + r[2] + r[3]) / 4;
        final double stdev = Math.sqrt(((r[0] - mean) * (r[0] - mean) + (r[1] - mean) * (r[1] - mean) +
            (r[2] - mean) * (r[2] - mean) + (r[3] - mean) * (r[3] - mean)) / 3);
        final double downside = Math.sqrt(r[1] * r[1] / 4);
        final double secondsPerYear = 365.25 * 86_400;
        assertArrayEquals(r, BacktestStatistics.returns(recorder.finish(info()).equity()));
        assertEquals(4, stats.returns());
        assertEquals(Optional.of(Duration.ofSeconds(1)), stats.returnPeriod());
        assertEquals(mean / stdev * Math.sqrt(secondsPerYear), stats.sharpe(), 1e-9);
        assertEquals(mean / downside * Math.sqrt(secondsPerYear), stats.sortino(), 1e-9);
        // the drawdown sees every sample: 104 down to 90, between grid points
        assertEquals(14.0 / 104.0, stats.maxDrawdown(), TOLERANCE);
        assertEquals(6, stats.samples());
    }

    @Test
    void shouldPickTheReturnPeriodByTheSpanOfTheSamples()
    {
        assertGrid(Duration.ofHours(2).minusSeconds(1), Duration.ofSeconds(1), 7199, 365.25 * 86_400);
        assertGrid(Duration.ofHours(2), Duration.ofMinutes(1), 120, 365.25 * 24 * 60);
        assertGrid(Duration.ofDays(2).minusMinutes(1), Duration.ofMinutes(1), 2879, 365.25 * 24 * 60);
        assertGrid(Duration.ofDays(2), Duration.ofHours(1), 48, 8766.0);
        assertGrid(Duration.ofDays(60).minusHours(1), Duration.ofHours(1), 1439, 8766.0);
        assertGrid(Duration.ofDays(60), Duration.ofDays(1), 60, 365.25);
        assertGrid(Duration.ofDays(400).plusHours(12), Duration.ofDays(1), 401, 365.25);
    }

    @Test
    void shouldNotLetTicksMicrosecondsApartInflateTheRatios()
    {
        // Each minute's equity is 100, 101, 102, 100, ... in turn; nine ticks 5 µs apart before the minute swing it
        // by ±30. Per sample, returns would be annualised by a 5 µs interval; on the grid they are one per minute.
        mark(0, "100", "0", false);
        for (int minute = 1; minute <= 180; minute++)
        {
            for (int tick = 9; tick >= 1; tick--)
            {
                mark(minute * MINUTE_NS - tick * 5_000L, Integer.toString(100 + (tick % 2 == 0 ? 30 : -30)), "0",
                    false);
            }
            mark(minute * MINUTE_NS, Integer.toString(100 + minute % 3), "0", false);
        }

        final BacktestStatistics stats = finish();

        // 180 returns: 60 times 100 -> 101 -> 102 -> 100
        final double[] cycle = {1.0 / 100.0, 1.0 / 101.0, -2.0 / 102.0};
        final double mean = (cycle[0] + cycle[1] + cycle[2]) / 3;
        final double stdev = Math.sqrt(60 * ((cycle[0] - mean) * (cycle[0] - mean) +
            (cycle[1] - mean) * (cycle[1] - mean) + (cycle[2] - mean) * (cycle[2] - mean)) / 179);
        final double downside = Math.sqrt(60 * cycle[2] * cycle[2] / 180);
        final double minutesPerYear = 365.25 * 24 * 60;
        assertEquals(1801, stats.samples());
        assertEquals(180, stats.returns());
        assertEquals(Optional.of(Duration.ofMinutes(1)), stats.returnPeriod());
        assertEquals(minutesPerYear, stats.periodsPerYear().getAsDouble());
        assertEquals(mean / stdev * Math.sqrt(minutesPerYear), stats.sharpe(), 1e-9);
        assertEquals(mean / downside * Math.sqrt(minutesPerYear), stats.sortino(), 1e-9);
    }

    @Test
    void shouldMeasureTheMaxDrawdownFromItsPeakToItsRecovery()
    {
        daily(100, 110, 99, 120);

        final BacktestStatistics stats = finish();

        assertEquals(0.1, stats.maxDrawdown(), TOLERANCE);
        assertEquals(Optional.of(T0.plus(Duration.ofDays(1))), stats.maxDrawdownPeak());
        assertEquals(Optional.of(T0.plus(Duration.ofDays(2))), stats.maxDrawdownTrough());
        assertEquals(Optional.of(T0.plus(Duration.ofDays(3))), stats.maxDrawdownRecovery());
        assertEquals(Duration.ofDays(2), stats.maxDrawdownDuration());
    }

    @Test
    void shouldRunAnUnrecoveredDrawdownToTheEnd()
    {
        daily(100, 120, 90, 100, 110);

        final BacktestStatistics stats = finish();

        assertEquals(0.25, stats.maxDrawdown(), TOLERANCE);
        assertEquals(Optional.of(T0.plus(Duration.ofDays(1))), stats.maxDrawdownPeak());
        assertEquals(Optional.of(T0.plus(Duration.ofDays(2))), stats.maxDrawdownTrough());
        assertEquals(Optional.empty(), stats.maxDrawdownRecovery());
        assertEquals(Duration.ofDays(3), stats.maxDrawdownDuration());
    }

    @Test
    void shouldPickTheDeepestDrawdownAndStartItAtTheLastPeak()
    {
        // 110 is reached twice: the second visit starts the deeper drawdown
        daily(100, 110, 105, 110, 88, 100, 111, 106);

        final BacktestStatistics stats = finish();

        assertEquals(0.2, stats.maxDrawdown(), TOLERANCE);
        assertEquals(Optional.of(T0.plus(Duration.ofDays(3))), stats.maxDrawdownPeak());
        assertEquals(Optional.of(T0.plus(Duration.ofDays(4))), stats.maxDrawdownTrough());
        assertEquals(Optional.of(T0.plus(Duration.ofDays(6))), stats.maxDrawdownRecovery());
        assertEquals(Duration.ofDays(3), stats.maxDrawdownDuration());
        final EquityCurve curve = recorder.finish(info()).equity();
        assertEquals(5.0 / 110.0, curve.drawdown(2), TOLERANCE);
        assertEquals(0.0, curve.drawdown(3));
        assertEquals(5.0 / 111.0, curve.drawdown(7), TOLERANCE);
    }

    @Test
    void shouldKeepTheLastSampleOfATimestamp()
    {
        mark(0, "100", "0", false);
        mark(MINUTE_NS, "90", "0", false);
        mark(MINUTE_NS, "105", "50", true);

        final EquityCurve curve = recorder.finish(info()).equity();

        assertEquals(2, curve.size());
        assertEquals(dec("105.00000000"), curve.equity(1));
        assertEquals(dec("50.00000000"), curve.grossExposure(1));
        assertTrue(curve.inMarket(1));
        assertEquals(0.0, finish().maxDrawdown());
    }

    @Test
    void shouldRejectASampleBeforeThePreviousOne()
    {
        mark(MINUTE_NS, "100", "0", false);

        assertThrows(IllegalArgumentException.class, () -> mark(0, "100", "0", false));
    }

    @Test
    void shouldCountWinningAmongClosingFillsAndTurnTradedNotionalOverCapital()
    {
        fill("BTC-USD", true, "2", "10", "0");
        fill("BTC-USD", false, "1", "15", "5");
        fill("ETH-USD", true, "0.5", "20", "0");
        fill("ETH-USD", false, "0.5", "16", "-2");
        fill("BTC-USD", false, "1", "11", "1");
        daily(100, 104);

        final BacktestStatistics stats = finish();

        assertEquals(2, stats.winningFills());
        assertEquals(3, stats.closingFills());
        assertEquals(2.0 / 3.0, stats.hitRatio().getAsDouble(), TOLERANCE);
        // 2 × 10 + 1 × 15 + 0.5 × 20 + 0.5 × 16 + 1 × 11 = 64
        assertEquals(0, dec("64").compareTo(stats.tradedNotional()));
        assertEquals(0.64, stats.turnover(), TOLERANCE);
    }

    @Test
    void shouldWeighExposureAndLeverageByTheTimeEachSampleHolds()
    {
        mark(0, "100", "50", true);
        mark(MINUTE_NS, "100", "0", false);
        mark(3 * MINUTE_NS, "200", "100", true);
        mark(4 * MINUTE_NS, "100", "400", true);

        final BacktestStatistics stats = finish();

        // in market for [0, 1) and [3, 4) of 4 minutes; the last sample holds for no time
        assertEquals(0.5, stats.exposure().getAsDouble(), TOLERANCE);
        assertEquals((0.5 * 1 + 0.0 * 2 + 0.5 * 1) / 4, stats.averageGrossLeverage().getAsDouble(), TOLERANCE);
    }

    @Test
    void shouldSumThePnlOfTheFinalPositionsInSymbolOrder()
    {
        daily(100, 103);

        final BacktestResult result = recorder.finish(new BacktestInfo("c.yaml", "s", 10, 4, 3, 1, 2, List.of(
            new FinalPosition("ETH-USD", dec("-1"), dec("-1.5"), dec("0.25"), dec("0.1")),
            new FinalPosition("BTC-USD", dec("2"), dec("4"), dec("1"), dec("0.65")))));

        final BacktestStatistics stats = result.statistics();
        assertEquals(List.of("BTC-USD", "ETH-USD"), result.info().positions().stream().map(FinalPosition::symbol)
            .toList());
        assertEquals(dec("2.5"), stats.realizedPnl());
        assertEquals(dec("1.25"), stats.unrealizedPnl());
        assertEquals(dec("0.75"), stats.fees());
        assertEquals(dec("3.00"), stats.netPnl());
        assertEquals(0.03, stats.totalReturn(), TOLERANCE);
    }

    @Test
    void shouldRejectAFillOrAPositionForAnUnknownSymbol()
    {
        assertThrows(IllegalArgumentException.class, () -> fill("SOL-USD", true, "1", "1", "0"));
        assertThrows(IllegalArgumentException.class, () -> recorder.finish(new BacktestInfo("c", "s", 0, 0, 0, 0, 0,
            List.of(new FinalPosition("SOL-USD", dec("0"), dec("0"), dec("0"), dec("0"))))));
    }

    @Test
    void shouldLeaveTradeStatisticsUndefinedWithoutClosingFills()
    {
        daily(100, 101, 102);

        final BacktestStatistics stats = finish();

        assertEquals(OptionalDouble.empty(), stats.hitRatio());
        assertEquals(0, stats.closingFills());
        assertEquals(0.0, stats.turnover());
        assertEquals(0, BigDecimal.ZERO.compareTo(stats.tradedNotional()));
        assertEquals(0.0, stats.exposure().getAsDouble());
        assertEquals(0.0, stats.averageGrossLeverage().getAsDouble());
    }

    @Test
    void shouldGiveZeroRatiosForFlatEquity()
    {
        daily(100, 100, 100, 100);

        final BacktestStatistics stats = finish();

        // 3 days on an hourly grid
        assertEquals(72, stats.returns());
        assertEquals(Optional.of(Duration.ofHours(1)), stats.returnPeriod());
        assertEquals(0.0, stats.sharpe());
        assertEquals(0.0, stats.sortino());
        assertEquals(0.0, stats.maxDrawdown());
        assertEquals(Optional.empty(), stats.maxDrawdownPeak());
        assertEquals(Optional.empty(), stats.maxDrawdownRecovery());
        assertEquals(Duration.ZERO, stats.maxDrawdownDuration());
        assertEquals(0.0, stats.totalReturn());
    }

    @Test
    void shouldGiveZeroSortinoWithoutALosingPeriod()
    {
        daily(100, 101, 103);

        final BacktestStatistics stats = finish();

        assertTrue(stats.sharpe() > 0);
        assertEquals(0.0, stats.sortino());
    }

    @Test
    void shouldHandleOneSample()
    {
        mark(0, "105", "10", true);

        final BacktestStatistics stats = finish();

        assertEquals(1, stats.samples());
        assertEquals(0, stats.returns());
        assertEquals(stats.periodStart(), stats.periodEnd());
        assertEquals(OptionalDouble.empty(), stats.periodsPerYear());
        assertEquals(Optional.empty(), stats.returnPeriod());
        assertEquals(0.0, stats.sharpe());
        assertEquals(0.0, stats.sortino());
        assertEquals(OptionalDouble.empty(), stats.exposure());
        assertEquals(OptionalDouble.empty(), stats.averageGrossLeverage());
        assertEquals(0.05, stats.totalReturn(), TOLERANCE);
    }

    @Test
    void shouldHandleNoSamples()
    {
        final BacktestStatistics stats = finish();

        assertEquals(0, stats.samples());
        assertEquals(Optional.empty(), stats.periodStart());
        assertEquals(dec("100"), stats.finalEquity());
        assertEquals(0.0, stats.totalReturn());
        assertEquals(0.0, stats.maxDrawdown());
        assertEquals(Duration.ZERO, stats.maxDrawdownDuration());
    }

    @Test
    void shouldSkipAReturnAfterANonPositiveEquity()
    {
        secondly(100, 0, 50, 60);

        final BacktestStatistics stats = finish();

        assertEquals(2, stats.returns());
        assertArrayEquals(new double[] {-1.0, 60.0 / 50.0 - 1}, BacktestStatistics.returns(
            recorder.finish(info()).equity()));
        assertEquals(1.0, stats.maxDrawdown(), TOLERANCE);
        assertTrue(stats.averageGrossLeverage().isEmpty());
    }

    @Test
    void shouldRoundEquityToTheEngineCashUnit()
    {
        mark(0, "100.000000004", "0.000000005", false);

        final EquityCurve curve = recorder.finish(info()).equity();

        assertEquals(10_000_000_000L, curve.equityCash(0));
        assertEquals(dec("0.00000000"), curve.grossExposure(0));
    }

    private static void assertArrayEquals(final double[] expected, final double[] actual)
    {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, TOLERANCE);
    }

    /**
     * Equity of two samples, 100 then 101, {@code span} apart: on the grid every return is 0 but the last, 0.01.
     * Sharpe of m such returns: mean 0.01 / m, stdev 0.01 / √m, so √(periods per year / m).
     */
    private static void assertGrid(final Duration span, final Duration period, final int returns,
        final double periodsPerYear)
    {
        final BacktestRecorder twoSamples = new BacktestRecorder(dec("100"), List.of("BTC-USD"), "USD");
        twoSamples.onMark(T0_NS, dec("100"), BigDecimal.ZERO, false);
        twoSamples.onMark(T0_NS + span.toNanos(), dec("101"), BigDecimal.ZERO, false);

        final BacktestStatistics stats = twoSamples.finish(info()).statistics();

        final String what = "span " + span;
        assertEquals(Optional.of(period), stats.returnPeriod(), what);
        assertEquals(returns, stats.returns(), what);
        assertEquals(periodsPerYear, stats.periodsPerYear().getAsDouble(), what);
        assertEquals(Math.sqrt(periodsPerYear / returns), stats.sharpe(), 1e-9 * stats.sharpe(), what);
    }

    private void secondly(final long... equity)
    {
        for (int i = 0; i < equity.length; i++)
        {
            mark(i * SECOND_NS, Long.toString(equity[i]), "0", false);
        }
    }

    private void daily(final long... equity)
    {
        for (int i = 0; i < equity.length; i++)
        {
            mark(i * DAY_NS, Long.toString(equity[i]), "0", false);
        }
    }

    private void mark(final long offsetNs, final String equity, final String gross, final boolean inMarket)
    {
        recorder.onMark(T0_NS + offsetNs, dec(equity), dec(gross), inMarket);
    }

    private void fill(final String symbol, final boolean buy, final String qty, final String price,
        final String realized)
    {
        recorder.onFill(T0_NS, symbol, buy, dec(qty), dec(price), BigDecimal.ZERO, 1, 1, dec(realized));
    }

    private BacktestStatistics finish()
    {
        return recorder.finish(info()).statistics();
    }

    private static BacktestInfo info()
    {
        return new BacktestInfo("config.yaml", "test", 0, 0, 0, 0, 0, List.of());
    }

    private static BigDecimal dec(final String value)
    {
        return new BigDecimal(value);
    }
}
