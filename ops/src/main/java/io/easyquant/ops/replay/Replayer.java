package io.easyquant.ops.replay;

import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.pipeline.InboundPublisher;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
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
 * is one continuous replay: each {@code run} recovered the state of all the sessions before it and continued their
 * sequence, and its first input is a {@link AdminCommandType#SESSION_START SESSION_START} command. At a session start
 * every journaled output before it must have been matched; outputs the replay produced that the journal lacks are
 * counted as lost in a crash ({@link VerifyResult#crashLost()}: the previous session was killed after journaling an
 * input and before journaling all it caused) and dropped. Any output that differs still fails.
 *
 * <p>Journals written before sessions continued their sequence (each session's engine started fresh, its ring
 * sequence from 0) are still replayed session by session: an input whose sequence does not follow the previous
 * input's starts a new session, the outputs of the one before must all have been matched, and a fresh engine replays
 * the next.
 */
public final class Replayer
{
    private final Configuration config;
    private final SessionListener listener;
    private long nextSequence;
    private DirectEngine lastEngine;

    /**
     * Told of each session start before it is replayed, with the engine in the state the sessions before left it.
     */
    @FunctionalInterface
    public interface SessionListener
    {
        /**
         * @param sequence the session start's sequence (the first of the session).
         * @param engine   the replaying engine, idle.
         */
        void onSessionStart(long sequence, DirectEngine engine);
    }

    /**
     * @param config the configuration to replay with: the journal's own for a verification.
     */
    public Replayer(final Configuration config)
    {
        this(config, (sequence, engine) ->
        {
        });
    }

    /**
     * @param config   the configuration to replay with: the journal's own for a verification.
     * @param listener told of each session start.
     */
    public Replayer(final Configuration config, final SessionListener listener)
    {
        this.config = config;
        this.listener = listener;
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

        final AdminCommandCodec command = new AdminCommandCodec();
        long events = 0;
        long compared = 0;
        long lastSequence = -1;
        long sessionStarts = 0;
        long crashLost = 0;
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
                            return new VerifyResult(events, compared, unmatched, sessionStarts, crashLost);
                        }
                        engine = newEngine(actual);
                        inputs = engine.inputs();
                    }
                    else if (type == RecordType.ADMIN_COMMAND && isSessionStart(command, record))
                    {
                        if (!expected.isEmpty())
                        {
                            return new VerifyResult(events, compared,
                                unmatched(expected, indexes, actual, formatter), sessionStarts, crashLost);
                        }
                        while (!actual.isEmpty())
                        {
                            actual.drop();
                            crashLost++;
                        }
                        sessionStarts++;
                        listener.onSessionStart(sequence, engine);
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
                            index, expected.pollFormatted(formatter), actual.pollFormatted(formatter)),
                            sessionStarts, crashLost);
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
                            index, expected.pollFormatted(formatter), actual.pollFormatted(formatter)),
                            sessionStarts, crashLost);
                    }
                    expected.drop();
                    actual.drop();
                    compared++;
                }
            }
        }
        lastEngine = engine;
        return new VerifyResult(events, compared, unmatched(expected, indexes, actual, formatter), sessionStarts,
            crashLost);
    }

    /**
     * @return the engine that replayed the last session, in its final state, after a {@link #verify} that reached the
     * end of the journal; otherwise null.
     */
    public DirectEngine lastEngine()
    {
        return lastEngine;
    }

    private static boolean isSessionStart(final AdminCommandCodec command, final UnsafeBuffer record)
    {
        command.wrap(record, 0);
        return command.command() == AdminCommandType.SESSION_START;
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
