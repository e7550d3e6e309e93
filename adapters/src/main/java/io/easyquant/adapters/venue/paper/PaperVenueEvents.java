package io.easyquant.adapters.venue.paper;

/**
 * What happens at a {@link PaperVenue} that its {@link PaperVenueLog} keeps: the orders and cancels it received and
 * the reports it emitted. A log's append methods are these, called by the venue before it acts; a log's replay calls
 * them on a {@link PaperVenueLog.Visitor}. Each does nothing unless overridden.
 */
public interface PaperVenueEvents
{
    /** A new order as the venue received it, at {@code nowNs} (it arrives a latency later). */
    default void onOrder(
        final long clOrdId,
        final int instrumentId,
        final byte side,
        final byte orderType,
        final long qtyLots,
        final long limitPriceTicks,
        final long nowNs)
    {
    }

    /** A cancel request as the venue received it, at {@code nowNs}. */
    default void onCancel(final long clOrdId, final int instrumentId, final long nowNs)
    {
    }

    /** A report the venue emitted (published now or deferred). */
    default void onReport(
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
    }
}
