package io.easyquant.ops.backtest;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The self-contained {@code report.html}: plain CSS, the statistics in three tables, the positions, and the equity
 * and drawdown charts as PNG data URIs. No script, no external resource.
 */
final class HtmlPage
{
    private static final String NOT_DEFINED = "n/a";

    private static final String CSS = """
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
               color: #222; background: #fafafa; margin: 0; }
        main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 40px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 28px 0 10px; }
        .meta { color: #555; margin: 0 0 8px; }
        .meta span { margin-right: 18px; white-space: nowrap; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px;
                align-items: start; }
        table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #e2e2e2; }
        caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
        th, td { padding: 5px 10px; border-bottom: 1px solid #eee; text-align: left; font-weight: normal; }
        th { color: #555; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        thead th { font-weight: 600; background: #f3f3f3; }
        figure { margin: 0 0 12px; background: #fff; border: 1px solid #e2e2e2; padding: 8px; }
        figure img { display: block; width: 100%; height: auto; }
        figcaption { color: #555; font-size: 14px; padding: 6px 4px 0; }
        .negative { color: #b03a2e; }
        footer { color: #777; font-size: 13px; margin-top: 28px; }
        """;

    private HtmlPage()
    {
    }

    static String render(final BacktestResult result)
    {
        final BacktestInfo info = result.info();
        final BacktestStatistics stats = result.statistics();
        final String currency = result.quoteCurrency();
        final StringBuilder out = new StringBuilder(256 * 1024);

        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<title>Backtest: ").append(Formats.html(info.strategy())).append("</title>\n")
            .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");

        out.append("<h1>Backtest: ").append(Formats.html(info.strategy())).append("</h1>\n<p class=\"meta\">")
            .append("<span>config <code>").append(Formats.html(info.configFile())).append("</code></span> ")
            .append("<span>").append(time(stats.periodStart())).append(" &rarr; ").append(time(stats.periodEnd()))
            .append(" UTC</span> ")
            .append("<span>").append(count(stats.samples())).append(" samples</span> ")
            .append("<span>amounts in ").append(Formats.html(currency)).append("</span></p>\n");

        out.append("<h2>Summary</h2>\n<div class=\"grid\">\n");
        table(out, "Performance", new String[][] {
            {"Initial capital", Formats.displayMoney(stats.initialCapital())},
            {"Final equity", Formats.displayMoney(stats.finalEquity())},
            {"Net PnL", Formats.displayMoney(stats.netPnl())},
            {"Realized PnL", Formats.displayMoney(stats.realizedPnl())},
            {"Unrealized PnL", Formats.displayMoney(stats.unrealizedPnl())},
            {"Fees", Formats.displayMoney(stats.fees())},
            {"Total return", Formats.displayPercent(stats.totalReturn())},
        });
        table(out, "Risk", new String[][] {
            {"Sharpe (annualised)", Formats.displayNumber(stats.sharpe(), 3)},
            {"Sortino (annualised)", Formats.displayNumber(stats.sortino(), 3)},
            {"Max drawdown", Formats.displayPercent(stats.maxDrawdown())},
            {"Drawdown duration", Formats.displayDuration(stats.maxDrawdownDuration()) +
                (stats.maxDrawdownPeak().isPresent() && stats.maxDrawdownRecovery().isEmpty() ? " (open)" : "")},
            {"Return period", stats.returnPeriod().map(Formats::displayPeriod).orElse(NOT_DEFINED)},
            {"Returns", count(stats.returns())},
            {"Periods per year", number(stats.periodsPerYear(), 1)},
        });
        table(out, "Trading", new String[][] {
            {"Events", count(info.events())},
            {"Orders", count(info.orders())},
            {"Fills", count(info.fills())},
            {"Rejects (risk / venue)", count(info.riskRejects()) + " / " + count(info.venueRejects())},
            {"Traded notional", Formats.displayMoney(stats.tradedNotional())},
            {"Turnover", Formats.displayNumber(stats.turnover(), 2) + "&times;"},
            {"Hit ratio", percent(stats.hitRatio()) + " (" + count(stats.winningFills()) + " of " +
                count(stats.closingFills()) + ")"},
            {"Time in market", percent(stats.exposure())},
            {"Avg gross exposure / equity", number(stats.averageGrossLeverage(), 3)},
        });
        out.append("</div>\n");

        out.append("<h2>Equity</h2>\n");
        if (result.equity().size() == 0)
        {
            out.append("<p>No equity samples were recorded.</p>\n");
        }
        else
        {
            figure(out, EquityCharts.equityPng(result.equity(), currency), "Equity over time", "");
            figure(out, EquityCharts.drawdownPng(result.equity()), "Drawdown from the running peak, percent",
                drawdownCaption(stats));
        }

        out.append("<h2>Final positions</h2>\n");
        positions(out, info);

        out.append("<footer>Ratios are defined in ops/README.md (Backtest reports). Exact figures: summary.json, ")
            .append("trades.csv, equity.csv.</footer>\n</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void table(final StringBuilder out, final String caption, final String[][] rows)
    {
        out.append("<table>\n<caption>").append(caption).append("</caption>\n");
        for (final String[] row : rows)
        {
            out.append("<tr><th scope=\"row\">").append(row[0]).append("</th><td class=\"num")
                .append(row[1].startsWith("-") ? " negative" : "").append("\">").append(row[1])
                .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void positions(final StringBuilder out, final BacktestInfo info)
    {
        if (info.positions().isEmpty())
        {
            out.append("<p>No positions were reported.</p>\n");
            return;
        }
        out.append("<table>\n<thead><tr><th>Symbol</th><th class=\"num\">Quantity</th>")
            .append("<th class=\"num\">Realized</th><th class=\"num\">Unrealized</th><th class=\"num\">Fees</th>")
            .append("<th class=\"num\">Net</th></tr></thead>\n<tbody>\n");
        for (final FinalPosition position : info.positions())
        {
            out.append("<tr><td>").append(Formats.html(position.symbol())).append("</td>");
            cell(out, Formats.plain(position.qty()));
            cell(out, Formats.displayMoney(position.realizedPnl()));
            cell(out, Formats.displayMoney(position.unrealizedPnl()));
            cell(out, Formats.displayMoney(position.fees()));
            cell(out, Formats.displayMoney(position.netPnl()));
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static void cell(final StringBuilder out, final String value)
    {
        out.append("<td class=\"num").append(value.startsWith("-") ? " negative" : "").append("\">").append(value)
            .append("</td>");
    }

    private static void figure(final StringBuilder out, final byte[] png, final String alt, final String caption)
    {
        out.append("<figure><img width=\"").append(EquityCharts.WIDTH).append("\" height=\"")
            .append(EquityCharts.HEIGHT).append("\" alt=\"").append(alt).append("\" src=\"")
            .append(BacktestReport.dataUri(png)).append("\">");
        if (!caption.isEmpty())
        {
            out.append("<figcaption>").append(caption).append("</figcaption>");
        }
        out.append("</figure>\n");
    }

    private static String drawdownCaption(final BacktestStatistics stats)
    {
        if (stats.maxDrawdownPeak().isEmpty())
        {
            return "No drawdown: equity never fell below its running peak.";
        }
        return "Largest drawdown " + Formats.displayPercent(stats.maxDrawdown()) + ": peak " +
            time(stats.maxDrawdownPeak()) + ", trough " + time(stats.maxDrawdownTrough()) + ", " +
            stats.maxDrawdownRecovery().map(t -> "recovered " + Formats.displayTime(t))
                .orElse("not recovered by the end") +
            "; lasted " + Formats.displayDuration(stats.maxDrawdownDuration()) + ". Times UTC.";
    }

    private static String time(final Optional<Instant> time)
    {
        return time.map(Formats::displayTime).orElse(NOT_DEFINED);
    }

    private static String count(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String percent(final OptionalDouble value)
    {
        return value.isPresent() ? Formats.displayPercent(value.getAsDouble()) : NOT_DEFINED;
    }

    private static String number(final OptionalDouble value, final int places)
    {
        return value.isPresent() ? Formats.displayNumber(value.getAsDouble(), places) : NOT_DEFINED;
    }
}
