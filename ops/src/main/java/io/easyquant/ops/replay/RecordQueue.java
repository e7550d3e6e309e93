package io.easyquant.ops.replay;

import io.easyquant.journal.RecordSink;
import org.agrona.DirectBuffer;

import java.util.ArrayDeque;

/**
 * Records kept in arrival order, each copied: the outputs a replay produced, or those it read, waiting to be compared.
 * A replay tool, not the hot path.
 */
final class RecordQueue implements RecordSink
{
    private final ArrayDeque<byte[]> records = new ArrayDeque<>();

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        records.addLast(copy);
    }

    boolean isEmpty()
    {
        return records.isEmpty();
    }

    byte[] poll()
    {
        return records.pollFirst();
    }

    int size()
    {
        return records.size();
    }
}
