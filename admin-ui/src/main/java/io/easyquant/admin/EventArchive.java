package io.easyquant.admin;

import io.easyquant.journal.codec.RecordType;

import java.util.List;
import java.util.Set;

/**
 * Where the events view finds history older than the journal it reads: the port through which the admin server asks
 * a store of past events (the Postgres sink's events table, wired by the composition root) for a page. The server
 * calls it off its request threads and gives up after its history timeout, so an implementation may block, but should
 * bound its own time too (connect, statement and read timeouts) so that abandoned calls end.
 */
public interface EventArchive
{
    /**
     * Events older than {@code key} (by time, then journal id, then journal index), newest first.
     *
     * @param key     the page starts below this key.
     * @param sinceNs events older than this engine time (nanoseconds since the epoch) are left out.
     * @param limit   the most events to return, 1 or more.
     * @param types   the journal record types to include, or null for every type.
     * @return at most {@code limit} events; fewer means there are no more.
     * @throws Exception when the store cannot answer; its message is shown to the caller.
     */
    List<ArchivedEvent> before(Key key, long sinceNs, int limit, Set<RecordType> types) throws Exception;

    /**
     * A position in the archive's order.
     *
     * @param timeNs       engine time, nanoseconds since the epoch.
     * @param journalId    the archive's id of the journal; {@link Integer#MIN_VALUE} with {@link Long#MIN_VALUE} as
     *                     the index: everything before {@code timeNs}.
     * @param journalIndex the record's index in that journal.
     */
    record Key(long timeNs, int journalId, long journalIndex)
    {
        /**
         * @return the key below which lie exactly the events older than {@code timeNs}.
         */
        public static Key before(final long timeNs)
        {
            return new Key(timeNs, Integer.MIN_VALUE, Long.MIN_VALUE);
        }
    }

    /**
     * One archived event.
     *
     * @param journal      the name of the journal it was written to.
     * @param journalId    the archive's id of that journal.
     * @param journalIndex its index in that journal.
     * @param sequence     its engine sequence.
     * @param timeNs       its engine time, nanoseconds since the epoch.
     * @param stage        the stage that produced it, as the archive names it.
     * @param event        the event's name, as the archive names it.
     * @param payload      its fields, as the archive keeps them (a JSON object for the Postgres sink).
     */
    record ArchivedEvent(String journal, int journalId, long journalIndex, long sequence, long timeNs, String stage,
        String event, String payload)
    {
        public Key key()
        {
            return new Key(timeNs, journalId, journalIndex);
        }
    }
}
