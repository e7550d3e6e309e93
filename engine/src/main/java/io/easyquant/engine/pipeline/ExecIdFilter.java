package io.easyquant.engine.pipeline;

import org.agrona.collections.LongHashSet;

import java.util.Arrays;

/**
 * Recognises execution reports already seen, by (venue source id, exec id), so that a fill a venue repeats (a resend
 * after a reconnect or a restart, a duplicate on the wire) is never applied twice. Used by {@link IngestHandler}, the
 * one place every report passes before any stage acts on it.
 *
 * <p>Per source it keeps the last {@link #DEFAULT_WINDOW} exec ids in a bounded open-addressing set (with a FIFO
 * that evicts the oldest), plus two high-water marks: the highest id seen, and the highest id evicted from the
 * window. An id in the window is a duplicate; an id at or below the highest evicted one is too old to tell and is
 * treated as a duplicate too. So the filter assumes that a venue's exec ids increase per source, as the paper
 * venue's do, and the window lets reports arrive out of order by up to its size (a republished report after a
 * restart, reports from several gateways); a venue whose exec ids do not increase (strings hashed to longs) needs
 * another key.
 *
 * <p>An exec id of 0 or below means "no id" and is never treated as a duplicate. Sources beyond
 * {@link #MAX_SOURCES} are not filtered (one engine has one venue).
 *
 * <p>The filter is state of the pipeline: a recovery replay of the journal rebuilds it exactly. Single-threaded
 * (the ingest stage); {@link #highestAtSessionStart()} is read by the execution stage on the session start's event.
 * No allocation after construction.
 */
public final class ExecIdFilter
{
    /** Exec ids remembered exactly per source. */
    public static final int DEFAULT_WINDOW = 4096;
    /** Sources (venues) filtered; one engine has one venue, so a handful is plenty. */
    public static final int MAX_SOURCES = 8;

    private static final int NO_SOURCE = Integer.MIN_VALUE;

    private final int window;
    private final int[] sourceIds = new int[MAX_SOURCES];
    private final LongHashSet[] recent = new LongHashSet[MAX_SOURCES];
    private final long[][] fifo = new long[MAX_SOURCES][];
    private final int[] fifoHead = new int[MAX_SOURCES];
    private final int[] fifoCount = new int[MAX_SOURCES];
    private final long[] highestExecId = new long[MAX_SOURCES];
    private final long[] highestEvicted = new long[MAX_SOURCES];
    private long highestAtSessionStart;

    public ExecIdFilter()
    {
        this(DEFAULT_WINDOW);
    }

    /**
     * @param window exec ids remembered exactly per source; at least 1.
     */
    public ExecIdFilter(final int window)
    {
        if (window < 1)
        {
            throw new IllegalArgumentException("window: expected at least 1, got " + window);
        }
        this.window = window;
        Arrays.fill(sourceIds, NO_SOURCE);
        for (int i = 0; i < MAX_SOURCES; i++)
        {
            // Load factor 0.5 on 4 x window: never resizes, since at most window ids are held.
            recent[i] = new LongHashSet(4 * window, 0.5f);
            fifo[i] = new long[window];
        }
    }

    /**
     * Check a report's exec id and remember it.
     *
     * @return true if the report was seen before (or is too old to tell): it must not be applied.
     */
    public boolean isDuplicate(final int sourceId, final long execId)
    {
        if (execId <= 0)
        {
            return false;
        }
        final int slot = slot(sourceId);
        if (slot < 0)
        {
            return false;
        }
        if (execId <= highestEvicted[slot] || recent[slot].contains(execId))
        {
            return true;
        }
        if (fifoCount[slot] == window)
        {
            final long evicted = fifo[slot][fifoHead[slot]];
            recent[slot].remove(evicted);
            highestEvicted[slot] = Math.max(highestEvicted[slot], evicted);
            fifoHead[slot] = fifoHead[slot] + 1 == window ? 0 : fifoHead[slot] + 1;
            fifoCount[slot]--;
        }
        final int tail = (fifoHead[slot] + fifoCount[slot]) % window;
        fifo[slot][tail] = execId;
        fifoCount[slot]++;
        recent[slot].add(execId);
        highestExecId[slot] = Math.max(highestExecId[slot], execId);
        return false;
    }

    private int slot(final int sourceId)
    {
        for (int i = 0; i < MAX_SOURCES; i++)
        {
            if (sourceIds[i] == sourceId)
            {
                return i;
            }
            if (sourceIds[i] == NO_SOURCE)
            {
                sourceIds[i] = sourceId;
                return i;
            }
        }
        return -1;
    }

    /**
     * @return the highest exec id accepted from the source, or 0 if none.
     */
    public long highestExecId(final int sourceId)
    {
        for (int i = 0; i < MAX_SOURCES && sourceIds[i] != NO_SOURCE; i++)
        {
            if (sourceIds[i] == sourceId)
            {
                return highestExecId[i];
            }
        }
        return 0;
    }

    /**
     * @return the highest exec id accepted from any source, or 0 if none: with the one venue an engine has, the last
     * of its reports the journal holds.
     */
    public long highestExecId()
    {
        long highest = 0;
        for (int i = 0; i < MAX_SOURCES; i++)
        {
            highest = Math.max(highest, highestExecId[i]);
        }
        return highest;
    }

    /**
     * Remember {@link #highestExecId()} as it is when ingest meets a session start: the highest exec id the journal
     * holds before the session, which the venue reconciles against. A later stage reads it with
     * {@link #highestAtSessionStart()}; reports ingested after the session start (on another thread) do not move it.
     */
    public void markSessionStart()
    {
        highestAtSessionStart = highestExecId();
    }

    /**
     * @return the highest exec id accepted from any source before the last session start, or 0.
     */
    public long highestAtSessionStart()
    {
        return highestAtSessionStart;
    }
}
