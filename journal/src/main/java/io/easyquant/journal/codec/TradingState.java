package io.easyquant.journal.codec;

/**
 * The engine's trading state.
 */
public final class TradingState
{
    /** Orders flow normally, subject to risk. */
    public static final int ACTIVE = 1;
    /** Only orders that reduce exposure pass. */
    public static final int REDUCING = 2;
    /** Nothing new leaves; cancels only. */
    public static final int HALTED = 3;

    private TradingState()
    {
    }

    public static boolean isValid(final int state)
    {
        return state >= ACTIVE && state <= HALTED;
    }

    public static String name(final int state)
    {
        switch (state)
        {
            case ACTIVE: return "ACTIVE";
            case REDUCING: return "REDUCING";
            case HALTED: return "HALTED";
            default: return "UNKNOWN(" + state + ")";
        }
    }
}
