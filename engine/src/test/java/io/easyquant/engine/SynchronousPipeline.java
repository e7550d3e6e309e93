package io.easyquant.engine;

import com.lmax.disruptor.EventHandler;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.execution.ExecutionHandler;
import io.easyquant.engine.features.FeatureEngine;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.features.FeaturesHandler;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.IngestHandler;
import io.easyquant.engine.risk.RiskHandler;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.SignalHandler;
import io.easyquant.engine.signal.Strategy;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.Side;
import io.easyquant.engine.venue.Venue;
import org.agrona.DirectBuffer;

import java.util.List;

/**
 * The real stages called in order on the test's thread, one slot, with a venue that acknowledges and fills every order
 * at its limit or the last quote: a deterministic, allocation-free driver for the hot path.
 */
final class SynchronousPipeline
{
    final EngineCounters counters;
    final ExecutionHandler execution;
    final RiskHandler risk;
    private final List<EventHandler<EngineEvent>> stages;
    private final EngineEvent event = new EngineEvent();
    private final QuoteCodec quote = new QuoteCodec();
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final FillingVenue venue = new FillingVenue();
    private long sequence;

    SynchronousPipeline(
        final Instruments instruments, final Strategy strategy, final RiskLimits limits, final ExecutionContext context)
    {
        counters = new EngineCounters(instruments.count());
        risk = new RiskHandler(instruments.count(), limits, context, counters, 1);
        execution = new ExecutionHandler(instruments, context, venue, counters);
        stages = List.of(
            new IngestHandler(instruments, counters),
            new FeaturesHandler(new FeatureEngine(new FeaturesContext(), instruments.count())),
            new SignalHandler(strategy, counters),
            risk,
            execution);
    }

    /**
     * Publish one quote, then every venue report it caused, each through all stages.
     */
    void quote(final int instrumentId, final long timeNs, final long bidTicks, final long askTicks, final long lots)
    {
        quote.wrapForEncode(event.record, 0, 1);
        quote.instrumentId(instrumentId).sourceTimeNs(timeNs).bidTicks(bidTicks).bidLots(lots).askTicks(askTicks)
            .askLots(lots);
        venue.bidTicks = bidTicks;
        venue.askTicks = askTicks;
        dispatch(timeNs);
        while (venue.pending > 0)
        {
            venue.pending--;
            final int i = venue.pending;
            report.wrapForEncode(event.record, 0, 2);
            report.instrumentId(venue.instrumentId[i]).execType(venue.execType[i]).side(venue.side[i])
                .clOrdId(venue.clOrdId[i]).execId(++venue.execIds).lastQtyLots(venue.lastQty[i])
                .lastPriceTicks(venue.lastPrice[i]).leavesQtyLots(0).cumQtyLots(venue.lastQty[i]);
            dispatch(timeNs);
        }
    }

    private void dispatch(final long timeNs)
    {
        RecordHeader.stamp(event.record, 0, ++sequence, timeNs);
        for (int i = 0, size = stages.size(); i < size; i++)
        {
            try
            {
                stages.get(i).onEvent(event, sequence, true);
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    /**
     * Answers every order with a FILL at the touch (reports are queued LIFO; ack-less fills are legal from NEW).
     */
    private static final class FillingVenue implements Venue
    {
        final int[] instrumentId = new int[16];
        final byte[] execType = new byte[16];
        final byte[] side = new byte[16];
        final long[] clOrdId = new long[16];
        final long[] lastQty = new long[16];
        final long[] lastPrice = new long[16];
        int pending;
        long execIds;
        long bidTicks;
        long askTicks;

        @Override
        public void onInput(final DirectBuffer record, final int offset, final long nowNs)
        {
        }

        @Override
        public void send(
            final long id,
            final int instrument,
            final byte orderSide,
            final byte orderType,
            final long qtyLots,
            final long limitPriceTicks,
            final long nowNs)
        {
            final int i = pending++;
            instrumentId[i] = instrument;
            execType[i] = ExecType.FILL;
            side[i] = orderSide;
            clOrdId[i] = id;
            lastQty[i] = qtyLots;
            lastPrice[i] = orderSide == Side.BUY ? askTicks : bidTicks;
        }

        @Override
        public void cancel(final long id, final int instrument, final long nowNs)
        {
        }

        @Override
        public void onEndOfBatch(final long nowNs)
        {
        }
    }
}
