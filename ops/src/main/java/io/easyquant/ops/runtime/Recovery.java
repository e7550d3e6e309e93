package io.easyquant.ops.runtime;

import io.easyquant.engine.Engine;
import io.easyquant.engine.pipeline.InboundPublisher;
import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.SequenceSkipCodec;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalDamageException;
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
 * appended again but compared with the journaled ones ({@link ReplayedOutputCheck}), and the venue (which keeps its
 * own book) hears nothing.
 *
 * <p>The journal is the truth, and a recovery never carries on from a state it contradicts: damage anywhere in the
 * journal ({@link JournalDamageException}) or a regenerated output that differs from the journaled one
 * ({@link DivergenceException}) stops it before anything is written, the state maps included. The sequence and client
 * order id high-water marks come from what was journaled (a declared sequence skip included), never from what the
 * replay reproduced: if the replayed engine would issue an id at or below one the journal holds, it stops too.
 *
 * <p>A journal is one continuous stream of input sequences across sessions (each session continues after the last
 * journaled input, see {@link Engine#continueSequenceAt(long)}); the reader refuses one whose sequence jumps or goes
 * back without a declared skip, and a journal of format 1 (sessions that each restarted at 0) is never opened for
 * writing.
 */
public final class Recovery
{
    private static final long IDLE_TIMEOUT_NS = TimeUnit.MINUTES.toNanos(10);
    private static final long STALL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    /**
     * What a recovery replayed.
     *
     * @param inputs          inputs replayed.
     * @param lastSequence    the last input sequence the journal used (after a declared skip, the one before the
     *                        sequence it declares next), -1 for an empty journal.
     * @param maxClOrdId      the highest client order id (= intent id) the journal holds, or a declared skip
     *                        reserves, 0 if none.
     * @param outputsCompared regenerated outputs found identical to the journaled ones.
     * @param crashLost       regenerated outputs the journal lacks because a session died before journaling them.
     * @param elapsedNs       how long it took.
     */
    public record Result(
        long inputs, long lastSequence, long maxClOrdId, long outputsCompared, long crashLost, long elapsedNs)
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

    /**
     * A regenerated output that differs from the journaled one: the recovery stopped and nothing was written.
     */
    public static final class DivergenceException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        DivergenceException(final String message)
        {
            super(message);
        }
    }

    private Recovery()
    {
    }

    /**
     * Replay the journal's inputs through the started engine, wait until the ring is idle, and check the outputs.
     *
     * @param outputs where the engine's regenerated outputs went while the gate was shut.
     * @throws JournalDamageException if the journal is damaged anywhere.
     * @throws DivergenceException    if the replay decided otherwise than the journal says, or would reuse an id.
     * @throws IllegalStateException  if the ring does not take or finish the inputs in time.
     */
    static Result run(final Journal journal, final Engine engine, final ReplayedOutputCheck outputs)
    {
        final long startNs = System.nanoTime();
        final InboundPublisher publisher = engine.newPublisher();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        final OrderCodec order = new OrderCodec();
        final SequenceSkipCodec skip = new SequenceSkipCodec();
        long inputs = 0;
        long lastSequence = -1;
        long maxClOrdId = 0;
        try (JournalReader reader = journal.newReader())
        {
            int length;
            while ((length = reader.next(record)) > 0)
            {
                final RecordType type = RecordType.get(RecordHeader.templateId(record, 0));
                if (type == RecordType.ORDER)
                {
                    maxClOrdId = Math.max(maxClOrdId, order.<OrderCodec>wrap(record, 0).clOrdId());
                }
                if (type != null && !type.isInput())
                {
                    continue;
                }
                lastSequence = RecordHeader.sequence(record, 0);
                if (type == RecordType.SEQUENCE_SKIP && length == SequenceSkipCodec.LENGTH)
                {
                    skip.wrap(record, 0);
                    lastSequence = Math.max(lastSequence, skip.nextSequence() - 1);
                    maxClOrdId = Math.max(maxClOrdId, skip.nextIntentIdAtLeast() - 1);
                }
                publish(publisher, record, length, reader.index());
                inputs++;
            }
        }
        if (!engine.awaitIdle(IDLE_TIMEOUT_NS))
        {
            throw new IllegalStateException("the recovery replay of " + inputs + " inputs did not finish within " +
                TimeUnit.NANOSECONDS.toMinutes(IDLE_TIMEOUT_NS) + " min");
        }
        outputs.finish();
        if (outputs.damage() != null)
        {
            throw outputs.damage();
        }
        if (outputs.divergence() != null)
        {
            throw new DivergenceException(journal.directory() + ": the recovery replay decided otherwise than the " +
                "journal says, " + outputs.divergence() + "\nThe journal was changed, or this engine decides " +
                "differently from the one that wrote it. Nothing was written and no state was changed; " +
                "`easyquant replay --journal " + journal.directory() + " --verify` shows the same divergence");
        }
        final long nextIntentId = engine.risk().nextIntentId();
        if (nextIntentId <= maxClOrdId)
        {
            throw new DivergenceException(journal.directory() + ": the recovery replay would issue client order id " +
                nextIntentId + ", but the journal already holds (or reserves) ids up to " + maxClOrdId +
                "; refusing to reuse one. Nothing was written and no state was changed");
        }
        return new Result(inputs, lastSequence, maxClOrdId, outputs.compared(), outputs.crashLost(),
            System.nanoTime() - startNs);
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
