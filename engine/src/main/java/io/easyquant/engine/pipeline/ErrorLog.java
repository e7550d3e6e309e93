package io.easyquant.engine.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place real errors go. Each distinct error (same place, type and message) is logged in full the first time
 * and then only counted, with a reminder line at every power of two. Thread-safe.
 *
 * <p>This is the error path, not the hot path: it may allocate.
 */
public final class ErrorLog
{
    private static final Logger LOG = LoggerFactory.getLogger(ErrorLog.class);

    /**
     * One distinct error and how often it happened.
     */
    public record Entry(String context, String description, long count)
    {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    /**
     * Record an error.
     *
     * @param context where it happened, e.g. the stage name.
     */
    public void record(final String context, final Throwable error)
    {
        total.incrementAndGet();
        final StackTraceElement[] trace = error.getStackTrace();
        final String where = trace.length > 0 ? trace[0].toString() : "?";
        final String description = error.getClass().getName() + ": " + error.getMessage() + " at " + where;
        final String key = context + "|" + description;
        final long count = counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        entries.put(key, new Entry(context, description, count));
        if (count == 1)
        {
            LOG.error("error in {}: {}", context, error.toString(), error);
        }
        else if (Long.bitCount(count) == 1)
        {
            LOG.error("error in {} repeated {} times: {}", context, count, description);
        }
    }

    public long total()
    {
        return total.get();
    }

    public List<Entry> entries()
    {
        return new ArrayList<>(entries.values());
    }
}
