package io.easyquant.engine.pipeline;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.RecordHeader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboundPublisherTest
{
    private static final int RING = 64;

    private final RingBuffer<EngineEvent> ring =
        RingBuffer.createSingleProducer(EngineEvent::new, RING, new SleepingWaitStrategy());
    private final InboundPublisher publisher =
        new InboundPublisher(ring, () -> 7L, 1_000_000, new EngineCounters(1), 0);
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);

    @Test
    void shouldCopyARecordWhoseDeclaredLengthFitsAndKeepItsStamps()
    {
        fillEverySlot((byte)0x77);
        record.setMemory(0, record.capacity(), (byte)0x11);
        record.putShort(RecordHeader.LENGTH_OFFSET, (short)72, RecordHeader.BYTE_ORDER);
        RecordHeader.stamp(record, 0, 42, 1_000);

        assertTrue(publisher.publishRecord(record, 0, 72));

        final EngineEvent event = ring.get(ring.getCursor());
        for (int i = RecordHeader.LENGTH; i < 72; i++)
        {
            assertEquals(0x11, event.record.getByte(i), "byte " + i);
        }
        assertEquals(42, RecordHeader.sequence(event.record, 0));
        assertEquals(1_000, RecordHeader.timeNs(event.record, 0));
    }

    @Test
    void shouldClearTheSlotPastARecordWhoseDeclaredLengthReachesBeyondIt()
    {
        for (final int declared : new int[] {100, RecordHeader.MAX_RECORD_LENGTH, 0, 10, 0xFFFF})
        {
            fillEverySlot((byte)0x77);
            record.setMemory(0, record.capacity(), (byte)0x11);
            record.putShort(RecordHeader.LENGTH_OFFSET, (short)declared, RecordHeader.BYTE_ORDER);

            assertTrue(publisher.publishRecord(record, 0, 72, true));

            final EngineEvent event = ring.get(ring.getCursor());
            for (int i = 72; i < RecordHeader.MAX_RECORD_LENGTH; i++)
            {
                assertEquals(0, event.record.getByte(i), "declared " + declared + " byte " + i);
            }
            assertEquals(ring.getCursor(), RecordHeader.sequence(event.record, 0));
        }
    }

    private void fillEverySlot(final byte value)
    {
        final UnsafeBuffer dirty = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        dirty.setMemory(0, dirty.capacity(), value);
        dirty.putShort(RecordHeader.LENGTH_OFFSET, (short)RecordHeader.MAX_RECORD_LENGTH, RecordHeader.BYTE_ORDER);
        for (int i = 0; i < RING; i++)
        {
            assertTrue(publisher.publishRecord(dirty, 0, RecordHeader.MAX_RECORD_LENGTH));
        }
    }
}
