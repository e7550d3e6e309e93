package io.easyquant.ops.backtest;

import io.easyquant.ops.json.JsonWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Writes a {@link BacktestResult} as four files in one directory:
 * <ul>
 *   <li>{@value #SUMMARY}: the statistics as pretty JSON. Money is a decimal string at scale 8 (the engine's cash
 *       unit, so exact), ratios and seconds are numbers with 6 places, times ISO-8601 UTC, the return period an
 *       ISO-8601 duration ({@code P1D}, {@code PT1H}, {@code PT1M}, {@code PT1S}), and an undefined value is
 *       {@code null}.</li>
 *   <li>{@value #TRADES}: one row per fill, {@code time,symbol,side,qty,price,fee,cl_ord_id,exec_id,realized_pnl}.</li>
 *   <li>{@value #EQUITY}: one row per sample, {@code time,equity,drawdown,gross_exposure}.</li>
 *   <li>{@value #HTML}: a self-contained page with the statistics and the equity and drawdown charts as embedded
 *       PNG images.</li>
 * </ul>
 * The same result always gives byte-identical JSON and CSV files: nothing depends on the clock, the locale or hash
 * order. Files are UTF-8 with {@code \n} line ends; existing files are replaced.
 */
public final class BacktestReport
{
    public static final String SUMMARY = "summary.json";
    public static final String TRADES = "trades.csv";
    public static final String EQUITY = "equity.csv";
    public static final String HTML = "report.html";

    /**
     * Identifies the layout of {@value #SUMMARY}; changes when a field is renamed or removed.
     */
    public static final String SUMMARY_FORMAT = "easyquant-backtest-summary/2";

    private BacktestReport()
    {
    }

    /**
     * Writes the four files into {@code outDir}, creating it if needed.
     *
     * @param result the backtest's result.
     * @param outDir the directory to write into.
     * @throws IOException if a file cannot be written.
     */
    public static void write(final BacktestResult result, final Path outDir) throws IOException
    {
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve(SUMMARY), summaryJson(result), StandardCharsets.UTF_8);
        try (BufferedWriter out = Files.newBufferedWriter(outDir.resolve(TRADES), StandardCharsets.UTF_8))
        {
            writeTrades(result, out);
        }
        try (BufferedWriter out = Files.newBufferedWriter(outDir.resolve(EQUITY), StandardCharsets.UTF_8))
        {
            writeEquity(result, out);
        }
        Files.writeString(outDir.resolve(HTML), html(result), StandardCharsets.UTF_8);
    }

    /**
     * @param result the backtest's result.
     * @return the content of {@value #SUMMARY}.
     */
    public static String summaryJson(final BacktestResult result)
    {
        final BacktestInfo info = result.info();
        final BacktestStatistics stats = result.statistics();
        final JsonWriter json = new JsonWriter().beginObject()
            .field("format", SUMMARY_FORMAT)
            .field("config", info.configFile())
            .field("strategy", info.strategy())
            .field("quote_currency", result.quoteCurrency());

        json.name("period").beginObject()
            .field("start", time(stats.periodStart()))
            .field("end", time(stats.periodEnd()))
            .field("samples", stats.samples())
            .field("return_period", stats.returnPeriod().map(Formats::period).orElse(null))
            .numberField("periods_per_year", ratio(stats.periodsPerYear()))
            .endObject();

        json.name("counts").beginObject()
            .field("events", info.events())
            .field("orders", info.orders())
            .field("fills", info.fills())
            .field("risk_rejects", info.riskRejects())
            .field("venue_rejects", info.venueRejects())
            .endObject();

        json.name("pnl").beginObject()
            .field("initial_capital", Formats.money(stats.initialCapital()))
            .field("final_equity", Formats.money(stats.finalEquity()))
            .field("realized", Formats.money(stats.realizedPnl()))
            .field("unrealized", Formats.money(stats.unrealizedPnl()))
            .field("fees", Formats.money(stats.fees()))
            .field("net", Formats.money(stats.netPnl()))
            .numberField("total_return", Formats.ratio(stats.totalReturn()))
            .endObject();

        json.name("positions").beginArray();
        for (final FinalPosition position : info.positions())
        {
            json.beginObject()
                .field("symbol", position.symbol())
                .field("qty", Formats.plain(position.qty()))
                .field("realized", Formats.money(position.realizedPnl()))
                .field("unrealized", Formats.money(position.unrealizedPnl()))
                .field("fees", Formats.money(position.fees()))
                .field("net", Formats.money(position.netPnl()))
                .endObject();
        }
        json.endArray();

        json.name("risk").beginObject()
            .field("returns", stats.returns())
            .numberField("sharpe", Formats.ratio(stats.sharpe()))
            .numberField("sortino", Formats.ratio(stats.sortino()))
            .numberField("max_drawdown", Formats.ratio(stats.maxDrawdown()))
            .field("max_drawdown_peak", time(stats.maxDrawdownPeak()))
            .field("max_drawdown_trough", time(stats.maxDrawdownTrough()))
            .field("max_drawdown_recovery", time(stats.maxDrawdownRecovery()))
            .numberField("max_drawdown_duration_seconds", Formats.seconds(stats.maxDrawdownDuration()))
            .endObject();

        json.name("trading").beginObject()
            .field("traded_notional", Formats.money(stats.tradedNotional()))
            .numberField("turnover", Formats.ratio(stats.turnover()))
            .field("closing_fills", stats.closingFills())
            .field("winning_fills", stats.winningFills())
            .numberField("hit_ratio", ratio(stats.hitRatio()))
            .numberField("exposure", ratio(stats.exposure()))
            .numberField("average_gross_leverage", ratio(stats.averageGrossLeverage()))
            .endObject();

        return json.endObject().text();
    }

    /**
     * Writes {@value #TRADES}: a header, then one row per fill in the order recorded. Quantity and price are written
     * without trailing zeros, fee and realized PnL at scale 8.
     *
     * @param result the backtest's result.
     * @param out    where to write; not closed.
     * @throws IOException if writing fails.
     */
    public static void writeTrades(final BacktestResult result, final Writer out) throws IOException
    {
        out.write("time,symbol,side,qty,price,fee,cl_ord_id,exec_id,realized_pnl\n");
        for (final Fill fill : result.fills())
        {
            out.write(Formats.time(fill.timeNs()));
            out.write(',');
            out.write(Formats.csv(fill.symbol()));
            out.write(fill.buy() ? ",buy," : ",sell,");
            out.write(Formats.plain(fill.qty()));
            out.write(',');
            out.write(Formats.plain(fill.price()));
            out.write(',');
            out.write(Formats.money(fill.fee()));
            out.write(',');
            out.write(Long.toString(fill.clOrdId()));
            out.write(',');
            out.write(Long.toString(fill.execId()));
            out.write(',');
            out.write(Formats.money(fill.realizedPnlDelta()));
            out.write('\n');
        }
    }

    /**
     * Writes {@value #EQUITY}: a header, then one row per sample; equity and gross exposure at scale 8, drawdown as
     * a fraction of the running peak with 6 places.
     *
     * @param result the backtest's result.
     * @param out    where to write; not closed.
     * @throws IOException if writing fails.
     */
    public static void writeEquity(final BacktestResult result, final Writer out) throws IOException
    {
        final EquityCurve curve = result.equity();
        out.write("time,equity,drawdown,gross_exposure\n");
        final StringBuilder row = new StringBuilder(96);
        char[] chars = new char[96];
        for (int i = 0; i < curve.size(); i++)
        {
            row.setLength(0);
            Formats.appendTime(row, curve.timeNs(i)).append(',');
            Formats.appendMoney(row, curve.equityCash(i)).append(',');
            Formats.appendRatio(row, curve.drawdown(i)).append(',');
            Formats.appendMoney(row, curve.grossExposureCash(i)).append('\n');
            if (row.length() > chars.length)
            {
                chars = new char[row.length()];
            }
            row.getChars(0, row.length(), chars, 0);
            out.write(chars, 0, row.length());
        }
    }

    /**
     * @param result the backtest's result.
     * @return the content of {@value #HTML}.
     */
    public static String html(final BacktestResult result)
    {
        return HtmlPage.render(result);
    }

    static String dataUri(final byte[] png)
    {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static String time(final Optional<Instant> time)
    {
        return time.map(Instant::toString).orElse(null);
    }

    private static String ratio(final OptionalDouble value)
    {
        return value.isPresent() ? Formats.ratio(value.getAsDouble()) : null;
    }
}
