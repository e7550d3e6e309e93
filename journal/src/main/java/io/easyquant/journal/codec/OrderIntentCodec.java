package io.easyquant.journal.codec;

/**
 * An order the engine wants to send, planned from a target position and submitted to pre-trade risk.
 *
 * <pre>
 *  offset field (type, width); the header fills 0..23, gaps are zero padding
 *    24  instrumentId (i32, 4 bytes)
 *    28  side (i8, 1 byte)
 *    29  orderType (i8, 1 byte)
 *    32  intentId (i64, 8 bytes)
 *    40  causeSequence (i64, 8 bytes)
 *    48  qtyLots (i64, 8 bytes)
 *    56  limitPriceTicks (i64, 8 bytes)
 *    64  targetLots (i64, 8 bytes)
 *    72  end
 * </pre>
 *
 * {@code limitPriceTicks} is 0 for market orders. {@code targetLots} is the position the intent moves toward.
 */
public final class OrderIntentCodec extends Flyweight
{
    public static final int INSTRUMENT_ID_OFFSET = 24;
    public static final int SIDE_OFFSET = 28;
    public static final int ORDER_TYPE_OFFSET = 29;
    public static final int INTENT_ID_OFFSET = 32;
    public static final int CAUSE_SEQUENCE_OFFSET = 40;
    public static final int QTY_LOTS_OFFSET = 48;
    public static final int LIMIT_PRICE_TICKS_OFFSET = 56;
    public static final int TARGET_LOTS_OFFSET = 64;
    public static final int LENGTH = 72;

    @Override
    public RecordType type()
    {
        return RecordType.ORDER_INTENT;
    }

    public int instrumentId()
    {
        return getInt(INSTRUMENT_ID_OFFSET);
    }

    public OrderIntentCodec instrumentId(final int value)
    {
        putInt(INSTRUMENT_ID_OFFSET, value);
        return this;
    }

    public byte side()
    {
        return getByte(SIDE_OFFSET);
    }

    public OrderIntentCodec side(final byte value)
    {
        putByte(SIDE_OFFSET, value);
        return this;
    }

    public byte orderType()
    {
        return getByte(ORDER_TYPE_OFFSET);
    }

    public OrderIntentCodec orderType(final byte value)
    {
        putByte(ORDER_TYPE_OFFSET, value);
        return this;
    }

    public long intentId()
    {
        return getLong(INTENT_ID_OFFSET);
    }

    public OrderIntentCodec intentId(final long value)
    {
        putLong(INTENT_ID_OFFSET, value);
        return this;
    }

    public long causeSequence()
    {
        return getLong(CAUSE_SEQUENCE_OFFSET);
    }

    public OrderIntentCodec causeSequence(final long value)
    {
        putLong(CAUSE_SEQUENCE_OFFSET, value);
        return this;
    }

    public long qtyLots()
    {
        return getLong(QTY_LOTS_OFFSET);
    }

    public OrderIntentCodec qtyLots(final long value)
    {
        putLong(QTY_LOTS_OFFSET, value);
        return this;
    }

    public long limitPriceTicks()
    {
        return getLong(LIMIT_PRICE_TICKS_OFFSET);
    }

    public OrderIntentCodec limitPriceTicks(final long value)
    {
        putLong(LIMIT_PRICE_TICKS_OFFSET, value);
        return this;
    }

    public long targetLots()
    {
        return getLong(TARGET_LOTS_OFFSET);
    }

    public OrderIntentCodec targetLots(final long value)
    {
        putLong(TARGET_LOTS_OFFSET, value);
        return this;
    }
}
