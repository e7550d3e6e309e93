package io.easyquant.perf.harness;

import java.util.SplittableRandom;

/**
 * One-minute OHLCV bars of one instrument on a seeded random walk, in whole ticks (prices are integers, so every peer
 * that reads them as doubles or decimals sees them exactly). Same seed and count, same bars.
 *
 * <p>Arrays are public and shared: read them, never write them.
 */
public final class GeneratedBars
{
    /** Bar length. */
    public static final int DURATION_MS = 60_000;
    /** The first bar's open time: 2024-01-01T00:00:00Z. */
    public static final long START_NS = 1_704_067_200_000_000_000L;

    public final int count;
    public final long[] timeNs;
    public final long[] openTicks;
    public final long[] highTicks;
    public final long[] lowTicks;
    public final long[] closeTicks;
    public final long[] volumeLots;

    private GeneratedBars(final int count)
    {
        this.count = count;
        timeNs = new long[count];
        openTicks = new long[count];
        highTicks = new long[count];
        lowTicks = new long[count];
        closeTicks = new long[count];
        volumeLots = new long[count];
    }

    /**
     * @param count bars, at least 1.
     * @param seed  the walk's seed.
     */
    public static GeneratedBars randomWalk(final int count, final long seed)
    {
        final GeneratedBars bars = new GeneratedBars(count);
        final SplittableRandom random = new SplittableRandom(seed);
        long close = 10_000;
        for (int i = 0; i < count; i++)
        {
            final long open = Math.max(100, close + random.nextInt(-2, 3));
            close = Math.max(100, open + random.nextInt(-25, 26));
            bars.timeNs[i] = START_NS + (long)i * DURATION_MS * 1_000_000L;
            bars.openTicks[i] = open;
            bars.closeTicks[i] = close;
            bars.highTicks[i] = Math.max(open, close) + random.nextInt(0, 10);
            bars.lowTicks[i] = Math.max(1, Math.min(open, close) - random.nextInt(0, 10));
            bars.volumeLots[i] = 1 + random.nextInt(0, 1_000);
        }
        return bars;
    }
}
