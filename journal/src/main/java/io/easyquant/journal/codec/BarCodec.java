package io.easyquant.journal.codec;

/**
 * An OHLCV bar from a market-data feed. {@code sourceTimeNs} is the bar's open time; {@code durationMs} its length
 * (0 when the source does not say).
 *
 * <pre>
 *  24 +-------------------------------+-------------------------------+
 *     |        instrumentId (i32)     |        durationMs (i32)       |
 *  32 +-------------------------------+-------------------------------+
 *     |                    sourceTimeNs (i64)                         |
 *  40 +---------------------------------------------------------------+
 *     |                     openTicks (i64)                           |
 *  48 +---------------------------------------------------------------+
 *     |                     highTicks (i64)                           |
 *  56 +---------------------------------------------------------------+
 *     |                      lowTicks (i64)                           |
 *  64 +---------------------------------------------------------------+
 *     |                     closeTicks (i64)                          |
 *  72 +---------------------------------------------------------------+
 *     |                    volumeLots (i64)                           |
 *  80 +---------------------------------------------------------------+
 * </pre>
 */
public final class BarCodec extends Flyweight
{
    public static final int INSTRUMENT_ID_OFFSET = 24;
    public static final int DURATION_MS_OFFSET = 28;
    public static final int SOURCE_TIME_NS_OFFSET = 32;
    public static final int OPEN_TICKS_OFFSET = 40;
    public static final int HIGH_TICKS_OFFSET = 48;
    public static final int LOW_TICKS_OFFSET = 56;
    public static final int CLOSE_TICKS_OFFSET = 64;
    public static final int VOLUME_LOTS_OFFSET = 72;
    public static final int LENGTH = 80;

    @Override
    public RecordType type()
    {
        return RecordType.BAR;
    }

    public int instrumentId()
    {
        return getInt(INSTRUMENT_ID_OFFSET);
    }

    public BarCodec instrumentId(final int value)
    {
        putInt(INSTRUMENT_ID_OFFSET, value);
        return this;
    }

    public int durationMs()
    {
        return getInt(DURATION_MS_OFFSET);
    }

    public BarCodec durationMs(final int value)
    {
        putInt(DURATION_MS_OFFSET, value);
        return this;
    }

    public long sourceTimeNs()
    {
        return getLong(SOURCE_TIME_NS_OFFSET);
    }

    public BarCodec sourceTimeNs(final long value)
    {
        putLong(SOURCE_TIME_NS_OFFSET, value);
        return this;
    }

    public long openTicks()
    {
        return getLong(OPEN_TICKS_OFFSET);
    }

    public BarCodec openTicks(final long value)
    {
        putLong(OPEN_TICKS_OFFSET, value);
        return this;
    }

    public long highTicks()
    {
        return getLong(HIGH_TICKS_OFFSET);
    }

    public BarCodec highTicks(final long value)
    {
        putLong(HIGH_TICKS_OFFSET, value);
        return this;
    }

    public long lowTicks()
    {
        return getLong(LOW_TICKS_OFFSET);
    }

    public BarCodec lowTicks(final long value)
    {
        putLong(LOW_TICKS_OFFSET, value);
        return this;
    }

    public long closeTicks()
    {
        return getLong(CLOSE_TICKS_OFFSET);
    }

    public BarCodec closeTicks(final long value)
    {
        putLong(CLOSE_TICKS_OFFSET, value);
        return this;
    }

    public long volumeLots()
    {
        return getLong(VOLUME_LOTS_OFFSET);
    }

    public BarCodec volumeLots(final long value)
    {
        putLong(VOLUME_LOTS_OFFSET, value);
        return this;
    }
}
