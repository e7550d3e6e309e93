package io.easyquant.adapters.venue.paper;

/**
 * What a {@link PaperVenue} persists so that it outlives the engine, as a real venue would: every order and cancel it
 * received and every report it emitted, in the order they happened. On open, a venue replays its log to rebuild its
 * book ({@link #replay(Visitor)}); after the engine recovered, the venue republishes the reports the engine's journal
 * lost ({@link #replayReportsAfter(long, Visitor)}).
 *
 * <p>The append methods ({@link PaperVenueEvents}) are called on the venue's thread, before the venue acts (an order
 * is logged before it can be answered, a report before it is published); they must not allocate in steady state.
 * {@link #NONE} keeps nothing: a venue for backtests and tests.
 */
public interface PaperVenueLog extends PaperVenueEvents
{
    /** A log that keeps nothing and replays nothing. */
    PaperVenueLog NONE = new PaperVenueLog()
    {
        @Override
        public void replay(final Visitor visitor)
        {
        }

        @Override
        public void replayReportsAfter(final long execId, final Visitor visitor)
        {
        }
    };

    /**
     * Replay everything logged, in order, to {@code visitor}. Cold path.
     */
    void replay(Visitor visitor);

    /**
     * Replay only the reports whose exec id is above {@code execId}, in order. Cold path.
     */
    void replayReportsAfter(long execId, Visitor visitor);

    /**
     * Receives what a log replays, call for call as the venue logged it.
     */
    interface Visitor extends PaperVenueEvents
    {
    }
}
