package io.easyquant.adapters.sink.postgres;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The rows of one table for one batch, encoded in PostgreSQL's binary {@code COPY} format, ready to stream with
 * {@code COPY table (columns) FROM STDIN (FORMAT binary)}:
 *
 * <pre>
 *   header   "PGCOPY\n\377\r\n\0", int32 flags (0), int32 header extension length (0)
 *   row      int16 field count, then per field: int32 byte length (-1 for NULL) and the value's bytes
 *   trailer  int16 -1
 * </pre>
 *
 * All integers are big-endian. Values: {@code int4}, {@code int8}, {@code float8}, {@code bool}, {@code timestamptz}
 * (int64 microseconds since 2000-01-01 UTC), {@code text} (UTF-8) and {@code jsonb} (a version byte 1, then JSON
 * text). Text written from journal fields is kept to printable ASCII, so no row can carry bytes the server refuses.
 *
 * <p>The buffer grows as needed and is reused batch after batch: no allocation in steady state. Not thread-safe.
 */
final class CopyRows
{
    private static final ByteOrder ORDER = ByteOrder.BIG_ENDIAN;
    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER_LENGTH = SIGNATURE.length + 8;
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in microseconds since the Unix epoch. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte JSONB_VERSION = 1;
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final String table;
    private final String copySql;
    private final int columns;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(INITIAL_CAPACITY);
    private int position;
    private int rows;
    private int fieldsInRow;
    private int jsonLengthAt;
    private boolean jsonFirst;

    /**
     * @param table   the qualified table name, e.g. {@code easyquant.orders}.
     * @param columns the column names, in the order values are written.
     */
    CopyRows(final String table, final String... columns)
    {
        this.table = table;
        this.columns = columns.length;
        this.copySql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)";
        reset();
    }

    String copySql()
    {
        return copySql;
    }

    int rows()
    {
        return rows;
    }

    /**
     * Drop every row: the next batch starts empty.
     */
    void reset()
    {
        buffer.putBytes(0, SIGNATURE);
        buffer.putInt(SIGNATURE.length, 0, ORDER);
        buffer.putInt(SIGNATURE.length + 4, 0, ORDER);
        position = HEADER_LENGTH;
        rows = 0;
        fieldsInRow = columns;
    }

    /**
     * Start a row; exactly {@code columns} values must follow.
     */
    CopyRows row()
    {
        if (fieldsInRow != columns)
        {
            throw new IllegalStateException(table + ": the previous row has " + fieldsInRow + " of " + columns +
                " values");
        }
        buffer.putShort(position, (short)columns, ORDER);
        position += 2;
        fieldsInRow = 0;
        rows++;
        return this;
    }

    CopyRows int4(final int value)
    {
        buffer.putInt(position, 4, ORDER);
        buffer.putInt(position + 4, value, ORDER);
        position += 8;
        fieldsInRow++;
        return this;
    }

    CopyRows int8(final long value)
    {
        buffer.putInt(position, 8, ORDER);
        buffer.putLong(position + 4, value, ORDER);
        position += 12;
        fieldsInRow++;
        return this;
    }

    CopyRows float8(final double value)
    {
        buffer.putInt(position, 8, ORDER);
        buffer.putLong(position + 4, Double.doubleToRawLongBits(value), ORDER);
        position += 12;
        fieldsInRow++;
        return this;
    }

    CopyRows bool(final boolean value)
    {
        buffer.putInt(position, 1, ORDER);
        buffer.putByte(position + 4, value ? (byte)1 : (byte)0);
        position += 5;
        fieldsInRow++;
        return this;
    }

    /**
     * A {@code timestamptz} from nanoseconds since the Unix epoch, truncated to the microsecond (toward the past).
     */
    CopyRows timestamp(final long timeNs)
    {
        return int8(Math.floorDiv(timeNs, 1_000L) - POSTGRES_EPOCH_MICROS);
    }

    CopyRows nullValue()
    {
        buffer.putInt(position, -1, ORDER);
        position += 4;
        fieldsInRow++;
        return this;
    }

    /**
     * A text value from bytes that are already valid UTF-8 (constants).
     */
    CopyRows text(final byte[] utf8)
    {
        buffer.putInt(position, utf8.length, ORDER);
        buffer.putBytes(position + 4, utf8);
        position += 4 + utf8.length;
        fieldsInRow++;
        return this;
    }

    /**
     * A text value from a fixed-width, zero-padded ASCII field of a record: up to the first zero byte; bytes outside
     * printable ASCII become {@code '?'}.
     */
    CopyRows asciiField(final DirectBuffer record, final int offset, final int width)
    {
        final int start = position + 4;
        int length = 0;
        for (int i = 0; i < width; i++)
        {
            final byte b = record.getByte(offset + i);
            if (b == 0)
            {
                break;
            }
            buffer.putByte(start + length, b >= 0x20 && b < 0x7F ? b : (byte)'?');
            length++;
        }
        buffer.putInt(position, length, ORDER);
        position = start + length;
        fieldsInRow++;
        return this;
    }

    /**
     * Start a {@code jsonb} value holding one JSON object; add members with the {@code json*} methods and end it with
     * {@link #endJson()}. Member names must be plain ASCII without quotes or backslashes.
     */
    CopyRows beginJson()
    {
        jsonLengthAt = position;
        buffer.putByte(position + 4, JSONB_VERSION);
        buffer.putByte(position + 5, (byte)'{');
        position += 6;
        jsonFirst = true;
        return this;
    }

    CopyRows jsonLong(final String name, final long value)
    {
        jsonName(name);
        position += buffer.putLongAscii(position, value);
        return this;
    }

    /**
     * A number member; NaN and infinities, which JSON cannot hold, are written as null.
     */
    CopyRows jsonDouble(final String name, final double value)
    {
        jsonName(name);
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            position += buffer.putStringWithoutLengthAscii(position, "null");
        }
        else
        {
            // Cold enough to allocate: signals only.
            position += buffer.putStringWithoutLengthAscii(position, Double.toString(value));
        }
        return this;
    }

    CopyRows jsonBool(final String name, final boolean value)
    {
        jsonName(name);
        position += buffer.putStringWithoutLengthAscii(position, value ? "true" : "false");
        return this;
    }

    /**
     * A string member from bytes that need no escaping (constants: names of enums).
     */
    CopyRows jsonString(final String name, final byte[] ascii)
    {
        jsonName(name);
        buffer.putByte(position++, (byte)'"');
        buffer.putBytes(position, ascii);
        position += ascii.length;
        buffer.putByte(position++, (byte)'"');
        return this;
    }

    /**
     * A string member from a fixed-width, zero-padded ASCII field of a record, escaped for JSON; bytes outside
     * printable ASCII become {@code '?'}.
     */
    CopyRows jsonAsciiField(final String name, final DirectBuffer record, final int offset, final int width)
    {
        jsonName(name);
        buffer.putByte(position++, (byte)'"');
        for (int i = 0; i < width; i++)
        {
            final byte b = record.getByte(offset + i);
            if (b == 0)
            {
                break;
            }
            if (b == '"' || b == '\\')
            {
                buffer.putByte(position++, (byte)'\\');
                buffer.putByte(position++, b);
            }
            else
            {
                buffer.putByte(position++, b >= 0x20 && b < 0x7F ? b : (byte)'?');
            }
        }
        buffer.putByte(position++, (byte)'"');
        return this;
    }

    private void jsonName(final String name)
    {
        if (!jsonFirst)
        {
            buffer.putByte(position++, (byte)',');
        }
        jsonFirst = false;
        buffer.putByte(position++, (byte)'"');
        position += buffer.putStringWithoutLengthAscii(position, name);
        buffer.putByte(position++, (byte)'"');
        buffer.putByte(position++, (byte)':');
    }

    CopyRows endJson()
    {
        buffer.putByte(position++, (byte)'}');
        buffer.putInt(jsonLengthAt, position - jsonLengthAt - 4, ORDER);
        fieldsInRow++;
        return this;
    }

    /**
     * End the batch: append the trailer.
     *
     * @return the length of the COPY data in {@link #array()}.
     */
    int finish()
    {
        if (fieldsInRow != columns)
        {
            throw new IllegalStateException(table + ": the last row has " + fieldsInRow + " of " + columns + " values");
        }
        buffer.putShort(position, (short)-1, ORDER);
        return position + 2;
    }

    byte[] array()
    {
        return buffer.byteArray();
    }
}
