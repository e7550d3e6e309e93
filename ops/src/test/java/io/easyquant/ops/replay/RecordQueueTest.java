package io.easyquant.ops.replay;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordQueueTest
{
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[256]);

    @Test
    void shouldKeepRecordsInOrderAcrossGrowthAndWrapAround()
    {
        final RecordQueue left = new RecordQueue();
        final RecordQueue right = new RecordQueue();
        int appended = 0;
        int dropped = 0;
        for (int round = 0; round < 50; round++)
        {
            for (int i = 0; i < 7 + round; i++)
            {
                append(left, appended, 24 + appended % 60);
                append(right, appended, 24 + appended % 60);
                appended++;
            }
            for (int i = 0; i < 5 + round / 2 && !left.isEmpty(); i++)
            {
                assertTrue(left.headEquals(right), "record " + dropped);
                left.drop();
                right.drop();
                dropped++;
            }
            assertEquals(appended - dropped, left.size());
        }
    }

    @Test
    void shouldTellRecordsApartByContentAndLength()
    {
        final RecordQueue left = new RecordQueue();
        final RecordQueue right = new RecordQueue();
        append(left, 1, 40);
        append(right, 2, 40);
        assertFalse(left.headEquals(right));

        left.drop();
        right.drop();
        append(left, 3, 40);
        append(right, 3, 48);
        assertFalse(left.headEquals(right));
    }

    private void append(final RecordQueue queue, final int value, final int length)
    {
        record.setMemory(0, record.capacity(), (byte)0);
        record.putInt(0, value);
        record.putInt(length - 4, ~value);
        queue.append(record, 0, length);
    }
}
