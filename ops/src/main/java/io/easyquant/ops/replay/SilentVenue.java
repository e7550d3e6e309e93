package io.easyquant.ops.replay;

import io.easyquant.engine.venue.Venue;
import org.agrona.DirectBuffer;

/**
 * The venue of a verifying replay: it takes orders and cancels and answers nothing, because the venue's answers are
 * in the journal and are replayed as the inputs they were.
 */
final class SilentVenue implements Venue
{
    private long orders;
    private long cancels;

    @Override
    public void onInput(final DirectBuffer record, final int offset, final long nowNs)
    {
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
        orders++;
    }

    @Override
    public void cancel(final long clOrdId, final int instrumentId, final long nowNs)
    {
        cancels++;
    }

    @Override
    public void onEndOfBatch(final long nowNs)
    {
    }

    long orders()
    {
        return orders;
    }

    long cancels()
    {
        return cancels;
    }
}
