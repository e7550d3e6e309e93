package io.easyquant.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import io.easyquant.engine.execution.ExecutionHandler;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.metrics.OrderBoard;
import io.easyquant.engine.metrics.PipelineMonitor;
import io.easyquant.engine.metrics.RiskRejections;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.ErrorLog;
import io.easyquant.engine.pipeline.InboundPublisher;
import io.easyquant.engine.pipeline.MarketDataHold;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.pipeline.SequenceOffset;
import io.easyquant.engine.pipeline.Stages;
import io.easyquant.engine.risk.RiskHandler;
import io.easyquant.engine.state.StateRecorders;
import io.easyquant.engine.venue.ExecutionReportPublisher;
import io.easyquant.engine.venue.Venue;
import net.openhft.affinity.AffinityLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The engine core: one Disruptor ring and the stages ingest &rarr; features &rarr; signal &rarr; risk &rarr;
 * execution, laid out on threads as the {@link PipelineContext} says. Producers (feeds, the venue, the admin server,
 * timers) publish through their own {@link #newPublisher() publisher}.
 *
 * <p>Lifecycle: construct, {@link #start()}, publish, {@link #stop(long)} (drains the ring, then halts the threads).
 * Positions and orders of the execution stage may be read after {@link #stop(long)}; while running, read what the
 * pipeline publishes: {@link #counters()}, {@link #monitor()} (stage heartbeats and latency), {@link #orderBoard()}
 * (working and recent orders) and {@link #riskRejections()}.
 */
public final class Engine
{
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final EngineContext context;
    private final EngineCounters counters;
    private final ErrorLog errors = new ErrorLog();
    private final Disruptor<EngineEvent> disruptor;
    private final RingBuffer<EngineEvent> ring;
    private final Venue venue;
    private final ExecutionHandler execution;
    private final RiskHandler risk;
    private final PipelineContext.Layout layout;
    private final EventHandler<EngineEvent> lastHandler;
    private final EngineStages engineStages;
    private final SequenceOffset sequenceOffset = new SequenceOffset();
    private final MarketDataHold marketDataHold = new MarketDataHold();
    private volatile boolean started;
    private volatile long startedAtMs;

    /**
     * @param venueFactory makes the venue, given the publisher its execution reports go through.
     */
    public Engine(final EngineContext context, final Function<ExecutionReportPublisher, Venue> venueFactory)
    {
        this(context, venueFactory, StateRecorders.NONE);
    }

    /**
     * @param venueFactory makes the venue, given the publisher its execution reports go through.
     * @param state        where the stages mirror their state (a {@link io.easyquant.engine.state.StateStore}'s).
     */
    public Engine(
        final EngineContext context,
        final Function<ExecutionReportPublisher, Venue> venueFactory,
        final StateRecorders state)
    {
        this.context = context;
        final PipelineContext pipeline = context.pipeline();
        counters = new EngineCounters(context.instruments().count());
        layout = pipeline.resolvedLayout(Runtime.getRuntime().availableProcessors());
        disruptor = new Disruptor<>(
            EngineEvent::new,
            pipeline.ringSize(),
            new PipelineThreadFactory(pipeline.cpus()),
            ProducerType.MULTI,
            waitStrategy(pipeline.waitStrategy()));
        ring = disruptor.getRingBuffer();
        venue = venueFactory.apply(newPublisher());

        engineStages = new EngineStages(context, venue, counters, state);
        risk = engineStages.risk;
        execution = engineStages.execution;
        final List<Stages.Stage> stages = engineStages.list();
        final Stages factory = new Stages(errors, counters, engineStages.monitor);
        disruptor.setDefaultExceptionHandler(new FatalHandler(errors));
        if (layout == PipelineContext.Layout.SINGLE_THREAD)
        {
            lastHandler = factory.group(stages, newPublisher());
            disruptor.handleEventsWith(lastHandler);
        }
        else
        {
            EventHandlerGroup<EngineEvent> group = null;
            EventHandler<EngineEvent> handler = null;
            for (final Stages.Stage stage : stages)
            {
                handler = factory.group(List.of(stage), newPublisher());
                group = group == null ? disruptor.handleEventsWith(handler) : group.then(handler);
            }
            lastHandler = handler;
        }
    }

    private static WaitStrategy waitStrategy(final PipelineContext.WaitStrategyType type)
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

    /**
     * A new publisher for one producing thread of venue reports, commands or timer ticks: it may use every free slot.
     */
    public InboundPublisher newPublisher()
    {
        return new InboundPublisher(
            ring, context.clock(), context.pipeline().publishTimeoutNs(), counters, 0, sequenceOffset);
    }

    /**
     * A new publisher for one market-data feed thread. It leaves a quarter of the ring to the other producers, so a
     * fast feed never starves venue reports and commands, and it drops its market data while the engine's
     * {@link #marketDataHold()} is held.
     */
    public InboundPublisher newMarketDataPublisher()
    {
        return new InboundPublisher(ring, context.clock(), context.pipeline().publishTimeoutNs(), counters,
            ring.getBufferSize() / 4, sequenceOffset, marketDataHold);
    }

    /**
     * The hold every market-data publisher of this engine obeys: the low-disk rule holds it to stop market data
     * from taking ring slots and disk.
     */
    public MarketDataHold marketDataHold()
    {
        return marketDataHold;
    }

    /**
     * Wait until every published event has passed every stage, without stopping the pipeline (the end of a recovery
     * replay, and the drain of {@link #stop(long)}). Stages publish too (the venue's reports, halt commands) while
     * handling an event and before they mark it done, so the ring is idle only when the last stage has reached the
     * cursor and the cursor has not moved since it was read.
     *
     * @return true if the ring drained within the timeout.
     */
    public boolean awaitIdle(final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (System.nanoTime() - deadlineNs < 0)
        {
            final long cursor = ring.getCursor();
            if (disruptor.getSequenceValueFor(lastHandler) >= cursor && ring.getCursor() == cursor)
            {
                return true;
            }
            Thread.yield();
        }
        return false;
    }

    /**
     * Make the next input published (by any publisher of this engine) carry {@code nextSequence}, so that a session
     * continues the sequence of the journal it recovered from. Call while no producer publishes and the ring is idle
     * ({@link #awaitIdle(long)}).
     */
    public void continueSequenceAt(final long nextSequence)
    {
        sequenceOffset.value(nextSequence - (ring.getCursor() + 1));
    }

    public void start()
    {
        disruptor.start();
        startedAtMs = System.currentTimeMillis();
        started = true;
        LOG.info("pipeline started: layout={}, wait={}, ring={}", layout, context.pipeline().waitStrategy(),
            context.pipeline().ringSize());
    }

    /**
     * Wait until every published event has passed every stage ({@link #awaitIdle(long)}), then stop the pipeline
     * threads. Stop the producers first.
     *
     * @return true if the ring drained within the timeout; false if it was halted with events left.
     */
    public boolean stop(final long timeoutNs)
    {
        if (!started)
        {
            return true;
        }
        started = false;
        final boolean drained = awaitIdle(timeoutNs);
        disruptor.halt();
        return drained;
    }

    public boolean isRunning()
    {
        return started;
    }

    /**
     * @return the wall-clock time the pipeline started, in epoch milliseconds, or 0 before {@link #start()}.
     */
    public long startedAtMs()
    {
        return startedAtMs;
    }

    public PipelineContext.Layout layout()
    {
        return layout;
    }

    public EngineContext context()
    {
        return context;
    }

    public EngineCounters counters()
    {
        return counters;
    }

    public ErrorLog errors()
    {
        return errors;
    }

    public Venue venue()
    {
        return venue;
    }

    /**
     * The execution stage, for its positions and orders once the pipeline has stopped.
     */
    public ExecutionHandler execution()
    {
        return execution;
    }

    /**
     * The risk stage, for its view once the pipeline has stopped.
     */
    public RiskHandler risk()
    {
        return risk;
    }

    /**
     * The remaining capacity of the ring, readable from any thread.
     */
    public long ringRemainingCapacity()
    {
        return ring.remainingCapacity();
    }

    /**
     * The highest sequence published to the ring (-1 before the first), readable from any thread. A stage's lag is
     * this minus the last sequence it finished ({@link PipelineMonitor#lastSequence(int)}).
     */
    public long ringCursor()
    {
        return ring.getCursor();
    }

    public int ringSize()
    {
        return ring.getBufferSize();
    }

    /**
     * Stage threads, heartbeats and latency recorders, readable from any thread.
     */
    public PipelineMonitor monitor()
    {
        return engineStages.monitor;
    }

    /**
     * The execution stage's working and recently completed orders, readable from any thread.
     */
    public OrderBoard orderBoard()
    {
        return engineStages.board;
    }

    /**
     * The risk stage's recent rejections, readable from any thread.
     */
    public RiskRejections riskRejections()
    {
        return engineStages.rejections;
    }

    private static final class PipelineThreadFactory implements ThreadFactory
    {
        private final int[] cpus;
        private final AtomicInteger count = new AtomicInteger();

        PipelineThreadFactory(final int[] cpus)
        {
            this.cpus = cpus;
        }

        @Override
        public Thread newThread(final Runnable runnable)
        {
            final int n = count.getAndIncrement();
            final Runnable body = n < cpus.length ? () -> runPinned(cpus[n], runnable) : runnable;
            final Thread thread = new Thread(body, "eq-pipeline-" + n);
            thread.setDaemon(true);
            return thread;
        }

        private static void runPinned(final int cpu, final Runnable runnable)
        {
            AffinityLock lock = null;
            try
            {
                lock = AffinityLock.acquireLock(cpu);
            }
            catch (final RuntimeException | LinkageError ex)
            {
                LOG.warn("could not pin {} to CPU {}: {}", Thread.currentThread().getName(), cpu, ex.toString());
            }
            try
            {
                runnable.run();
            }
            finally
            {
                if (lock != null)
                {
                    lock.release();
                }
            }
        }
    }

    /**
     * Reached only by failures outside the guarded stages (start and shutdown hooks): recorded, never silent.
     */
    private static final class FatalHandler implements ExceptionHandler<EngineEvent>
    {
        private final ErrorLog errors;

        FatalHandler(final ErrorLog errors)
        {
            this.errors = errors;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final EngineEvent event)
        {
            errors.record("pipeline", ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            errors.record("pipeline-start", ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            errors.record("pipeline-shutdown", ex);
        }
    }
}
