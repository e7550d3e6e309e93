package io.easyquant.engine;

import io.easyquant.engine.venue.ExecutionReportPublisher;
import io.easyquant.engine.venue.Venue;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.Side;
import org.agrona.DirectBuffer;

/**
 * A test venue that fills every order at once, in full, at the last quote's touch, answering through the ring. No
 * allocation.
 */
final class FillingVenue implements Venue
{
    private final ExecutionReportPublisher reports;
    private final QuoteCodec quote = new QuoteCodec();
    private final long[] bidTicks = new long[64];
    private final long[] askTicks = new long[64];
    private long execIds;

    FillingVenue(final ExecutionReportPublisher reports)
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
        final long priceTicks = side == Side.BUY ? askTicks[instrumentId] : bidTicks[instrumentId];
        reports.tryPublishExecutionReport(2, instrumentId, clOrdId, ++execIds, ExecType.FILL, side, qtyLots, priceTicks,
            0, qtyLots, 0, nowNs, 0);
    }

    @Override
    public void cancel(final long clOrdId, final int instrumentId, final long nowNs)
    {
    }

    @Override
    public void onEndOfBatch(final long nowNs)
    {
    }
}
