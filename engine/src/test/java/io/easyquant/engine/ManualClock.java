package io.easyquant.engine;

import org.agrona.concurrent.EpochNanoClock;

/**
 * A clock the test advances by hand.
 */
final class ManualClock implements EpochNanoClock
{
    private long nowNs = 1_700_000_000_000_000_000L;

    @Override
    public long nanoTime()
    {
        return nowNs;
    }

    void advance(final long durationNs)
    {
        nowNs += durationNs;
    }
}
