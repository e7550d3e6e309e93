package io.easyquant.adapters.venue.paper;

/**
 * What a {@link PaperVenue} persists so that it outlives the engine, as a real venue would: every order and cancel it
 * received and every report it emitted, in the order they happened. On open, a venue replays its log to rebuild its
 * book ({@link #replay(Visitor)}); after the engine recovered, the venue republishes the reports the engine's journal
 * lost ({@link #replayReportsAfter(long, Visitor)}).
 *
 * <p>The append methods are called on the venue's thread, before the venue acts (an order is logged before it can be
 * answered, a report before it is published); they must not allocate in steady state. {@link #NONE} keeps nothing:
 * a venue for backtests and tests.
 */
public interface PaperVenueLog
{
    /** A log that keeps nothing and replays nothing. */
    PaperVenueLog NONE = new PaperVenueLog()
    {
        @Override
        public void onOrder(
            final long clOrdId,
            final int instrumentId,
            final byte side,
            final byte orderType,
            final long qtyLots,
            final long limitPriceTicks,
            final long nowNs)
        {
        }

        @Override
        public void onCancel(final long clOrdId, final int instrumentId, final long nowNs)
        {
        }

        @Override
        public void onReport(
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

        @Override
        public void replay(final Visitor visitor)
        {
        }

        @Override
        public void replayReportsAfter(final long execId, final Visitor visitor)
        {
        }
    };

    /** A new order as the venue received it, at {@code nowNs} (it arrives a latency later). */
    void onOrder(
        long clOrdId, int instrumentId, byte side, byte orderType, long qtyLots, long limitPriceTicks, long nowNs);

    /** A cancel request as the venue received it, at {@code nowNs}. */
    void onCancel(long clOrdId, int instrumentId, long nowNs);

    /** A report the venue emitted (published now or deferred). */
    void onReport(
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

    /**
     * Replay everything logged, in order, to {@code visitor}. Cold path.
     */
    void replay(Visitor visitor);

    /**
     * Replay only the reports whose exec id is above {@code execId}, in order. Cold path.
     */
    void replayReportsAfter(long execId, Visitor visitor);

    /**
     * Receives what a log replays; the same shapes as the append methods.
     */
    interface Visitor
    {
        void onOrder(
            long clOrdId, int instrumentId, byte side, byte orderType, long qtyLots, long limitPriceTicks, long nowNs);

        void onCancel(long clOrdId, int instrumentId, long nowNs);

        void onReport(
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
}
