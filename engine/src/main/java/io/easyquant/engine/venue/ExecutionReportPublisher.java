package io.easyquant.engine.venue;

/**
 * The port a venue adapter answers through: each report becomes an input record on the ring, as from a real venue.
 *
 * <p>{@link #tryPublishExecutionReport} never waits: a venue driven from the pipeline's own thread must not wait for
 * ring capacity that only that thread can free. It returns false when the ring is full; the venue keeps the report
 * and tries again on its next call. One instance per producing thread.
 */
public interface ExecutionReportPublisher
{
    /**
     * @param feeCash fee charged for this report in cash units (1e-8 quote currency).
     * @return true if published, false if the ring had no free slot.
     */
    boolean tryPublishExecutionReport(
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
        int rejectReason);
}
