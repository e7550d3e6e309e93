package io.easyquant.engine.metrics;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionedSlotsTest
{
    @Test
    void shouldReadWhatWasWrittenWithAnEvenVersion()
    {
        final VersionedSlots slots = new VersionedSlots(2, 3);
        final long[] copy = new long[3];
        assertEquals(0, slots.read(1, copy));

        slots.begin(1);
        slots.put(1, 0, 7);
        slots.put(1, 2, -9);
        slots.end(1);

        assertEquals(2, slots.read(1, copy));
        assertArrayEquals(new long[] {7, 0, -9}, copy);
        assertEquals(7, slots.get(1, 0));
    }

    @Test
    void shouldReportASlotWhoseWriteIsInProgressAsBusy()
    {
        final VersionedSlots slots = new VersionedSlots(1, 1);
        slots.begin(0);

        assertEquals(-1, slots.read(0, new long[1]));
    }

    /**
     * A writer fills every field of a slot with the same number, over and over; readers on other threads must never
     * see a copy that mixes two writes.
     */
    @Test
    void shouldNeverReturnATornCopyWhileTheWriterRuns() throws Exception
    {
        final int fields = 12;
        final VersionedSlots slots = new VersionedSlots(4, fields);
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicReference<String> torn = new AtomicReference<>();
        final Thread writer = new Thread(() ->
        {
            long value = 0;
            while (running.get())
            {
                final int slot = (int)(value & 3);
                slots.begin(slot);
                for (int field = 0; field < fields; field++)
                {
                    slots.put(slot, field, value);
                }
                slots.end(slot);
                value++;
            }
        });
        final Thread[] readers = new Thread[2];
        final long[] consistentReads = new long[readers.length];
        for (int r = 0; r < readers.length; r++)
        {
            final int reader = r;
            readers[r] = new Thread(() ->
            {
                final long[] copy = new long[fields];
                while (running.get())
                {
                    for (int slot = 0; slot < 4; slot++)
                    {
                        if (slots.read(slot, copy) > 0)
                        {
                            consistentReads[reader]++;
                            for (int field = 1; field < fields; field++)
                            {
                                if (copy[field] != copy[0])
                                {
                                    torn.compareAndSet(null, "slot " + slot + ": " + java.util.Arrays.toString(copy));
                                }
                            }
                        }
                    }
                }
            });
        }
        writer.start();
        for (final Thread reader : readers)
        {
            reader.start();
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (System.nanoTime() < deadlineNs && torn.get() == null)
        {
            Thread.sleep(10);
        }
        running.set(false);
        writer.join(5_000);
        for (final Thread reader : readers)
        {
            reader.join(5_000);
        }

        assertNull(torn.get());
        for (final long reads : consistentReads)
        {
            assertTrue(reads > 0, "every reader got consistent copies");
        }
    }
}
