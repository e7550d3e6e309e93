package io.easyquant.adapters.feed.live;

import io.easyquant.adapters.exchange.ExchangeFaults;
import io.easyquant.adapters.exchange.ExchangeSymbol;
import io.easyquant.adapters.exchange.FakeExchange;
import io.easyquant.journal.codec.BookState;
import io.easyquant.journal.codec.BookStateReason;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both live feeds against the fake exchange with sockets dropped at random points, a venue shutdown notice, and
 * Coinbase sequence gaps, duplicates and reorders: the feed comes back every time, the books resync, no quote is
 * published from a book that is not LIVE, every transition is published, and once the market stops the books equal
 * the exchange's. And the start-up rules check refuses a configured tick or lot the venue disagrees with.
 */
@Tag("slow")
class LiveFeedFaultsTest
{
    @Test
    void binanceShouldComeBackAfterDropsAndAServerShutdownWithBooksEqualToTheExchange() throws Exception
    {
        final ExchangeFaults faults = ExchangeFaults.parse(
            "seed=11,drops=4,dropMin=50,dropMax=400,shutdownAfter=150,shutdownGrace=60");
        try (FakeExchange exchange = new FakeExchange(FakeExchange.Venue.BINANCE, 0, ExchangeSymbol.BINANCE_DEFAULTS,
            faults, 5, null, null).start())
        {
            final RecordingBookPublisher publisher = new RecordingBookPublisher();
            final BinanceFeed feed = new BinanceFeed(BinanceBookReconstructionTest.context(exchange.port()),
                publisher, new SystemEpochNanoClock());
            feed.onStart();
            try
            {
                // The exchange counts a drop when it closes the socket; the feed counts it once the close reaches
                // it, later: wait for the feed's own count too.
                run(feed, 60, () -> exchange.dropped() >= 4 && feed.counters().get(FeedCounters.DISCONNECTS) >= 4 &&
                    feed.counters().get(FeedCounters.CONNECTS) >= 5 && feed.bookState(0) == BookState.LIVE &&
                    feed.bookState(1) == BookState.LIVE);
                assertBooksEqualOnceQuiet(exchange, feed, "BTCUSDT", "ETHUSDT");
            }
            finally
            {
                feed.onClose();
            }
            final FeedCounters counters = feed.counters();
            assertEquals(1, counters.get(FeedCounters.SERVER_SHUTDOWNS));
            assertTrue(counters.get(FeedCounters.DISCONNECTS) >= 4, "disconnects");
            assertEquals(0, counters.get(FeedCounters.MALFORMED_FRAMES));
            BinanceBookReconstructionTest.assertQuotesOnlyWhileLive(publisher.published(), 100);
            assertTransitions(publisher.published(), BookStateReason.DISCONNECTED);
        }
    }

    @Test
    void coinbaseShouldResubscribeOnSequenceGapsAndComeBackAfterDrops() throws Exception
    {
        final ExchangeFaults faults = ExchangeFaults.parse(
            "seed=5,skip=0.01,duplicate=0.02,reorder=0.01,drops=3,dropMin=100,dropMax=500");
        try (FakeExchange exchange = new FakeExchange(FakeExchange.Venue.COINBASE, 0,
            ExchangeSymbol.COINBASE_DEFAULTS, faults, 5, null, null).start())
        {
            final RecordingBookPublisher publisher = new RecordingBookPublisher();
            final CoinbaseFeed feed = new CoinbaseFeed(coinbaseContext(exchange.port(), "0.000001"), publisher,
                new SystemEpochNanoClock());
            feed.checkInstrumentRules();
            feed.onStart();
            try
            {
                run(feed, 60, () -> exchange.dropped() >= 3 && feed.counters().get(FeedCounters.GAPS) >= 3 &&
                    feed.counters().get(FeedCounters.CONNECTS) >= 4 && feed.bookState(0) == BookState.LIVE &&
                    feed.bookState(1) == BookState.LIVE);
                assertBooksEqualOnceQuiet(exchange, feed, "BTC-USD", "ETH-USD");
            }
            finally
            {
                feed.onClose();
            }
            final FeedCounters counters = feed.counters();
            assertTrue(counters.get(FeedCounters.RESYNCS) >= 1, "resyncs");
            assertTrue(counters.get(FeedCounters.DUPLICATES) >= 1, "duplicates");
            assertEquals(0, counters.get(FeedCounters.MALFORMED_FRAMES));
            assertTrue(counters.get(FeedCounters.TRADES) > 0, "trades");
            BinanceBookReconstructionTest.assertQuotesOnlyWhileLive(publisher.published(), 20);
            assertTransitions(publisher.published(), BookStateReason.SEQUENCE_GAP);
        }
    }

    @Test
    void binanceShouldGoStaleWhenTheExchangeGoesQuietAndWaitOutABan() throws Exception
    {
        final ExchangeFaults faults = ExchangeFaults.parse("seed=3,quietAfter=300,quietMs=3000,banned=1,retryAfter=1");
        try (FakeExchange exchange = new FakeExchange(FakeExchange.Venue.BINANCE, 0, ExchangeSymbol.BINANCE_DEFAULTS,
            faults, 5, null, null).start())
        {
            final RecordingBookPublisher publisher = new RecordingBookPublisher();
            final LiveFeedContext base = BinanceBookReconstructionTest.context(exchange.port());
            final LiveFeedContext context = new LiveFeedContext(base.sourceId(), base.webSocketUrl(), base.restUrl(),
                base.instruments(), base.bookLevels(), 1_000, 20, 200, 0, 2_000, true, 5);
            final BinanceFeed feed = new BinanceFeed(context, publisher, new SystemEpochNanoClock());
            feed.onStart();
            try
            {
                run(feed, 60, () -> feed.counters().get(FeedCounters.QUIET_TIMEOUTS) >= 1 &&
                    feed.counters().get(FeedCounters.CONNECTS) >= 2 && feed.bookState(0) == BookState.LIVE &&
                    feed.bookState(1) == BookState.LIVE);
            }
            finally
            {
                feed.onClose();
            }
            assertEquals(1, feed.counters().get(FeedCounters.REST_THROTTLED), "the 418 was waited out");
            BinanceBookReconstructionTest.assertQuotesOnlyWhileLive(publisher.published(), 20);
            assertTransitions(publisher.published(), BookStateReason.QUIET);
        }
    }

    @Test
    void shouldRefuseToStartWhenTheVenueDisagreesWithTheConfiguredLotOrTick() throws Exception
    {
        try (FakeExchange binance = FakeExchange.simulated(FakeExchange.Venue.BINANCE, 0).start();
            FakeExchange coinbase = FakeExchange.simulated(FakeExchange.Venue.COINBASE, 0).start())
        {
            final LiveFeedContext wrongLot = new LiveFeedContext(11,
                URI.create("ws://127.0.0.1:" + binance.port() + "/ws"), URI.create("http://127.0.0.1:" +
                binance.port()), List.of(new LiveInstrument(1, "BTC-USDT", "BTCUSDT",
                new Increment(new BigDecimal("0.01")), new Increment(new BigDecimal("0.0001")))), 1000, 2_000, 20,
                200, 0, 2_000, true, 5);
            final BinanceFeed feed = new BinanceFeed(wrongLot, new RecordingBookPublisher(),
                new SystemEpochNanoClock());
            final IllegalStateException binanceError = assertThrows(IllegalStateException.class,
                feed::checkInstrumentRules);
            feed.onClose();
            assertTrue(binanceError.getMessage().contains(
                "BTC-USDT (BTCUSDT): venue lot size 0.00001 (stepSize), configured 0.0001"), binanceError.getMessage());

            final CoinbaseFeed coinbaseFeed = new CoinbaseFeed(coinbaseContext(coinbase.port(), "0.00001"),
                new RecordingBookPublisher(), new SystemEpochNanoClock());
            final IllegalStateException coinbaseError = assertThrows(IllegalStateException.class,
                coinbaseFeed::checkInstrumentRules);
            coinbaseFeed.onClose();
            assertTrue(coinbaseError.getMessage().contains(
                "BTC-USD (BTC-USD): venue lot size 0.000001 (base_increment), configured 0.00001"),
                coinbaseError.getMessage());
        }
    }

    private static void run(final LiveFeed feed, final int seconds, final BooleanSupplier done)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadlineNs, "not done within " + seconds + " s: " + describe(feed));
            if (feed.doWork() == 0)
            {
                Thread.onSpinWait();
            }
        }
    }

    private static String describe(final LiveFeed feed)
    {
        final StringBuilder out = new StringBuilder();
        for (int c = 0; c < FeedCounters.COUNT; c++)
        {
            out.append(FeedCounters.name(c)).append('=').append(feed.counters().get(c)).append(' ');
        }
        return out.append("states ").append(feed.bookState(0)).append(',').append(feed.bookState(1)).toString();
    }

    /**
     * Stop the market, let the feed take in what is in flight, then compare each book with the exchange's.
     */
    private static void assertBooksEqualOnceQuiet(
        final FakeExchange exchange, final LiveFeed feed, final String... symbols) throws InterruptedException
    {
        // A book may still be resyncing (a connection handed over just before the pause): it needs market events
        // to finish, so the market runs again until every book is LIVE, and stops again.
        for (int attempt = 0; ; attempt++)
        {
            exchange.pause(true);
            final long untilNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(700);
            while (System.nanoTime() < untilNs)
            {
                if (feed.doWork() == 0)
                {
                    Thread.sleep(1);
                }
            }
            boolean live = true;
            for (int i = 0; i < symbols.length; i++)
            {
                live &= feed.bookState(i) == BookState.LIVE;
            }
            if (live || attempt == 5)
            {
                break;
            }
            exchange.pause(false);
            run(feed, 30, () -> feed.bookState(0) == BookState.LIVE && feed.bookState(1) == BookState.LIVE);
        }
        for (int i = 0; i < symbols.length; i++)
        {
            assertEquals(BookState.LIVE, feed.bookState(i), symbols[i]);
            final OrderBook book = feed.book(i);
            final List<long[]> bids = exchange.book(symbols[i], true);
            final List<long[]> asks = exchange.book(symbols[i], false);
            assertEquals(bids.size(), book.bidLevels(), symbols[i] + " bid levels");
            assertEquals(asks.size(), book.askLevels(), symbols[i] + " ask levels");
            for (int level = 0; level < bids.size(); level++)
            {
                assertEquals(bids.get(level)[0], book.bidPrice(level));
                assertEquals(bids.get(level)[1], book.bidQty(level));
            }
            for (int level = 0; level < asks.size(); level++)
            {
                assertEquals(asks.get(level)[0], book.askPrice(level));
                assertEquals(asks.get(level)[1], book.askQty(level));
            }
        }
        exchange.pause(false);
    }

    private static void assertTransitions(final List<RecordingBookPublisher.Published> published, final int reason)
    {
        boolean seen = false;
        for (final RecordingBookPublisher.Published record : published)
        {
            if (record instanceof RecordingBookPublisher.State state && state.reason() == reason)
            {
                seen = true;
            }
        }
        assertTrue(seen, "a transition for " + BookStateReason.name(reason));
    }

    static LiveFeedContext coinbaseContext(final int port, final String lot)
    {
        final List<LiveInstrument> instruments = List.of(
            new LiveInstrument(1, "BTC-USD", "BTC-USD", new Increment(new BigDecimal("0.01")),
                new Increment(new BigDecimal(lot))),
            new LiveInstrument(2, "ETH-USD", "ETH-USD", new Increment(new BigDecimal("0.01")),
                new Increment(new BigDecimal(lot))));
        return new LiveFeedContext(12, URI.create("ws://127.0.0.1:" + port + "/"),
            URI.create("http://127.0.0.1:" + port), instruments, 1000, 2_000, 20, 200, 0, 2_000, true, 5);
    }
}
