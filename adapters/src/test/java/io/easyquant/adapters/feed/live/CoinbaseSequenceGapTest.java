package io.easyquant.adapters.feed.live;

import io.easyquant.adapters.exchange.ExchangeFaults;
import io.easyquant.adapters.exchange.ExchangeSymbol;
import io.easyquant.adapters.exchange.FakeExchange;
import io.easyquant.journal.codec.BookState;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message whose {@code sequence_num} is far ahead of the stream (a damaged or bogus frame) is a gap: the books
 * resync, and the stream's own messages that follow, among them the fresh snapshots, are not taken for duplicates of
 * it: both books are LIVE again within seconds.
 */
class CoinbaseSequenceGapTest
{
    @Test
    void shouldBeLiveAgainSoonAfterAFrameFarAheadOfTheSequence() throws Exception
    {
        try (FakeExchange exchange = new FakeExchange(FakeExchange.Venue.COINBASE, 0, ExchangeSymbol.COINBASE_DEFAULTS,
            ExchangeFaults.NONE, 5, null, null).start())
        {
            final CoinbaseFeed feed = new CoinbaseFeed(LiveFeedFaultsTest.coinbaseContext(exchange.port(), "0.000001"),
                new RecordingBookPublisher(), new SystemEpochNanoClock());
            feed.onStart();
            try
            {
                run(feed, 30, () -> feed.bookState(0) == BookState.LIVE && feed.bookState(1) == BookState.LIVE);
                final long farAhead = feed.nextSequence() + 1_000_000;
                final byte[] frame = ("{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":" +
                    "\"2026-12-08T00:00:00Z\",\"sequence_num\":" + farAhead + ",\"events\":[{\"type\":\"update\"," +
                    "\"product_id\":\"BTC-USD\",\"updates\":[]}]}").getBytes(StandardCharsets.UTF_8);
                final long gaps = feed.counters().get(FeedCounters.GAPS);
                assertTrue(feed.frames.offerFrame(feed.activeConnection, frame, 0, frame.length));
                run(feed, 5, () -> feed.counters().get(FeedCounters.GAPS) > gaps);
                assertEquals(BookState.SYNCING, feed.bookState(0));
                assertEquals(BookState.SYNCING, feed.bookState(1));
                final long quotes = feed.counters().get(FeedCounters.QUOTES);
                run(feed, 10, () -> feed.bookState(0) == BookState.LIVE && feed.bookState(1) == BookState.LIVE &&
                    feed.counters().get(FeedCounters.QUOTES) > quotes + 20);
                assertTrue(feed.nextSequence() < farAhead, "the far-ahead number is not the stream's expectation: " +
                    feed.nextSequence());
            }
            finally
            {
                feed.onClose();
            }
        }
    }

    private static void run(final LiveFeed feed, final int seconds, final BooleanSupplier done)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadlineNs, "not done within " + seconds + " s");
            if (feed.doWork() == 0)
            {
                Thread.onSpinWait();
            }
        }
    }
}
