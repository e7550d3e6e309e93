package io.easyquant.engine.risk;

/**
 * Reason codes of pre-trade risk. 0 accepts; every other code names the check that rejected. Codes are journaled and
 * never change meaning.
 */
public final class RiskReason
{
    public static final int ACCEPTED = 0;
    /** The engine is HALTED: nothing new leaves. */
    public static final int TRADING_HALTED = 1;
    /** The engine is REDUCING and the order would not reduce the position. */
    public static final int REDUCE_ONLY = 2;
    /** The order quantity exceeds the instrument's max order quantity. */
    public static final int MAX_ORDER_QTY = 3;
    /** Position plus working orders plus this order would exceed the max position. */
    public static final int MAX_POSITION = 4;
    /** Too many orders working at once. */
    public static final int MAX_OPEN_ORDERS = 5;
    /** No reference price yet for the instrument. */
    public static final int NO_REFERENCE_PRICE = 6;

    public static final int COUNT = 7;

    private static final String[] NAMES =
    {
        "accepted", "trading_halted", "reduce_only", "max_order_qty", "max_position", "max_open_orders",
        "no_reference_price"
    };

    private RiskReason()
    {
    }

    public static String name(final int reason)
    {
        return reason >= 0 && reason < COUNT ? NAMES[reason] : "unknown(" + reason + ")";
    }
}
