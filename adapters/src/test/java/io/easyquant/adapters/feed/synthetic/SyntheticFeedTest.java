package io.easyquant.adapters.feed.synthetic;

import io.easyquant.adapters.feed.ManualEpochNanoClock;
import io.easyquant.adapters.feed.RecordingMarketDataPublisher;
import io.easyquant.adapters.feed.RecordingMarketDataPublisher.Published;
import io.easyquant.adapters.feed.RecordingMarketDataPublisher.Quote;
import io.easyquant.adapters.feed.RecordingMarketDataPublisher.Trade;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.journal.codec.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticFeedTest
{
    private static final int SOURCE_ID = 7;
    private static final long START_NS = 1_700_000_000_000_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final Instrument BTC =
        new Instrument(1, "BTCUSD", new BigDecimal("0.5"), new BigDecimal("0.001"), "USD");
    private static final Instrument ES =
        new Instrument(2, "ESZ4", new BigDecimal("0.25"), BigDecimal.ONE, "USD");

    private static final SyntheticInstrument BTC_MODEL =
        new SyntheticInstrument(BTC, new BigDecimal("42000"), 0.6, 0.05, 2, 500);
    private static final SyntheticInstrument ES_MODEL =
        new SyntheticInstrument(ES, new BigDecimal("4500.25"), 0.2, 0.0, 1, 10);

    private final ManualEpochNanoClock clock = new ManualEpochNanoClock(START_NS);

    @Test
    void shouldPublishIdenticalEventsForTheSameSeed()
    {
        final List<Published> first = runFeed(42L, 10_000);
        final List<Published> second = runFeed(42L, 10_000);

        assertEquals(10_000, first.size());
        assertEquals(first, second);
    }

    @Test
    void shouldPublishDifferentEventsForDifferentSeeds()
    {
        final List<Published> first = runFeed(42L, 1_000);
        final List<Published> second = runFeed(43L, 1_000);

        assertEquals(first.size(), second.size());
        assertNotEquals(first, second);
    }

    @Test
    void shouldMixTradesAndQuotesRoundRobinOverInstruments()
    {
        final List<Published> events = runFeed(1L, 10_000);

        long trades = 0;
        for (int i = 0; i < events.size(); i++)
        {
            final Published event = events.get(i);
            final int expectedInstrumentId = i % 2 == 0 ? BTC.id() : ES.id();
            if (event instanceof Trade)
            {
                trades++;
                assertEquals(expectedInstrumentId, ((Trade)event).instrumentId());
                assertEquals(trades, ((Trade)event).tradeId());
            }
            else
            {
                assertEquals(expectedInstrumentId, ((Quote)event).instrumentId());
            }
        }
        assertEquals(0.3, trades / 10_000.0, 0.02);
    }

    @Test
    void shouldQuoteWholePositiveTicksWithBidBelowAskAndTradeAtBidOrAsk()
    {
        final SyntheticMarket market = new SyntheticMarket(context(5L, 1_000, List.of(BTC_MODEL, ES_MODEL)));
        final SyntheticEvent event = new SyntheticEvent();
        final long[] lastBid = new long[2];
        final long[] lastAsk = new long[2];

        for (int i = 0; i < 100_000; i++)
        {
            market.next(event);
            final int index = event.instrumentId() == BTC.id() ? 0 : 1;
            final SyntheticInstrument model = index == 0 ? BTC_MODEL : ES_MODEL;
            final long expectedBid = Math.max(1, Math.round(market.midTicks(index)) - model.spreadTicks() / 2);
            lastBid[index] = expectedBid;
            lastAsk[index] = expectedBid + model.spreadTicks();
            if (event.type() == SyntheticEvent.QUOTE)
            {
                assertTrue(event.bidTicks() >= 1, event::toString);
                assertEquals(expectedBid, event.bidTicks(), event::toString);
                assertEquals(model.spreadTicks(), event.askTicks() - event.bidTicks(), event::toString);
                assertTrue(event.bidLots() >= 1 && event.bidLots() <= 2 * model.sizeLots() - 1, event::toString);
                assertTrue(event.askLots() >= 1 && event.askLots() <= 2 * model.sizeLots() - 1, event::toString);
            }
            else
            {
                assertEquals(SyntheticEvent.TRADE, event.type());
                final long expectedPrice = event.aggressorSide() == Side.BUY ? lastAsk[index] : lastBid[index];
                assertTrue(Side.isValidOrderSide(event.aggressorSide()), event::toString);
                assertEquals(expectedPrice, event.priceTicks(), event::toString);
                assertTrue(event.qtyLots() >= 1 && event.qtyLots() <= model.sizeLots(), event::toString);
            }
        }
    }

    @Test
    void shouldKeepBidAtLeastOneTickWhenMidFallsBelowHalfTheSpread()
    {
        final SyntheticInstrument penny = new SyntheticInstrument(ES, new BigDecimal("0.25"), 0.5, 0.0, 4, 1);
        final SyntheticMarket market = new SyntheticMarket(context(9L, 1_000, List.of(penny)));
        final SyntheticEvent event = new SyntheticEvent();

        for (int i = 0; i < 10_000; i++)
        {
            market.next(event);
            if (event.type() == SyntheticEvent.QUOTE)
            {
                assertEquals(1, event.bidTicks(), event::toString);
                assertEquals(5, event.askTicks(), event::toString);
            }
            else
            {
                assertEquals(event.aggressorSide() == Side.BUY ? 5 : 1, event.priceTicks(), event::toString);
            }
        }
    }

    @Test
    void shouldMoveMidWithTheConfiguredVolatility()
    {
        final double sigma = 0.4;
        final long ratePerSecond = 100;
        final SyntheticInstrument model = new SyntheticInstrument(ES, new BigDecimal("4500"), sigma, 0.1, 1, 10);
        final SyntheticMarket market = new SyntheticMarket(context(2024L, ratePerSecond, List.of(model)));
        final SyntheticEvent event = new SyntheticEvent();
        final int steps = 200_000;

        double previousLogMid = Math.log(market.midTicks(0));
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < steps; i++)
        {
            market.next(event);
            final double logMid = Math.log(market.midTicks(0));
            final double logReturn = logMid - previousLogMid;
            previousLogMid = logMid;
            sum += logReturn;
            sumOfSquares += logReturn * logReturn;
        }
        final double mean = sum / steps;
        final double variance = (sumOfSquares - steps * mean * mean) / (steps - 1);
        final double annualised = Math.sqrt(variance / SyntheticMarket.stepYears(1, ratePerSecond));

        assertEquals(sigma, annualised, 0.1 * sigma);
    }

    @Test
    void shouldRetryARefusedEventWithoutLosingIt()
    {
        final List<Published> reference = runFeed(11L, 3);
        final RecordingMarketDataPublisher publisher = new RecordingMarketDataPublisher();
        final SyntheticFeed feed =
            new SyntheticFeed(context(11L, 1_000, List.of(BTC_MODEL, ES_MODEL)), publisher, clock);
        feed.doWork();

        publisher.refuseNext(1);
        clock.advanceMs(1);
        assertEquals(0, feed.doWork());
        assertEquals(1, feed.publishRefusals());
        assertEquals(0, feed.eventsPublished());
        assertTrue(publisher.published().isEmpty());

        assertEquals(1, feed.doWork());
        clock.advanceMs(2);
        assertEquals(2, feed.doWork());

        assertEquals(reference, publisher.published());
        assertEquals(3, feed.eventsPublished());
        assertEquals(1, feed.publishRefusals());
    }

    @Test
    void shouldPublishOneSecondOfEventsAtTheConfiguredRate()
    {
        final RecordingMarketDataPublisher publisher = new RecordingMarketDataPublisher();
        final SyntheticFeed feed =
            new SyntheticFeed(context(3L, 1_000, List.of(BTC_MODEL, ES_MODEL)), publisher, clock);

        assertEquals(0, feed.doWork());
        clock.advanceNs(NANOS_PER_SECOND - 1);
        assertEquals(999, feed.doWork());
        clock.advanceNs(1);
        assertEquals(1, feed.doWork());
        assertEquals(0, feed.doWork());

        assertEquals(1_000, feed.eventsPublished());
        assertEquals(START_NS + 1_000_000L, sourceTimeNs(publisher.published().get(0)));
        assertEquals(START_NS + NANOS_PER_SECOND, sourceTimeNs(publisher.published().get(999)));
        assertEquals("feed-synthetic", feed.roleName());
    }

    @Test
    void shouldSpreadACatchUpBurstOverPassesAtMostMaxBurstEach()
    {
        final RecordingMarketDataPublisher publisher = new RecordingMarketDataPublisher();
        final SyntheticFeedContext context =
            new SyntheticFeedContext(SOURCE_ID, 1_000, 3L, 0.3, 0, 300, List.of(BTC_MODEL, ES_MODEL));
        final SyntheticFeed feed = new SyntheticFeed(context, publisher, clock);

        feed.doWork();
        clock.advanceMs(1_000);
        assertEquals(300, feed.doWork());
        assertEquals(300, feed.doWork());
        assertEquals(300, feed.doWork());
        assertEquals(100, feed.doWork());
        assertEquals(0, feed.doWork());

        assertEquals(1_000, publisher.published().size());
        assertEquals(publisher.published(), runFeed(3L, 1_000));
    }

    @Test
    void shouldStopAfterMaxEvents()
    {
        final RecordingMarketDataPublisher publisher = new RecordingMarketDataPublisher();
        final SyntheticFeedContext context =
            new SyntheticFeedContext(SOURCE_ID, 1_000, 3L, 0.3, 250, 1024, List.of(BTC_MODEL));
        final SyntheticFeed feed = new SyntheticFeed(context, publisher, clock);

        feed.doWork();
        assertFalse(feed.isDone());
        clock.advanceMs(1_000);
        assertEquals(250, feed.doWork());
        clock.advanceMs(1_000);
        assertEquals(0, feed.doWork());

        assertTrue(feed.isDone());
        assertEquals(250, publisher.published().size());
    }

    @Test
    void shouldRejectOutOfRangeContextValuesNamingTheField()
    {
        final List<SyntheticInstrument> models = List.of(BTC_MODEL);

        assertEquals("ratePerSecond: expected a positive number, got -1", assertThrows(
            IllegalArgumentException.class, () -> new SyntheticFeedContext(SOURCE_ID, -1, 1L, models)).getMessage());
        assertMessageStartsWith("sourceId:", () -> new SyntheticFeedContext(0, 1, 1L, models));
        assertMessageStartsWith("tradeProbability:",
            () -> new SyntheticFeedContext(SOURCE_ID, 1, 1L, 1.5, 0, 1024, models));
        assertMessageStartsWith("maxEvents:", () -> new SyntheticFeedContext(SOURCE_ID, 1, 1L, 0.3, -1, 1024, models));
        assertMessageStartsWith("maxBurst:", () -> new SyntheticFeedContext(SOURCE_ID, 1, 1L, 0.3, 0, 0, models));
        assertMessageStartsWith("instruments:", () -> new SyntheticFeedContext(SOURCE_ID, 1, 1L, List.of()));
        assertMessageStartsWith("instruments[1].instrument:",
            () -> new SyntheticFeedContext(SOURCE_ID, 1, 1L, List.of(BTC_MODEL, BTC_MODEL)));
        assertMessageStartsWith("startPrice:",
            () -> new SyntheticInstrument(BTC, new BigDecimal("0.1"), 0.2, 0.0, 1, 1));
        assertMessageStartsWith("annualVolatility:",
            () -> new SyntheticInstrument(BTC, BigDecimal.TEN, 0.0, 0.0, 1, 1));
        assertMessageStartsWith("annualDrift:",
            () -> new SyntheticInstrument(BTC, BigDecimal.TEN, 0.2, Double.NaN, 1, 1));
        assertMessageStartsWith("spreadTicks:", () -> new SyntheticInstrument(BTC, BigDecimal.TEN, 0.2, 0.0, 0, 1));
        assertMessageStartsWith("sizeLots:", () -> new SyntheticInstrument(BTC, BigDecimal.TEN, 0.2, 0.0, 1, 0));
    }

    private List<Published> runFeed(final long seed, final int events)
    {
        final RecordingMarketDataPublisher publisher = new RecordingMarketDataPublisher();
        final ManualEpochNanoClock feedClock = new ManualEpochNanoClock(START_NS);
        final SyntheticFeedContext context =
            new SyntheticFeedContext(SOURCE_ID, 1_000, seed, 0.3, 0, events, List.of(BTC_MODEL, ES_MODEL));
        final SyntheticFeed feed = new SyntheticFeed(context, publisher, feedClock);
        feed.doWork();
        feedClock.advanceMs(events);
        assertEquals(events, feed.doWork());
        return publisher.published();
    }

    private static SyntheticFeedContext context(
        final long seed, final long ratePerSecond, final List<SyntheticInstrument> models)
    {
        return new SyntheticFeedContext(SOURCE_ID, ratePerSecond, seed, models);
    }

    private static long sourceTimeNs(final Published event)
    {
        return event instanceof Trade ? ((Trade)event).sourceTimeNs() : ((Quote)event).sourceTimeNs();
    }

    private static void assertMessageStartsWith(
        final String prefix, final org.junit.jupiter.api.function.Executable executable)
    {
        final String message = assertThrows(IllegalArgumentException.class, executable).getMessage();
        assertTrue(message.startsWith(prefix), message);
    }
}
