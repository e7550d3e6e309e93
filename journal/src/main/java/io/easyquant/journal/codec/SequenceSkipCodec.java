package io.easyquant.journal.codec;

/**
 * A declared jump in the journal's input sequence: the sequences after this record's own, up to
 * {@code nextSequence - 1}, were stamped on inputs that are not in the journal, and the next input journaled carries
 * {@code nextSequence}. Readers check that input sequences follow each other one by one; this record is the only way
 * past that check, so a sequence gap the journal does not declare is damage.
 *
 * <pre>
 *  offset field (type, width); the header fills 0..23, gaps are zero padding
 *    24  reason (u8, 1 byte)
 *    32  nextSequence (i64, 8 bytes)
 *    40  nextIntentIdAtLeast (i64, 8 bytes)
 *    48  skippedInputs (i64, 8 bytes)
 *    56  skippedMarketData (i64, 8 bytes)
 *    64  end
 * </pre>
 *
 * <ul>
 *   <li>{@code reason}: {@link #NOT_JOURNALED} (ingest could not append them, e.g. a full disk; none took effect),
 *       {@link #DROPPED} (market data refused while the disk is low; none took effect) or {@link #REPAIR} (the
 *       journal was cut at damage by {@code journal repair}; the sequences were used by records that are no longer in
 *       it).</li>
 *   <li>{@code nextIntentIdAtLeast}: the lowest intent id (= client order id) the engine may use from here on, 0 when
 *       the record does not constrain it. A repair sets it above every id the cut part used, so no id is reused.</li>
 *   <li>{@code skippedInputs}, {@code skippedMarketData}: how many inputs the jump stands for, and how many of them
 *       were market data.</li>
 * </ul>
 *
 * The header's sequence is the first sequence of the jump (one more than the input before); its time is the engine
 * time of the input before, so event time never goes back.
 */
public final class SequenceSkipCodec extends Flyweight
{
    public static final int REASON_OFFSET = 24;
    public static final int NEXT_SEQUENCE_OFFSET = 32;
    public static final int NEXT_INTENT_ID_AT_LEAST_OFFSET = 40;
    public static final int SKIPPED_INPUTS_OFFSET = 48;
    public static final int SKIPPED_MARKET_DATA_OFFSET = 56;
    public static final int LENGTH = 64;

    /** Ingest could not append the inputs (the append failed): none of them took effect. */
    public static final byte NOT_JOURNALED = 1;
    /** Market data refused while the journal's disk is low: none of it took effect. */
    public static final byte DROPPED = 2;
    /** An explicit repair cut the journal at damage; the ids the cut part used stay used. */
    public static final byte REPAIR = 3;

    @Override
    public RecordType type()
    {
        return RecordType.SEQUENCE_SKIP;
    }

    /**
     * @return the reason's name, or {@code unknown(N)}.
     */
    public static String reasonName(final byte reason)
    {
        switch (reason)
        {
            case NOT_JOURNALED:
                return "not_journaled";
            case DROPPED:
                return "dropped";
            case REPAIR:
                return "repair";
            default:
                return "unknown(" + reason + ")";
        }
    }

    public static boolean isValidReason(final byte reason)
    {
        return reason == NOT_JOURNALED || reason == DROPPED || reason == REPAIR;
    }

    public byte reason()
    {
        return getByte(REASON_OFFSET);
    }

    public SequenceSkipCodec reason(final byte value)
    {
        putByte(REASON_OFFSET, value);
        return this;
    }

    public long nextSequence()
    {
        return getLong(NEXT_SEQUENCE_OFFSET);
    }

    public SequenceSkipCodec nextSequence(final long value)
    {
        putLong(NEXT_SEQUENCE_OFFSET, value);
        return this;
    }

    public long nextIntentIdAtLeast()
    {
        return getLong(NEXT_INTENT_ID_AT_LEAST_OFFSET);
    }

    public SequenceSkipCodec nextIntentIdAtLeast(final long value)
    {
        putLong(NEXT_INTENT_ID_AT_LEAST_OFFSET, value);
        return this;
    }

    public long skippedInputs()
    {
        return getLong(SKIPPED_INPUTS_OFFSET);
    }

    public SequenceSkipCodec skippedInputs(final long value)
    {
        putLong(SKIPPED_INPUTS_OFFSET, value);
        return this;
    }

    public long skippedMarketData()
    {
        return getLong(SKIPPED_MARKET_DATA_OFFSET);
    }

    public SequenceSkipCodec skippedMarketData(final long value)
    {
        putLong(SKIPPED_MARKET_DATA_OFFSET, value);
        return this;
    }
}
