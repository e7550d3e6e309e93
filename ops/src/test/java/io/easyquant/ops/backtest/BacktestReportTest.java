package io.easyquant.ops.backtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four files of a small recorded run: two trades, one closed with a profit, one position left open at a loss.
 * Every figure of the expected JSON was computed independently of the code under test.
 */
class BacktestReportTest
{
    private static final long T0_NS = Instant.parse("2024-01-02T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long HOUR_NS = 3_600_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheSummary() throws IOException
    {
        BacktestReport.write(smallRun(), dir);

        assertEquals("""
            {
              "format": "easyquant-backtest-summary/2",
              "config": "config/backtest.yaml",
              "strategy": "ma-crossover sma(10,30) long-only",
              "quote_currency": "USD",
              "period": {
                "start": "2024-01-02T00:00:00Z",
                "end": "2024-01-02T05:00:00Z",
                "samples": 6,
                "return_period": "PT1M",
                "periods_per_year": 525960.000000
              },
              "counts": {
                "events": 6,
                "orders": 3,
                "fills": 3,
                "risk_rejects": 0,
                "venue_rejects": 1
              },
              "pnl": {
                "initial_capital": "1000.00000000",
                "final_equity": "995.02850000",
                "realized": "3.00000000",
                "unrealized": "-7.00000000",
                "fees": "0.97150000",
                "net": "-4.97150000",
                "total_return": -0.004972
              },
              "positions": [
                {
                  "symbol": "BTC-USD",
                  "qty": "0",
                  "realized": "3.00000000",
                  "unrealized": "0.00000000",
                  "fees": "0.42150000",
                  "net": "2.57850000"
                },
                {
                  "symbol": "ETH-USD",
                  "qty": "0.5",
                  "realized": "0.00000000",
                  "unrealized": "-7.00000000",
                  "fees": "0.55000000",
                  "net": "-7.55000000"
                }
              ],
              "risk": {
                "returns": 300,
                "sharpe": -23.265032,
                "sortino": -28.174843,
                "max_drawdown": 0.009715,
                "max_drawdown_peak": "2024-01-02T02:00:00Z",
                "max_drawdown_trough": "2024-01-02T05:00:00Z",
                "max_drawdown_recovery": null,
                "max_drawdown_duration_seconds": 10800.000000
              },
              "trading": {
                "traded_notional": "1943.00000000",
                "turnover": 1.943000,
                "closing_fills": 1,
                "winning_fills": 1,
                "hit_ratio": 1.000000,
                "exposure": 0.600000,
                "average_gross_leverage": 0.388167
              }
            }
            """, read(BacktestReport.SUMMARY));
    }

    @Test
    void shouldWriteOneTradeRowPerFill() throws IOException
    {
        BacktestReport.write(smallRun(), dir);

        assertEquals("""
            time,symbol,side,qty,price,fee,cl_ord_id,exec_id,realized_pnl
            2024-01-02T01:00:00Z,BTC-USD,buy,0.01,42000,0.21000000,1,101,0.00000000
            2024-01-02T03:00:00Z,BTC-USD,sell,0.01,42300,0.21150000,2,102,3.00000000
            2024-01-02T04:00:00Z,ETH-USD,buy,0.5,2200,0.55000000,3,103,0.00000000
            """, read(BacktestReport.TRADES));
    }

    @Test
    void shouldWriteOneEquityRowPerSample() throws IOException
    {
        BacktestReport.write(smallRun(), dir);

        // drawdowns: 0.21 / 1000, then from the 1004.79 peak: 2.2115, 2.7615 and 9.7615 / 1004.79
        assertEquals("""
            time,equity,drawdown,gross_exposure
            2024-01-02T00:00:00Z,1000.00000000,0.000000,0.00000000
            2024-01-02T01:00:00Z,999.79000000,0.000210,420.00000000
            2024-01-02T02:00:00Z,1004.79000000,0.000000,425.00000000
            2024-01-02T03:00:00Z,1002.57850000,0.002201,0.00000000
            2024-01-02T04:00:00Z,1002.02850000,0.002748,1100.00000000
            2024-01-02T05:00:00Z,995.02850000,0.009715,1093.00000000
            """, read(BacktestReport.EQUITY));
    }

    @Test
    void shouldWriteByteIdenticalFilesForTheSameRun() throws IOException
    {
        BacktestReport.write(smallRun(), dir.resolve("first"));
        BacktestReport.write(smallRun(), dir.resolve("second"));

        for (final String file : List.of(BacktestReport.SUMMARY, BacktestReport.TRADES, BacktestReport.EQUITY))
        {
            assertArrayEquals(Files.readAllBytes(dir.resolve("first").resolve(file)),
                Files.readAllBytes(dir.resolve("second").resolve(file)), file);
        }
    }

    @Test
    void shouldEmbedTheEquityAndDrawdownChartsAndTheStatisticsInTheHtml() throws IOException
    {
        BacktestReport.write(smallRun(), dir);
        final String html = read(BacktestReport.HTML);

        final Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int count = 0;
        while (images.find())
        {
            final byte[] png = Base64.getDecoder().decode(images.group(1));
            assertNotNull(ImageIO.read(new ByteArrayInputStream(png)), "a decodable PNG");
            count++;
        }
        assertEquals(2, count);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<title>Backtest: ma-crossover sma(10,30) long-only</title>"));
        assertTrue(html.contains("<th scope=\"row\">Sharpe (annualised)</th><td class=\"num negative\">-23.265</td>"));
        assertTrue(html.contains("<th scope=\"row\">Return period</th><td class=\"num\">1 minute</td>"));
        assertTrue(html.contains("<th scope=\"row\">Max drawdown</th><td class=\"num\">0.97 %</td>"));
        assertTrue(html.contains("<th scope=\"row\">Net PnL</th><td class=\"num negative\">-4.97</td>"));
        assertTrue(html.contains("<th scope=\"row\">Hit ratio</th><td class=\"num\">100.00 % (1 of 1)</td>"));
        assertTrue(html.contains("<td>ETH-USD</td>"));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"),
            "self-contained, no script");
    }

    @Test
    void shouldWriteNullForUndefinedStatisticsAndNeverNaN() throws IOException
    {
        final BacktestRecorder recorder = new BacktestRecorder(new BigDecimal("100"), List.of("BTC-USD"), "USD");
        recorder.onMark(T0_NS, new BigDecimal("100"), BigDecimal.ZERO, false);

        BacktestReport.write(recorder.finish(info(List.of())), dir);

        final String json = read(BacktestReport.SUMMARY);
        assertTrue(json.contains("\"return_period\": null,"), json);
        assertTrue(json.contains("\"periods_per_year\": null"), json);
        assertTrue(json.contains("\"sharpe\": 0.000000,"), json);
        assertTrue(json.contains("\"max_drawdown_peak\": null,"), json);
        assertTrue(json.contains("\"hit_ratio\": null,"), json);
        assertTrue(json.contains("\"exposure\": null,"), json);
        assertTrue(json.contains("\"average_gross_leverage\": null"), json);
        assertTrue(json.contains("\"positions\": [],"), json);
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        assertEquals("time,symbol,side,qty,price,fee,cl_ord_id,exec_id,realized_pnl\n", read(BacktestReport.TRADES));
        assertEquals(2, Pattern.compile("data:image/png;base64,").matcher(read(BacktestReport.HTML)).results().count());
    }

    @Test
    void shouldWriteAReportWithoutSamples() throws IOException
    {
        final BacktestRecorder recorder = new BacktestRecorder(new BigDecimal("100"), List.of("BTC-USD"), "USD");

        BacktestReport.write(recorder.finish(info(List.of())), dir);

        assertTrue(read(BacktestReport.SUMMARY).contains("\"start\": null,"));
        assertEquals("time,equity,drawdown,gross_exposure\n", read(BacktestReport.EQUITY));
        final String html = read(BacktestReport.HTML);
        assertFalse(html.contains("data:image/png"));
        assertTrue(html.contains("No equity samples were recorded."));
    }

    @Test
    void shouldEscapeTextInEveryFile() throws IOException
    {
        final BacktestRecorder recorder = new BacktestRecorder(new BigDecimal("100"), List.of("A,B"), "USD");
        recorder.onFill(T0_NS, "A,B", true, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ZERO, 1, 2, BigDecimal.ZERO);
        recorder.onMark(T0_NS, new BigDecimal("100"), BigDecimal.ZERO, false);

        BacktestReport.write(recorder.finish(new BacktestInfo("dir\\my \"config\".yaml", "<b>x</b> & y\n\ttab\u0001",
            1, 1, 1, 0, 0, List.of())), dir);

        final String json = read(BacktestReport.SUMMARY);
        assertTrue(json.contains("\"config\": \"dir\\\\my \\\"config\\\".yaml\","), json);
        assertTrue(json.contains("\"strategy\": \"<b>x</b> & y\\n\\ttab\\u0001\","), json);
        assertTrue(read(BacktestReport.TRADES).contains("Z,\"A,B\",buy,"));
        final String html = read(BacktestReport.HTML);
        assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt; &amp; y"), html);
        assertFalse(html.contains("<b>x</b>"));
        assertTrue(html.contains("dir\\my &quot;config&quot;.yaml"));
    }

    private String read(final String file) throws IOException
    {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }

    /**
     * Capital 1000 USD. Buy 0.01 BTC at 42000 (fee 0.21), mark up 5, sell at 42300 (+3.00, fee 0.2115), buy 0.5 ETH at
     * 2200 (fee 0.55) and mark it down 7. Hourly samples over 5 hours, so returns on a 1-minute grid: 300, the 5
     * changes of equity on the hour and 295 zeros. The engine's final positions listed out of symbol order.
     */
    static BacktestResult smallRun()
    {
        final BacktestRecorder recorder = new BacktestRecorder(dec("1000"), List.of("BTC-USD", "ETH-USD"), "USD");
        recorder.onMark(T0_NS, dec("1000"), dec("0"), false);
        recorder.onFill(T0_NS + HOUR_NS, "BTC-USD", true, dec("0.01"), dec("42000"), dec("0.21"), 1, 101, dec("0"));
        recorder.onMark(T0_NS + HOUR_NS, dec("999.79"), dec("420"), true);
        recorder.onMark(T0_NS + 2 * HOUR_NS, dec("1004.79"), dec("425"), true);
        recorder.onFill(T0_NS + 3 * HOUR_NS, "BTC-USD", false, dec("0.01"), dec("42300"), dec("0.2115"), 2, 102,
            dec("3.00"));
        recorder.onMark(T0_NS + 3 * HOUR_NS, dec("1002.5785"), dec("0"), false);
        recorder.onFill(T0_NS + 4 * HOUR_NS, "ETH-USD", true, dec("0.5"), dec("2200.00"), dec("0.55"), 3, 103,
            dec("0"));
        recorder.onMark(T0_NS + 4 * HOUR_NS, dec("1002.0285"), dec("1100"), true);
        recorder.onMark(T0_NS + 5 * HOUR_NS, dec("995.0285"), dec("1093"), true);
        return recorder.finish(info(List.of(
            new FinalPosition("ETH-USD", dec("0.5"), dec("0"), dec("-7"), dec("0.55")),
            new FinalPosition("BTC-USD", dec("0"), dec("3.00"), dec("0"), dec("0.4215")))));
    }

    private static BacktestInfo info(final List<FinalPosition> positions)
    {
        return new BacktestInfo("config/backtest.yaml", "ma-crossover sma(10,30) long-only", 6, 3, 3, 0, 1, positions);
    }

    private static BigDecimal dec(final String value)
    {
        return new BigDecimal(value);
    }
}
