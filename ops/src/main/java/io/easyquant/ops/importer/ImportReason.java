package io.easyquant.ops.importer;

import io.easyquant.adapters.feed.csv.CsvReject;

/**
 * Why an import rejects a row: every {@link CsvReject} reason of a malformed line, plus the audit's findings on
 * well-formed rows, which are numbered after them. Rows of another instrument and blank lines are skipped, not
 * rejected, and have no reason.
 */
public final class ImportReason
{
    /** The row has the same instrument, timestamp and values as the previous accepted row of its instrument. */
    public static final int DUPLICATE = CsvReject.COUNT;
    /** The row's timestamp is earlier than the previous accepted row of its instrument (for bars: not later). */
    public static final int OUT_OF_ORDER = CsvReject.COUNT + 1;
    /**
     * The row's timestamp is more than the instrument's {@code maxTimeJumpMs} after the previous accepted row of its
     * instrument: it is not accepted and does not become the previous row, so one far-future row cannot make every
     * later row out of order.
     */
    public static final int TIME_JUMP = CsvReject.COUNT + 2;
    /** Number of codes, {@link CsvReject#NONE} included: size of an array indexed by reason. */
    public static final int COUNT = CsvReject.COUNT + 3;

    private ImportReason()
    {
    }

    /**
     * @return the reason's name as written in the rejects file and the summary, e.g. {@code bad_number}.
     */
    public static String name(final int reason)
    {
        switch (reason)
        {
            case DUPLICATE:
                return "duplicate";
            case OUT_OF_ORDER:
                return "out_of_order";
            case TIME_JUMP:
                return "time_jump";
            default:
                return CsvReject.name(reason);
        }
    }
}
