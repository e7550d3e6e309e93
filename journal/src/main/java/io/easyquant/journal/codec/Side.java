package io.easyquant.journal.codec;

/**
 * Order and aggressor sides as stored in records. {@link #NONE} marks a trade whose aggressor is unknown.
 */
public final class Side
{
    public static final byte NONE = 0;
    public static final byte BUY = 1;
    public static final byte SELL = 2;

    private Side()
    {
    }

    public static boolean isValidOrderSide(final byte side)
    {
        return side == BUY || side == SELL;
    }

    /**
     * @return +1 for a buy, -1 for a sell, 0 otherwise.
     */
    public static int sign(final byte side)
    {
        return side == BUY ? 1 : side == SELL ? -1 : 0;
    }

    public static String name(final byte side)
    {
        return side == BUY ? "BUY" : side == SELL ? "SELL" : "NONE";
    }
}
