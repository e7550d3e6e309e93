package io.easyquant.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import io.easyquant.engine.execution.ExecutionHandler;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.metrics.OrderBoard;
import io.easyquant.engine.metrics.PipelineMonitor;
import io.easyquant.engine.metrics.RiskRejections;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.ErrorLog;
import io.easyquant.engine.pipeline.InboundPublisher;
import io.easyquant.engine.pipeline.MarketDataHold;
import io.easyquant.engine.pipeline.SequenceOffset;
import io.easyquant.engine.pipeline.Stages;
import io.easyquant.engine.risk.RiskHandler;
import io.easyquant.engine.state.StateRecorders;
import io.easyquant.engine.venue.ExecutionReportPublisher;
import io.easyquant.engine.venue.Venue;

import java.util.function.Function;

/**
 * The same stages as {@link Engine}, run on the caller's thread: publish inputs through {@link #inputs()}, then call
 * {@link #drain()}, which runs every published event, and every event those caused (venue reports, halt commands), in
 * sequence order before it returns. Deterministic by construction: for backtests in simulated time, benchmarks and
 * tests.
 *
 * <p>Events pass through a ring with no consumer threads: the caller is the only consumer. Publish at most
 * {@code ringSize / 2} inputs between drains. Not thread-safe: one thread publishes and drains.
 */
public final class DirectEngine
{
    private final EngineCounters counters;
    private final ErrorLog errors = new ErrorLog();
    private final RingBuffer<EngineEvent> ring;
    private final InboundPublisher inputs;
    private final MarketDataHold marketDataHold = new MarketDataHold();
    private final Venue venue;
    private final EngineStages stages;
    private final EventHandler<EngineEvent> handler;
    private long processed = -1;

    /**
     * @param venueFactory makes the venue, given the publisher its execution reports go through.
     */
    public DirectEngine(final EngineContext context, final Function<ExecutionReportPublisher, Venue> venueFactory)
    {
        this(context, venueFactory, StateRecorders.NONE);
    }

    /**
     * @param venueFactory makes the venue, given the publisher its execution reports go through.
     * @param state        where the stages mirror their state (a {@link io.easyquant.engine.state.StateStore}'s).
     */
    public DirectEngine(
        final EngineContext context,
        final Function<ExecutionReportPublisher, Venue> venueFactory,
        final StateRecorders state)
    {
        counters = new EngineCounters(context.instruments().count());
        ring = RingBuffer.createSingleProducer(EngineEvent::new, context.pipeline().ringSize(),
            new SleepingWaitStrategy());
        final long timeoutNs = context.pipeline().publishTimeoutNs();
        inputs = new InboundPublisher(ring, context.clock(), timeoutNs, counters, 0, new SequenceOffset(),
            marketDataHold);
        venue = venueFactory.apply(inputs);
        stages = new EngineStages(context, venue, counters, state);
        handler = new Stages(errors, counters, stages.monitor).group(stages.list(), inputs);
    }

    /**
     * The publisher for inputs. Events published here run at the next {@link #drain()}.
     */
    public InboundPublisher inputs()
    {
        return inputs;
    }

    /**
     * Run every published event through every stage, in order, including the events published while doing so.
     *
     * @return the number of events run.
     */
    public int drain()
    {
        int count = 0;
        long cursor = ring.getCursor();
        while (processed < cursor)
        {
            final long sequence = ++processed;
            try
            {
                handler.onEvent(ring.get(sequence), sequence, sequence == cursor);
            }
            catch (final Exception ex)
            {
                errors.record("direct-engine", ex);
            }
            count++;
            if (processed == cursor)
            {
                cursor = ring.getCursor();
            }
        }
        return count;
    }

    /**
     * The hold of {@link #inputs()}' market data (see {@link Engine#marketDataHold()}).
     */
    public MarketDataHold marketDataHold()
    {
        return marketDataHold;
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

    public ExecutionHandler execution()
    {
        return stages.execution;
    }

    public RiskHandler risk()
    {
        return stages.risk;
    }

    public PipelineMonitor monitor()
    {
        return stages.monitor;
    }

    public OrderBoard orderBoard()
    {
        return stages.board;
    }

    public RiskRejections riskRejections()
    {
        return stages.rejections;
    }
}
