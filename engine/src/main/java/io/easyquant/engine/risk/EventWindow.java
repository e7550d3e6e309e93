package io.easyquant.engine.risk;

/**
 * A sliding window of event times: a fixed ring of timestamps (each with an optional tag), oldest first. An entry
 * stamped {@code t} is inside the window at {@code now} while {@code now - t < windowNs}.
 *
 * <p>When the ring is full the oldest entry is evicted to make room; a caller that only needs to know whether more
 * than {@code capacity - 1} entries lie inside the window loses nothing.
 *
 * <p>Not thread-safe; no allocation after construction.
 */
final class EventWindow
{
    private final long[] timesNs;
    private final long[] tags;
    private final long windowNs;
    private int head;
    private int size;
    private long evictedTag;

    /**
     * @param capacity the most entries kept, &ge; 1.
     * @param windowNs the window's length, &gt; 0.
     */
    EventWindow(final int capacity, final long windowNs)
    {
        timesNs = new long[capacity];
        tags = new long[capacity];
        this.windowNs = windowNs;
    }

    long windowNs()
    {
        return windowNs;
    }

    int size()
    {
        return size;
    }

    /**
     * @return the time of the oldest entry; only when {@link #size()} &gt; 0.
     */
    long oldestNs()
    {
        return timesNs[head];
    }

    /**
     * @return true if the oldest entry is outside the window at {@code nowNs}: the caller may {@link #evict()} it.
     */
    boolean hasExpired(final long nowNs)
    {
        return size > 0 && nowNs - timesNs[head] >= windowNs;
    }

    /**
     * Remove the oldest entry.
     *
     * @return its tag.
     */
    long evict()
    {
        final long tag = tags[head];
        head = head + 1 == timesNs.length ? 0 : head + 1;
        size--;
        return tag;
    }

    /**
     * @return true if adding an entry now would evict the oldest one first.
     */
    boolean isFull()
    {
        return size == timesNs.length;
    }

    /**
     * Add an entry; the caller evicts first when {@link #isFull()}.
     */
    void add(final long timeNs, final long tag)
    {
        int tail = head + size;
        if (tail >= timesNs.length)
        {
            tail -= timesNs.length;
        }
        timesNs[tail] = timeNs;
        tags[tail] = tag;
        size++;
    }

    /**
     * Drop entries that left the window at {@code nowNs}, then add one.
     *
     * @return how many entries the window holds after the add.
     */
    int expireAndAdd(final long timeNs)
    {
        expire(timeNs);
        if (isFull())
        {
            evictedTag = evict();
        }
        add(timeNs, 0);
        return size;
    }

    /**
     * Drop entries that left the window at {@code nowNs}.
     */
    void expire(final long nowNs)
    {
        while (hasExpired(nowNs))
        {
            evictedTag = evict();
        }
    }

    long lastEvictedTag()
    {
        return evictedTag;
    }

    void clear()
    {
        head = 0;
        size = 0;
    }
}
