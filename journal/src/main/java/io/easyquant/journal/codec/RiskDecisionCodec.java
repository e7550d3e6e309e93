package io.easyquant.journal.codec;

/**
 * The pre-trade risk verdict on one order intent.
 *
 * <pre>
 *  offset field (type, width); the header fills 0..23, gaps are zero padding
 *    24  instrumentId (i32, 4 bytes)
 *    28  reasonCode (i32, 4 bytes)
 *    32  intentId (i64, 8 bytes)
 *    40  causeSequence (i64, 8 bytes)
 *    48  observed (i64, 8 bytes)
 *    56  limit (i64, 8 bytes)
 *    64  end
 * </pre>
 *
 * {@code reasonCode} 0 means accepted; any other value names the check that rejected, with the {@code observed} value
 * and the {@code limit} it broke, in the check's units.
 */
public final class RiskDecisionCodec extends Flyweight
{
    public static final int INSTRUMENT_ID_OFFSET = 24;
    public static final int REASON_CODE_OFFSET = 28;
    public static final int INTENT_ID_OFFSET = 32;
    public static final int CAUSE_SEQUENCE_OFFSET = 40;
    public static final int OBSERVED_OFFSET = 48;
    public static final int LIMIT_OFFSET = 56;
    public static final int LENGTH = 64;

    @Override
    public RecordType type()
    {
        return RecordType.RISK_DECISION;
    }

    public int instrumentId()
    {
        return getInt(INSTRUMENT_ID_OFFSET);
    }

    public RiskDecisionCodec instrumentId(final int value)
    {
        putInt(INSTRUMENT_ID_OFFSET, value);
        return this;
    }

    public int reasonCode()
    {
        return getInt(REASON_CODE_OFFSET);
    }

    public RiskDecisionCodec reasonCode(final int value)
    {
        putInt(REASON_CODE_OFFSET, value);
        return this;
    }

    public long intentId()
    {
        return getLong(INTENT_ID_OFFSET);
    }

    public RiskDecisionCodec intentId(final long value)
    {
        putLong(INTENT_ID_OFFSET, value);
        return this;
    }

    public long causeSequence()
    {
        return getLong(CAUSE_SEQUENCE_OFFSET);
    }

    public RiskDecisionCodec causeSequence(final long value)
    {
        putLong(CAUSE_SEQUENCE_OFFSET, value);
        return this;
    }

    public long observed()
    {
        return getLong(OBSERVED_OFFSET);
    }

    public RiskDecisionCodec observed(final long value)
    {
        putLong(OBSERVED_OFFSET, value);
        return this;
    }

    public long limit()
    {
        return getLong(LIMIT_OFFSET);
    }

    public RiskDecisionCodec limit(final long value)
    {
        putLong(LIMIT_OFFSET, value);
        return this;
    }
}
