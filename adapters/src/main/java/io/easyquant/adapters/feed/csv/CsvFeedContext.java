package io.easyquant.adapters.feed.csv;

import io.easyquant.engine.instrument.Instruments;

import java.nio.file.Path;

/**
 * Configuration of one {@link CsvFeed}. Immutable; every value is validated in the constructor. Whether the file
 * exists and has a valid header is checked when the feed is constructed.
 *
 * <ul>
 *   <li>{@code sourceId}: stamped on every published record; positive.</li>
 *   <li>{@code path}: the CSV file.</li>
 *   <li>{@code ratePerSecond}: records published per second, 0 for as fast as the ring takes them; at most
 *       {@link #MAX_RATE_PER_SECOND}.</li>
 *   <li>{@code instruments}: the configured instruments; the file's symbols must be among them.</li>
 *   <li>{@code maxBurst}: most lines handled by one {@code doWork()}; default {@link #DEFAULT_MAX_BURST}.</li>
 * </ul>
 */
public final class CsvFeedContext
{
    public static final int DEFAULT_MAX_BURST = 1024;
    public static final long MAX_RATE_PER_SECOND = 1_000_000_000L;

    private final int sourceId;
    private final Path path;
    private final long ratePerSecond;
    private final Instruments instruments;
    private final int maxBurst;

    /**
     * A context with the default burst cap.
     *
     * @throws IllegalArgumentException whose message starts with the field name when a value is out of range.
     */
    public CsvFeedContext(final int sourceId, final Path path, final long ratePerSecond, final Instruments instruments)
    {
        this(sourceId, path, ratePerSecond, instruments, DEFAULT_MAX_BURST);
    }

    /**
     * @throws IllegalArgumentException whose message starts with the field name when a value is out of range.
     */
    public CsvFeedContext(
        final int sourceId,
        final Path path,
        final long ratePerSecond,
        final Instruments instruments,
        final int maxBurst)
    {
        if (sourceId <= 0)
        {
            throw new IllegalArgumentException("sourceId: expected a positive integer, got " + sourceId);
        }
        if (path == null)
        {
            throw new IllegalArgumentException("path: expected the path of a CSV file, got null");
        }
        if (ratePerSecond < 0 || ratePerSecond > MAX_RATE_PER_SECOND)
        {
            throw new IllegalArgumentException("ratePerSecond: expected 0 (unpaced) or a positive number up to " +
                MAX_RATE_PER_SECOND + ", got " + ratePerSecond);
        }
        if (instruments == null)
        {
            throw new IllegalArgumentException("instruments: expected the configured instruments, got null");
        }
        if (maxBurst <= 0)
        {
            throw new IllegalArgumentException("maxBurst: expected a positive number, got " + maxBurst);
        }
        this.sourceId = sourceId;
        this.path = path;
        this.ratePerSecond = ratePerSecond;
        this.instruments = instruments;
        this.maxBurst = maxBurst;
    }

    public int sourceId()
    {
        return sourceId;
    }

    public Path path()
    {
        return path;
    }

    public long ratePerSecond()
    {
        return ratePerSecond;
    }

    public Instruments instruments()
    {
        return instruments;
    }

    public int maxBurst()
    {
        return maxBurst;
    }
}
