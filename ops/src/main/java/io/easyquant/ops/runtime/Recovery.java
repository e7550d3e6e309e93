package io.easyquant.ops.runtime;

import io.easyquant.engine.Engine;
import io.easyquant.engine.pipeline.InboundPublisher;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Brings a freshly built, started engine to the state its journal leaves it in, before anything live starts: every
 * journaled input, in journal order with its journaled sequence and time, goes through the engine's own ring and
 * stages.
 *
 * <p>Why the whole journal and not a tail on top of restored positions: the features, the strategy, risk and
 * execution must all come back exactly as a full replay leaves them; a tail replay would continue with cold features
 * and diverge from the replay that {@code replay --verify} does. While it runs, the caller keeps the journal writers
 * and the venue shut ({@link RecoveryGate}): the inputs are already journaled, the outputs they regenerate are not
 * appended again, and the venue (which keeps its own book) hears nothing. Nothing is compared record by record, so it
 * runs at the ring's speed.
 *
 * <p>A journal is one continuous stream of input sequences across sessions (each session continues after the last
 * journaled input, see {@link Engine#continueSequenceAt(long)}). A journal whose input sequence goes back (several
 * sessions that each restarted at 0, written before recovery existed) cannot be continued: it is refused with a
 * message that says so.
 */
public final class Recovery
{
    private static final long IDLE_TIMEOUT_NS = TimeUnit.MINUTES.toNanos(10);
    private static final long STALL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    /**
     * What a recovery replayed.
     *
     * @param inputs       inputs replayed.
     * @param lastSequence the last journaled input's sequence, -1 for an empty journal.
     * @param damaged      damaged entries skipped (a torn write after a kill).
     * @param elapsedNs    how long it took.
     */
    public record Result(long inputs, long lastSequence, long damaged, long elapsedNs)
    {
        public long nextSequence()
        {
            return lastSequence + 1;
        }

        public double eventsPerSecond()
        {
            return elapsedNs == 0 ? 0 : inputs * 1e9 / elapsedNs;
        }
    }

    private Recovery()
    {
    }

    /**
     * Replay the journal's inputs through the started engine and wait until the ring is idle.
     *
     * @throws IllegalStateException if the journal cannot be continued, or the ring does not take or finish the
     *                               inputs in time.
     */
    static Result run(final Journal journal, final Engine engine)
    {
        final long startNs = System.nanoTime();
        final InboundPublisher publisher = engine.newPublisher();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        long inputs = 0;
        long lastSequence = -1;
        long damaged;
        try (JournalReader reader = journal.newReader())
        {
            int length;
            while ((length = reader.next(record)) > 0)
            {
                final RecordType type = RecordType.get(RecordHeader.templateId(record, 0));
                if (type != null && !type.isInput())
                {
                    continue;
                }
                final long sequence = RecordHeader.sequence(record, 0);
                if (sequence <= lastSequence)
                {
                    throw new IllegalStateException(journal.directory() + ": the input sequence goes back from " +
                        lastSequence + " to " + sequence + " at index " + reader.index() + ": this journal holds " +
                        "sessions that each restarted at 0 (written before recovery existed), so it cannot be " +
                        "continued; move it away to start a new one (replay --verify still reads it)");
                }
                lastSequence = sequence;
                publish(publisher, record, length, reader.index());
                inputs++;
            }
            damaged = reader.damaged();
        }
        if (!engine.awaitIdle(IDLE_TIMEOUT_NS))
        {
            throw new IllegalStateException("the recovery replay of " + inputs + " inputs did not finish within " +
                TimeUnit.NANOSECONDS.toMinutes(IDLE_TIMEOUT_NS) + " min");
        }
        return new Result(inputs, lastSequence, damaged, System.nanoTime() - startNs);
    }

    private static void publish(
        final InboundPublisher publisher, final UnsafeBuffer record, final int length, final long index)
    {
        final long deadlineNs = System.nanoTime() + STALL_TIMEOUT_NS;
        while (!publisher.publishRecord(record, 0, length))
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("the ring took no input for " +
                    TimeUnit.NANOSECONDS.toSeconds(STALL_TIMEOUT_NS) + " s during recovery, at journal index " + index);
            }
        }
    }
}
