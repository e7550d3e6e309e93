package io.easyquant.journal.codec;

/**
 * Market data the engine dropped without journaling it, summed over one period: while the disk was low, feeds'
 * trades, quotes and bars were refused before they took a ring slot or a sequence (so the journal has no gap), and
 * this one record says how many and from when to when. Journaled as an input when the period ends (space is back, or
 * the session stops); it changes no state, so a replay reads it and decides nothing.
 *
 * <pre>
 *  offset field (type, width); the header fills 0..23, gaps are zero padding
 *    24  reason (i32, 4 bytes): 1 = low disk
 *    32  trades (i64, 8 bytes)
 *    40  quotes (i64, 8 bytes)
 *    48  bars (i64, 8 bytes)
 *    56  firstSourceTimeNs (i64, 8 bytes): the source time of the first record dropped
 *    64  lastSourceTimeNs (i64, 8 bytes): the source time of the last record dropped
 *    72  firstTimeNs (i64, 8 bytes): engine clock when the first was dropped
 *    80  lastTimeNs (i64, 8 bytes): engine clock when the last was dropped
 *    88  end
 * </pre>
 */
public final class MarketDataDroppedCodec extends Flyweight
{
    /** The disk was under the low-disk threshold or its reserve. */
    public static final int REASON_LOW_DISK = 1;

    public static final int REASON_OFFSET = 24;
    public static final int TRADES_OFFSET = 32;
    public static final int QUOTES_OFFSET = 40;
    public static final int BARS_OFFSET = 48;
    public static final int FIRST_SOURCE_TIME_NS_OFFSET = 56;
    public static final int LAST_SOURCE_TIME_NS_OFFSET = 64;
    public static final int FIRST_TIME_NS_OFFSET = 72;
    public static final int LAST_TIME_NS_OFFSET = 80;
    public static final int LENGTH = 88;

    @Override
    public RecordType type()
    {
        return RecordType.MARKET_DATA_DROPPED;
    }

    public int reason()
    {
        return getInt(REASON_OFFSET);
    }

    public MarketDataDroppedCodec reason(final int value)
    {
        putInt(REASON_OFFSET, value);
        return this;
    }

    public long trades()
    {
        return getLong(TRADES_OFFSET);
    }

    public MarketDataDroppedCodec trades(final long value)
    {
        putLong(TRADES_OFFSET, value);
        return this;
    }

    public long quotes()
    {
        return getLong(QUOTES_OFFSET);
    }

    public MarketDataDroppedCodec quotes(final long value)
    {
        putLong(QUOTES_OFFSET, value);
        return this;
    }

    public long bars()
    {
        return getLong(BARS_OFFSET);
    }

    public MarketDataDroppedCodec bars(final long value)
    {
        putLong(BARS_OFFSET, value);
        return this;
    }

    /**
     * @return trades, quotes and bars together.
     */
    public long dropped()
    {
        return trades() + quotes() + bars();
    }

    public long firstSourceTimeNs()
    {
        return getLong(FIRST_SOURCE_TIME_NS_OFFSET);
    }

    public MarketDataDroppedCodec firstSourceTimeNs(final long value)
    {
        putLong(FIRST_SOURCE_TIME_NS_OFFSET, value);
        return this;
    }

    public long lastSourceTimeNs()
    {
        return getLong(LAST_SOURCE_TIME_NS_OFFSET);
    }

    public MarketDataDroppedCodec lastSourceTimeNs(final long value)
    {
        putLong(LAST_SOURCE_TIME_NS_OFFSET, value);
        return this;
    }

    public long firstTimeNs()
    {
        return getLong(FIRST_TIME_NS_OFFSET);
    }

    public MarketDataDroppedCodec firstTimeNs(final long value)
    {
        putLong(FIRST_TIME_NS_OFFSET, value);
        return this;
    }

    public long lastTimeNs()
    {
        return getLong(LAST_TIME_NS_OFFSET);
    }

    public MarketDataDroppedCodec lastTimeNs(final long value)
    {
        putLong(LAST_TIME_NS_OFFSET, value);
        return this;
    }
}
