package io.easyquant.engine.pipeline;

/**
 * Reason codes for inputs that ingest rejects. A rejected event is counted by reason and skipped by every stage;
 * its record stays in the journal for inspection.
 */
public final class IngestReject
{
    public static final int NONE = 0;
    public static final int UNKNOWN_TYPE = 1;
    public static final int BAD_LENGTH = 2;
    public static final int NOT_AN_INPUT = 3;
    public static final int UNKNOWN_INSTRUMENT = 4;
    public static final int NON_POSITIVE_PRICE = 5;
    public static final int NON_POSITIVE_QTY = 6;
    public static final int NEGATIVE_SIZE = 7;
    public static final int CROSSED_QUOTE = 8;
    public static final int INCONSISTENT_BAR = 9;
    public static final int BAD_ENUM = 10;
    public static final int OUT_OF_ORDER_TIME = 11;
    /** The input could not be journaled, so it must not take effect. */
    public static final int NOT_JOURNALED = 12;
    /** An execution report whose (venue, exec id) was already applied: a repeated fill must not count twice. */
    public static final int DUPLICATE_EXEC_ID = 13;
    /** A price above the instrument's {@code maxPrice} (a report's price: its absolute value). */
    public static final int PRICE_ABOVE_BOUND = 14;
    /** A quantity, size or volume above the instrument's {@code maxQuantity}. */
    public static final int QUANTITY_ABOVE_BOUND = 15;
    /** A report's fee outside +-{@code Instrument.MAX_NOTIONAL_CASH}. */
    public static final int FEE_OUT_OF_BOUNDS = 16;
    /** Market data whose source time is more than the instrument's {@code maxTimeJumpMs} after the last accepted. */
    public static final int TIME_JUMP = 17;

    public static final int COUNT = 18;

    private static final String[] NAMES =
    {
        "none", "unknown_type", "bad_length", "not_an_input", "unknown_instrument", "non_positive_price",
        "non_positive_qty", "negative_size", "crossed_quote", "inconsistent_bar", "bad_enum", "out_of_order_time",
        "not_journaled", "duplicate_exec_id", "price_above_bound", "quantity_above_bound", "fee_out_of_bounds",
        "time_jump"
    };

    private IngestReject()
    {
    }

    public static String name(final int reason)
    {
        return reason >= 0 && reason < COUNT ? NAMES[reason] : "unknown(" + reason + ")";
    }
}
