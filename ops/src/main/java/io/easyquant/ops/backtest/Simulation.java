package io.easyquant.ops.backtest;

import io.easyquant.adapters.venue.paper.PaperVenue;
import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.feed.MarketDataPublisher;
import io.easyquant.engine.pipeline.InboundPublisher;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.ops.config.Configuration;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The engine in simulated time: the pipeline's stages on this thread with the paper venue, fed market data one event
 * at a time. The clock is the event's own time, so nothing sleeps and the same inputs always give the same outputs;
 * every input gets the simulation's sequence (its position in processing order).
 *
 * <p>After each market event, and everything it caused (the venue's reports), has run, the listener is told.
 *
 * <p>The direct engine's ring only ever holds one input and what it causes, so it has {@link #DIRECT_RING_SIZE} slots
 * (or the configured ring size if smaller) rather than the threaded ring's: a 65536-slot ring cost 26 MB at start
 * and a cold slot per event. Should the venue ever answer one input with more reports than that, it keeps the rest
 * and publishes them, in order, as the ring drains within the same run (see {@code PaperVenue}); sequences, times
 * and outputs are the same as with a larger ring.
 */
public final class Simulation implements MarketDataPublisher
{
    /**
     * Told after each market event has run to completion.
     */
    @FunctionalInterface
    public interface Listener
    {
        void afterMarketEvent(long timeNs, DirectEngine engine);
    }

    /** Ring slots of a direct engine: one input and its consequences at a time. */
    public static final int DIRECT_RING_SIZE = 1024;

    private final SimulatedClock clock = new SimulatedClock();
    private final DirectEngine engine;
    private final InboundPublisher inputs;
    private final Listener listener;
    private long marketEvents;

    /**
     * @param inputJournal  where inputs go (the backtest's journal), or {@link RecordSink#NONE}.
     * @param outputJournal where decisions go, or {@link RecordSink#NONE}.
     */
    public Simulation(
        final Configuration config,
        final RecordSink inputJournal,
        final RecordSink outputJournal,
        final Listener listener)
    {
        this.listener = listener;
        engine = new DirectEngine(new EngineContext(config.instruments(), directPipeline(config.pipeline()),
            config.features(), config.strategy().get(), config.riskLimits(), config.execution(), clock, 1,
            () -> inputJournal, () -> outputJournal),
            reports -> new PaperVenue(config.venue(), config.instruments(), reports));
        inputs = engine.inputs();
    }

    /**
     * The pipeline context of a direct engine: the configured one with a ring of at most {@link #DIRECT_RING_SIZE}
     * slots.
     */
    public static PipelineContext directPipeline(final PipelineContext configured)
    {
        return new PipelineContext(Math.min(configured.ringSize(), DIRECT_RING_SIZE), configured.waitStrategy(),
            configured.layout(), configured.cpus(), configured.publishTimeoutNs());
    }

    public DirectEngine engine()
    {
        return engine;
    }

    /**
     * @return market events run so far.
     */
    public long marketEvents()
    {
        return marketEvents;
    }

    @Override
    public boolean publishTrade(
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final long priceTicks,
        final long qtyLots,
        final byte aggressorSide,
        final long tradeId)
    {
        clock.nowNs = sourceTimeNs;
        return done(inputs.publishTrade(sourceId, instrumentId, sourceTimeNs, priceTicks, qtyLots, aggressorSide,
            tradeId));
    }

    @Override
    public boolean publishQuote(
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final long bidTicks,
        final long bidLots,
        final long askTicks,
        final long askLots)
    {
        clock.nowNs = sourceTimeNs;
        return done(inputs.publishQuote(sourceId, instrumentId, sourceTimeNs, bidTicks, bidLots, askTicks, askLots));
    }

    @Override
    public boolean publishBar(
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final int durationMs,
        final long openTicks,
        final long highTicks,
        final long lowTicks,
        final long closeTicks,
        final long volumeLots)
    {
        clock.nowNs = sourceTimeNs;
        return done(inputs.publishBar(sourceId, instrumentId, sourceTimeNs, durationMs, openTicks, highTicks, lowTicks,
            closeTicks, volumeLots));
    }

    /**
     * Run a recorded market-data record (from a journal): it keeps its time and takes the simulation's sequence.
     */
    public boolean publishRecorded(final DirectBuffer record, final int offset, final int length)
    {
        clock.nowNs = RecordHeader.timeNs(record, offset);
        return done(inputs.publishRecord(record, offset, length, true));
    }

    private boolean done(final boolean published)
    {
        engine.drain();
        if (published)
        {
            marketEvents++;
            listener.afterMarketEvent(clock.nowNs, engine);
        }
        return published;
    }

    /**
     * Event time: set to each market event's time before it is published.
     */
    private static final class SimulatedClock implements EpochNanoClock
    {
        long nowNs;

        @Override
        public long nanoTime()
        {
            return nowNs;
        }
    }
}
