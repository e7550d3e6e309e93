package io.easyquant.journal.codec;

/**
 * A periodic timer tick: advances event time when the market is quiet.
 *
 * <pre>
 *  offset field (type, width); the header fills 0..23, gaps are zero padding
 *    24  timerId (i32, 4 bytes)
 *    32  scheduledTimeNs (i64, 8 bytes)
 *    40  end
 * </pre>
 *
 * {@code scheduledTimeNs} is when the tick was due; the header's time is when it was stamped.
 */
public final class TimerTickCodec extends Flyweight
{
    public static final int TIMER_ID_OFFSET = 24;
    public static final int SCHEDULED_TIME_NS_OFFSET = 32;
    public static final int LENGTH = 40;

    @Override
    public RecordType type()
    {
        return RecordType.TIMER_TICK;
    }

    public int timerId()
    {
        return getInt(TIMER_ID_OFFSET);
    }

    public TimerTickCodec timerId(final int value)
    {
        putInt(TIMER_ID_OFFSET, value);
        return this;
    }

    public long scheduledTimeNs()
    {
        return getLong(SCHEDULED_TIME_NS_OFFSET);
    }

    public TimerTickCodec scheduledTimeNs(final long value)
    {
        putLong(SCHEDULED_TIME_NS_OFFSET, value);
        return this;
    }
}
