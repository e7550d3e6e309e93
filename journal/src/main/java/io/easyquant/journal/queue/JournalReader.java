package io.easyquant.journal.queue;

import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.MutableDirectBuffer;

/**
 * Reads a journal's records in order. Header entries are skipped. An entry that is not a whole record of the schema
 * (too short, too long, or a length that disagrees with its record header) is skipped and counted as damaged; an
 * entry a writer never finished (a writer killed mid-append) ends the readable journal, and everything before it
 * reads normally.
 *
 * <p>Reads forward by default; {@link #backward()} turns it around (newest first, from {@link #toEnd()} or an index).
 *
 * <p>Single-threaded. No allocation per record.
 */
public final class JournalReader implements AutoCloseable
{
    private final ExcerptTailer tailer;
    private final String where;
    private long index = -1;
    private long records;
    private long damaged;

    JournalReader(final SingleChronicleQueue queue, final String where)
    {
        this.tailer = queue.createTailer();
        this.where = where;
    }

    /**
     * Read the next record into {@code into}, which must be backed by a byte array of at least
     * {@link RecordHeader#MAX_RECORD_LENGTH} bytes.
     *
     * @return the record's length, or -1 when there is no further complete record.
     */
    public int next(final MutableDirectBuffer into)
    {
        while (true)
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    return -1;
                }
                final Bytes<?> bytes = document.wire().bytes();
                final long length = bytes.readRemaining();
                if (length >= 2 && isHeaderEntry(bytes))
                {
                    continue;
                }
                if (length < RecordHeader.LENGTH || length > RecordHeader.MAX_RECORD_LENGTH ||
                    length > into.capacity())
                {
                    damaged++;
                    continue;
                }
                bytes.read(into.byteArray(), into.wrapAdjustment(), (int)length);
                final int declared = RecordHeader.length(into, 0);
                final RecordType type = RecordType.get(RecordHeader.templateId(into, 0));
                if (declared != length || (type != null && type.length() != length))
                {
                    damaged++;
                    continue;
                }
                index = document.index();
                records++;
                return (int)length;
            }
        }
    }

    private static boolean isHeaderEntry(final Bytes<?> bytes)
    {
        final long position = bytes.readPosition();
        final int templateId = (bytes.readUnsignedByte(position) | (bytes.readUnsignedByte(position + 1) << 8));
        return templateId == JournalHeader.TEMPLATE_ID;
    }

    /**
     * @return the journal index of the last record returned, or -1.
     */
    public long index()
    {
        return index;
    }

    /**
     * Position the reader so that the next record read is the one at {@code index}.
     *
     * @return false if there is no entry at that index.
     */
    public boolean moveToIndex(final long index)
    {
        return tailer.moveToIndex(index);
    }

    /**
     * Read backward from now on: each {@link #next} returns the record before the previous one.
     *
     * @return this reader.
     */
    public JournalReader backward()
    {
        tailer.direction(TailerDirection.BACKWARD);
        return this;
    }

    /**
     * Position the reader at the end: reading forward, the next record is the next one appended; reading backward,
     * it is the last one in the journal.
     *
     * @return this reader.
     */
    public JournalReader toEnd()
    {
        tailer.toEnd();
        return this;
    }

    /**
     * @return the index of the entry the next {@link #next} starts at (in the reading direction); pass it to
     * {@link #moveToIndex} to continue from there later.
     */
    public long nextIndex()
    {
        return tailer.index();
    }

    /**
     * @return records returned so far.
     */
    public long records()
    {
        return records;
    }

    /**
     * @return entries skipped because they were not whole records.
     */
    public long damaged()
    {
        return damaged;
    }

    public String where()
    {
        return where;
    }

    @Override
    public void close()
    {
        tailer.singleThreadedCheckReset();
        tailer.close();
    }
}
