package io.easyquant.journal;

import org.agrona.DirectBuffer;

/**
 * Where records go: the journal, or a comparator during replay. Called on the hot path: implementations must not
 * allocate, log or block on a lock in steady state. One instance per writing thread.
 */
@FunctionalInterface
public interface RecordSink
{
    /**
     * A sink that keeps nothing: for runs that are not journaled (replays, which read their inputs from a journal, and
     * benchmarks of the engine alone).
     */
    RecordSink NONE = (buffer, offset, length) ->
    {
    };

    /**
     * Append one record.
     *
     * @param buffer holding the record, header included.
     * @param offset where the record starts.
     * @param length the record's length in bytes.
     */
    void append(DirectBuffer buffer, int offset, int length);
}
