package io.easyquant.journal.codec;

/**
 * Commands carried by {@link AdminCommandCodec}.
 */
public final class AdminCommandType
{
    /** Kill-switch: move to HALTED and cancel every open order. */
    public static final int KILL_ENGAGE = 1;
    /** Reset the kill-switch: back to ACTIVE. Only an operator may send it. */
    public static final int KILL_RELEASE = 2;
    /** Move to the {@link TradingState} given as the argument. */
    public static final int SET_TRADING_STATE = 3;
    /**
     * The engine started a session (origin ENGINE): everything before it in the journal was recovered by replaying
     * it, and the venue is reconciled when it is handled. Journaled as the first input of every {@code run}, so a
     * journal of several sessions reads as one continuous stream with its session boundaries marked.
     */
    public static final int SESSION_START = 4;
    /** The highest command type: valid types are {@link #KILL_ENGAGE} to this. */
    public static final int MAX = SESSION_START;

    private AdminCommandType()
    {
    }

    public static boolean isValid(final int command)
    {
        return command >= KILL_ENGAGE && command <= MAX;
    }

    public static String name(final int command)
    {
        switch (command)
        {
            case KILL_ENGAGE: return "KILL_ENGAGE";
            case KILL_RELEASE: return "KILL_RELEASE";
            case SET_TRADING_STATE: return "SET_TRADING_STATE";
            case SESSION_START: return "SESSION_START";
            default: return "UNKNOWN(" + command + ")";
        }
    }
}
