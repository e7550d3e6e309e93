package io.easyquant.ops.importer;

import io.easyquant.adapters.feed.csv.CsvKind;
import io.easyquant.engine.instrument.Instruments;

import java.util.List;

/**
 * What an import did: records written per instrument and their time range, rows rejected by reason, rows skipped,
 * gaps found. Every data line of the file is counted exactly once: imported, rejected, blank or other instrument.
 */
public final class ImportResult
{
    private final CsvKind kind;
    private final Instruments instruments;
    private final ImportAudit audit;
    private final long imported;
    private final long[] rejectedByReason;
    private final long blank;
    private final long otherInstrument;

    ImportResult(
        final CsvKind kind,
        final Instruments instruments,
        final ImportAudit audit,
        final long imported,
        final long[] rejectedByReason,
        final long blank,
        final long otherInstrument)
    {
        this.kind = kind;
        this.instruments = instruments;
        this.audit = audit;
        this.imported = imported;
        this.rejectedByReason = rejectedByReason.clone();
        this.blank = blank;
        this.otherInstrument = otherInstrument;
    }

    public CsvKind kind()
    {
        return kind;
    }

    /**
     * @return records written to the journal.
     */
    public long imported()
    {
        return imported;
    }

    /**
     * @return rows rejected, over all reasons.
     */
    public long rejected()
    {
        long total = 0;
        for (final long count : rejectedByReason)
        {
            total += count;
        }
        return total;
    }

    /**
     * @param reason an {@link ImportReason} code.
     */
    public long rejected(final int reason)
    {
        return rejectedByReason[reason];
    }

    public long blank()
    {
        return blank;
    }

    public long otherInstrument()
    {
        return otherInstrument;
    }

    public long gaps()
    {
        return audit.gaps();
    }

    public Instruments instruments()
    {
        return instruments;
    }

    /**
     * @param index the instrument's dense index in {@link #instruments()}.
     * @return records of the instrument written to the journal.
     */
    public long imported(final int index)
    {
        return audit.accepted(index);
    }

    /**
     * @return the timestamp of the instrument's first record, its earliest; meaningless if it has none.
     */
    public long firstTimeNs(final int index)
    {
        return audit.firstTimeNs(index);
    }

    /**
     * @return the timestamp of the instrument's last record, its latest; meaningless if it has none.
     */
    public long lastTimeNs(final int index)
    {
        return audit.lastTimeNs(index);
    }

    /**
     * @return the first {@link ImportAudit#MAX_LISTED_GAPS} gaps, in file order.
     */
    public List<ImportAudit.Gap> listedGaps()
    {
        return audit.listedGaps();
    }
}
