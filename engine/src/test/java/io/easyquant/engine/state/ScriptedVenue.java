package io.easyquant.engine.state;

import io.easyquant.engine.venue.ExecutionReportPublisher;
import io.easyquant.engine.venue.Venue;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.Side;
import org.agrona.DirectBuffer;

/**
 * A test venue with a fixed script by client order id: one in three orders is acknowledged and left working, one is
 * filled in full, one is filled in part and left working, each at the last quote's touch with a fee of 1,000 cash
 * units per lot. What is left working is filled in full {@link #REST_QUOTES} quotes later. No allocation.
 */
public final class ScriptedVenue implements Venue
{
    private final ExecutionReportPublisher reports;
    private final QuoteCodec quote = new QuoteCodec();
    private final long[] bidTicks = new long[64];
    private final long[] askTicks = new long[64];
    private long execIds;
    /** Quotes an order rests before the rest of it fills. */
    static final int REST_QUOTES = 40;
    private static final int CAPACITY = 64;
    private final long[] restingClOrdId = new long[CAPACITY];
    private final int[] restingInstrumentId = new int[CAPACITY];
    private final byte[] restingSide = new byte[CAPACITY];
    private final long[] restingLeaves = new long[CAPACITY];
    private final long[] restingCum = new long[CAPACITY];
    private final long[] restingDue = new long[CAPACITY];
    private int resting;
    private long quotes;

    public ScriptedVenue(final ExecutionReportPublisher reports)
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
            quotes++;
            fillDue(nowNs);
        }
    }

    private void fillDue(final long nowNs)
    {
        int i = 0;
        while (i < resting)
        {
            if (restingDue[i] <= quotes)
            {
                final int instrumentId = restingInstrumentId[i];
                final byte side = restingSide[i];
                final long priceTicks = side == Side.BUY ? askTicks[instrumentId] : bidTicks[instrumentId];
                reports.tryPublishExecutionReport(2, instrumentId, restingClOrdId[i], ++execIds, ExecType.FILL, side,
                    restingLeaves[i], priceTicks, 0, restingCum[i] + restingLeaves[i], 1_000 * restingLeaves[i], nowNs,
                    0);
                resting--;
                restingClOrdId[i] = restingClOrdId[resting];
                restingInstrumentId[i] = restingInstrumentId[resting];
                restingSide[i] = restingSide[resting];
                restingLeaves[i] = restingLeaves[resting];
                restingCum[i] = restingCum[resting];
                restingDue[i] = restingDue[resting];
            }
            else
            {
                i++;
            }
        }
    }

    private void rest(final long clOrdId, final int instrumentId, final byte side, final long leaves, final long cum)
    {
        if (resting < CAPACITY)
        {
            restingClOrdId[resting] = clOrdId;
            restingInstrumentId[resting] = instrumentId;
            restingSide[resting] = side;
            restingLeaves[resting] = leaves;
            restingCum[resting] = cum;
            restingDue[resting] = quotes + REST_QUOTES;
            resting++;
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
        reports.tryPublishExecutionReport(2, instrumentId, clOrdId, ++execIds, ExecType.ACK, side, 0, 0, qtyLots, 0,
            0, nowNs, 0);
        final long script = clOrdId % 3;
        if (script == 1)
        {
            reports.tryPublishExecutionReport(2, instrumentId, clOrdId, ++execIds, ExecType.FILL, side, qtyLots,
                priceTicks, 0, qtyLots, 1_000 * qtyLots, nowNs, 0);
        }
        else if (script == 2 && qtyLots > 1)
        {
            final long part = qtyLots / 2;
            reports.tryPublishExecutionReport(2, instrumentId, clOrdId, ++execIds, ExecType.PARTIAL_FILL, side, part,
                priceTicks, qtyLots - part, part, 1_000 * part, nowNs, 0);
            rest(clOrdId, instrumentId, side, qtyLots - part, part);
        }
        else
        {
            rest(clOrdId, instrumentId, side, qtyLots, 0);
        }
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
