package io.easyquant.journal.codec;

/**
 * A transition of the engine's {@link TradingState}, journaled by the engine as an output: who moved it (an operator
 * command or a risk rule), from what, to what, and why.
 *
 * <pre>
 *  offset field (type, width); the header fills 0..23, gaps are zero padding
 *    24  previousState (i32, 4 bytes)
 *    28  newState (i32, 4 bytes)
 *    32  origin (i32, 4 bytes)
 *    36  ruleCode (i32, 4 bytes)
 *    40  command (i32, 4 bytes)
 *    48  causeSequence (i64, 8 bytes)
 *    56  observed (i64, 8 bytes)
 *    64  limit (i64, 8 bytes)
 *    72  end
 * </pre>
 *
 * {@code origin} is a {@link CommandOrigin}. {@code ruleCode} is the engine's risk reason code of the rule that moved
 * the state ({@code 0} for a command), with the {@code observed} value and the {@code limit} it broke in the rule's
 * units. {@code command} is the {@link AdminCommandType} that moved it, {@code 0} for a rule. {@code causeSequence}
 * is the sequence of the input on which the transition happened: for a command, the command itself, whose record
 * holds the principal, the reason text and the remote address.
 */
public final class TradingStateChangeCodec extends Flyweight
{
    public static final int PREVIOUS_STATE_OFFSET = 24;
    public static final int NEW_STATE_OFFSET = 28;
    public static final int ORIGIN_OFFSET = 32;
    public static final int RULE_CODE_OFFSET = 36;
    public static final int COMMAND_OFFSET = 40;
    public static final int CAUSE_SEQUENCE_OFFSET = 48;
    public static final int OBSERVED_OFFSET = 56;
    public static final int LIMIT_OFFSET = 64;
    public static final int LENGTH = 72;

    @Override
    public RecordType type()
    {
        return RecordType.TRADING_STATE_CHANGE;
    }

    public int previousState()
    {
        return getInt(PREVIOUS_STATE_OFFSET);
    }

    public TradingStateChangeCodec previousState(final int value)
    {
        putInt(PREVIOUS_STATE_OFFSET, value);
        return this;
    }

    public int newState()
    {
        return getInt(NEW_STATE_OFFSET);
    }

    public TradingStateChangeCodec newState(final int value)
    {
        putInt(NEW_STATE_OFFSET, value);
        return this;
    }

    public int origin()
    {
        return getInt(ORIGIN_OFFSET);
    }

    public TradingStateChangeCodec origin(final int value)
    {
        putInt(ORIGIN_OFFSET, value);
        return this;
    }

    public int ruleCode()
    {
        return getInt(RULE_CODE_OFFSET);
    }

    public TradingStateChangeCodec ruleCode(final int value)
    {
        putInt(RULE_CODE_OFFSET, value);
        return this;
    }

    public int command()
    {
        return getInt(COMMAND_OFFSET);
    }

    public TradingStateChangeCodec command(final int value)
    {
        putInt(COMMAND_OFFSET, value);
        return this;
    }

    public long causeSequence()
    {
        return getLong(CAUSE_SEQUENCE_OFFSET);
    }

    public TradingStateChangeCodec causeSequence(final long value)
    {
        putLong(CAUSE_SEQUENCE_OFFSET, value);
        return this;
    }

    public long observed()
    {
        return getLong(OBSERVED_OFFSET);
    }

    public TradingStateChangeCodec observed(final long value)
    {
        putLong(OBSERVED_OFFSET, value);
        return this;
    }

    public long limit()
    {
        return getLong(LIMIT_OFFSET);
    }

    public TradingStateChangeCodec limit(final long value)
    {
        putLong(LIMIT_OFFSET, value);
        return this;
    }
}
