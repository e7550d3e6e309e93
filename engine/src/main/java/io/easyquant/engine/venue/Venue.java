package io.easyquant.engine.venue;

import org.agrona.DirectBuffer;

/**
 * The port to a trading venue (paper or real). Called only from the execution stage's thread. Every answer comes
 * back asynchronously as an execution report through the {@link ExecutionReportPublisher} given to the venue.
 *
 * <p>Calls never block and never throw for routine conditions; a venue that cannot take an order answers with a
 * REJECTED report.
 */
public interface Venue
{
    /**
     * Called for every valid input the execution stage handles, before the stage acts on it, so a simulated venue
     * can see the market and the passing of event time. A real venue may ignore it.
     *
     * @param record the input record (see the journal codecs), header included.
     * @param offset where the record starts in the buffer.
     * @param nowNs  the event's engine time.
     */
    void onInput(DirectBuffer record, int offset, long nowNs);

    /**
     * Send a new order.
     *
     * @param limitPriceTicks the limit price; 0 for a market order.
     */
    void send(
        long clOrdId, int instrumentId, byte side, byte orderType, long qtyLots, long limitPriceTicks, long nowNs);

    /**
     * Request the cancel of a working order. An unknown or completed order is answered with CANCEL_REJECTED.
     */
    void cancel(long clOrdId, int instrumentId, long nowNs);

    /**
     * Called when the execution stage reaches the end of a batch: a venue may flush reports it could not publish
     * earlier.
     */
    void onEndOfBatch(long nowNs);

    /**
     * Settle the venue's view against the engine's after a restart. Called once per session, when the execution
     * stage handles the session-start input, after the engine's state was recovered by replaying its journal. The
     * venue publishes, as ordinary reports: every report it emitted with an exec id above
     * {@code lastJournaledExecId} (the journal lost them in the crash), then a REJECTED report for each of the
     * {@code count} client order ids in {@code workingClOrdIds} that it never received (the engine decided the order
     * but crashed before sending it). A venue that keeps nothing across engine restarts has nothing to settle; the
     * default does nothing.
     *
     * @param lastJournaledExecId the highest exec id of this venue's reports in the journal, 0 if none.
     * @param workingClOrdIds     the orders the engine believes working; only the first {@code count} are valid.
     * @param instrumentIds       each working order's instrument id.
     * @param sides               each working order's side.
     * @param nowNs               the session start's engine time.
     */
    default void reconcile(
        final long lastJournaledExecId,
        final long[] workingClOrdIds,
        final int[] instrumentIds,
        final byte[] sides,
        final int count,
        final long nowNs)
    {
    }
}
