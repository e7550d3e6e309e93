package io.easyquant.engine.pipeline;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.SequenceSkipCodec;
import io.easyquant.journal.codec.TimerTickCodec;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Inputs whose append failed leave their sequences out of the journal; ingest declares each such jump with a sequence
 * skip before the next input it journals, so the journal reads on one by one, skips included, whatever failed when.
 */
class IngestSequenceSkipTest
{
    private final Instruments instruments = new Instruments(List.of(
        new Instrument(7, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD")));
    private final List<UnsafeBuffer> journaled = new ArrayList<>();
    private final List<Boolean> refusals = new ArrayList<>();
    private final RecordSink sink = (buffer, offset, length) ->
    {
        if (!refusals.isEmpty() && refusals.remove(0))
        {
            throw new IllegalStateException("append refused");
        }
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
        copy.putBytes(0, buffer, offset, length);
        journaled.add(copy);
    };
    private final IngestHandler handler = new IngestHandler(instruments, new EngineCounters(1), sink);

    private void ingest(final long sequence)
    {
        final EngineEvent event = new EngineEvent();
        new TimerTickCodec().wrapForEncode(event.record, 0, 40).<TimerTickCodec>wrap(event.record, 0).timerId(1);
        RecordHeader.stamp(event.record, 0, sequence, 1_000 + sequence);
        handler.onEvent(event, sequence, true);
    }

    @Test
    void shouldDeclareEverySkippedSequenceEvenWhenTheAppendAfterASkipFails()
    {
        ingest(0);
        refusals.add(true);
        assertThrows(IllegalStateException.class, () -> ingest(1));
        // The skip for 1 goes in, then the append of 2 fails too.
        refusals.add(false);
        refusals.add(true);
        assertThrows(IllegalStateException.class, () -> ingest(2));
        ingest(3);

        long expected = -1;
        for (final UnsafeBuffer record : journaled)
        {
            final long sequence = RecordHeader.sequence(record, 0);
            if (expected >= 0)
            {
                assertEquals(expected, sequence, "the journal reads on one by one");
            }
            expected = sequence + 1;
            if (RecordHeader.templateId(record, 0) == RecordType.SEQUENCE_SKIP.code())
            {
                expected = new SequenceSkipCodec().<SequenceSkipCodec>wrap(record, 0).nextSequence();
            }
        }
        assertEquals(4, expected, "the last journaled input is 3");
        assertEquals(RecordType.TIMER_TICK.code(), RecordHeader.templateId(journaled.get(journaled.size() - 1), 0));
        assertEquals(4, journaled.size(), "input 0, a skip for 1, a skip for 2, input 3");
    }
}
