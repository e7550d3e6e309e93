package io.easyquant.engine.pipeline;

/**
 * How the pipeline runs: ring size, wait strategy, how stages map to threads, CPU pinning and the producers' bounded
 * wait for ring capacity. The stage logic is the same under every layout.
 *
 * <p>Immutable; validated at construction.
 */
public final class PipelineContext
{
    /**
     * How a pipeline thread waits for the next event.
     */
    public enum WaitStrategyType
    {
        /** Spins: lowest latency, burns a core per thread. */
        BUSY_SPIN,
        /** Spins, then yields: low latency, a core per thread when busy. */
        YIELDING,
        /** Spins, yields, then parks briefly: kind to shared hosts. */
        SLEEPING,
        /** Locks and conditions: least CPU, highest latency. */
        BLOCKING
    }

    /**
     * How stages map to threads.
     */
    public enum Layout
    {
        /** {@link #SINGLE_THREAD} on hosts with 4 cores or fewer, else {@link #THREAD_PER_STAGE}. */
        AUTO,
        /** All stages in order on one thread. */
        SINGLE_THREAD,
        /** Each stage on its own thread, in a chain. */
        THREAD_PER_STAGE
    }

    private final int ringSize;
    private final WaitStrategyType waitStrategy;
    private final Layout layout;
    private final int[] cpus;
    private final long publishTimeoutNs;

    /**
     * @param ringSize         slots in the ring, a power of two &ge; 64.
     * @param cpus             CPUs to pin pipeline threads to, in thread order; empty for no pinning.
     * @param publishTimeoutNs how long a producer waits for a free slot before giving up, &gt; 0.
     * @throws IllegalArgumentException naming the field for a bad value.
     */
    public PipelineContext(
        final int ringSize,
        final WaitStrategyType waitStrategy,
        final Layout layout,
        final int[] cpus,
        final long publishTimeoutNs)
    {
        if (ringSize < 64 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ringSize: expected a power of two >= 64, got " + ringSize);
        }
        if (waitStrategy == null)
        {
            throw new IllegalArgumentException("waitStrategy: expected busy-spin, yielding, sleeping or blocking");
        }
        if (layout == null)
        {
            throw new IllegalArgumentException("layout: expected auto, single-thread or thread-per-stage");
        }
        for (final int cpu : cpus)
        {
            if (cpu < 0)
            {
                throw new IllegalArgumentException("cpus: expected CPU numbers >= 0, got " + cpu);
            }
        }
        if (publishTimeoutNs <= 0)
        {
            throw new IllegalArgumentException("publishTimeoutMs: expected a positive duration");
        }
        this.ringSize = ringSize;
        this.waitStrategy = waitStrategy;
        this.layout = layout;
        this.cpus = cpus.clone();
        this.publishTimeoutNs = publishTimeoutNs;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public WaitStrategyType waitStrategy()
    {
        return waitStrategy;
    }

    public Layout layout()
    {
        return layout;
    }

    /**
     * @return the layout to use on a host with the given number of processors.
     */
    public Layout resolvedLayout(final int availableProcessors)
    {
        if (layout != Layout.AUTO)
        {
            return layout;
        }
        return availableProcessors <= 4 ? Layout.SINGLE_THREAD : Layout.THREAD_PER_STAGE;
    }

    public int[] cpus()
    {
        return cpus.clone();
    }

    public long publishTimeoutNs()
    {
        return publishTimeoutNs;
    }
}
