package io.easyquant.engine.time;

import io.easyquant.engine.pipeline.InboundPublisher;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Publishes a timer tick into the ring every interval, so event time advances (orders expire, data goes stale) even
 * when the market is quiet. Ticks are inputs like any other: journaled and replayed.
 *
 * <p>A tick that is overdue by more than one interval is published once, not once per missed interval: the engine
 * needs the time, not a backlog.
 */
public final class TimerAgent implements Agent
{
    private final InboundPublisher publisher;
    private final EpochNanoClock clock;
    private final int sourceId;
    private final int timerId;
    private final long intervalNs;
    private long nextDueNs;
    private long ticks;

    /**
     * @param intervalNs time between ticks, &gt; 0.
     */
    public TimerAgent(
        final InboundPublisher publisher,
        final EpochNanoClock clock,
        final int sourceId,
        final int timerId,
        final long intervalNs)
    {
        if (intervalNs <= 0)
        {
            throw new IllegalArgumentException("timerIntervalMs: expected a positive interval");
        }
        this.publisher = publisher;
        this.clock = clock;
        this.sourceId = sourceId;
        this.timerId = timerId;
        this.intervalNs = intervalNs;
    }

    @Override
    public void onStart()
    {
        nextDueNs = clock.nanoTime() + intervalNs;
    }

    @Override
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        if (nowNs < nextDueNs)
        {
            return 0;
        }
        if (!publisher.publishTimerTick(sourceId, timerId, nextDueNs))
        {
            return 0;
        }
        ticks++;
        nextDueNs += intervalNs;
        if (nextDueNs <= nowNs)
        {
            nextDueNs = nowNs + intervalNs;
        }
        return 1;
    }

    public long ticks()
    {
        return ticks;
    }

    @Override
    public String roleName()
    {
        return "timer";
    }
}
