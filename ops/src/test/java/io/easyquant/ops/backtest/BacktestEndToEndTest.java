package io.easyquant.ops.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.easyquant.ops.Main;
import io.easyquant.ops.TestConfigs;
import io.easyquant.ops.cli.InProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code backtest} and {@code replay --verify} end to end, in process through {@link Main#execute}: 1-minute bars of
 * BTC-USD and ETH-USD from a seeded random walk with trends (a few bars missing), an SMA(10, 30) crossover, long-short,
 * and the paper venue with latency, partial fills and fees, filling market orders at the next bar's open. The
 * configuration is {@code config/paper.yaml} with those edits. Expected values come from the CSV written here, never
 * from the code under test.
 */
class BacktestEndToEndTest
{
    private static final int MINUTES = 3000;
    private static final int FAST = 10;
    private static final int SLOW = 30;
    private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    private static final List<String> SYMBOLS = List.of("BTC-USD", "ETH-USD");
    private static final String[] REPORT_FILES = {BacktestReport.SUMMARY, BacktestReport.TRADES, BacktestReport.EQUITY};

    @TempDir
    static Path dir;

    private static List<Bar> bars;
    private static Path csv;
    private static Path config;
    private static Path csvRun;
    private static Path journalRun;

    /**
     * One bar as written to the CSV; prices in cents (the instruments' tick, 0.01).
     *
     * @param row the bar's position among the CSV's data rows, from 0.
     */
    private record Bar(int row, Instant time, String symbol, long open, long high, long low, long close, long volume)
    {
        String csvLine()
        {
            return time + "," + symbol + "," + price(open) + "," + price(high) + "," + price(low) + "," + price(close) +
                "," + volume;
        }

        private static String price(final long cents)
        {
            return BigDecimal.valueOf(cents, 2).toPlainString();
        }
    }

    @BeforeAll
    static void writeTheBarsAndTheConfigurationAndRunTheCsvBacktest() throws IOException
    {
        bars = randomWalk(20_240_301L);
        final List<String> lines = new ArrayList<>();
        lines.add("timestamp,symbol,open,high,low,close,volume");
        for (final Bar bar : bars)
        {
            lines.add(bar.csvLine());
        }
        csv = dir.resolve("bars.csv");
        Files.write(csv, lines, StandardCharsets.UTF_8);
        config = TestConfigs.write(dir.resolve("backtest.yaml"), configuration(FAST));

        csvRun = dir.resolve("csv-run");
        backtest("--csv", csv, csvRun);
    }

    @Test
    void shouldWriteByteIdenticalReportsWhenRunTwice() throws IOException
    {
        final Path again = dir.resolve("csv-run-again");
        backtest("--csv", csv, again);

        for (final String file : REPORT_FILES)
        {
            assertArrayEquals(Files.readAllBytes(csvRun.resolve(file)), Files.readAllBytes(again.resolve(file)), file);
        }
    }

    @Test
    void shouldSummariseTheRunAndWriteOneEquityRowPerBarTime() throws IOException
    {
        final JsonNode summary = new ObjectMapper().readTree(csvRun.resolve(BacktestReport.SUMMARY).toFile());
        final List<String> trades = Files.readAllLines(csvRun.resolve(BacktestReport.TRADES));
        final List<String> equity = Files.readAllLines(csvRun.resolve(BacktestReport.EQUITY));
        final TreeSet<Instant> barTimes = new TreeSet<>();
        bars.forEach(bar -> barTimes.add(bar.time()));
        final int fills = trades.size() - 1;

        assertTrue(fills > 20, "an SMA crossover over trending bars trades: " + fills + " fills");
        assertEquals("easyquant-backtest-summary/2", summary.get("format").asText());
        assertEquals(config.toString(), summary.get("config").asText());
        assertEquals("USD", summary.get("quote_currency").asText());
        final JsonNode period = summary.get("period");
        assertEquals(barTimes.first().toString(), period.get("start").asText());
        assertEquals(barTimes.last().toString(), period.get("end").asText());
        assertEquals(barTimes.size(), period.get("samples").asInt());
        // about 50 hours of bars: at least 2 days, so hourly returns, the last period closed by the last bar
        final Duration span = Duration.between(barTimes.first(), barTimes.last());
        assertTrue(span.compareTo(Duration.ofDays(2)) >= 0 && span.compareTo(Duration.ofDays(60)) < 0, span::toString);
        assertEquals("PT1H", period.get("return_period").asText());
        assertEquals(8766.0, period.get("periods_per_year").asDouble());
        assertEquals((span.toMinutes() + 59) / 60, summary.get("risk").get("returns").asInt());

        final JsonNode counts = summary.get("counts");
        assertEquals(fills, counts.get("fills").asInt());
        assertTrue(counts.get("events").asLong() >= bars.size(), counts::toString);
        assertTrue(counts.get("orders").asInt() > 0, counts::toString);
        assertEquals(0, counts.get("venue_rejects").asInt());

        final JsonNode pnl = summary.get("pnl");
        final BigDecimal net = decimal(pnl, "realized").add(decimal(pnl, "unrealized")).subtract(decimal(pnl, "fees"));
        assertEquals(net, decimal(pnl, "net"));
        assertEquals(decimal(pnl, "initial_capital").add(net), decimal(pnl, "final_equity"));
        assertEquals(new BigDecimal("10000.00000000"), decimal(pnl, "initial_capital"));
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        for (final String trade : trades.subList(1, trades.size()))
        {
            final String[] fields = trade.split(",");
            fees = fees.add(new BigDecimal(fields[5]));
            realized = realized.add(new BigDecimal(fields[8]));
        }
        assertTrue(fees.signum() > 0, "2 bps of fees");
        assertEquals(fees, decimal(pnl, "fees"));
        assertEquals(realized, decimal(pnl, "realized"));
        assertEquals(List.of("BTC-USD", "ETH-USD", "SOL-USD"),
            summary.get("positions").findValuesAsText("symbol"));
        for (final String field : List.of("sharpe", "sortino", "max_drawdown", "max_drawdown_duration_seconds"))
        {
            assertTrue(summary.get("risk").get(field).isNumber(), field);
        }
        assertTrue(summary.get("trading").get("closing_fills").asInt() > 0);

        assertEquals("time,equity,drawdown,gross_exposure", equity.get(0));
        final List<String> expectedTimes = barTimes.stream().map(Instant::toString).toList();
        assertEquals(expectedTimes, equity.subList(1, equity.size()).stream()
            .map(row -> row.substring(0, row.indexOf(','))).toList());
        assertEquals(pnl.get("final_equity").asText(), equity.get(equity.size() - 1).split(",")[1]);

        final String html = Files.readString(csvRun.resolve(BacktestReport.HTML));
        final Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int pngs = 0;
        while (images.find())
        {
            assertNotNull(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(1)))));
            pngs++;
        }
        assertEquals(2, pngs);
        assertTrue(html.contains("<th scope=\"row\">Return period</th><td class=\"num\">1 hour</td>"));
    }

    @Test
    void shouldFillTheFirstOrderAtTheOpenOfTheBarAfterTheSignalBar() throws IOException
    {
        Bar fillBar = null;
        boolean buy = false;
        for (final String symbol : SYMBOLS)
        {
            final List<Bar> series = bars.stream().filter(bar -> bar.symbol().equals(symbol)).toList();
            final int signal = firstCross(series);
            final Bar next = series.get(signal + 1);
            if (fillBar == null || next.row() < fillBar.row())
            {
                fillBar = next;
                buy = crossesUp(series, signal);
            }
        }
        assertNotNull(fillBar);

        final String[] first = Files.readAllLines(csvRun.resolve(BacktestReport.TRADES)).get(1).split(",");

        assertEquals(fillBar.time().toString(), first[0]);
        assertEquals(fillBar.symbol(), first[1]);
        assertEquals(buy ? "buy" : "sell", first[2]);
        assertEquals(0, BigDecimal.valueOf(fillBar.open(), 2).compareTo(new BigDecimal(first[4])),
            "the open of " + fillBar);
    }

    @Test
    void shouldReplayTheBacktestJournalIdentically()
    {
        final InProcess.Result replay =
            execute("replay", "--verify", "--journal", csvRun.resolve("journal").toString());

        assertEquals(0, replay.exitCode(), replay.out() + replay.err());
        assertTrue(replay.out().contains("\nidentical\n"), replay.out());
    }

    @Test
    void shouldGiveTheSameReportsFromAnImportedJournalAndReplayItMergedWithItsSource() throws IOException
    {
        final Path out = journalRun();

        for (final String file : REPORT_FILES)
        {
            assertEquals(Files.readString(csvRun.resolve(file)), Files.readString(out.resolve(file)), file);
        }
        // the backtest journal holds only its own inputs and decisions: the bars are the source's
        final InProcess.Result stats = execute("journal", "stats", "--journal", out.resolve("journal").toString());
        assertTrue(Pattern.compile("^source journal +" + Pattern.quote(dir.resolve("imported").toString()) + "$",
            Pattern.MULTILINE).matcher(stats.out()).find(), stats.out());
        assertTrue(Pattern.compile("^  BAR +0$", Pattern.MULTILINE).matcher(stats.out()).find(), stats.out());

        final InProcess.Result replay = execute("replay", "--verify", "--journal", out.resolve("journal").toString());
        assertEquals(0, replay.exitCode(), replay.out() + replay.err());
        assertTrue(replay.out().contains("\nidentical\n"), replay.out());
    }

    @Test
    void shouldReportADivergenceWhenReplayedWithAnotherStrategyParameter() throws IOException
    {
        final Path out = journalRun();
        final Path changed = TestConfigs.write(dir.resolve("changed.yaml"), configuration(FAST + 2));

        final InProcess.Result replay = execute("replay", "--verify", "--journal", out.resolve("journal").toString(),
            "--config", changed.toString());

        assertEquals(1, replay.exitCode(), replay.out() + replay.err());
        assertTrue(replay.out().contains("first divergence at journal index "), replay.out());
        assertTrue(replay.out().contains("  expected: "), replay.out());
        assertNoStackTrace(replay.out() + replay.err());
    }

    /**
     * The CSV imported into a journal, and a backtest over that journal; once for the tests that use it.
     */
    private static synchronized Path journalRun() throws IOException
    {
        if (journalRun == null)
        {
            final Path journal = dir.resolve("imported");
            final InProcess.Result imported = execute("import", "--csv", csv.toString(), "--journal",
                journal.toString(), "--config", config.toString(), "--quiet");
            assertEquals(0, imported.exitCode(), imported.out() + imported.err());
            final String summary = String.format(Locale.ROOT, "imported %,d records (bars)", bars.size());
            assertTrue(imported.out().startsWith(summary), imported.out());

            final Path out = dir.resolve("journal-run");
            backtest("--journal", journal, out);
            journalRun = out;
        }
        return journalRun;
    }

    private static void backtest(final String inputOption, final Path input, final Path out) throws IOException
    {
        final InProcess.Result result = execute("backtest", "--config", config.toString(), inputOption,
            input.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, result.exitCode(), result.out() + result.err());
        assertNoStackTrace(result.out() + result.err());
        for (final String file : REPORT_FILES)
        {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        assertTrue(Files.isDirectory(out.resolve("journal")));
    }

    private static InProcess.Result execute(final String... args)
    {
        return InProcess.execute(args);
    }

    /**
     * {@code config/paper.yaml} with the bars as its feed, an SMA crossover, no random rejects (so that the first
     * signal's order is the first filled) and a backtest capital.
     */
    private static String configuration(final int fastPeriod)
    {
        String yaml = TestConfigs.withFeeds(TestConfigs.paper(), "feeds:\n  - type: csv\n    path: bars.csv\n");
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: data");
        yaml = edit(yaml, "average: ema ", "average: sma ");
        yaml = edit(yaml, "fastPeriod: 20", "fastPeriod: " + fastPeriod);
        yaml = edit(yaml, "slowPeriod: 80", "slowPeriod: " + SLOW);
        yaml = edit(yaml, "rejectProbability: 0.01", "rejectProbability: 0");
        assertTrue(yaml.contains("partialFillProbability: 0.2") && yaml.contains("feeBps: 2") &&
            yaml.contains("barFill: next-open") && yaml.contains("mode: long-short"), yaml);
        return yaml + "\nbacktest:\n  initialCapital: 10000\n";
    }

    /**
     * 1-minute bars of both instruments: each moves by a trend that changes direction at random every 200 minutes
     * plus noise, opens a little away from the previous close, and misses 3 % of its bars.
     */
    private static List<Bar> randomWalk(final long seed)
    {
        final Random random = new Random(seed);
        final double[] price = {60_000.0, 3_000.0};
        final double[] trend = new double[SYMBOLS.size()];
        final List<Bar> walk = new ArrayList<>();
        for (int minute = 0; minute < MINUTES; minute++)
        {
            for (int i = 0; i < SYMBOLS.size(); i++)
            {
                if (minute % 200 == 0)
                {
                    trend[i] = random.nextBoolean() ? 0.0005 : -0.0005;
                }
                final long open = Math.round(price[i] * (1 + 0.0004 * random.nextGaussian()) * 100);
                final long close = Math.round(open * (1 + trend[i] + 0.0015 * random.nextGaussian()));
                final long high = Math.max(open, close) + Math.round(Math.abs(random.nextGaussian()) * price[i] / 20);
                final long low = Math.min(open, close) - Math.round(Math.abs(random.nextGaussian()) * price[i] / 20);
                final long volume = 1 + random.nextInt(100);
                price[i] = close / 100.0;
                if (random.nextDouble() >= 0.03)
                {
                    walk.add(new Bar(walk.size(), START.plus(Duration.ofMinutes(minute)), SYMBOLS.get(i), open, high,
                        low, close, volume));
                }
            }
        }
        return walk;
    }

    /**
     * The first bar of a series at which SMA(FAST) of the closes crosses SMA(SLOW): from the first full slow window,
     * the sign of fast − slow changes against its last non-zero value.
     *
     * @return the index of that bar in the series.
     */
    private static int firstCross(final List<Bar> series)
    {
        int last = 0;
        for (int end = SLOW - 1; end < series.size(); end++)
        {
            final int sign = sign(series, end);
            if (sign != 0)
            {
                if (last != 0 && sign != last)
                {
                    return end;
                }
                last = sign;
            }
        }
        throw new AssertionError("the averages never cross");
    }

    private static boolean crossesUp(final List<Bar> series, final int end)
    {
        final int sign = sign(series, end);
        assertNotEquals(0, sign);
        return sign > 0;
    }

    /**
     * @return the sign of SMA(FAST) − SMA(SLOW) of the closes up to and including bar {@code end}, compared as
     *         fast sum × SLOW against slow sum × FAST so that it is exact.
     */
    private static int sign(final List<Bar> series, final int end)
    {
        long fastSum = 0;
        long slowSum = 0;
        for (int k = end - SLOW + 1; k <= end; k++)
        {
            slowSum += series.get(k).close();
            fastSum += k > end - FAST ? series.get(k).close() : 0;
        }
        return Long.compare(fastSum * SLOW, slowSum * FAST);
    }

    private static BigDecimal decimal(final JsonNode object, final String field)
    {
        return new BigDecimal(object.get(field).asText());
    }
}
