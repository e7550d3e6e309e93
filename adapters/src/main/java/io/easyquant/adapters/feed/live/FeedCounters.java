package io.easyquant.adapters.feed.live;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A live feed's counters: written by the feed's thread alone, read by any (metrics, status, tests). Each counter has a
 * cache line pair of its own, so readers polling them never share a line with the writer's next counter.
 */
public final class FeedCounters
{
    public static final int CONNECTS = 0;
    public static final int DISCONNECTS = 1;
    public static final int RESYNCS = 2;
    public static final int GAPS = 3;
    public static final int MALFORMED_FRAMES = 4;
    public static final int OFF_TICK_PRICES = 5;
    public static final int DUPLICATES = 6;
    public static final int QUIET_TIMEOUTS = 7;
    public static final int SERVER_SHUTDOWNS = 8;
    public static final int REFUSED_FRAMES = 9;
    public static final int REST_THROTTLED = 10;
    public static final int REST_FAILURES = 11;
    public static final int PUBLISH_REFUSALS = 12;
    public static final int QUOTES = 13;
    public static final int TRADES = 14;
    public static final int FRAMES = 15;
    public static final int CROSSED_BOOKS = 16;
    public static final int UNKNOWN_SYMBOLS = 17;
    public static final int BOOK_STATE_CHANGES = 18;
    public static final int COUNT = 19;

    private static final String[] NAMES =
    {
        "connects", "disconnects", "resyncs", "gaps", "malformed_frames", "off_tick_prices", "duplicates",
        "quiet_timeouts", "server_shutdowns", "refused_frames", "rest_throttled", "rest_failures", "publish_refusals",
        "quotes", "trades", "frames", "crossed_books", "unknown_symbols", "book_state_changes"
    };

    /** Longs per counter: two 64-byte cache lines. */
    private static final int STRIDE = 16;

    private final AtomicLongArray values = new AtomicLongArray(COUNT * STRIDE);

    /**
     * Single writer: the feed's thread.
     */
    public void increment(final int counter)
    {
        final int index = counter * STRIDE;
        values.lazySet(index, values.get(index) + 1);
    }

    public long get(final int counter)
    {
        return values.get(counter * STRIDE);
    }

    public static String name(final int counter)
    {
        return NAMES[counter];
    }
}
