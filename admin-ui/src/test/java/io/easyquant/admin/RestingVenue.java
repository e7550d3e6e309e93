package io.easyquant.admin;

import io.easyquant.engine.venue.ExecutionReportPublisher;
import io.easyquant.engine.venue.Venue;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.Side;
import org.agrona.DirectBuffer;

/**
 * A test venue that acknowledges every order, fills those with an odd client order id at once at the touch, and
 * leaves the others working until they are cancelled: so an engine trading on it has both positions and working
 * orders. Answers through the ring, from the execution stage's thread.
 */
final class RestingVenue implements Venue
{
    private static final int SOURCE_ID = 10;

    private final ExecutionReportPublisher reports;
    private final QuoteCodec quote = new QuoteCodec();
    private final long[] bidTicks = new long[16];
    private final long[] askTicks = new long[16];
    private long execIds;

    RestingVenue(final ExecutionReportPublisher reports)
    {
        this.reports = reports;
    }

    @Override
    public void onInput(final DirectBuffer record, final int offset, final long nowNs)
    {
        if (RecordHeader.templateId(record, offset) == RecordType.QUOTE.code())
        {
            quote.wrap(record, offset);
            bidTicks[quote.instrumentId()] = quote.bidTicks();
            askTicks[quote.instrumentId()] = quote.askTicks();
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
        reports.tryPublishExecutionReport(SOURCE_ID, instrumentId, clOrdId, ++execIds, ExecType.ACK, side, 0, 0,
            qtyLots, 0, 0, nowNs, 0);
        if ((clOrdId & 1) == 1)
        {
            final long priceTicks = side == Side.BUY ? askTicks[instrumentId] : bidTicks[instrumentId];
            reports.tryPublishExecutionReport(SOURCE_ID, instrumentId, clOrdId, ++execIds, ExecType.FILL, side,
                qtyLots, priceTicks, 0, qtyLots, 0, nowNs, 0);
        }
    }

    @Override
    public void cancel(final long clOrdId, final int instrumentId, final long nowNs)
    {
        reports.tryPublishExecutionReport(SOURCE_ID, instrumentId, clOrdId, ++execIds, ExecType.CANCELLED, Side.BUY,
            0, 0, 0, 0, 0, nowNs, 0);
    }

    @Override
    public void onEndOfBatch(final long nowNs)
    {
    }
}
