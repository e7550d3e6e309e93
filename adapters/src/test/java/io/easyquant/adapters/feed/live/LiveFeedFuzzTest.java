package io.easyquant.adapters.feed.live;

import io.easyquant.adapters.exchange.ExchangeFaults;
import io.easyquant.adapters.exchange.ExchangeSymbol;
import io.easyquant.adapters.exchange.FakeExchange;
import io.easyquant.journal.codec.BookState;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged input on the live path: with the books LIVE on the fake exchange's stream, thousands of damaged frames are
 * put on the feed's connection between the real ones (cut short, bytes flipped, random bytes, prices off the tick
 * grid, exponents, negative numbers, huge numbers). The feed never throws, counts what it refuses, publishes no quote
 * that is not strictly uncrossed, and its books are LIVE again afterwards.
 */
@Tag("slow")
class LiveFeedFuzzTest
{
    @Test
    void binanceShouldRefuseAndCountDamagedFramesAndKeepGoing() throws Exception
    {
        fuzz(FakeExchange.Venue.BINANCE, ExchangeSymbol.BINANCE_DEFAULTS, new String[] {
            "{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":99999999,\"p\":\"60000.005\",\"q\":\"0.1\",\"T\":1," +
                "\"m\":true,\"M\":true}",
            "{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":99999998,\"p\":\"6e4\",\"q\":\"0.1\",\"T\":1,\"m\":true}",
            "{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":99999997,\"p\":\"-60000.00\",\"q\":\"0.1\",\"T\":1}",
            "{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":99999996,\"p\":\"99999999999999999999999.00\"," +
                "\"q\":\"0.1\",\"T\":1}",
            "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":5,\"u\":3,\"b\":[],\"a\":[]}",
            "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"XRPUSDT\",\"U\":5,\"u\":6,\"b\":[[\"1.00\",\"1\"]],\"a\":[]}",
            "[1,2,3]", "null", "{}", "{\"result\":null,\"id\":7}"});
    }

    @Test
    void coinbaseShouldRefuseAndCountDamagedFramesAndKeepGoing() throws Exception
    {
        fuzz(FakeExchange.Venue.COINBASE, ExchangeSymbol.COINBASE_DEFAULTS, new String[] {
            "{\"channel\":\"market_trades\",\"sequence_num\":\"x\",\"events\":[]}",
            "{\"channel\":\"l2_data\",\"events\":[]}",
            "{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":\"2026-12-08T00:00:00Z\"," +
                "\"sequence_num\":0,\"events\":[{\"type\":\"update\",\"trades\":[{\"trade_id\":\"abc\"," +
                "\"product_id\":\"BTC-USD\",\"price\":\"1.001\",\"size\":\"1\",\"side\":\"BUY\"," +
                "\"time\":\"bad\"}]}]}",
            "[1,2,3]", "null", "{}"});
    }

    private static void fuzz(final FakeExchange.Venue venue, final List<ExchangeSymbol> symbols, final String[] bad)
        throws Exception
    {
        final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        try (FakeExchange exchange = new FakeExchange(venue, 0, symbols, ExchangeFaults.NONE, 5, null,
            message -> { if (samples.size() < 500) { samples.add(message); } }).start())
        {
            final RecordingBookPublisher publisher = new RecordingBookPublisher();
            final LiveFeed feed = venue == FakeExchange.Venue.BINANCE ?
                new BinanceFeed(BinanceBookReconstructionTest.context(exchange.port()), publisher,
                    new SystemEpochNanoClock()) :
                new CoinbaseFeed(LiveFeedFaultsTest.coinbaseContext(exchange.port(), "0.000001"), publisher,
                    new SystemEpochNanoClock());
            feed.onStart();
            try
            {
                runUntil(feed, () -> feed.bookState(0) == BookState.LIVE && feed.bookState(1) == BookState.LIVE &&
                    samples.size() >= 200);
                final List<byte[]> damaged = damage(new ArrayList<>(samples), bad, new Random(42));
                for (final byte[] frame : damaged)
                {
                    assertTrue(feed.frames.offerFrame(feed.activeConnection, frame, 0, frame.length));
                    feed.doWork();
                }
                final long quotesAfterFuzz = feed.counters().get(FeedCounters.QUOTES);
                runUntil(feed, () -> feed.bookState(0) == BookState.LIVE && feed.bookState(1) == BookState.LIVE &&
                    feed.counters().get(FeedCounters.QUOTES) > quotesAfterFuzz + 20);
            }
            finally
            {
                feed.onClose();
            }
            final FeedCounters counters = feed.counters();
            assertTrue(counters.get(FeedCounters.MALFORMED_FRAMES) > 100, "malformed " +
                counters.get(FeedCounters.MALFORMED_FRAMES));
            if (venue == FakeExchange.Venue.BINANCE)
            {
                assertTrue(counters.get(FeedCounters.OFF_TICK_PRICES) > 0, "off-tick prices counted");
                assertTrue(counters.get(FeedCounters.UNKNOWN_SYMBOLS) > 0, "unknown symbols counted");
            }
            BinanceBookReconstructionTest.assertQuotesOnlyWhileLive(publisher.published(), 20);
        }
    }

    private static List<byte[]> damage(final List<String> samples, final String[] bad, final Random random)
    {
        final List<byte[]> out = new ArrayList<>();
        for (int n = 0; n < 3000; n++)
        {
            final byte[] sample = samples.get(random.nextInt(samples.size())).getBytes(StandardCharsets.UTF_8);
            switch (n % 5)
            {
                case 0 -> out.add(java.util.Arrays.copyOf(sample, random.nextInt(sample.length)));
                case 1 ->
                {
                    final byte[] flipped = sample.clone();
                    for (int f = 0; f < 3; f++)
                    {
                        flipped[random.nextInt(flipped.length)] = (byte)random.nextInt(256);
                    }
                    out.add(flipped);
                }
                case 2 ->
                {
                    final byte[] noise = new byte[1 + random.nextInt(300)];
                    random.nextBytes(noise);
                    out.add(noise);
                }
                case 3 -> out.add(bad[random.nextInt(bad.length)].getBytes(StandardCharsets.UTF_8));
                default -> out.add(new byte[0]);
            }
        }
        return out;
    }

    private static void runUntil(final LiveFeed feed, final java.util.function.BooleanSupplier done)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadlineNs, "not done within 60 s");
            if (feed.doWork() == 0)
            {
                Thread.onSpinWait();
            }
        }
    }
}
