package io.easyquant.ops.replay;

import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.pipeline.InboundPublisher;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.RecordFormatter;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalReader;
import io.easyquant.ops.backtest.Simulation;
import io.easyquant.ops.config.Configuration;
import org.agrona.collections.LongArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * Replays a journal through the same pipeline and compares every output with the journaled one.
 *
 * <p>Inputs (market data, the venue's reports, commands, timer ticks) are fed in journal order with their journaled
 * sequence and time, one at a time, each run to completion on this thread. The venue answers nothing: its answers are
 * journaled inputs. Outputs are compared byte for byte, in order; the first difference stops the replay.
 *
 * <p>A backtest over another journal did not copy that journal's market data: its header names the source, and its
 * own inputs (the venue's reports) carry the simulation's sequence. The replay merges the two: before an own input
 * with sequence {@code s}, it feeds the source's market records, each taking the next sequence, until {@code s} is
 * reached; after the last own input, the rest of the source.
 *
 * <p>A journal that several sessions appended to ({@code run} reopens a journal written with the same configuration)
 * is replayed session by session. Each session's engine started fresh, with its ring sequence from 0, so an input
 * whose sequence does not follow the previous input's starts a new session: the outputs of the one before must all
 * have been matched, and a fresh engine replays the next.
 */
public final class Replayer
{
    private final Configuration config;
    private long nextSequence;

    /**
     * @param config the configuration to replay with: the journal's own for a verification.
     */
    public Replayer(final Configuration config)
    {
        this.config = config;
    }

    /**
     * Replay the journal and compare.
     *
     * @throws JournalException if the journal names a source journal that cannot be opened.
     */
    public VerifyResult verify(final Journal journal) throws JournalException
    {
        final String source = journal.header().sourceJournal();
        if (source.isEmpty())
        {
            return verify(journal, null);
        }
        try (Journal sourceJournal = Journal.openForReading(Path.of(source));
            JournalReader sourceReader = sourceJournal.newReader())
        {
            return verify(journal, sourceReader);
        }
    }

    private VerifyResult verify(final Journal journal, final JournalReader source)
    {
        nextSequence = 0;
        final RecordQueue actual = new RecordQueue();
        DirectEngine engine = newEngine(actual);
        InboundPublisher inputs = engine.inputs();
        final RecordQueue expected = new RecordQueue();
        final LongArrayQueue indexes = new LongArrayQueue(Long.MIN_VALUE);
        final RecordFormatter formatter = new RecordFormatter();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        final UnsafeBuffer sourceRecord = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);

        long events = 0;
        long compared = 0;
        long lastSequence = -1;
        try (JournalReader reader = journal.newReader())
        {
            int length;
            while ((length = reader.next(record)) > 0)
            {
                final RecordType type = RecordType.get(RecordHeader.templateId(record, 0));
                if (type != null && type.isInput())
                {
                    final long sequence = RecordHeader.sequence(record, 0);
                    if (sequence <= lastSequence)
                    {
                        final VerifyResult.Divergence unmatched = unmatched(expected, indexes, actual, formatter);
                        if (unmatched != null)
                        {
                            return new VerifyResult(events, compared, unmatched);
                        }
                        engine = newEngine(actual);
                        inputs = engine.inputs();
                    }
                    lastSequence = sequence;
                }
                if (type == null || type.isInput())
                {
                    if (source != null)
                    {
                        events += feedSource(source, sourceRecord, inputs, engine, RecordHeader.sequence(record, 0));
                    }
                    if (!inputs.publishRecord(record, 0, length))
                    {
                        throw new IllegalStateException("the replay ring refused an input at " + reader.index());
                    }
                    engine.drain();
                    events++;
                }
                else
                {
                    expected.append(record, 0, length);
                    indexes.addLong(reader.index());
                }
                while (!expected.isEmpty() && !actual.isEmpty())
                {
                    final long index = indexes.pollLong();
                    if (!expected.headEquals(actual))
                    {
                        return new VerifyResult(events, compared, new VerifyResult.Divergence(
                            index, expected.pollFormatted(formatter), actual.pollFormatted(formatter)));
                    }
                    expected.drop();
                    actual.drop();
                    compared++;
                }
            }
            if (source != null)
            {
                events += feedSource(source, sourceRecord, inputs, engine, Long.MAX_VALUE);
                while (!expected.isEmpty() && !actual.isEmpty())
                {
                    final long index = indexes.pollLong();
                    if (!expected.headEquals(actual))
                    {
                        return new VerifyResult(events, compared, new VerifyResult.Divergence(
                            index, expected.pollFormatted(formatter), actual.pollFormatted(formatter)));
                    }
                    expected.drop();
                    actual.drop();
                    compared++;
                }
            }
        }
        return new VerifyResult(events, compared, unmatched(expected, indexes, actual, formatter));
    }

    private DirectEngine newEngine(final RecordQueue actual)
    {
        return new DirectEngine(new EngineContext(config.instruments(), Simulation.directPipeline(config.pipeline()),
            config.features(), config.strategy().get(), config.riskLimits(), config.execution(), () -> 0L, 1,
            () -> RecordSink.NONE, () -> actual), reports -> new SilentVenue());
    }

    /**
     * At the end of a session: an output left on either side, or null if both sides were all matched.
     */
    private static VerifyResult.Divergence unmatched(
        final RecordQueue expected,
        final LongArrayQueue indexes,
        final RecordQueue actual,
        final RecordFormatter formatter)
    {
        if (!expected.isEmpty())
        {
            return new VerifyResult.Divergence(indexes.pollLong(), expected.pollFormatted(formatter), "(none)");
        }
        if (!actual.isEmpty())
        {
            return new VerifyResult.Divergence(-1, "(none)", actual.pollFormatted(formatter));
        }
        return null;
    }

    /**
     * Feed the source's market records, each with the next simulation sequence, until that sequence would reach
     * {@code untilSequence}.
     *
     * @return the records fed.
     */
    private long feedSource(
        final JournalReader source,
        final UnsafeBuffer record,
        final InboundPublisher inputs,
        final DirectEngine engine,
        final long untilSequence)
    {
        long fed = 0;
        while (nextSequence < untilSequence)
        {
            final int length = source.next(record);
            if (length < 0)
            {
                break;
            }
            if (!RecordType.isMarketData(RecordHeader.templateId(record, 0)))
            {
                continue;
            }
            inputs.publishRecord(record, 0, length, true);
            engine.drain();
            nextSequence++;
            fed++;
        }
        nextSequence = untilSequence == Long.MAX_VALUE ? nextSequence : untilSequence + 1;
        return fed;
    }
}
