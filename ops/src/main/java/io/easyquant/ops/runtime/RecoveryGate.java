package io.easyquant.ops.runtime;

import io.easyquant.engine.order.Order;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.engine.state.ExecutionStateRecorder;
import io.easyquant.engine.state.RiskStateRecorder;
import io.easyquant.engine.state.StateRecorders;
import io.easyquant.engine.venue.Venue;
import io.easyquant.journal.RecordSink;
import org.agrona.DirectBuffer;

/**
 * Keeps a session's journal writers, state maps and venue shut while the engine recovers by replaying its journal:
 * the inputs replayed are already in the journal and the outputs they regenerate must not be appended again, the state
 * maps are checked against the replayed state afterwards (so they must still hold what the last session left), and
 * the venue must hear nothing of the past (it keeps its own book). {@link #open()} once the recovery has drained; from
 * then on every call passes straight through.
 *
 * <p>The flag is a plain field: it is written by the thread running the recovery while the ring is idle, and the
 * pipeline threads read it for events published after that write, which the ring's sequence publication orders after
 * it. One branch per call, no allocation.
 */
final class RecoveryGate
{
    private boolean open;

    void open()
    {
        open = true;
    }

    /**
     * @return a sink that appends to {@code sink} only once the gate is open.
     */
    RecordSink sink(final RecordSink sink)
    {
        return (buffer, offset, length) ->
        {
            if (open)
            {
                sink.append(buffer, offset, length);
            }
        };
    }

    /**
     * @return a sink that appends to {@code sink} once the gate is open, and until then hands every record to
     * {@code check} (the outputs a recovery regenerates, compared with the journaled ones).
     */
    RecordSink outputs(final RecordSink sink, final RecordSink check)
    {
        return (buffer, offset, length) ->
        {
            if (open)
            {
                sink.append(buffer, offset, length);
            }
            else
            {
                check.append(buffer, offset, length);
            }
        };
    }

    /**
     * @return recorders that write the state maps only once the gate is open: the check after the replay then
     * compares the maps as the last session left them with the replayed state.
     */
    StateRecorders state(final StateRecorders recorders)
    {
        final ExecutionStateRecorder execution = recorders.execution();
        final RiskStateRecorder risk = recorders.risk();
        return new StateRecorders(
            new ExecutionStateRecorder()
            {
                @Override
                public void position(final int instrumentIndex, final PositionBook positions, final long inputSequence)
                {
                    if (open)
                    {
                        execution.position(instrumentIndex, positions, inputSequence);
                    }
                }

                @Override
                public void order(final Order order, final long inputSequence)
                {
                    if (open)
                    {
                        execution.order(order, inputSequence);
                    }
                }
            },
            new RiskStateRecorder()
            {
                @Override
                public void counter(
                    final int instrumentIndex, final int counter, final long value, final long inputSequence)
                {
                    if (open)
                    {
                        risk.counter(instrumentIndex, counter, value, inputSequence);
                    }
                }

                @Override
                public void tradingState(final int state, final int origin, final long inputSequence)
                {
                    if (open)
                    {
                        risk.tradingState(state, origin, inputSequence);
                    }
                }
            });
    }

    /**
     * @return a venue that hears every call only once the gate is open.
     */
    Venue venue(final Venue venue)
    {
        return new GatedVenue(venue);
    }

    private final class GatedVenue implements Venue
    {
        private final Venue venue;

        GatedVenue(final Venue venue)
        {
            this.venue = venue;
        }

        @Override
        public void onInput(final DirectBuffer record, final int offset, final long nowNs)
        {
            if (open)
            {
                venue.onInput(record, offset, nowNs);
            }
        }

        @Override
        public void send(
            final long clOrdId,
            final int instrumentId,
            final byte side,
            final byte orderType,
            final long qtyLots,
            final long limitPriceTicks,
            final long nowNs)
        {
            if (open)
            {
                venue.send(clOrdId, instrumentId, side, orderType, qtyLots, limitPriceTicks, nowNs);
            }
        }

        @Override
        public void cancel(final long clOrdId, final int instrumentId, final long nowNs)
        {
            if (open)
            {
                venue.cancel(clOrdId, instrumentId, nowNs);
            }
        }

        @Override
        public void onEndOfBatch(final long nowNs)
        {
            if (open)
            {
                venue.onEndOfBatch(nowNs);
            }
        }

        @Override
        public void reconcile(
            final long lastJournaledExecId,
            final long[] workingClOrdIds,
            final int[] instrumentIds,
            final byte[] sides,
            final int count,
            final long nowNs)
        {
            if (open)
            {
                venue.reconcile(lastJournaledExecId, workingClOrdIds, instrumentIds, sides, count, nowNs);
            }
        }
    }
}
