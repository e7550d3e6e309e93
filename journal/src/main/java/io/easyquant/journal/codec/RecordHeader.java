package io.easyquant.journal.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The header that starts every record. All fields are little-endian.
 *
 * <pre>
 *   0               2               4                               8
 *   +---------------+---------------+-------------------------------+
 *   |  templateId   |    length     |           sourceId            |
 *   +---------------+---------------+-------------------------------+
 *   |                        sequence (i64)                         |  8
 *   +---------------------------------------------------------------+
 *   |                          timeNs (i64)                         | 16
 *   +---------------------------------------------------------------+ 24
 * </pre>
 *
 * <ul>
 *   <li>{@code templateId}: the {@link RecordType} code.</li>
 *   <li>{@code length}: the total record length in bytes, header included.</li>
 *   <li>{@code sourceId}: who produced the record (a feed, the venue, the admin server, the timer, a stage).</li>
 *   <li>{@code sequence}: the engine sequence stamped at ingest; 0 until stamped.</li>
 *   <li>{@code timeNs}: engine time in nanoseconds since the Unix epoch, stamped at ingest. All engine logic takes
 *       its time from this field, never from a clock.</li>
 * </ul>
 */
public final class RecordHeader
{
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    public static final int TEMPLATE_ID_OFFSET = 0;
    public static final int LENGTH_OFFSET = 2;
    public static final int SOURCE_ID_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 8;
    public static final int TIME_NS_OFFSET = 16;
    public static final int LENGTH = 24;

    /**
     * The largest record of the schema, header included. Ring slots and journal entries are sized from it.
     */
    public static final int MAX_RECORD_LENGTH = 192;

    private RecordHeader()
    {
    }

    /**
     * Zero {@code length} bytes from {@code index}: 8 at a time, then the rest. For the short ranges of a record this
     * is cheaper than {@link MutableDirectBuffer#setMemory}, which on Java 17 is a native call.
     */
    public static void zero(final MutableDirectBuffer buffer, final int index, final int length)
    {
        final int end = index + length;
        int i = index;
        for (; i + Long.BYTES <= end; i += Long.BYTES)
        {
            buffer.putLong(i, 0L);
        }
        for (; i < end; i++)
        {
            buffer.putByte(i, (byte)0);
        }
    }

    public static int templateId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + TEMPLATE_ID_OFFSET, BYTE_ORDER) & 0xFFFF;
    }

    public static int length(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + LENGTH_OFFSET, BYTE_ORDER) & 0xFFFF;
    }

    public static int sourceId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + SOURCE_ID_OFFSET, BYTE_ORDER);
    }

    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, BYTE_ORDER);
    }

    public static long timeNs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + TIME_NS_OFFSET, BYTE_ORDER);
    }

    /**
     * Write a header for a record of the given type with sequence and time cleared.
     */
    public static void encode(
        final MutableDirectBuffer buffer, final int offset, final RecordType type, final int sourceId)
    {
        buffer.putShort(offset + TEMPLATE_ID_OFFSET, (short)type.code(), BYTE_ORDER);
        buffer.putShort(offset + LENGTH_OFFSET, (short)type.length(), BYTE_ORDER);
        buffer.putInt(offset + SOURCE_ID_OFFSET, sourceId, BYTE_ORDER);
        buffer.putLong(offset + SEQUENCE_OFFSET, 0L, BYTE_ORDER);
        buffer.putLong(offset + TIME_NS_OFFSET, 0L, BYTE_ORDER);
    }

    /**
     * Stamp the ingest sequence and engine time.
     */
    public static void stamp(final MutableDirectBuffer buffer, final int offset, final long sequence, final long timeNs)
    {
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, BYTE_ORDER);
        buffer.putLong(offset + TIME_NS_OFFSET, timeNs, BYTE_ORDER);
    }
}
