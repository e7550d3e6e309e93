package io.easyquant.journal.codec;

/**
 * An operator or rule command: kill-switch engage or release, trading-state change.
 *
 * <pre>
 *  offset field (type, width); the header fills 0..23, gaps are zero padding
 *    24  command (i32, 4 bytes)
 *    28  argument (i32, 4 bytes)
 *    32  origin (i32, 4 bytes)
 *    40  principal (ascii, 24 bytes)
 *    64  reason (ascii, 80 bytes)
 *   144  remoteAddress (ascii, 40 bytes)
 *   184  end
 * </pre>
 *
 * {@code command} is an {@link AdminCommandType}; {@code argument} depends on it (the target {@link TradingState} for
 * {@link AdminCommandType#SET_TRADING_STATE}). {@code origin} is a {@link CommandOrigin}. Text fields are ASCII,
 * zero-padded and truncated to their width.
 */
public final class AdminCommandCodec extends Flyweight
{
    public static final int COMMAND_OFFSET = 24;
    public static final int ARGUMENT_OFFSET = 28;
    public static final int ORIGIN_OFFSET = 32;
    public static final int PRINCIPAL_OFFSET = 40;
    public static final int PRINCIPAL_WIDTH = 24;
    public static final int REASON_OFFSET = 64;
    public static final int REASON_WIDTH = 80;
    public static final int REMOTE_ADDRESS_OFFSET = 144;
    public static final int REMOTE_ADDRESS_WIDTH = 40;
    public static final int LENGTH = 184;

    @Override
    public RecordType type()
    {
        return RecordType.ADMIN_COMMAND;
    }

    public int command()
    {
        return getInt(COMMAND_OFFSET);
    }

    public AdminCommandCodec command(final int value)
    {
        putInt(COMMAND_OFFSET, value);
        return this;
    }

    public int argument()
    {
        return getInt(ARGUMENT_OFFSET);
    }

    public AdminCommandCodec argument(final int value)
    {
        putInt(ARGUMENT_OFFSET, value);
        return this;
    }

    public int origin()
    {
        return getInt(ORIGIN_OFFSET);
    }

    public AdminCommandCodec origin(final int value)
    {
        putInt(ORIGIN_OFFSET, value);
        return this;
    }

    /**
     * Append the principal to {@code out} without allocating.
     */
    public void getPrincipal(final StringBuilder out)
    {
        appendAscii(PRINCIPAL_OFFSET, PRINCIPAL_WIDTH, out);
    }

    /**
     * @return the principal as a String. Allocates: cold path only.
     */
    public String principal()
    {
        return getAscii(PRINCIPAL_OFFSET, PRINCIPAL_WIDTH);
    }

    public AdminCommandCodec principal(final CharSequence value)
    {
        putAscii(PRINCIPAL_OFFSET, PRINCIPAL_WIDTH, value);
        return this;
    }

    /**
     * Append the reason to {@code out} without allocating.
     */
    public void getReason(final StringBuilder out)
    {
        appendAscii(REASON_OFFSET, REASON_WIDTH, out);
    }

    /**
     * @return the reason as a String. Allocates: cold path only.
     */
    public String reason()
    {
        return getAscii(REASON_OFFSET, REASON_WIDTH);
    }

    public AdminCommandCodec reason(final CharSequence value)
    {
        putAscii(REASON_OFFSET, REASON_WIDTH, value);
        return this;
    }

    /**
     * Append the remoteAddress to {@code out} without allocating.
     */
    public void getRemoteAddress(final StringBuilder out)
    {
        appendAscii(REMOTE_ADDRESS_OFFSET, REMOTE_ADDRESS_WIDTH, out);
    }

    /**
     * @return the remoteAddress as a String. Allocates: cold path only.
     */
    public String remoteAddress()
    {
        return getAscii(REMOTE_ADDRESS_OFFSET, REMOTE_ADDRESS_WIDTH);
    }

    public AdminCommandCodec remoteAddress(final CharSequence value)
    {
        putAscii(REMOTE_ADDRESS_OFFSET, REMOTE_ADDRESS_WIDTH, value);
        return this;
    }
}
