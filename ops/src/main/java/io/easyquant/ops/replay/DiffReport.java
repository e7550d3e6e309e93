package io.easyquant.ops.replay;

import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.Side;
import io.easyquant.ops.json.JsonWriter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A what-if's {@link DiffResult} for people (a summary: counts, then a table per instrument) and for programs (a JSON
 * document). Both are deterministic: the same result gives the same text.
 *
 * <p>The JSON document's top-level fields, in this order: {@code journal}, {@code marketJournal}, {@code baseline},
 * {@code whatIf} (where the data and the two configurations came from), {@code marketEvents}, {@code orders} and
 * {@code riskRejections} (counts), {@code ordersAdded}, {@code ordersRemoved}, {@code ordersChanged},
 * {@code riskRejectionsAdded}, {@code riskRejectionsRemoved} (arrays, by decision point) and {@code instruments}
 * (position, realized, unrealized, fees and net, each as baseline, whatIf and difference). Each order carries its
 * {@code marketEvent} ordinal, {@code time} (ISO-8601 UTC, nine fraction digits), {@code instrumentId},
 * {@code symbol}, {@code side}, {@code type}, {@code qty} and {@code price} (null for a market order); a rejection
 * carries the same fields for its intent and the {@code reason} name. Quantities, prices and money are JSON numbers
 * written in plain decimal notation.
 *
 * @param journal       the journal the what-if was asked about.
 * @param marketJournal the journal the market data was read from (the journal itself, or its source journal).
 * @param baseline      where the baseline configuration came from.
 * @param whatIf        where the what-if configuration came from.
 * @param result        the comparison.
 */
public record DiffReport(String journal, String marketJournal, String baseline, String whatIf, DiffResult result)
{
    private static final DateTimeFormatter TIME_FORMAT =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String[] FIELDS = {"position", "realized", "unrealized", "fees", "net"};

    /**
     * The summary for a terminal, several lines each ending with a newline.
     */
    public String summary()
    {
        final StringBuilder out = new StringBuilder(1024);
        out.append("what-if over ").append(result.marketEvents()).append(" market events of ").append(marketJournal)
            .append('\n');
        out.append("  baseline: ").append(baseline).append('\n');
        out.append("  what-if:  ").append(whatIf).append('\n');
        out.append("orders:          baseline ").append(result.ordersBaseline())
            .append(", what-if ").append(result.ordersWhatIf())
            .append("; added ").append(result.ordersAdded().size())
            .append(", removed ").append(result.ordersRemoved().size())
            .append(", changed ").append(result.ordersChanged().size()).append('\n');
        out.append("risk rejections: baseline ").append(result.rejectionsBaseline())
            .append(", what-if ").append(result.rejectionsWhatIf())
            .append("; added ").append(result.rejectionsAdded().size())
            .append(", removed ").append(result.rejectionsRemoved().size()).append('\n');
        if (result.identical())
        {
            out.append("no differences\n");
        }
        out.append('\n');
        table(out);
        return out.toString();
    }

    private void table(final StringBuilder out)
    {
        final List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"instrument", "field", "baseline", "what-if", "difference"});
        for (final DiffResult.InstrumentResult instrument : result.instruments())
        {
            final DiffResult.Pnl difference = instrument.difference();
            for (int f = 0; f < FIELDS.length; f++)
            {
                rows.add(new String[] {f == 0 ? instrument.symbol() : "", FIELDS[f],
                    field(instrument.baseline(), f).toPlainString(), field(instrument.whatIf(), f).toPlainString(),
                    field(difference, f).toPlainString()});
            }
        }
        final int[] widths = new int[rows.get(0).length];
        for (final String[] row : rows)
        {
            for (int c = 0; c < row.length; c++)
            {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (final String[] row : rows)
        {
            final StringBuilder line = new StringBuilder(80);
            for (int c = 0; c < row.length; c++)
            {
                if (c < 2)
                {
                    line.append(row[c]).append(" ".repeat(widths[c] - row[c].length())).append("  ");
                }
                else
                {
                    line.append("  ").append(" ".repeat(widths[c] - row[c].length())).append(row[c]);
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static BigDecimal field(final DiffResult.Pnl pnl, final int field)
    {
        return switch (field)
        {
            case 0 -> pnl.position();
            case 1 -> pnl.realized();
            case 2 -> pnl.unrealized();
            case 3 -> pnl.fees();
            default -> pnl.net();
        };
    }

    /**
     * The JSON document, ending with a newline.
     */
    public String json()
    {
        final JsonWriter json = new JsonWriter();
        json.beginObject()
            .field("journal", journal)
            .field("marketJournal", marketJournal)
            .field("baseline", baseline)
            .field("whatIf", whatIf)
            .field("marketEvents", result.marketEvents());
        json.name("orders").beginObject()
            .field("baseline", result.ordersBaseline())
            .field("whatIf", result.ordersWhatIf())
            .field("added", result.ordersAdded().size())
            .field("removed", result.ordersRemoved().size())
            .field("changed", result.ordersChanged().size())
            .endObject();
        json.name("riskRejections").beginObject()
            .field("baseline", result.rejectionsBaseline())
            .field("whatIf", result.rejectionsWhatIf())
            .field("added", result.rejectionsAdded().size())
            .field("removed", result.rejectionsRemoved().size())
            .endObject();
        orders(json, "ordersAdded", result.ordersAdded());
        orders(json, "ordersRemoved", result.ordersRemoved());
        json.name("ordersChanged").beginArray();
        for (final DiffResult.OrderChange change : result.ordersChanged())
        {
            final DiffResult.Order before = change.baseline();
            json.beginObject();
            decisionPoint(json, before.marketEvent(), before.timeNs(), before.instrumentId(), before.symbol());
            json.name("baseline").beginObject();
            terms(json, before.side(), before.orderType(), before.qty(), before.limitPrice());
            json.endObject();
            final DiffResult.Order after = change.whatIf();
            json.name("whatIf").beginObject();
            terms(json, after.side(), after.orderType(), after.qty(), after.limitPrice());
            json.endObject();
            json.endObject();
        }
        json.endArray();
        rejections(json, "riskRejectionsAdded", result.rejectionsAdded());
        rejections(json, "riskRejectionsRemoved", result.rejectionsRemoved());
        json.name("instruments").beginArray();
        for (final DiffResult.InstrumentResult instrument : result.instruments())
        {
            final DiffResult.Pnl difference = instrument.difference();
            json.beginObject()
                .field("instrumentId", instrument.instrumentId())
                .field("symbol", instrument.symbol());
            for (int f = 0; f < FIELDS.length; f++)
            {
                json.name(FIELDS[f]).beginObject()
                    .field("baseline", field(instrument.baseline(), f))
                    .field("whatIf", field(instrument.whatIf(), f))
                    .field("difference", field(difference, f))
                    .endObject();
            }
            json.endObject();
        }
        json.endArray();
        json.endObject();
        return json.text();
    }

    private static void orders(final JsonWriter json, final String name, final List<DiffResult.Order> orders)
    {
        json.name(name).beginArray();
        for (final DiffResult.Order order : orders)
        {
            json.beginObject();
            decisionPoint(json, order.marketEvent(), order.timeNs(), order.instrumentId(), order.symbol());
            terms(json, order.side(), order.orderType(), order.qty(), order.limitPrice());
            json.endObject();
        }
        json.endArray();
    }

    private static void rejections(
        final JsonWriter json, final String name, final List<DiffResult.Rejection> rejections)
    {
        json.name(name).beginArray();
        for (final DiffResult.Rejection rejection : rejections)
        {
            json.beginObject();
            decisionPoint(json, rejection.marketEvent(), rejection.timeNs(), rejection.instrumentId(),
                rejection.symbol());
            terms(json, rejection.side(), rejection.orderType(), rejection.qty(), rejection.limitPrice());
            json.field("reason", rejection.reason());
            json.endObject();
        }
        json.endArray();
    }

    private static void decisionPoint(
        final JsonWriter json, final long marketEvent, final long timeNs, final int instrumentId, final String symbol)
    {
        json.field("marketEvent", marketEvent)
            .field("time", time(timeNs))
            .field("instrumentId", instrumentId)
            .field("symbol", symbol);
    }

    private static void terms(
        final JsonWriter json, final byte side, final byte orderType, final BigDecimal qty, final BigDecimal price)
    {
        json.field("side", Side.name(side))
            .field("type", OrderType.name(orderType))
            .field("qty", qty)
            .field("price", price);
    }

    /**
     * @return the time as ISO-8601 UTC with nine fraction digits.
     */
    static String time(final long timeNs)
    {
        return TIME_FORMAT.format(Instant.ofEpochSecond(0, timeNs));
    }
}
