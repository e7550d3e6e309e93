package io.easyquant.adapters.venue.paper;

/**
 * The {@code rejectReason} codes a {@link PaperVenue} puts on REJECTED and CANCEL_REJECTED execution reports. Codes
 * are part of the journal and never change meaning. Reports of other kinds carry {@link #NONE}.
 */
public final class PaperRejectReason
{
    /** Not a reject. */
    public static final int NONE = 0;
    /** Rejected at random on arrival, with the context's {@code rejectProbability}. */
    public static final int RANDOM = 1;
    /** The order pool ({@code maxOpenOrders}) was full when the order was sent. */
    public static final int POOL_FULL = 2;
    /** The instrument id is not configured. */
    public static final int UNKNOWN_INSTRUMENT = 3;
    /** Quantity not positive, or an invalid side or order type. */
    public static final int BAD_ORDER = 4;
    /** The client order id belongs to an order still in flight or working. */
    public static final int DUPLICATE_CL_ORD_ID = 5;
    /** Too many requests in flight at once (more than the request queue holds). */
    public static final int REQUEST_QUEUE_FULL = 6;
    /** Cancel of an order that is unknown, already complete, or on another instrument. */
    public static final int UNKNOWN_ORDER = 7;
    /**
     * Reconciliation after an engine restart: the engine believes the order working, but the venue never received
     * it (the engine decided it and crashed before sending it).
     */
    public static final int UNKNOWN_AFTER_RESTART = 8;

    private static final String[] NAMES =
    {
        "NONE", "RANDOM", "POOL_FULL", "UNKNOWN_INSTRUMENT", "BAD_ORDER", "DUPLICATE_CL_ORD_ID", "REQUEST_QUEUE_FULL",
        "UNKNOWN_ORDER", "UNKNOWN_AFTER_RESTART"
    };

    private PaperRejectReason()
    {
    }

    /**
     * @return the name of a code, for tools and logs (cold path).
     */
    public static String name(final int reason)
    {
        return reason >= 0 && reason < NAMES.length ? NAMES[reason] : "UNKNOWN(" + reason + ")";
    }
}
