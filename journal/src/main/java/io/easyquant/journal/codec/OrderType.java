package io.easyquant.journal.codec;

/**
 * Order types as stored in records.
 */
public final class OrderType
{
    /** Fill at the best available price. The price field is ignored. */
    public static final byte MARKET = 1;
    /** Fill at the limit price or better; the remainder rests until filled, cancelled or expired. */
    public static final byte LIMIT = 2;

    private OrderType()
    {
    }

    public static boolean isValid(final byte type)
    {
        return type == MARKET || type == LIMIT;
    }

    public static String name(final byte type)
    {
        return type == MARKET ? "MARKET" : type == LIMIT ? "LIMIT" : "UNKNOWN(" + type + ")";
    }
}
