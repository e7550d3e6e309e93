package io.easyquant.journal.codec;

/**
 * A top-of-book quote from a market-data feed.
 *
 * <pre>
 *  24 +-------------------------------+-------------------------------+
 *     |        instrumentId (i32)     |            padding            |
 *  32 +-------------------------------+-------------------------------+
 *     |                    sourceTimeNs (i64)                         |
 *  40 +---------------------------------------------------------------+
 *     |                      bidTicks (i64)                           |
 *  48 +---------------------------------------------------------------+
 *     |                       bidLots (i64)                           |
 *  56 +---------------------------------------------------------------+
 *     |                      askTicks (i64)                           |
 *  64 +---------------------------------------------------------------+
 *     |                       askLots (i64)                           |
 *  72 +---------------------------------------------------------------+
 * </pre>
 */
public final class QuoteCodec extends Flyweight
{
    public static final int INSTRUMENT_ID_OFFSET = 24;
    public static final int SOURCE_TIME_NS_OFFSET = 32;
    public static final int BID_TICKS_OFFSET = 40;
    public static final int BID_LOTS_OFFSET = 48;
    public static final int ASK_TICKS_OFFSET = 56;
    public static final int ASK_LOTS_OFFSET = 64;
    public static final int LENGTH = 72;

    @Override
    public RecordType type()
    {
        return RecordType.QUOTE;
    }

    public int instrumentId()
    {
        return getInt(INSTRUMENT_ID_OFFSET);
    }

    public QuoteCodec instrumentId(final int value)
    {
        putInt(INSTRUMENT_ID_OFFSET, value);
        return this;
    }

    public long sourceTimeNs()
    {
        return getLong(SOURCE_TIME_NS_OFFSET);
    }

    public QuoteCodec sourceTimeNs(final long value)
    {
        putLong(SOURCE_TIME_NS_OFFSET, value);
        return this;
    }

    public long bidTicks()
    {
        return getLong(BID_TICKS_OFFSET);
    }

    public QuoteCodec bidTicks(final long value)
    {
        putLong(BID_TICKS_OFFSET, value);
        return this;
    }

    public long bidLots()
    {
        return getLong(BID_LOTS_OFFSET);
    }

    public QuoteCodec bidLots(final long value)
    {
        putLong(BID_LOTS_OFFSET, value);
        return this;
    }

    public long askTicks()
    {
        return getLong(ASK_TICKS_OFFSET);
    }

    public QuoteCodec askTicks(final long value)
    {
        putLong(ASK_TICKS_OFFSET, value);
        return this;
    }

    public long askLots()
    {
        return getLong(ASK_LOTS_OFFSET);
    }

    public QuoteCodec askLots(final long value)
    {
        putLong(ASK_LOTS_OFFSET, value);
        return this;
    }
}
