package io.easyquant.journal.codec;

/**
 * The kind of an execution report from a venue.
 */
public final class ExecType
{
    public static final byte ACK = 1;
    public static final byte PARTIAL_FILL = 2;
    public static final byte FILL = 3;
    public static final byte CANCELLED = 4;
    public static final byte REJECTED = 5;
    public static final byte EXPIRED = 6;
    public static final byte CANCEL_REJECTED = 7;

    private static final String[] NAMES =
        { "UNKNOWN", "ACK", "PARTIAL_FILL", "FILL", "CANCELLED", "REJECTED", "EXPIRED", "CANCEL_REJECTED" };

    private ExecType()
    {
    }

    public static boolean isValid(final byte type)
    {
        return type >= ACK && type <= CANCEL_REJECTED;
    }

    public static boolean isFill(final byte type)
    {
        return type == PARTIAL_FILL || type == FILL;
    }

    public static String name(final byte type)
    {
        return isValid(type) ? NAMES[type] : "UNKNOWN(" + type + ")";
    }
}
