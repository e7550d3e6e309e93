package io.easyquant.journal.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.easyquant.journal.codec.RecordHeader.BYTE_ORDER;

/**
 * Base of the record codecs: a reusable view over one record in a buffer. A codec holds no copy of the data; it
 * reads and writes the buffer in place, so encoding and decoding never allocate.
 *
 * <p>Not thread-safe: one instance per thread. Decoders are wrapped with {@link #wrap(DirectBuffer, int)};
 * encoders with {@link #wrapForEncode(MutableDirectBuffer, int, int)}, which also writes the header.
 */
public abstract class Flyweight
{
    protected MutableDirectBuffer buffer;
    protected int offset;

    /**
     * @return the record type this codec reads and writes.
     */
    public abstract RecordType type();

    /**
     * Wrap an existing record for reading (and in-place update).
     * The buffer must be a {@link MutableDirectBuffer}; read-only use never calls a setter.
     */
    @SuppressWarnings("unchecked")
    public <T extends Flyweight> T wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = (MutableDirectBuffer)buffer;
        this.offset = offset;
        return (T)this;
    }

    /**
     * Wrap a buffer for writing a new record of this type: the header is written with sequence and time cleared,
     * the body is zeroed.
     */
    @SuppressWarnings("unchecked")
    public <T extends Flyweight> T wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int sourceId)
    {
        this.buffer = buffer;
        this.offset = offset;
        RecordHeader.zero(buffer, offset + RecordHeader.LENGTH, type().length() - RecordHeader.LENGTH);
        RecordHeader.encode(buffer, offset, type(), sourceId);
        return (T)this;
    }

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public int offset()
    {
        return offset;
    }

    public int encodedLength()
    {
        return type().length();
    }

    public int sourceId()
    {
        return RecordHeader.sourceId(buffer, offset);
    }

    public long sequence()
    {
        return RecordHeader.sequence(buffer, offset);
    }

    public long timeNs()
    {
        return RecordHeader.timeNs(buffer, offset);
    }

    public void sequence(final long sequence)
    {
        buffer.putLong(offset + RecordHeader.SEQUENCE_OFFSET, sequence, BYTE_ORDER);
    }

    public void timeNs(final long timeNs)
    {
        buffer.putLong(offset + RecordHeader.TIME_NS_OFFSET, timeNs, BYTE_ORDER);
    }

    protected final long getLong(final int fieldOffset)
    {
        return buffer.getLong(offset + fieldOffset, BYTE_ORDER);
    }

    protected final void putLong(final int fieldOffset, final long value)
    {
        buffer.putLong(offset + fieldOffset, value, BYTE_ORDER);
    }

    protected final int getInt(final int fieldOffset)
    {
        return buffer.getInt(offset + fieldOffset, BYTE_ORDER);
    }

    protected final void putInt(final int fieldOffset, final int value)
    {
        buffer.putInt(offset + fieldOffset, value, BYTE_ORDER);
    }

    protected final byte getByte(final int fieldOffset)
    {
        return buffer.getByte(offset + fieldOffset);
    }

    protected final void putByte(final int fieldOffset, final byte value)
    {
        buffer.putByte(offset + fieldOffset, value);
    }

    protected final double getDouble(final int fieldOffset)
    {
        return buffer.getDouble(offset + fieldOffset, BYTE_ORDER);
    }

    protected final void putDouble(final int fieldOffset, final double value)
    {
        buffer.putDouble(offset + fieldOffset, value, BYTE_ORDER);
    }

    /**
     * Write ASCII text into a fixed-width field, truncated to fit and padded with zeros. Non-ASCII characters are
     * written as '?'.
     */
    protected final void putAscii(final int fieldOffset, final int width, final CharSequence value)
    {
        final int length = value == null ? 0 : Math.min(width, value.length());
        for (int i = 0; i < length; i++)
        {
            final char c = value.charAt(i);
            buffer.putByte(offset + fieldOffset + i, c < 128 ? (byte)c : (byte)'?');
        }
        for (int i = length; i < width; i++)
        {
            buffer.putByte(offset + fieldOffset + i, (byte)0);
        }
    }

    /**
     * Append the ASCII text of a fixed-width field to {@code out}, stopping at the first zero byte.
     */
    protected final void appendAscii(final int fieldOffset, final int width, final StringBuilder out)
    {
        for (int i = 0; i < width; i++)
        {
            final byte b = buffer.getByte(offset + fieldOffset + i);
            if (b == 0)
            {
                return;
            }
            out.append((char)b);
        }
    }

    /**
     * Read a fixed-width ASCII field as a String. Allocates: for the cold path (tools, logs, the admin server).
     */
    protected final String getAscii(final int fieldOffset, final int width)
    {
        final StringBuilder out = new StringBuilder(width);
        appendAscii(fieldOffset, width, out);
        return out.toString();
    }
}
