package io.easyquant.engine.risk;

/**
 * Reason codes of pre-trade risk and of the risk rules that move the trading state. 0 accepts; every other code names
 * the check that rejected an intent (journaled in its RISK_DECISION with the observed value and the limit) or the rule
 * that halted trading (journaled in its TRADING_STATE_CHANGE). Codes are journaled: new ones are appended, never
 * renumbered.
 */
public final class RiskReason
{
    public static final int ACCEPTED = 0;
    /** The engine is HALTED: nothing new leaves. Observed: the state; limit: ACTIVE. */
    public static final int TRADING_HALTED = 1;
    /** The engine is REDUCING and the order would not reduce the position. Lots: |position after| vs |before|. */
    public static final int REDUCE_ONLY = 2;
    /** The order quantity exceeds the instrument's max order quantity. Lots. */
    public static final int MAX_ORDER_QTY = 3;
    /** Position plus working orders plus this order would exceed the max position, long or short. Lots. */
    public static final int MAX_POSITION = 4;
    /** Too many orders working at once. Orders. */
    public static final int MAX_OPEN_ORDERS = 5;
    /** No reference price yet for the instrument. */
    public static final int NO_REFERENCE_PRICE = 6;
    /** Quantity times reference price exceeds the max order notional. Cash units (1e-8 quote currency). */
    public static final int MAX_ORDER_NOTIONAL = 7;
    /** The limit price is further from the reference price than the collar. Ticks, or parts per million. */
    public static final int PRICE_COLLAR = 8;
    /** The gross exposure across instruments after the order would exceed the max. Cash units. */
    public static final int MAX_GROSS_EXPOSURE = 9;
    /** New orders and cancels in the window, plus unacknowledged orders, would exceed the max. Messages. */
    public static final int MESSAGE_RATE = 10;
    /** The day's loss broke the daily-loss limit: only orders that reduce the position pass. Cash units. */
    public static final int DAILY_LOSS = 11;
    /** No market data for the instrument for longer than allowed. Nanoseconds. */
    public static final int STALE_MARKET_DATA = 12;
    /** Realized volatility over the window is above the limit. Parts per million per update. */
    public static final int VOLATILITY_HALT = 13;
    /** Same instrument, side, quantity and price as an accepted intent within the window. Nanoseconds. */
    public static final int DUPLICATE_INTENT = 14;
    /** Rule: more consecutive losing fills than allowed. Fills. */
    public static final int CONSECUTIVE_LOSSES = 15;
    /** Rule: more fills within the window than allowed (repeated-execution throttle). Fills. */
    public static final int EXECUTION_THROTTLE = 16;
    /** Rule: more venue rejects within the window than allowed. Rejects. */
    public static final int REJECT_STORM = 17;

    /** Order: the instrument's venue order book is not LIVE (SYNCING or STALE): its prices are not trusted. */
    public static final int BOOK_NOT_LIVE = 18;

    public static final int COUNT = 19;

    private static final String[] NAMES =
    {
        "accepted", "trading_halted", "reduce_only", "max_order_qty", "max_position", "max_open_orders",
        "no_reference_price", "max_order_notional", "price_collar", "max_gross_exposure", "message_rate",
        "daily_loss", "stale_market_data", "volatility_halt", "duplicate_intent", "consecutive_losses",
        "execution_throttle", "reject_storm", "book_not_live"
    };

    private RiskReason()
    {
    }

    public static String name(final int reason)
    {
        return reason >= 0 && reason < COUNT ? NAMES[reason] : "unknown(" + reason + ")";
    }
}
