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

    private final BacktestRecorder recorder = new BacktestRecorder(dec("100"), List.of("BTC-USD", "ETH-USD"), "USD");

    @Test
    void shouldComputeReturnsSharpeAndSortinoOfASmallSeries()
    {
        daily(100, 110, 99, 120);

        final BacktestStatistics stats = finish();

        final double[] r = {110.0 / 100.0 - 1, 99.0 / 110.0 - 1, 120.0 / 99.0 - 1};
        final double mean = (r[0] + r[1] + r[2]) / 3;
        final double stdev = Math.sqrt(((r[0] - mean) * (r[0] - mean) + (r[1] - mean) * (r[1] - mean) +
            (r[2] - mean) * (r[2] - mean)) / 2);
        final double downside = Math.sqrt(r[1] * r[1] / 3);
        assertEquals(3, stats.returns());
        assertEquals(86_400.0, stats.medianIntervalSeconds().getAsDouble(), TOLERANCE);
        assertEquals(365.25, stats.periodsPerYear().getAsDouble(), TOLERANCE);
        assertEquals(mean / stdev * Math.sqrt(365.25), stats.sharpe(), TOLERANCE);
        assertEquals(mean / downside * Math.sqrt(365.25), stats.sortino(), TOLERANCE);
        assertArrayEquals(r, BacktestStatistics.returns(recorder.finish(info()).equity()));
        assertEquals(0.2, stats.totalReturn(), TOLERANCE);
        assertEquals(dec("120.00000000"), stats.finalEquity());
        assertEquals(Optional.of(T0), stats.periodStart());
        assertEquals(Optional.of(T0.plus(Duration.ofDays(3))), stats.periodEnd());
        assertEquals(4, stats.samples());
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
    void shouldAnnualiseByTheMedianSampleInterval()
    {
        mark(0, "100", "0", false);
        mark(MINUTE_NS, "101", "0", false);
        mark(2 * MINUTE_NS, "100", "0", false);
        mark(7 * MINUTE_NS, "102", "0", false);

        final BacktestStatistics stats = finish();

        assertEquals(60.0, stats.medianIntervalSeconds().getAsDouble(), TOLERANCE);
        assertEquals(365.25 * 24 * 60, stats.periodsPerYear().getAsDouble(), 1e-9);
    }

    @Test
    void shouldTakeTheMeanOfTheTwoMiddleIntervalsForAnEvenCount()
    {
        mark(0, "100", "0", false);
        mark(MINUTE_NS, "101", "0", false);
        mark(4 * MINUTE_NS, "100", "0", false);

        assertEquals(120.0, finish().medianIntervalSeconds().getAsDouble(), TOLERANCE);
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

        assertEquals(3, stats.returns());
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
        assertEquals(OptionalDouble.empty(), stats.medianIntervalSeconds());
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
        daily(100, 0, 50, 60);

        final BacktestStatistics stats = finish();

        assertEquals(2, stats.returns());
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
