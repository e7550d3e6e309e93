package io.easyquant.perf.harness;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.journal.codec.RecordHeader;
import org.HdrHistogram.Histogram;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The latency and throughput baseline: a bare Disruptor with the engine's ring size, wait strategy, producer type and
 * event class (so the same slot size), and a chain of do-nothing handlers as deep as the engine's layout (1 handler
 * for single-thread, 5 for thread-per-stage). The producer stamps the event number and intended time into the slot's
 * record header; the last handler records the latency. No journal, no work.
 */
final class DisruptorTarget implements Target
{
    private final Disruptor<EngineEvent> disruptor;
    private final RingBuffer<EngineEvent> ring;
    private final long firstMeasured;
    private final AtomicLong consumed = new AtomicLong();
    final Histogram latency = Latencies.newHistogram();
    final Histogram latencyUncorrected = Latencies.newHistogram();

    DisruptorTarget(
        final int ringSize,
        final PipelineContext.WaitStrategyType waitStrategy,
        final int depth,
        final long firstMeasured)
    {
        this.firstMeasured = firstMeasured;
        disruptor = new Disruptor<>(EngineEvent::new, ringSize, DaemonThreadFactory.INSTANCE, ProducerType.MULTI,
            waitStrategy(waitStrategy));
        EventHandlerGroup<EngineEvent> group = null;
        for (int i = 0; i < depth - 1; i++)
        {
            final EventHandler<EngineEvent> pass = (event, sequence, endOfBatch) ->
            {
            };
            group = group == null ? disruptor.handleEventsWith(pass) : group.then(pass);
        }
        final EventHandler<EngineEvent> last = this::onEvent;
        if (group == null)
        {
            disruptor.handleEventsWith(last);
        }
        else
        {
            group.then(last);
        }
        ring = disruptor.start();
    }

    static WaitStrategy waitStrategy(final PipelineContext.WaitStrategyType type)
    {
        switch (type)
        {
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            case YIELDING:
                return new YieldingWaitStrategy();
            case SLEEPING:
                return new SleepingWaitStrategy();
            default:
                return new BlockingWaitStrategy();
        }
    }

    private void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
    {
        final long nowNs = System.nanoTime();
        final long k = RecordHeader.sequence(event.record, 0);
        if (k >= firstMeasured)
        {
            Latencies.record(latency, nowNs - RecordHeader.timeNs(event.record, 0));
            Latencies.record(latencyUncorrected, nowNs - event.publishNanoTime);
        }
        consumed.lazySet(k + 1);
    }

    @Override
    public boolean publish(final long k, final long intendedNs)
    {
        final long sequence = ring.next();
        try
        {
            final EngineEvent event = ring.get(sequence);
            RecordHeader.stamp(event.record, 0, k, intendedNs);
            event.publishNanoTime = System.nanoTime();
        }
        finally
        {
            ring.publish(sequence);
        }
        return true;
    }

    @Override
    public long consumed()
    {
        return consumed.get();
    }

    @Override
    public void close()
    {
        disruptor.halt();
    }
}
