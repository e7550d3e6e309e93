package io.easyquant.perf.harness;

import io.easyquant.engine.pipeline.EngineEvent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plain-JDK throughput baseline: an {@link ArrayBlockingQueue} hand-off of pre-allocated events (the engine's
 * event class) from the producer to one consumer thread, which does nothing with them.
 */
final class QueueTarget implements Target
{
    private final ArrayBlockingQueue<EngineEvent> queue;
    private final EngineEvent[] pool;
    private final AtomicLong consumed = new AtomicLong();
    private final Thread consumer;
    private volatile boolean running = true;

    QueueTarget(final int capacity)
    {
        queue = new ArrayBlockingQueue<>(capacity);
        pool = new EngineEvent[Integer.highestOneBit(capacity) * 4];
        for (int i = 0; i < pool.length; i++)
        {
            pool[i] = new EngineEvent();
        }
        consumer = new Thread(this::consume, "perf-queue-consumer");
        consumer.setDaemon(true);
        consumer.start();
    }

    private void consume()
    {
        long count = 0;
        try
        {
            while (running)
            {
                final EngineEvent event = queue.poll(10, TimeUnit.MILLISECONDS);
                if (event != null)
                {
                    consumed.lazySet(++count);
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean publish(final long k, final long intendedNs)
    {
        try
        {
            queue.put(pool[(int)k & (pool.length - 1)]);
            return true;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public long consumed()
    {
        return consumed.get();
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            consumer.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
