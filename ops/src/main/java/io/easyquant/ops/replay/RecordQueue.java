package io.easyquant.ops.replay;

import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.RecordFormatter;
import io.easyquant.journal.codec.RecordHeader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Records kept in arrival order, each copied: the outputs a replay produced, or those it read, waiting to be compared.
 *
 * <p>A ring of record-sized slots that doubles when full and is reused after: appending and comparing allocate
 * nothing once the ring is as large as the longest run of unmatched records. Single-threaded.
 */
final class RecordQueue implements RecordSink
{
    private byte[][] slots = new byte[64][];
    private int[] lengths = new int[64];
    private int head;
    private int size;

    /**
     * Copy a record to the tail. A record longer than {@link RecordHeader#MAX_RECORD_LENGTH} is kept whole.
     */
    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (size == slots.length)
        {
            grow();
        }
        final int slot = (head + size) & (slots.length - 1);
        byte[] bytes = slots[slot];
        if (bytes == null || bytes.length < length)
        {
            bytes = new byte[Math.max(length, RecordHeader.MAX_RECORD_LENGTH)];
            slots[slot] = bytes;
        }
        buffer.getBytes(offset, bytes, 0, length);
        lengths[slot] = length;
        size++;
    }

    private void grow()
    {
        final int capacity = slots.length;
        final byte[][] grownSlots = new byte[capacity * 2][];
        final int[] grownLengths = new int[capacity * 2];
        for (int i = 0; i < size; i++)
        {
            final int from = (head + i) & (capacity - 1);
            grownSlots[i] = slots[from];
            grownLengths[i] = lengths[from];
        }
        slots = grownSlots;
        lengths = grownLengths;
        head = 0;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    int size()
    {
        return size;
    }

    /**
     * @return whether the oldest record here and the oldest in {@code other} are the same bytes; both must not be
     *         empty.
     */
    boolean headEquals(final RecordQueue other)
    {
        final int length = lengths[head];
        return length == other.lengths[other.head] &&
            Arrays.equals(slots[head], 0, length, other.slots[other.head], 0, length);
    }

    /**
     * Remove the oldest record; the queue must not be empty.
     */
    void drop()
    {
        head = (head + 1) & (slots.length - 1);
        size--;
    }

    /**
     * @return the oldest record as text (a cold path: divergences), then removed.
     */
    String pollFormatted(final RecordFormatter formatter)
    {
        final String text = formatter.format(new UnsafeBuffer(slots[head], 0, lengths[head]), 0);
        drop();
        return text;
    }
}
