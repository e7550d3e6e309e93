package io.easyquant.journal.codec;

/**
 * The size resting in the best {@code levels} levels of each side of a venue order book, published by a live feed
 * (before the quote of the same book update) while its book is LIVE: the input of the {@code book_imbalance} feature.
 *
 * <pre>
 *  24 +-------------------------------+-------------------------------+
 *     |        instrumentId (i32)     |          levels (i32)         |
 *  32 +-------------------------------+-------------------------------+
 *     |                    sourceTimeNs (i64)                         |
 *  40 +---------------------------------------------------------------+
 *     |                    bidDepthLots (i64)                         |
 *  48 +---------------------------------------------------------------+
 *     |                    askDepthLots (i64)                         |
 *  56 +---------------------------------------------------------------+
 * </pre>
 *
 * {@code levels} is the number of levels summed per side (the feed's setting; a side with fewer levels sums what it
 * has); quantities in lots of the instrument.
 */
public final class BookDepthCodec extends Flyweight
{
    public static final int INSTRUMENT_ID_OFFSET = 24;
    public static final int LEVELS_OFFSET = 28;
    public static final int SOURCE_TIME_NS_OFFSET = 32;
    public static final int BID_DEPTH_LOTS_OFFSET = 40;
    public static final int ASK_DEPTH_LOTS_OFFSET = 48;
    public static final int LENGTH = 56;

    @Override
    public RecordType type()
    {
        return RecordType.BOOK_DEPTH;
    }

    public int instrumentId()
    {
        return getInt(INSTRUMENT_ID_OFFSET);
    }

    public BookDepthCodec instrumentId(final int value)
    {
        putInt(INSTRUMENT_ID_OFFSET, value);
        return this;
    }

    public int levels()
    {
        return getInt(LEVELS_OFFSET);
    }

    public BookDepthCodec levels(final int value)
    {
        putInt(LEVELS_OFFSET, value);
        return this;
    }

    public long sourceTimeNs()
    {
        return getLong(SOURCE_TIME_NS_OFFSET);
    }

    public BookDepthCodec sourceTimeNs(final long value)
    {
        putLong(SOURCE_TIME_NS_OFFSET, value);
        return this;
    }

    public long bidDepthLots()
    {
        return getLong(BID_DEPTH_LOTS_OFFSET);
    }

    public BookDepthCodec bidDepthLots(final long value)
    {
        putLong(BID_DEPTH_LOTS_OFFSET, value);
        return this;
    }

    public long askDepthLots()
    {
        return getLong(ASK_DEPTH_LOTS_OFFSET);
    }

    public BookDepthCodec askDepthLots(final long value)
    {
        putLong(ASK_DEPTH_LOTS_OFFSET, value);
        return this;
    }
}
