package io.easyquant.journal.queue;

import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.RecordHeader;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import java.util.zip.CRC32C;

/**
 * Appends records to a journal, one Chronicle document per record: the record's bytes, then the CRC32C of those bytes
 * (4 bytes, little-endian), which every {@link JournalReader} checks. Bound to the thread of its first append: one
 * writer per writing thread. No allocation per append in steady state.
 *
 * <p>A failure to append (a full disk, a closed journal) is thrown: the caller must not let an unjournaled record take
 * effect. Before touching the queue, an append asks the journal's {@link JournalSpace} (one volatile read), which
 * refuses it once the disk is full and the reserve allocated ahead of the writers is spent.
 */
public final class JournalWriter implements RecordSink, AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final CRC32C crc = new CRC32C();
    private final byte[] scratch = new byte[RecordHeader.MAX_RECORD_LENGTH];
    private final JournalSpace space;
    private ExcerptAppender appender;
    private long appended;
    private volatile long lastIndex = -1;

    JournalWriter(final SingleChronicleQueue queue, final JournalSpace space)
    {
        this.queue = queue;
        this.space = space;
    }

    /**
     * @throws JournalSpaceException if the disk is full and the journal's reserve spent: nothing is written.
     */
    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        space.checkAppend();
        if (appender == null)
        {
            appender = queue.createAppender();
        }
        byte[] array = buffer.byteArray();
        int start = buffer.wrapAdjustment() + offset;
        if (array == null)
        {
            if (length > scratch.length)
            {
                throw new IllegalArgumentException("a record of " + length + " bytes is longer than any of the schema");
            }
            buffer.getBytes(offset, scratch, 0, length);
            array = scratch;
            start = 0;
        }
        write(appender, crc, array, start, length);
        appended++;
        lastIndex = appender.lastIndexAppended();
    }

    /**
     * Append one record and its CRC32C as one document.
     */
    static void write(
        final ExcerptAppender appender, final CRC32C crc, final byte[] array, final int start, final int length)
    {
        crc.reset();
        crc.update(array, start, length);
        final int checksum = (int)crc.getValue();
        try (DocumentContext document = appender.writingDocument())
        {
            final Bytes<?> bytes = document.wire().bytes();
            bytes.write(array, start, length);
            bytes.writeByte((byte)checksum);
            bytes.writeByte((byte)(checksum >>> 8));
            bytes.writeByte((byte)(checksum >>> 16));
            bytes.writeByte((byte)(checksum >>> 24));
        }
    }

    /**
     * @return records appended by this writer.
     */
    public long appended()
    {
        return appended;
    }

    /**
     * @return the journal index of the last record this writer appended, or -1; readable from any thread.
     */
    public long lastIndex()
    {
        return lastIndex;
    }

    /**
     * Close the writer; call once its thread has stopped appending.
     */
    @Override
    public void close()
    {
        if (appender != null)
        {
            appender.singleThreadedCheckReset();
            appender.close();
            appender = null;
        }
    }
}
