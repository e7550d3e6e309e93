package io.easyquant.engine.order;

/**
 * States of an order's life. {@link #INVALID} is not a state: it is what {@link OrderStateMachine#next} answers for
 * an illegal transition.
 */
public final class OrderState
{
    public static final int INVALID = 0;
    /** Sent, not yet acknowledged. */
    public static final int NEW = 1;
    public static final int ACKED = 2;
    public static final int PARTIALLY_FILLED = 3;
    public static final int FILLED = 4;
    public static final int CANCELLED = 5;
    public static final int REJECTED = 6;
    public static final int EXPIRED = 7;

    private static final String[] NAMES =
        { "INVALID", "NEW", "ACKED", "PARTIALLY_FILLED", "FILLED", "CANCELLED", "REJECTED", "EXPIRED" };

    private OrderState()
    {
    }

    public static boolean isTerminal(final int state)
    {
        return state >= FILLED;
    }

    public static String name(final int state)
    {
        return state >= 0 && state < NAMES.length ? NAMES[state] : "UNKNOWN(" + state + ")";
    }
}
