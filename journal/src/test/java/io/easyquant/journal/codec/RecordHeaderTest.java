package io.easyquant.journal.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordHeaderTest
{
    @Test
    void shouldZeroExactlyTheRangeAtAnyOffsetAndLength()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        for (int index = 0; index < 20; index++)
        {
            for (int length = 0; index + length <= 40; length++)
            {
                buffer.setMemory(0, buffer.capacity(), (byte)0x5A);

                RecordHeader.zero(buffer, index, length);

                for (int i = 0; i < buffer.capacity(); i++)
                {
                    final boolean inside = i >= index && i < index + length;
                    assertEquals(inside ? 0 : 0x5A, buffer.getByte(i), "index " + index + " length " + length + " @" + i);
                }
            }
        }
    }
}
