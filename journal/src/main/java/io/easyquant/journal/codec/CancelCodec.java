package io.easyquant.journal.codec;

/**
 * A cancel request for a working order.
 *
 * <pre>
 *  offset field (type, width); the header fills 0..23, gaps are zero padding
 *    24  instrumentId (i32, 4 bytes)
 *    28  reasonCode (i32, 4 bytes)
 *    32  clOrdId (i64, 8 bytes)
 *    40  causeSequence (i64, 8 bytes)
 *    48  leavesQtyLots (i64, 8 bytes)
 *    56  end
 * </pre>
 *
 * {@code reasonCode} says why the engine cancels (see the engine's cancel reasons).
 */
public final class CancelCodec extends Flyweight
{
    public static final int INSTRUMENT_ID_OFFSET = 24;
    public static final int REASON_CODE_OFFSET = 28;
    public static final int CL_ORD_ID_OFFSET = 32;
    public static final int CAUSE_SEQUENCE_OFFSET = 40;
    public static final int LEAVES_QTY_LOTS_OFFSET = 48;
    public static final int LENGTH = 56;

    @Override
    public RecordType type()
    {
        return RecordType.CANCEL;
    }

    public int instrumentId()
    {
        return getInt(INSTRUMENT_ID_OFFSET);
    }

    public CancelCodec instrumentId(final int value)
    {
        putInt(INSTRUMENT_ID_OFFSET, value);
        return this;
    }

    public int reasonCode()
    {
        return getInt(REASON_CODE_OFFSET);
    }

    public CancelCodec reasonCode(final int value)
    {
        putInt(REASON_CODE_OFFSET, value);
        return this;
    }

    public long clOrdId()
    {
        return getLong(CL_ORD_ID_OFFSET);
    }

    public CancelCodec clOrdId(final long value)
    {
        putLong(CL_ORD_ID_OFFSET, value);
        return this;
    }

    public long causeSequence()
    {
        return getLong(CAUSE_SEQUENCE_OFFSET);
    }

    public CancelCodec causeSequence(final long value)
    {
        putLong(CAUSE_SEQUENCE_OFFSET, value);
        return this;
    }

    public long leavesQtyLots()
    {
        return getLong(LEAVES_QTY_LOTS_OFFSET);
    }

    public CancelCodec leavesQtyLots(final long value)
    {
        putLong(LEAVES_QTY_LOTS_OFFSET, value);
        return this;
    }
}
