package io.easyquant.journal.codec;

/**
 * Why a feed moved a book to its new {@link BookState}. Codes are part of the journal format and never change
 * meaning; new reasons are added at the end.
 */
public final class BookStateReason
{
    /** The feed started (or subscribed again) and waits for its first snapshot. */
    public static final int SUBSCRIBED = 1;
    /** A snapshot was applied and the buffered updates after it replayed in order. */
    public static final int SNAPSHOT_APPLIED = 2;
    /** An update id or sequence number was skipped: the book resyncs from a new snapshot. */
    public static final int SEQUENCE_GAP = 3;
    /** The connection closed or failed. */
    public static final int DISCONNECTED = 4;
    /** No message arrived within the channel's deadline. */
    public static final int QUIET = 5;
    /** The venue announced it closes the connection ({@code serverShutdown}, the 24-hour limit). */
    public static final int SERVER_SHUTDOWN = 6;
    /** A snapshot or update could not be applied (a price off the tick grid, a crossed book, a malformed level). */
    public static final int BAD_DATA = 7;
    /** The feed was stopped. */
    public static final int STOPPED = 8;

    private static final String[] NAMES =
    {
        "none", "subscribed", "snapshot_applied", "sequence_gap", "disconnected", "quiet", "server_shutdown",
        "bad_data", "stopped"
    };

    private BookStateReason()
    {
    }

    public static boolean isValid(final int reason)
    {
        return reason >= SUBSCRIBED && reason < NAMES.length;
    }

    public static String name(final int reason)
    {
        return reason >= 0 && reason < NAMES.length ? NAMES[reason] : "unknown(" + reason + ")";
    }
}
