package io.easyquant.ops.runtime;

import io.easyquant.adapters.feed.csv.CsvFeed;
import io.easyquant.adapters.feed.csv.CsvReject;
import io.easyquant.adapters.feed.live.FeedCounters;
import io.easyquant.adapters.feed.live.LiveFeed;
import io.easyquant.adapters.feed.synthetic.SyntheticFeed;
import io.easyquant.adapters.sink.postgres.SinkStatus;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.engine.risk.RiskReason;
import io.easyquant.journal.codec.TradingState;

import org.agrona.concurrent.Agent;

import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Human-readable status from the engine's counters: one line for the periodic log, several for the final summary.
 * Reads counters only; never touches the pipeline.
 */
public final class StatusReport
{
    private StatusReport()
    {
    }

    /**
     * One status line: events in, orders, fills, rejects, trading state, then position and net PnL per instrument.
     */
    public static String line(final EngineCounters counters, final Instruments instruments)
    {
        final StringBuilder out = new StringBuilder(256);
        out.append("events=").append(counters.get(EngineCounters.EVENTS_IN))
            .append(" orders=").append(counters.get(EngineCounters.ORDERS_SENT))
            .append(" fills=").append(counters.get(EngineCounters.FILLS) + counters.get(EngineCounters.PARTIAL_FILLS))
            .append(" rejects[ingest=").append(counters.get(EngineCounters.INGEST_REJECTS))
            .append(" risk=").append(counters.get(EngineCounters.RISK_REJECTS))
            .append(" venue=").append(counters.get(EngineCounters.VENUE_REJECTS))
            .append("] state=").append(TradingState.name((int)counters.get(EngineCounters.TRADING_STATE)));
        final long dropped = counters.get(EngineCounters.MARKET_DATA_DROPPED);
        if (dropped > 0)
        {
            out.append(" dropped=").append(dropped);
        }
        for (int i = 0; i < instruments.count(); i++)
        {
            final Instrument instrument = instruments.at(i);
            out.append(" | ").append(instrument.symbol())
                .append(" pos=").append(instrument.lotsToQty(counters.instrument(i, EngineCounters.POSITION_LOTS))
                    .stripTrailingZeros().toPlainString())
                .append(" pnl=").append(money(netPnl(counters, i)));
        }
        return out.toString();
    }

    /**
     * The final summary, several lines.
     */
    public static String summary(final EngineCounters counters, final Instruments instruments, final double seconds)
    {
        final StringBuilder out = new StringBuilder(1024);
        out.append("EasyQuant session summary\n");
        out.append(String.format("  duration            %.1f s%n", seconds));
        out.append("  trading state       ")
            .append(TradingState.name((int)counters.get(EngineCounters.TRADING_STATE))).append('\n');
        for (int c = 0; c < EngineCounters.globalCount(); c++)
        {
            if (c == EngineCounters.TRADING_STATE || c == EngineCounters.LAST_EVENT_TIME_NS)
            {
                continue;
            }
            out.append(String.format("  %-22s%d%n", EngineCounters.globalName(c), counters.get(c)));
        }
        for (int r = 1; r < IngestReject.COUNT; r++)
        {
            if (counters.ingestRejects(r) > 0)
            {
                out.append(String.format("  ingest reject %-14s%d%n", IngestReject.name(r), counters.ingestRejects(r)));
            }
        }
        for (int r = 1; r < RiskReason.COUNT; r++)
        {
            if (counters.riskRejects(r) > 0)
            {
                out.append(String.format("  risk reject %-19s%d%n", RiskReason.name(r), counters.riskRejects(r)));
            }
        }
        long totalNet = 0;
        for (int i = 0; i < instruments.count(); i++)
        {
            final Instrument instrument = instruments.at(i);
            final long net = netPnl(counters, i);
            totalNet += net;
            out.append(String.format("  %-10s position %s  fills %d  realized %s  unrealized %s  fees %s  net %s %s%n",
                instrument.symbol(),
                instrument.lotsToQty(counters.instrument(i, EngineCounters.POSITION_LOTS)).stripTrailingZeros()
                    .toPlainString(),
                counters.instrument(i, EngineCounters.INSTRUMENT_FILLS),
                money(counters.instrument(i, EngineCounters.REALIZED_CASH)),
                money(counters.instrument(i, EngineCounters.UNREALIZED_CASH)),
                money(counters.instrument(i, EngineCounters.FEES_CASH)),
                money(net),
                instrument.quoteCurrency()));
        }
        out.append("  net PnL (all)       ").append(money(totalNet)).append('\n');
        return out.toString();
    }

    /**
     * The sink's part of a status line: {@code " | sink ok lag=0/0.0s rows=1234"}, or nothing when it is disabled.
     */
    public static String sink(final String sinkLine)
    {
        return sinkLine == null ? "" : " | sink " + sinkLine;
    }

    /**
     * The sink's lines of the summary, or nothing when it is disabled.
     *
     * @param status  the sink's status, or null if it did not start.
     * @param problem why it did not start, when status is null.
     */
    public static String sinkSummary(final SinkStatus status, final String problem)
    {
        if (status == null)
        {
            return problem == null ? "" : "  postgres sink       " + problem + "\n";
        }
        final StringBuilder out = new StringBuilder(256);
        out.append("  postgres sink       ").append(status.lagRecords() == 0 ? "all written" :
            (status.lagRecords() < 0 ? "unknown number of" : Long.toString(status.lagRecords())) +
            " journal entries not written yet (written on the next start)").append('\n');
        out.append(String.format("  sink records        %d%n", status.records()));
        out.append(String.format("  sink rows           %d%n", status.rows()));
        out.append(String.format("  sink batches        %d%n", status.batches()));
        out.append(String.format("  sink failures       %d%n", status.failures()));
        out.append(String.format(Locale.ROOT, "  sink lag            %s entries, %.1f s%n",
            status.lagRecords() < 0 ? "?" : Long.toString(status.lagRecords()), status.lagSeconds()));
        if (status.lastError() != null)
        {
            out.append("  sink last error     ").append(status.lastError()).append('\n');
        }
        return out.toString();
    }

    /**
     * One summary line per feed: what it published and, for a CSV feed, the lines it read and rejected by reason.
     */
    public static String feeds(final List<Agent> feeds)
    {
        final StringBuilder out = new StringBuilder(256);
        for (int i = 0; i < feeds.size(); i++)
        {
            final Agent feed = feeds.get(i);
            out.append("  feeds[").append(i).append("] ");
            if (feed instanceof CsvFeed)
            {
                final CsvFeed csv = (CsvFeed)feed;
                out.append("csv ").append(csv.kind().description())
                    .append(": lines ").append(csv.linesRead())
                    .append(", published ").append(csv.published())
                    .append(", rejected ").append(csv.rejected());
                String separator = " (";
                for (int r = 1; r < CsvReject.COUNT; r++)
                {
                    if (csv.rejected(r) > 0)
                    {
                        out.append(separator).append(CsvReject.name(r)).append(' ').append(csv.rejected(r));
                        separator = ", ";
                    }
                }
                out.append(csv.rejected() > 0 ? ")" : "")
                    .append(", blank ").append(csv.blankLines())
                    .append(", publish_refusals ").append(csv.publishRefusals());
            }
            else if (feed instanceof SyntheticFeed)
            {
                final SyntheticFeed synthetic = (SyntheticFeed)feed;
                out.append("synthetic: published ").append(synthetic.eventsPublished())
                    .append(", publish_refusals ").append(synthetic.publishRefusals());
            }
            else if (feed instanceof LiveFeed)
            {
                final LiveFeed live = (LiveFeed)feed;
                out.append(live.roleName()).append(':');
                String separator = " ";
                for (int c = 0; c < FeedCounters.COUNT; c++)
                {
                    out.append(separator).append(FeedCounters.name(c)).append(' ').append(live.counters().get(c));
                    separator = ", ";
                }
            }
            else
            {
                out.append(feed.roleName());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static long netPnl(final EngineCounters counters, final int index)
    {
        return counters.instrument(index, EngineCounters.REALIZED_CASH) +
            counters.instrument(index, EngineCounters.UNREALIZED_CASH) -
            counters.instrument(index, EngineCounters.FEES_CASH);
    }

    private static String money(final long cash)
    {
        return Instrument.cashToDecimal(cash).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

}
