package io.easyquant.engine.metrics;

import org.agrona.concurrent.Agent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link Agent} (a feed, the timer, a tailer) that reports its liveness: the thread it runs on, whether it is
 * running, the {@link System#nanoTime()} of its last duty cycle (its heartbeat) and the total work its duty cycles
 * reported. Wrap the agent before giving it to its runner.
 *
 * <p>Threading: written by the agent's thread, read by any thread. One clock read per duty cycle; no allocation.
 */
public final class MonitoredAgent implements Agent
{
    /** Not started yet. */
    public static final int NEW = 0;
    /** Running its duty cycles. */
    public static final int RUNNING = 1;
    /** Closed (stopped, or ended by an error). */
    public static final int CLOSED = 2;

    private final Agent agent;
    private final AtomicLong work = new AtomicLong();
    private final AtomicLong heartbeatNanoTime = new AtomicLong();
    private volatile String thread;
    private volatile int state = NEW;

    public MonitoredAgent(final Agent agent)
    {
        this.agent = agent;
    }

    /**
     * @return the agent being monitored.
     */
    public Agent agent()
    {
        return agent;
    }

    @Override
    public void onStart()
    {
        thread = Thread.currentThread().getName();
        heartbeatNanoTime.lazySet(System.nanoTime());
        state = RUNNING;
        agent.onStart();
    }

    @Override
    public int doWork() throws Exception
    {
        final int count = agent.doWork();
        heartbeatNanoTime.lazySet(System.nanoTime());
        if (count > 0)
        {
            work.lazySet(work.get() + count);
        }
        return count;
    }

    @Override
    public void onClose()
    {
        state = CLOSED;
        agent.onClose();
    }

    @Override
    public String roleName()
    {
        return agent.roleName();
    }

    /**
     * @return {@link #NEW}, {@link #RUNNING} or {@link #CLOSED}.
     */
    public int state()
    {
        return state;
    }

    /**
     * @return the name of the agent's thread, or null before it started.
     */
    public String thread()
    {
        return thread;
    }

    /**
     * @return the {@link System#nanoTime()} of the last duty cycle (0 before the start).
     */
    public long heartbeatNanoTime()
    {
        return heartbeatNanoTime.get();
    }

    /**
     * @return the sum of the work counts the agent's duty cycles returned.
     */
    public long work()
    {
        return work.get();
    }
}
