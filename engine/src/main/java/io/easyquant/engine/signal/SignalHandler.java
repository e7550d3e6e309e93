package io.easyquant.engine.signal;

import com.lmax.disruptor.EventHandler;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.journal.codec.RecordHeader;

/**
 * The signal stage: asks the strategy for a target on every valid event that moved an instrument's price and writes
 * it to the slot. Reads only the slot (features were written there by the features stage).
 *
 * <p>Single-threaded; no allocation.
 */
public final class SignalHandler implements EventHandler<EngineEvent>
{
    private final Strategy strategy;
    private final EngineCounters counters;

    public SignalHandler(final Strategy strategy, final EngineCounters counters)
    {
        this.strategy = strategy;
        this.counters = counters;
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.ingestReject != 0 || !event.priceUpdated || event.instrumentIndex < 0)
        {
            return;
        }
        final long timeNs = RecordHeader.timeNs(event.record, 0);
        final long target = strategy.onPrice(event.instrumentIndex, timeNs, event.markTicks, event.features);
        if (target != Strategy.NO_TARGET)
        {
            event.hasSignal = true;
            event.signalTargetLots = target;
            event.signalScore = strategy.lastScore();
            counters.increment(EngineCounters.SIGNALS);
        }
    }
}
