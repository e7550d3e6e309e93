package io.easyquant.journal.codec;

/**
 * A trade print from a market-data feed.
 *
 * <pre>
 *  24 +-------------------------------+-------+-----------------------+
 *     |        instrumentId (i32)     | aggr  |        padding        |
 *  32 +-------------------------------+-------+-----------------------+
 *     |                    sourceTimeNs (i64)                         |
 *  40 +---------------------------------------------------------------+
 *     |                     priceTicks (i64)                          |
 *  48 +---------------------------------------------------------------+
 *     |                       qtyLots (i64)                           |
 *  56 +---------------------------------------------------------------+
 *     |                       tradeId (i64)                           |
 *  64 +---------------------------------------------------------------+
 * </pre>
 *
 * {@code aggr} is the aggressor {@link Side} ({@link Side#NONE} when unknown). {@code sourceTimeNs} is the time
 * the source gave the trade, in nanoseconds since the Unix epoch.
 */
public final class TradeCodec extends Flyweight
{
    public static final int INSTRUMENT_ID_OFFSET = 24;
    public static final int AGGRESSOR_SIDE_OFFSET = 28;
    public static final int SOURCE_TIME_NS_OFFSET = 32;
    public static final int PRICE_TICKS_OFFSET = 40;
    public static final int QTY_LOTS_OFFSET = 48;
    public static final int TRADE_ID_OFFSET = 56;
    public static final int LENGTH = 64;

    @Override
    public RecordType type()
    {
        return RecordType.TRADE;
    }

    public int instrumentId()
    {
        return getInt(INSTRUMENT_ID_OFFSET);
    }

    public TradeCodec instrumentId(final int value)
    {
        putInt(INSTRUMENT_ID_OFFSET, value);
        return this;
    }

    public byte aggressorSide()
    {
        return getByte(AGGRESSOR_SIDE_OFFSET);
    }

    public TradeCodec aggressorSide(final byte value)
    {
        putByte(AGGRESSOR_SIDE_OFFSET, value);
        return this;
    }

    public long sourceTimeNs()
    {
        return getLong(SOURCE_TIME_NS_OFFSET);
    }

    public TradeCodec sourceTimeNs(final long value)
    {
        putLong(SOURCE_TIME_NS_OFFSET, value);
        return this;
    }

    public long priceTicks()
    {
        return getLong(PRICE_TICKS_OFFSET);
    }

    public TradeCodec priceTicks(final long value)
    {
        putLong(PRICE_TICKS_OFFSET, value);
        return this;
    }

    public long qtyLots()
    {
        return getLong(QTY_LOTS_OFFSET);
    }

    public TradeCodec qtyLots(final long value)
    {
        putLong(QTY_LOTS_OFFSET, value);
        return this;
    }

    public long tradeId()
    {
        return getLong(TRADE_ID_OFFSET);
    }

    public TradeCodec tradeId(final long value)
    {
        putLong(TRADE_ID_OFFSET, value);
        return this;
    }
}
