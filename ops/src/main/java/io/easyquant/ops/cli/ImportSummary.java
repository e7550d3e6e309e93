package io.easyquant.ops.cli;

import io.easyquant.ops.importer.ImportAudit;
import io.easyquant.ops.importer.ImportAudit.Gap;
import io.easyquant.ops.importer.ImportReason;
import io.easyquant.ops.importer.ImportResult;

import java.time.Instant;
import java.util.Locale;

/**
 * The summary an import prints on stdout.
 */
public final class ImportSummary
{
    private ImportSummary()
    {
    }

    /**
     * The summary for the operator, for example:
     *
     * <pre>
     * imported 9,876 records (bars) into data/btc: 2024-01-01T00:00:00Z .. 2024-03-31T23:59:00Z
     * rejected 12: bad_number 3, duplicate 5, out_of_order 4 (written to data/btc-rejects.csv with line numbers)
     * gaps longer than 5m: 2
     *   line 1201 BTC-USD 2024-02-01T00:00:00Z after 2h
     *   line 5702 BTC-USD 2024-03-01T00:00:00Z after 1d
     * </pre>
     *
     * With records of several instruments a line per instrument follows the first; reasons with no rows are left
     * out; a {@code skipped:} line counts blank lines and rows of other instruments when there are any; at most
     * {@link ImportAudit#MAX_LISTED_GAPS} gaps are listed.
     *
     * @param journal     the journal directory as the operator named it.
     * @param rejectsFile the rejects file as the operator named it.
     * @param maxGapNs    the gap limit.
     */
    public static String format(
        final ImportResult result, final String journal, final String rejectsFile, final long maxGapNs)
    {
        final StringBuilder out = new StringBuilder(512);
        out.append("imported ").append(records(result.imported())).append(" (").append(result.kind().description())
            .append(") into ").append(journal);
        int withRecords = 0;
        long firstNs = Long.MAX_VALUE;
        long lastNs = Long.MIN_VALUE;
        for (int i = 0; i < result.instruments().count(); i++)
        {
            if (result.imported(i) > 0)
            {
                withRecords++;
                firstNs = Math.min(firstNs, result.firstTimeNs(i));
                lastNs = Math.max(lastNs, result.lastTimeNs(i));
            }
        }
        if (withRecords > 0)
        {
            out.append(": ").append(range(firstNs, lastNs));
        }
        out.append('\n');
        if (withRecords > 1)
        {
            for (int i = 0; i < result.instruments().count(); i++)
            {
                if (result.imported(i) > 0)
                {
                    out.append("  ").append(result.instruments().at(i).symbol()).append(' ')
                        .append(records(result.imported(i))).append(": ")
                        .append(range(result.firstTimeNs(i), result.lastTimeNs(i))).append('\n');
                }
            }
        }

        final long rejected = result.rejected();
        out.append("rejected ").append(number(rejected));
        if (rejected > 0)
        {
            String separator = ": ";
            for (int reason = 1; reason < ImportReason.COUNT; reason++)
            {
                if (result.rejected(reason) > 0)
                {
                    out.append(separator).append(ImportReason.name(reason)).append(' ')
                        .append(number(result.rejected(reason)));
                    separator = ", ";
                }
            }
            out.append(" (written to ").append(rejectsFile).append(" with line numbers)");
        }
        out.append('\n');

        if (result.blank() > 0 || result.otherInstrument() > 0)
        {
            out.append("skipped: blank ").append(number(result.blank())).append(", other_instrument ")
                .append(number(result.otherInstrument())).append('\n');
        }

        out.append("gaps longer than ").append(Durations.format(maxGapNs)).append(": ").append(number(result.gaps()))
            .append('\n');
        for (final Gap gap : result.listedGaps())
        {
            out.append("  line ").append(gap.lineNumber()).append(' ').append(gap.symbol()).append(' ')
                .append(time(gap.timeNs())).append(" after ").append(Durations.format(gap.gapNs()))
                .append('\n');
        }
        if (result.gaps() > result.listedGaps().size())
        {
            out.append("  and ").append(number(result.gaps() - result.listedGaps().size())).append(" more\n");
        }
        return out.toString();
    }

    private static String range(final long firstNs, final long lastNs)
    {
        return time(firstNs) + " .. " + time(lastNs);
    }

    private static String time(final long epochNs)
    {
        return Instant.ofEpochSecond(0, epochNs).toString();
    }

    private static String records(final long count)
    {
        return number(count) + (count == 1 ? " record" : " records");
    }

    private static String number(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
