package io.easyquant.engine.execution;

import io.easyquant.engine.venue.Venue;
import io.easyquant.journal.codec.RecordHeader;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * A venue that records every call as a value, in order. Allocates: not for allocation tests.
 */
final class RecordingVenue implements Venue
{
    /** A call made on the venue. */
    interface Call
    {
    }

    record Input(int templateId, long nowNs) implements Call
    {
    }

    record Send(
        long clOrdId, int instrumentId, byte side, byte orderType, long qtyLots, long limitPriceTicks, long nowNs)
        implements Call
    {
    }

    record Cancel(long clOrdId, int instrumentId, long nowNs) implements Call
    {
    }

    record EndOfBatch(long nowNs) implements Call
    {
    }

    record Reconcile(long lastJournaledExecId, List<Long> workingClOrdIds, List<Integer> instrumentIds, long nowNs)
        implements Call
    {
    }

    private final List<Call> calls = new ArrayList<>();

    @Override
    public void onInput(final DirectBuffer record, final int offset, final long nowNs)
    {
        calls.add(new Input(RecordHeader.templateId(record, offset), nowNs));
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
        calls.add(new Send(clOrdId, instrumentId, side, orderType, qtyLots, limitPriceTicks, nowNs));
    }

    @Override
    public void cancel(final long clOrdId, final int instrumentId, final long nowNs)
    {
        calls.add(new Cancel(clOrdId, instrumentId, nowNs));
    }

    @Override
    public void onEndOfBatch(final long nowNs)
    {
        calls.add(new EndOfBatch(nowNs));
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
        final List<Long> ids = new ArrayList<>();
        final List<Integer> instruments = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            ids.add(workingClOrdIds[i]);
            instruments.add(instrumentIds[i]);
        }
        calls.add(new Reconcile(lastJournaledExecId, ids, instruments, nowNs));
    }

    /**
     * @return the calls since the last {@link #take()}, and forget them.
     */
    List<Call> take()
    {
        final List<Call> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }

    <T extends Call> List<T> taken(final Class<T> type)
    {
        final List<T> matching = new ArrayList<>();
        for (final Call call : take())
        {
            if (type.isInstance(call))
            {
                matching.add(type.cast(call));
            }
        }
        return matching;
    }
}
