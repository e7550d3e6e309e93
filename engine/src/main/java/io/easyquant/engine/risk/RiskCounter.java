package io.easyquant.engine.risk;

/**
 * The counters the risk stage keeps and mirrors through a {@link io.easyquant.engine.state.RiskStateRecorder}: int ids,
 * each either per instrument or engine-wide (instrument index -1). Ids are stored by the mirror: new ones are
 * appended, never renumbered.
 */
public final class RiskCounter
{
    /** Per instrument, and engine-wide for the engine-wide window: new orders and cancels inside the window. */
    public static final int MESSAGES_IN_WINDOW = 0;
    /** Per instrument: orders sent and not yet acknowledged by the venue. */
    public static final int UNACKED_ORDERS = 1;
    /** Per instrument: the position in lots as the risk stage sees it. */
    public static final int POSITION_LOTS = 2;
    /** Engine-wide: realized + unrealized PnL net of fees since the start of the UTC day, in cash units. */
    public static final int DAILY_PNL_CASH = 3;
    /** Engine-wide: the start of the current UTC day of event time, in epoch nanoseconds. */
    public static final int DAY_START_NS = 4;
    /** Engine-wide: consecutive fills that realized a loss. */
    public static final int CONSECUTIVE_LOSSES = 5;
    /** Engine-wide: fills inside the fill window. */
    public static final int FILLS_IN_WINDOW = 6;
    /** Engine-wide: venue rejects inside the reject window. */
    public static final int REJECTS_IN_WINDOW = 7;
    /** Engine-wide: orders working. */
    public static final int OPEN_ORDERS = 8;
    /** Engine-wide: 1 once the daily-loss rule tripped today, else 0. */
    public static final int DAILY_LOSS_TRIPPED = 9;

    public static final int COUNT = 10;

    /** The instrument index of an engine-wide counter. */
    public static final int ENGINE_WIDE = -1;

    private static final String[] NAMES =
    {
        "messages_in_window", "unacked_orders", "position_lots", "daily_pnl_cash", "day_start_ns",
        "consecutive_losses", "fills_in_window", "rejects_in_window", "open_orders", "daily_loss_tripped"
    };

    private RiskCounter()
    {
    }

    /**
     * @return true for a counter kept per instrument (MESSAGES_IN_WINDOW has an engine-wide entry too), false for an
     * engine-wide one.
     */
    public static boolean isPerInstrument(final int counter)
    {
        return counter == MESSAGES_IN_WINDOW || counter == UNACKED_ORDERS || counter == POSITION_LOTS;
    }

    public static String name(final int counter)
    {
        return counter >= 0 && counter < COUNT ? NAMES[counter] : "unknown(" + counter + ")";
    }
}
