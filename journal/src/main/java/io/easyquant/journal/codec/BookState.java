package io.easyquant.journal.codec;

/**
 * The state of a venue order book kept by a live market-data feed. Only a {@link #LIVE} book publishes quotes; the
 * risk stage refuses new orders on an instrument whose book is not LIVE.
 */
public final class BookState
{
    /** Waiting for a snapshot (or buffering the stream before one): the book is not trusted. */
    public static final int SYNCING = 1;
    /** In sync with the venue: snapshot applied and every update since applied in order. */
    public static final int LIVE = 2;
    /** The connection was lost or went quiet past its deadline: the last book is known to be out of date. */
    public static final int STALE = 3;

    private BookState()
    {
    }

    public static boolean isValid(final int state)
    {
        return state >= SYNCING && state <= STALE;
    }

    public static String name(final int state)
    {
        switch (state)
        {
            case SYNCING: return "SYNCING";
            case LIVE: return "LIVE";
            case STALE: return "STALE";
            default: return "UNKNOWN(" + state + ")";
        }
    }
}
