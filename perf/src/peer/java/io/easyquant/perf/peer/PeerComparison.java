package io.easyquant.perf.peer;

import io.easyquant.ops.config.Configuration;
import io.easyquant.perf.harness.BacktestOutcome;
import io.easyquant.perf.harness.BarsBacktest;
import io.easyquant.perf.harness.GeneratedBars;
import io.easyquant.perf.harness.SmaCrossoverLoop;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Position;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.NumFactory;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * The bar backtest against its peer and its limit, in one JVM (ta4j is compiled for Java 21, so this runs on 21+):
 * an SMA-crossover backtest over the same {@link GeneratedBars}, long-only, one unit, no fees, market orders filled at
 * the next bar's open, by
 * <ul>
 *   <li>ours: {@link BarsBacktest}, every bar through the engine's stages and the paper venue
 *       ({@code Simulation});</li>
 *   <li>the peer: ta4j's {@link BarSeriesManager} (its defaults: {@code TradeOnNextOpenModel}, zero cost models, one
 *       unit) with {@link CrossedUpIndicatorRule} / {@link CrossedDownIndicatorRule} on two {@link SMAIndicator}s of
 *       the close, with {@code DoubleNum} (exact here: prices are whole numbers) and with its default
 *       {@code DecimalNum};</li>
 *   <li>the limit: {@link SmaCrossoverLoop}, the same rules as one plain loop over the arrays.</li>
 * </ul>
 *
 * <p>The two implementations agree on when a cross happens: ta4j's cross rule looks back over equal values to the last
 * different one but not into the indicators' unstable bars, which for an SMA are its first {@code period - 1}, so the
 * first bar it can look back to is the slow SMA's first full window: exactly the engine's "no signal until the slow
 * window is full; a cross is a change of sign against the last non-zero sign". The strategy's own unstable bars are
 * set to the same {@code slow - 1} so that nothing before that can act.
 *
 * <p>A timing counts only when every run gives the same trades (fills) and the same net PnL (realised plus the open
 * position at the last close): the program checks and says so, and exits 1 if not. Runs alternate, one warm-up round
 * first. ta4j's timing covers building the indicators and the strategy and {@code run} over a prebuilt series (the
 * series is its input, as the bars are ours); ours covers encoding each bar into the ring and everything after.
 */
public final class PeerComparison
{
    private static final int FAST = 10;
    private static final int SLOW = 30;

    private PeerComparison()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        boolean quick = false;
        String out = null;
        for (int i = 0; i < args.length; i++)
        {
            if ("--quick".equals(args[i]))
            {
                quick = true;
            }
            else if ("--out".equals(args[i]) && i + 1 < args.length)
            {
                out = args[++i];
            }
            else
            {
                System.err.println("usage: PeerComparison --out FILE [--quick]");
                System.exit(2);
            }
        }
        if (out == null)
        {
            System.err.println("usage: PeerComparison --out FILE [--quick]");
            System.exit(2);
        }
        final boolean agreed;
        try (PrintStream report = new PrintStream(new FileOutputStream(out, true), true, StandardCharsets.UTF_8))
        {
            agreed = run(report, quick ? 20_000 : 1_000_000, quick ? 1 : 5, quick ? 20_000 : 200_000);
        }
        System.exit(agreed ? 0 : 1);
    }

    private static boolean run(final PrintStream out, final int barCount, final int rounds, final int decimalBars)
        throws Exception
    {
        final GeneratedBars bars = GeneratedBars.randomWalk(barCount, 42);
        final GeneratedBars decimalSubset = GeneratedBars.randomWalk(decimalBars, 42);
        final Configuration config = BarsBacktest.config(FAST, SLOW, Files.createTempDirectory("eq-peer-"));

        long startNs = System.nanoTime();
        final BarSeries doubleSeries = series(bars, DoubleNumFactory.getInstance());
        final double seriesSeconds = (System.nanoTime() - startNs) / 1e9;
        final BarSeries decimalSeries = series(decimalSubset, DecimalNumFactory.getInstance());

        final double[] ours = new double[rounds];
        final double[] peer = new double[rounds];
        final double[] peerDecimal = new double[rounds];
        final double[] limit = new double[rounds];
        BacktestOutcome oursOutcome = null;
        BacktestOutcome peerOutcome = null;
        BacktestOutcome limitOutcome = null;
        BacktestOutcome decimalOutcome = null;
        BacktestOutcome oursOnSubset = null;
        for (int round = -1; round < rounds; round++)
        {
            for (int turn = 0; turn < 4; turn++)
            {
                final int which = Math.floorMod(round + turn, 4);
                startNs = System.nanoTime();
                switch (which)
                {
                    case 0:
                        oursOutcome = BarsBacktest.run(config, bars);
                        record(ours, round, bars.count, startNs);
                        break;
                    case 1:
                        peerOutcome = ta4j(doubleSeries);
                        record(peer, round, bars.count, startNs);
                        break;
                    case 2:
                        decimalOutcome = ta4j(decimalSeries);
                        record(peerDecimal, round, decimalSubset.count, startNs);
                        break;
                    default:
                        limitOutcome = SmaCrossoverLoop.run(bars, FAST, SLOW);
                        record(limit, round, bars.count, startNs);
                        break;
                }
            }
        }
        oursOnSubset = BarsBacktest.run(config, decimalSubset);
        final boolean agreed = oursOutcome.equals(peerOutcome) && oursOutcome.equals(limitOutcome) &&
            oursOnSubset.equals(decimalOutcome);

        out.println("### Bar backtest beside its peer (ta4j) and its limit (an array loop)");
        out.println();
        out.printf(Locale.ROOT, "SMA crossover %d/%d, long-only, one unit, no fees, market orders filled at the next " +
            "bar's open, over %,d generated one-minute bars (DecimalNum over the first %,d), %d measured rounds " +
            "alternating after one warm-up round, on %s %s. Building ta4j's BarSeries took %.2f s and is not " +
            "counted.%n%n", FAST, SLOW, bars.count, decimalSubset.count, rounds, System.getProperty("java.vm.name"),
            System.getProperty("java.version"), seriesSeconds);
        out.println("| run | best bars/s | median bars/s | ours ÷ run (median) | trades | net PnL (ticks) |");
        out.println("|---|---:|---:|---:|---:|---:|");
        row(out, "**ours**: Simulation, every stage and the paper venue", ours, ours, oursOutcome);
        row(out, "peer: ta4j 0.22.2 BarSeriesManager, DoubleNum", peer, ours, peerOutcome);
        row(out, "peer: ta4j 0.22.2 BarSeriesManager, DecimalNum (its default), " + decimalSubset.count + " bars",
            peerDecimal, ours, decimalOutcome);
        row(out, "limit: plain array loop", limit, ours, limitOutcome);
        out.println();
        if (agreed)
        {
            out.printf(Locale.ROOT, "Same trades and net PnL on every side (%s; ours on the DecimalNum subset: %s): " +
                "the timing counts.%n%n", oursOutcome.describe(), oursOnSubset.describe());
        }
        else
        {
            out.printf(Locale.ROOT, "**The sides disagree, so the timing does not count**: ours %s, ta4j %s, " +
                "loop %s; on the subset ours %s, ta4j DecimalNum %s.%n%n", oursOutcome.describe(),
                peerOutcome.describe(), limitOutcome.describe(), oursOnSubset.describe(), decimalOutcome.describe());
        }
        return agreed;
    }

    private static void record(final double[] rates, final int round, final int bars, final long startNs)
    {
        final long elapsedNs = System.nanoTime() - startNs;
        if (round >= 0)
        {
            rates[round] = bars * 1e9 / Math.max(1, elapsedNs);
        }
    }

    private static void row(
        final PrintStream out, final String name, final double[] rates, final double[] ours,
        final BacktestOutcome outcome)
    {
        out.printf(Locale.ROOT, "| %s | %s | %s | %.2f× | %d | %d |%n", name, format(max(rates)),
            format(median(rates)), median(ours) / median(rates), outcome.trades(), outcome.netPnlTicks());
    }

    private static BarSeries series(final GeneratedBars bars, final NumFactory numbers)
    {
        final BarSeries series = new BaseBarSeriesBuilder().withName("SIM-USD").withNumFactory(numbers).build();
        final Duration period = Duration.ofMillis(GeneratedBars.DURATION_MS);
        for (int i = 0; i < bars.count; i++)
        {
            series.barBuilder()
                .timePeriod(period)
                .endTime(Instant.ofEpochSecond(0, bars.timeNs[i]).plus(period))
                .openPrice(bars.openTicks[i])
                .highPrice(bars.highTicks[i])
                .lowPrice(bars.lowTicks[i])
                .closePrice(bars.closeTicks[i])
                .volume(bars.volumeLots[i])
                .add();
        }
        return series;
    }

    /**
     * ta4j's backtest of the same strategy; trades are executed entries and exits, net PnL the closed positions'
     * profit plus the open one marked at the last close.
     */
    private static BacktestOutcome ta4j(final BarSeries series)
    {
        final ClosePriceIndicator close = new ClosePriceIndicator(series);
        final SMAIndicator fast = new SMAIndicator(close, FAST);
        final SMAIndicator slow = new SMAIndicator(close, SLOW);
        final Strategy strategy = new BaseStrategy("sma-crossover",
            new CrossedUpIndicatorRule(fast, slow), new CrossedDownIndicatorRule(fast, slow), SLOW - 1);
        final TradingRecord record = new BarSeriesManager(series).run(strategy);
        double pnl = 0;
        for (final Position position : record.getPositions())
        {
            pnl += position.getProfit().doubleValue();
        }
        long position = 0;
        final Position current = record.getCurrentPosition();
        if (current.isOpened())
        {
            position = 1;
            pnl += series.getLastBar().getClosePrice().doubleValue() - current.getEntry().getPricePerAsset()
                .doubleValue();
        }
        return new BacktestOutcome(record.getTrades().size(), Math.round(pnl), position);
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double max(final double[] values)
    {
        return Arrays.stream(values).max().orElse(0);
    }

    private static String format(final double perSecond)
    {
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.2f M", perSecond / 1e6) :
            String.format(Locale.ROOT, "%.0f k", perSecond / 1e3);
    }
}
