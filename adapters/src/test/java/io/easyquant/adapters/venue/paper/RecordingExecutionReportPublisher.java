package io.easyquant.adapters.venue.paper;

import io.easyquant.engine.venue.ExecutionReportPublisher;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.Side;

import java.util.ArrayList;
import java.util.List;

/**
 * A fake ring: records every report it accepts as a value, and can be told to refuse the next K publishes.
 */
final class RecordingExecutionReportPublisher implements ExecutionReportPublisher
{
    /** One accepted execution report, compared by value. */
    record Report(
        int sourceId,
        int instrumentId,
        long clOrdId,
        long execId,
        byte execType,
        byte side,
        long lastQtyLots,
        long lastPriceTicks,
        long leavesQtyLots,
        long cumQtyLots,
        long feeCash,
        long venueTimeNs,
        int rejectReason)
    {
        @Override
        public String toString()
        {
            return ExecType.name(execType) + "{clOrdId=" + clOrdId + ", execId=" + execId + ", instrumentId=" +
                instrumentId + ", side=" + Side.name(side) + ", lastQty=" + lastQtyLots + ", lastPrice=" +
                lastPriceTicks + ", leaves=" + leavesQtyLots + ", cum=" + cumQtyLots + ", fee=" + feeCash +
                ", venueTimeNs=" + venueTimeNs + ", rejectReason=" + PaperRejectReason.name(rejectReason) +
                ", sourceId=" + sourceId + '}';
        }
    }

    private final List<Report> reports = new ArrayList<>();
    private int refuseRemaining;
    private int refused;

    /**
     * Refuse the next {@code count} publishes, as a full ring would.
     */
    void refuseNext(final int count)
    {
        refuseRemaining = count;
    }

    int refused()
    {
        return refused;
    }

    List<Report> reports()
    {
        return reports;
    }

    Report last()
    {
        return reports.get(reports.size() - 1);
    }

    List<Report> drain()
    {
        final List<Report> copy = new ArrayList<>(reports);
        reports.clear();
        return copy;
    }

    @Override
    public boolean tryPublishExecutionReport(
        final int sourceId,
        final int instrumentId,
        final long clOrdId,
        final long execId,
        final byte execType,
        final byte side,
        final long lastQtyLots,
        final long lastPriceTicks,
        final long leavesQtyLots,
        final long cumQtyLots,
        final long feeCash,
        final long venueTimeNs,
        final int rejectReason)
    {
        if (refuseRemaining > 0)
        {
            refuseRemaining--;
            refused++;
            return false;
        }
        reports.add(new Report(sourceId, instrumentId, clOrdId, execId, execType, side, lastQtyLots, lastPriceTicks,
            leavesQtyLots, cumQtyLots, feeCash, venueTimeNs, rejectReason));
        return true;
    }
}
