package io.easyquant.engine.feed;

/**
 * The port of a feed that keeps venue order books: market data plus the books' state transitions
 * ({@code io.easyquant.journal.codec.BookState}), each of which enters the ring as an input and is journaled.
 *
 * <p>Same rules as {@link MarketDataPublisher}: a bounded wait for ring capacity, false when none came, one instance
 * per producing thread.
 */
public interface BookFeedPublisher extends MarketDataPublisher
{
    /**
     * @param state        a {@code BookState} code.
     * @param reason       a {@code BookStateReason} code.
     * @param lastUpdateId the venue's update id or sequence number the book had reached, 0 when none.
     */
    boolean publishBookState(
        int sourceId, int instrumentId, long sourceTimeNs, int state, int reason, long lastUpdateId);

    /**
     * @param levels       levels summed per side.
     * @param bidDepthLots size in the best {@code levels} bid levels.
     * @param askDepthLots size in the best {@code levels} ask levels.
     */
    boolean publishBookDepth(
        int sourceId, int instrumentId, long sourceTimeNs, int levels, long bidDepthLots, long askDepthLots);
}
