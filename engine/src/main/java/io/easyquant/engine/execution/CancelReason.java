package io.easyquant.engine.execution;

/**
 * Why the engine cancels an order, as journaled in cancel records. Codes never change meaning.
 */
public final class CancelReason
{
    /** The engine became HALTED (kill-switch): every working order is cancelled. */
    public static final int TRADING_HALTED = 1;

    private CancelReason()
    {
    }

    public static String name(final int reason)
    {
        return reason == TRADING_HALTED ? "trading_halted" : "unknown(" + reason + ")";
    }
}
