package io.easyquant.adapters.feed.csv;

/**
 * Reason codes for CSV lines that {@link CsvParser} rejects. A rejected line is counted by reason, reported to the
 * feed's {@link CsvFeed.RejectListener} and skipped; the run goes on.
 */
public final class CsvReject
{
    /** The line was accepted. */
    public static final int NONE = 0;
    /** The line does not have as many comma-separated columns as the header. */
    public static final int WRONG_COLUMN_COUNT = 1;
    /** The timestamp is neither epoch milliseconds nor an ISO-8601 UTC time, or lies outside 1970..2262. */
    public static final int BAD_TIMESTAMP = 2;
    /** The symbol is not a configured instrument. */
    public static final int UNKNOWN_SYMBOL = 3;
    /** A price or size is not a plain decimal number (or is out of range), or a duration not a whole number. */
    public static final int BAD_NUMBER = 4;
    /** A price is not a whole number of the instrument's ticks. */
    public static final int NOT_A_TICK_MULTIPLE = 5;
    /** A size is not a whole number of the instrument's lots. */
    public static final int NOT_A_LOT_MULTIPLE = 6;
    /** A price is zero or negative. */
    public static final int NON_POSITIVE_PRICE = 7;
    /** A size or volume is negative. */
    public static final int NEGATIVE_SIZE = 8;
    /** A quote's bid is above its ask (a locked quote, bid equal to ask, is accepted). */
    public static final int CROSSED_QUOTE = 9;
    /** A bar's high is below max(open, close), its low above min(open, close), or its low above its high. */
    public static final int INCONSISTENT_BAR = 10;
    /** A trade's side is not buy, sell, B or S (any case), nor empty. */
    public static final int BAD_SIDE = 11;
    /** A timestamp, price, size or duration longer than {@link CsvParser#MAX_NUMBER_LENGTH} characters. */
    public static final int FIELD_TOO_LONG = 12;

    /** Number of codes, {@link #NONE} included: size of an array indexed by reason. */
    public static final int COUNT = 13;

    private static final String[] NAMES =
    {
        "none", "wrong_column_count", "bad_timestamp", "unknown_symbol", "bad_number", "not_a_tick_multiple",
        "not_a_lot_multiple", "non_positive_price", "negative_size", "crossed_quote", "inconsistent_bar", "bad_side",
        "field_too_long"
    };

    private CsvReject()
    {
    }

    public static String name(final int reason)
    {
        return reason >= 0 && reason < COUNT ? NAMES[reason] : "unknown(" + reason + ")";
    }
}
