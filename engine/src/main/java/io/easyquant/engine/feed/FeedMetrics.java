package io.easyquant.engine.feed;

/**
 * What a feed that keeps venue books shows the outside (metrics, the admin page): its named event counters and each
 * book's state. Read from any thread; the values are the feed thread's latest (each read on its own, not a
 * consistent snapshot across counters).
 */
public interface FeedMetrics
{
    /**
     * @return the feed's name, e.g. {@code binance-feed}.
     */
    String name();

    int counterCount();

    String counterName(int counter);

    long counter(int counter);

    int bookCount();

    /**
     * @return the engine instrument id of book {@code book}.
     */
    int bookInstrumentId(int book);

    /**
     * @return the book's state as the feed last set it: a {@code BookState} code, 0 before the first connection.
     */
    int bookState(int book);
}
