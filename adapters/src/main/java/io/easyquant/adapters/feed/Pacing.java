package io.easyquant.adapters.feed;

/**
 * Fixed-rate schedules for feeds.
 */
public final class Pacing
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Pacing()
    {
    }

    /**
     * The scheduled time of event {@code k} of a feed started at {@code startNs}: {@code startNs + k * 1e9 / rate},
     * exact and without overflow for any reachable {@code k}.
     *
     * @param ratePerSecond events per second, &gt; 0.
     */
    public static long scheduledTimeNs(final long startNs, final long k, final long ratePerSecond)
    {
        return startNs + (k / ratePerSecond) * NANOS_PER_SECOND +
            (k % ratePerSecond) * NANOS_PER_SECOND / ratePerSecond;
    }
}
