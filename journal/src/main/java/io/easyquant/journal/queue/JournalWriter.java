package io.easyquant.journal.queue;

import io.easyquant.journal.RecordSink;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

/**
 * Appends records to a journal, one Chronicle document per record. Bound to the thread of its first append: one
 * writer per writing thread. No allocation per append in steady state.
 *
 * <p>A failure to append (a full disk, a closed journal) is thrown: the caller must not let an unjournaled record take
 * effect. Before touching the queue, an append asks the journal's {@link JournalSpace} (one volatile read), which
 * refuses it once the disk is full and the reserve allocated ahead of the writers is spent.
 */
public final class JournalWriter implements RecordSink, AutoCloseable
{
    private final SingleChronicleQueue queue;
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
        try (DocumentContext document = appender.writingDocument())
        {
            final Bytes<?> bytes = document.wire().bytes();
            final byte[] array = buffer.byteArray();
            if (array != null)
            {
                bytes.write(array, buffer.wrapAdjustment() + offset, length);
            }
            else
            {
                for (int i = 0; i < length; i++)
                {
                    bytes.rawWriteByte(buffer.getByte(offset + i));
                }
            }
        }
        appended++;
        lastIndex = appender.lastIndexAppended();
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
