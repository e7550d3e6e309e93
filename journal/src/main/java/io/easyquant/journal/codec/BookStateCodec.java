package io.easyquant.journal.codec;

/**
 * A transition of a venue order book's {@link BookState}, published by a live market-data feed as an input and
 * journaled like every input: the risk stage refuses new orders on an instrument whose book is not LIVE.
 *
 * <pre>
 *  24 +-------------------------------+-------------------------------+
 *     |        instrumentId (i32)     |           state (i32)         |
 *  32 +-------------------------------+-------------------------------+
 *     |          reason (i32)         |            padding            |
 *  40 +---------------------------------------------------------------+
 *     |                    sourceTimeNs (i64)                         |
 *  48 +---------------------------------------------------------------+
 *     |                    lastUpdateId (i64)                         |
 *  56 +---------------------------------------------------------------+
 * </pre>
 *
 * {@code state} is a {@link BookState}, {@code reason} a {@link BookStateReason}. {@code sourceTimeNs} is the venue's
 * time of the message that caused the transition, or the feed's clock when none did (a disconnect). {@code
 * lastUpdateId} is the venue's update id or sequence number the book had reached (0 when it had none).
 */
public final class BookStateCodec extends Flyweight
{
    public static final int INSTRUMENT_ID_OFFSET = 24;
    public static final int STATE_OFFSET = 28;
    public static final int REASON_OFFSET = 32;
    public static final int SOURCE_TIME_NS_OFFSET = 40;
    public static final int LAST_UPDATE_ID_OFFSET = 48;
    public static final int LENGTH = 56;

    @Override
    public RecordType type()
    {
        return RecordType.BOOK_STATE;
    }

    public int instrumentId()
    {
        return getInt(INSTRUMENT_ID_OFFSET);
    }

    public BookStateCodec instrumentId(final int value)
    {
        putInt(INSTRUMENT_ID_OFFSET, value);
        return this;
    }

    public int state()
    {
        return getInt(STATE_OFFSET);
    }

    public BookStateCodec state(final int value)
    {
        putInt(STATE_OFFSET, value);
        return this;
    }

    public int reason()
    {
        return getInt(REASON_OFFSET);
    }

    public BookStateCodec reason(final int value)
    {
        putInt(REASON_OFFSET, value);
        return this;
    }

    public long sourceTimeNs()
    {
        return getLong(SOURCE_TIME_NS_OFFSET);
    }

    public BookStateCodec sourceTimeNs(final long value)
    {
        putLong(SOURCE_TIME_NS_OFFSET, value);
        return this;
    }

    public long lastUpdateId()
    {
        return getLong(LAST_UPDATE_ID_OFFSET);
    }

    public BookStateCodec lastUpdateId(final long value)
    {
        putLong(LAST_UPDATE_ID_OFFSET, value);
        return this;
    }
}
