package io.easyquant.journal.codec;

/**
 * A strategy's target position for one instrument, emitted by the signal stage.
 *
 * <pre>
 *  offset field (type, width); the header fills 0..23, gaps are zero padding
 *    24  instrumentId (i32, 4 bytes)
 *    28  strategyId (i32, 4 bytes)
 *    32  causeSequence (i64, 8 bytes)
 *    40  targetLots (i64, 8 bytes)
 *    48  score (f64, 8 bytes)
 *    56  end
 * </pre>
 *
 * {@code causeSequence} is the sequence of the input that produced the signal; {@code score} is the strategy's raw
 * output (informational: the target is what decides).
 */
public final class SignalCodec extends Flyweight
{
    public static final int INSTRUMENT_ID_OFFSET = 24;
    public static final int STRATEGY_ID_OFFSET = 28;
    public static final int CAUSE_SEQUENCE_OFFSET = 32;
    public static final int TARGET_LOTS_OFFSET = 40;
    public static final int SCORE_OFFSET = 48;
    public static final int LENGTH = 56;

    @Override
    public RecordType type()
    {
        return RecordType.SIGNAL;
    }

    public int instrumentId()
    {
        return getInt(INSTRUMENT_ID_OFFSET);
    }

    public SignalCodec instrumentId(final int value)
    {
        putInt(INSTRUMENT_ID_OFFSET, value);
        return this;
    }

    public int strategyId()
    {
        return getInt(STRATEGY_ID_OFFSET);
    }

    public SignalCodec strategyId(final int value)
    {
        putInt(STRATEGY_ID_OFFSET, value);
        return this;
    }

    public long causeSequence()
    {
        return getLong(CAUSE_SEQUENCE_OFFSET);
    }

    public SignalCodec causeSequence(final long value)
    {
        putLong(CAUSE_SEQUENCE_OFFSET, value);
        return this;
    }

    public long targetLots()
    {
        return getLong(TARGET_LOTS_OFFSET);
    }

    public SignalCodec targetLots(final long value)
    {
        putLong(TARGET_LOTS_OFFSET, value);
        return this;
    }

    public double score()
    {
        return getDouble(SCORE_OFFSET);
    }

    public SignalCodec score(final double value)
    {
        putDouble(SCORE_OFFSET, value);
        return this;
    }
}
