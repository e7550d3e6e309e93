package io.easyquant.adapters.feed.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Binance feed against the fake exchange on loopback, with faults injected (skipped, duplicated and reordered
 * updates, dropped sockets, a 429 on a snapshot): after every frame the feed handles, each LIVE book equals a
 * reference book rebuilt independently from the exchange's true update stream up to the book's last update id; a
 * gap always leads to a resync; no quote is published while the journaled book state is not LIVE.
 */
@Tag("slow")
class BinanceBookReconstructionTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The true stream of one symbol, as {@code (U, u, changes)}, and a plain sorted-map book rebuilt from it.
     */
    private static final class Reference
    {
        final ExchangeSymbol rules;
        final ConcurrentLinkedQueue<JsonNode> updates = new ConcurrentLinkedQueue<>();
        final TreeMap<Long, Long> bids = new TreeMap<>();
        final TreeMap<Long, Long> asks = new TreeMap<>();
        long lastU;

        Reference(final ExchangeSymbol rules)
        {
            this.rules = rules;
        }

        void advanceTo(final long updateId)
        {
            while (lastU < updateId)
            {
                final JsonNode update = updates.poll();
                if (update == null)
                {
                    fail("the feed is at update " + updateId + " but the exchange sent up to " + lastU);
                }
                apply(update.path("b"), bids);
                apply(update.path("a"), asks);
                lastU = update.path("u").asLong();
            }
            assertEquals(updateId, lastU, "a LIVE book's last update id falls inside an update event");
        }

        private void apply(final JsonNode levels, final TreeMap<Long, Long> side)
        {
            for (final JsonNode level : levels)
            {
                final long price = new BigDecimal(level.path(0).asText()).divide(rules.tickSize()).longValueExact();
                final long qty = new BigDecimal(level.path(1).asText()).divide(rules.lotSize()).longValueExact();
                if (qty == 0)
                {
                    side.remove(price);
                }
                else
                {
                    side.put(price, qty);
                }
            }
        }

        void assertSame(final OrderBook book)
        {
            assertEquals(bids.size(), book.bidLevels(), "bid levels");
            assertEquals(asks.size(), book.askLevels(), "ask levels");
            int level = 0;
            for (final Map.Entry<Long, Long> bid : bids.descendingMap().entrySet())
            {
                assertEquals(bid.getKey(), book.bidPrice(level), "bid price at level " + level);
                assertEquals(bid.getValue(), book.bidQty(level), "bid qty at level " + level);
                level++;
            }
            level = 0;
            for (final Map.Entry<Long, Long> ask : asks.entrySet())
            {
                assertEquals(ask.getKey(), book.askPrice(level), "ask price at level " + level);
                assertEquals(ask.getValue(), book.askQty(level), "ask qty at level " + level);
                level++;
            }
        }
    }

    @Test
    void shouldKeepEveryLiveBookEqualToTheReferenceThroughGapsDuplicatesReordersAndDrops() throws Exception
    {
        final Map<String, Reference> references = new HashMap<>();
        for (final ExchangeSymbol symbol : ExchangeSymbol.BINANCE_DEFAULTS)
        {
            references.put(symbol.symbol(), new Reference(symbol));
        }
        final ExchangeFaults faults = ExchangeFaults.parse(
            "seed=7,skip=0.01,duplicate=0.02,reorder=0.02,drops=3,dropMin=300,dropMax=900,throttled=1,retryAfter=1");
        try (FakeExchange exchange = new FakeExchange(FakeExchange.Venue.BINANCE, 0, ExchangeSymbol.BINANCE_DEFAULTS,
            faults, 4, null, message -> tap(references, message)).start())
        {
            final RecordingBookPublisher publisher = new RecordingBookPublisher();
            final BinanceFeed feed = new BinanceFeed(context(exchange.port()), publisher, new SystemEpochNanoClock());
            feed.checkInstrumentRules();
            feed.framesPerDutyCycle(1);
            feed.onStart();
            long comparisons = 0;
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try
            {
                while (System.nanoTime() < deadlineNs &&
                    (comparisons < 4000 || feed.counters().get(FeedCounters.CONNECTS) < 4 ||
                    feed.counters().get(FeedCounters.GAPS) < 3))
                {
                    if (feed.doWork() == 0)
                    {
                        Thread.onSpinWait();
                    }
                    for (int i = 0; i < 2; i++)
                    {
                        if (feed.bookState(i) == BookState.LIVE)
                        {
                            final Reference reference = references.get(feed.instruments[i].venueSymbol());
                            reference.advanceTo(feed.lastUpdateId[i]);
                            reference.assertSame(feed.book(i));
                            comparisons++;
                        }
                    }
                }
            }
            finally
            {
                feed.onClose();
            }

            final FeedCounters counters = feed.counters();
            assertTrue(comparisons >= 4000, "compared " + comparisons + " times");
            assertTrue(counters.get(FeedCounters.GAPS) >= 3, "gaps " + counters.get(FeedCounters.GAPS));
            assertTrue(counters.get(FeedCounters.RESYNCS) >= counters.get(FeedCounters.GAPS), "every gap resyncs");
            assertTrue(counters.get(FeedCounters.DISCONNECTS) >= 3, "disconnects");
            assertEquals(3, exchange.dropped(), "sockets the exchange dropped");
            assertTrue(counters.get(FeedCounters.CONNECTS) >= 4, "reconnects");
            assertTrue(counters.get(FeedCounters.DUPLICATES) > 0, "duplicates dropped");
            assertTrue(counters.get(FeedCounters.REST_THROTTLED) >= 1, "the 429 was waited out");
            assertEquals(0, counters.get(FeedCounters.MALFORMED_FRAMES));
            assertEquals(0, counters.get(FeedCounters.OFF_TICK_PRICES));
            assertQuotesOnlyWhileLive(publisher.published(), 100);
        }
    }

    @Test
    void shouldRebuildTheBooksOfARecordedFixture() throws Exception
    {
        final Map<String, Reference> references = new HashMap<>();
        for (final ExchangeSymbol symbol : ExchangeSymbol.BINANCE_DEFAULTS)
        {
            references.put(symbol.symbol(), new Reference(symbol));
        }
        final Path fixture = Path.of(getClass().getResource("/fixtures/binance-session.jsonl").toURI());
        final long lines = Files.readAllLines(fixture).stream().filter(line -> !line.isBlank()).count();
        try (FakeExchange exchange = new FakeExchange(FakeExchange.Venue.BINANCE, 0, ExchangeSymbol.BINANCE_DEFAULTS,
            ExchangeFaults.NONE, 2, fixture, message -> tap(references, message)).start())
        {
            final RecordingBookPublisher publisher = new RecordingBookPublisher();
            final BinanceFeed feed = new BinanceFeed(context(exchange.port()), publisher, new SystemEpochNanoClock());
            feed.framesPerDutyCycle(1);
            feed.onStart();
            long comparisons = 0;
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try
            {
                // Done once the exchange has played every line, every book update it sent has been compared, and
                // the feed has then had nothing to do for 300 ms; the exchange counts a line before it sends it, so
                // the idle time only starts once the whole session is out (else an idle spell while the exchange
                // was held up ends the run before the last lines arrive).
                long idleSinceNs = 0;
                while (System.nanoTime() < deadlineNs)
                {
                    final boolean worked = feed.doWork() != 0;
                    if (worked || exchange.messages() < lines || !sawWholeSession(references))
                    {
                        idleSinceNs = 0;
                    }
                    else if (idleSinceNs == 0)
                    {
                        idleSinceNs = System.nanoTime();
                    }
                    else if (System.nanoTime() - idleSinceNs >= 300_000_000L)
                    {
                        break;
                    }
                    if (!worked)
                    {
                        Thread.onSpinWait();
                    }
                    for (int i = 0; i < 2; i++)
                    {
                        if (feed.bookState(i) == BookState.LIVE)
                        {
                            final Reference reference = references.get(feed.instruments[i].venueSymbol());
                            reference.advanceTo(feed.lastUpdateId[i]);
                            reference.assertSame(feed.book(i));
                            comparisons++;
                        }
                    }
                }
            }
            finally
            {
                feed.onClose();
            }
            assertTrue(exchange.messages() >= lines, "the exchange played the fixture within 60 s: " +
                exchange.messages() + " of " + lines + " lines");
            assertTrue(comparisons > 1000, "compared " + comparisons + " times");
            assertEquals(0, feed.counters().get(FeedCounters.GAPS));
            assertEquals(0, feed.counters().get(FeedCounters.MALFORMED_FRAMES));
            assertTrue(feed.counters().get(FeedCounters.TRADES) > 100, "trades");
            for (final String symbol : references.keySet())
            {
                assertTrue(references.get(symbol).updates.isEmpty(), symbol + ": the feed saw the whole session");
            }
            assertQuotesOnlyWhileLive(publisher.published(), 100);
        }
    }

    private static boolean sawWholeSession(final Map<String, Reference> references)
    {
        for (final Reference reference : references.values())
        {
            if (!reference.updates.isEmpty())
            {
                return false;
            }
        }
        return true;
    }

    static void assertQuotesOnlyWhileLive(final List<RecordingBookPublisher.Published> published, final int minQuotes)
    {
        final Map<Integer, Integer> state = new HashMap<>();
        final Map<Integer, List<Integer>> reasons = new HashMap<>();
        int quotes = 0;
        for (final RecordingBookPublisher.Published record : published)
        {
            if (record instanceof RecordingBookPublisher.State change)
            {
                assertTrue(change.state() != state.getOrDefault(change.instrumentId(), 0), "a repeated state");
                state.put(change.instrumentId(), change.state());
                reasons.computeIfAbsent(change.instrumentId(), k -> new ArrayList<>()).add(change.reason());
            }
            else if (record instanceof RecordingBookPublisher.Depth depth)
            {
                assertEquals(BookState.LIVE, state.getOrDefault(depth.instrumentId(), 0),
                    "a book depth published while the book was not LIVE");
                assertEquals(5, depth.levels());
                assertTrue(depth.bidDepthLots() > 0 && depth.askDepthLots() > 0, "depth " + depth);
            }
            else if (record instanceof RecordingBookPublisher.Quote quote)
            {
                assertEquals(BookState.LIVE, state.getOrDefault(quote.instrumentId(), 0),
                    "a quote published while the book was not LIVE");
                assertTrue(quote.bidTicks() < quote.askTicks(), "crossed quote " + quote);
                quotes++;
            }
        }
        assertTrue(quotes > minQuotes, "quotes " + quotes);
        for (final List<Integer> list : reasons.values())
        {
            assertTrue(list.contains(BookStateReason.SNAPSHOT_APPLIED), "went LIVE");
        }
    }

    private static void tap(final Map<String, Reference> references, final String message)
    {
        try
        {
            final JsonNode node = MAPPER.readTree(message);
            if ("depthUpdate".equals(node.path("e").asText()))
            {
                references.get(node.path("s").asText()).updates.add(node);
            }
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static LiveFeedContext context(final int port)
    {
        final List<LiveInstrument> instruments = List.of(
            new LiveInstrument(1, "BTC-USDT", "BTCUSDT", new Increment(new BigDecimal("0.01")),
                new Increment(new BigDecimal("0.00001"))),
            new LiveInstrument(2, "ETH-USDT", "ETHUSDT", new Increment(new BigDecimal("0.01")),
                new Increment(new BigDecimal("0.0001"))));
        return new LiveFeedContext(11, URI.create("ws://127.0.0.1:" + port + "/ws"),
            URI.create("http://127.0.0.1:" + port), instruments, 1000, 2_000, 20, 200, 0, 2_000, true, 5);
    }
}
