package io.easyquant.adapters.feed;

import org.agrona.concurrent.EpochNanoClock;

/**
 * A clock that moves only when a test advances it.
 */
public final class ManualEpochNanoClock implements EpochNanoClock
{
    private long nowNs;

    public ManualEpochNanoClock(final long startNs)
    {
        this.nowNs = startNs;
    }

    @Override
    public long nanoTime()
    {
        return nowNs;
    }

    public void advanceNs(final long durationNs)
    {
        nowNs += durationNs;
    }

    public void advanceMs(final long durationMs)
    {
        nowNs += durationMs * 1_000_000L;
    }
}
