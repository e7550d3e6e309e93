package io.easyquant.adapters.venue.paper;

import io.easyquant.adapters.venue.paper.RecordingExecutionReportPublisher.Report;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static io.easyquant.adapters.venue.paper.MarketInputs.BTC;
import static io.easyquant.adapters.venue.paper.MarketInputs.ETH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaperVenueTest
{
    private static final int VENUE_SOURCE_ID = 42;
    private static final byte BUY = Side.BUY;
    private static final byte SELL = Side.SELL;
    private static final byte MARKET = OrderType.MARKET;
    private static final byte LIMIT = OrderType.LIMIT;

    private final RecordingExecutionReportPublisher publisher = new RecordingExecutionReportPublisher();
    private PaperVenue venue;
    private MarketInputs inputs;

    private void start(final PaperVenueContext.Builder context)
    {
        venue = new PaperVenue(context.sourceId(VENUE_SOURCE_ID).build(), MarketInputs.instruments(), publisher);
        inputs = new MarketInputs(venue);
    }

    private static PaperVenueContext.Builder context()
    {
        return PaperVenueContext.builder();
    }

    @Test
    void shouldFillMarketBuyAtAskAndMarketSellAtBid()
    {
        start(context());
        inputs.quote(100, BTC, 10_000, 10_002);

        venue.send(1, BTC, BUY, MARKET, 5, 0, 110);
        venue.send(2, BTC, SELL, MARKET, 3, 0, 120);

        assertEquals(List.of(
            ack(1, BTC, BUY, 5, 110, 1),
            fill(1, BTC, BUY, 5, 10_002, 0, 5, 0, 110, 2),
            ack(2, BTC, SELL, 3, 120, 3),
            fill(2, BTC, SELL, 3, 10_000, 0, 3, 0, 120, 4)),
            publisher.reports());
        assertEquals(2, venue.ordersReceived());
        assertEquals(2, venue.acks());
        assertEquals(2, venue.fills());
        assertEquals(0, venue.openOrders());
    }

    @Test
    void shouldRestLimitOrdersUntilTheQuoteCrossesThenFillAtTheQuote()
    {
        start(context());
        inputs.quote(100, BTC, 10_000, 10_002);
        venue.send(1, BTC, BUY, LIMIT, 2, 9_999, 110);
        venue.send(2, BTC, SELL, LIMIT, 2, 10_005, 120);
        assertEquals(List.of(ack(1, BTC, BUY, 2, 110, 1), ack(2, BTC, SELL, 2, 120, 2)), publisher.drain());

        inputs.quote(200, BTC, 9_998, 10_000);
        assertEquals(List.of(), publisher.drain());

        inputs.quote(300, BTC, 9_997, 9_998);
        assertEquals(List.of(fill(1, BTC, BUY, 2, 9_998, 0, 2, 0, 300, 3)), publisher.drain());

        inputs.quote(400, BTC, 10_007, 10_009);
        assertEquals(List.of(fill(2, BTC, SELL, 2, 10_007, 0, 2, 0, 400, 4)), publisher.drain());
    }

    @Test
    void shouldFillAgainstTheQuoteCurrentAtArrivalNotAtSend()
    {
        start(context().latencyNs(50));
        inputs.quote(100, BTC, 10_000, 10_002);

        venue.send(1, BTC, BUY, MARKET, 1, 0, 100);
        inputs.quote(120, BTC, 10_010, 10_012);
        assertEquals(List.of(), publisher.reports(), "nothing before arrival at 150");

        inputs.quote(150, BTC, 10_020, 10_022);

        assertEquals(List.of(
            ack(1, BTC, BUY, 1, 150, 1),
            fill(1, BTC, BUY, 1, 10_022, 0, 1, 0, 150, 2)),
            publisher.reports());
    }

    @Test
    void shouldHandleAnArrivalBetweenInputsAgainstTheMarketAsItWasThen()
    {
        start(context().latencyNs(50));
        inputs.quote(100, BTC, 10_000, 10_002);
        venue.send(1, BTC, BUY, MARKET, 1, 0, 100);
        inputs.quote(120, BTC, 10_010, 10_012);

        inputs.quote(200, BTC, 10_030, 10_032);

        assertEquals(List.of(
            ack(1, BTC, BUY, 1, 150, 1),
            fill(1, BTC, BUY, 1, 10_012, 0, 1, 0, 150, 2)),
            publisher.reports());
    }

    @Test
    void shouldWaitForMarketDataThenFillOnTheFirstQuote()
    {
        start(context());
        venue.send(1, BTC, BUY, MARKET, 1, 0, 100);
        assertEquals(List.of(ack(1, BTC, BUY, 1, 100, 1)), publisher.drain());

        inputs.quote(200, ETH, 500, 501);
        inputs.timerTick(300);
        assertEquals(List.of(), publisher.drain());

        inputs.quote(400, BTC, 10_000, 10_002);
        assertEquals(List.of(fill(1, BTC, BUY, 1, 10_002, 0, 1, 0, 400, 2)), publisher.drain());
    }

    @Test
    void shouldWaitForTheAskWhenTheBookHasOnlyABid()
    {
        start(context());
        inputs.quote(100, BTC, 10_000, 5, 0, 0);
        venue.send(1, BTC, BUY, MARKET, 1, 0, 110);
        venue.send(2, BTC, SELL, MARKET, 1, 0, 110);
        assertEquals(List.of(
            ack(1, BTC, BUY, 1, 110, 1),
            ack(2, BTC, SELL, 1, 110, 2),
            fill(2, BTC, SELL, 1, 10_000, 0, 1, 0, 110, 3)),
            publisher.drain());

        inputs.quote(200, BTC, 10_000, 10_003);
        assertEquals(List.of(fill(1, BTC, BUY, 1, 10_003, 0, 1, 0, 200, 4)), publisher.drain());
    }

    @Test
    void shouldFillAtTheLastTradePriceWhenTheInstrumentHasOnlyTrades()
    {
        start(context());
        inputs.trade(100, ETH, 300_000, 1);
        venue.send(1, ETH, SELL, MARKET, 4, 0, 110);
        venue.send(2, ETH, BUY, LIMIT, 4, 299_990, 120);
        assertEquals(List.of(
            ack(1, ETH, SELL, 4, 110, 1),
            fill(1, ETH, SELL, 4, 300_000, 0, 4, 0, 110, 2),
            ack(2, ETH, BUY, 4, 120, 3)),
            publisher.drain());

        inputs.trade(200, ETH, 299_980, 1);
        assertEquals(List.of(fill(2, ETH, BUY, 4, 299_980, 0, 4, 0, 200, 4)), publisher.drain());
    }

    @Test
    void shouldFillAMarketOrderAtTheNextBarOpenWithNextOpen()
    {
        start(context().barFill(PaperVenueContext.BarFill.NEXT_OPEN));
        inputs.bar(1_000, BTC, 100, 110, 95, 105);
        venue.send(1, BTC, BUY, MARKET, 2, 0, 1_000);
        assertEquals(List.of(ack(1, BTC, BUY, 2, 1_000, 1)), publisher.drain(), "no fill on the signal bar");

        inputs.bar(2_000, BTC, 107, 112, 101, 103);

        assertEquals(List.of(fill(1, BTC, BUY, 2, 107, 0, 2, 0, 2_000, 2)), publisher.drain());
    }

    @Test
    void shouldFillAMarketOrderAtTheSignalBarCloseWithSignalClose()
    {
        start(context().barFill(PaperVenueContext.BarFill.SIGNAL_CLOSE));
        inputs.bar(1_000, BTC, 100, 110, 95, 105);

        venue.send(1, BTC, SELL, MARKET, 2, 0, 1_000);

        assertEquals(List.of(
            ack(1, BTC, SELL, 2, 1_000, 1),
            fill(1, BTC, SELL, 2, 105, 0, 2, 0, 1_000, 2)),
            publisher.drain());
    }

    @Test
    void shouldFillALimitOrderOnABarAtTheLimitOrAtTheOpenWhenBetter()
    {
        start(context());
        inputs.bar(1_000, BTC, 100, 110, 95, 105);
        venue.send(1, BTC, BUY, LIMIT, 1, 98, 1_000);
        venue.send(2, BTC, BUY, LIMIT, 1, 104, 1_000);
        venue.send(3, BTC, SELL, LIMIT, 1, 120, 1_000);
        publisher.drain();

        inputs.bar(2_000, BTC, 102, 108, 97, 99);
        assertEquals(List.of(
            fill(1, BTC, BUY, 1, 98, 0, 1, 0, 2_000, 4),
            fill(2, BTC, BUY, 1, 102, 0, 1, 0, 2_000, 5)),
            publisher.drain(), "limit 98 reached by the low; limit 104 beaten by the open");

        inputs.bar(3_000, BTC, 125, 130, 118, 119);
        assertEquals(List.of(fill(3, BTC, SELL, 1, 125, 0, 1, 0, 3_000, 6)), publisher.drain());
    }

    @Test
    void shouldReportPartialFillsThenAFillWithConsistentCumLeavesAndUniqueExecIds()
    {
        start(context().partialFillProbability(1.0).seed(11));
        inputs.quote(100, BTC, 10_000, 10_002);
        venue.send(1, BTC, BUY, MARKET, 10, 0, 100);

        long nowNs = 100;
        while (venue.openOrders() > 0 && nowNs < 10_000)
        {
            nowNs += 10;
            inputs.quote(nowNs, BTC, 10_000, 10_002);
        }

        final List<Report> reports = publisher.reports();
        assertEquals(ExecType.ACK, reports.get(0).execType());
        final List<Report> fills = reports.subList(1, reports.size());
        assertTrue(fills.size() >= 2, "at least one partial fill: " + fills);
        final Set<Long> execIds = new HashSet<>();
        execIds.add(reports.get(0).execId());
        long cum = 0;
        for (int i = 0; i < fills.size(); i++)
        {
            final Report fill = fills.get(i);
            final boolean last = i == fills.size() - 1;
            assertEquals(last ? ExecType.FILL : ExecType.PARTIAL_FILL, fill.execType(), fill.toString());
            assertTrue(fill.lastQtyLots() >= 1, fill.toString());
            cum += fill.lastQtyLots();
            assertEquals(cum, fill.cumQtyLots(), fill.toString());
            assertEquals(10 - cum, fill.leavesQtyLots(), fill.toString());
            assertEquals(10_002, fill.lastPriceTicks());
            assertTrue(execIds.add(fill.execId()), "unique execId " + fill);
        }
        assertEquals(10, cum);
        assertEquals(fills.size() - 1, venue.partialFills());
        assertEquals(1, venue.fills());
        assertEquals(0, venue.openOrders());
    }

    @Test
    void shouldTryAPartialRemainderAgainOnlyOnTheNextMarketInputForItsInstrument()
    {
        start(context().partialFillProbability(1.0));
        inputs.quote(100, BTC, 10_000, 10_002);
        venue.send(1, BTC, BUY, MARKET, 1_000, 0, 100);
        assertEquals(2, publisher.drain().size(), "ACK and one partial fill");

        inputs.quote(200, ETH, 500, 501);
        inputs.timerTick(300);
        venue.onEndOfBatch(300);
        assertEquals(List.of(), publisher.drain());

        inputs.trade(400, BTC, 10_001, 1);
        final List<Report> reports = publisher.drain();
        assertEquals(1, reports.size());
        assertEquals(ExecType.PARTIAL_FILL, reports.get(0).execType());
        assertEquals(400, reports.get(0).venueTimeNs());
        assertEquals(10_002, reports.get(0).lastPriceTicks(), "quotes price the fill once the instrument has them");
    }

    @Test
    void shouldRejectEveryOrderOnArrivalWhenRejectProbabilityIsOne()
    {
        start(context().rejectProbability(1.0).latencyNs(10));
        inputs.quote(100, BTC, 10_000, 10_002);

        venue.send(1, BTC, BUY, MARKET, 1, 0, 100);
        venue.send(2, BTC, SELL, LIMIT, 1, 10_000, 100);
        venue.onEndOfBatch(110);

        assertEquals(List.of(
            reject(1, BTC, BUY, PaperRejectReason.RANDOM, 110, 1),
            reject(2, BTC, SELL, PaperRejectReason.RANDOM, 110, 2)),
            publisher.reports());
        assertEquals(2, venue.rejects());
        assertEquals(0, venue.openOrders());
    }

    @Test
    void shouldRejectWithPoolFullWhenThePoolIsExhaustedAndAcceptAgainOnceASlotIsFree()
    {
        start(context().maxOpenOrders(2));
        venue.send(1, BTC, BUY, MARKET, 1, 0, 100);
        venue.send(2, BTC, BUY, MARKET, 1, 0, 100);

        venue.send(3, BTC, BUY, MARKET, 1, 0, 100);
        assertEquals(reject(3, BTC, BUY, PaperRejectReason.POOL_FULL, 100, 3), publisher.last());

        venue.cancel(1, BTC, 200);
        venue.send(4, BTC, BUY, MARKET, 1, 0, 200);
        assertEquals(ack(4, BTC, BUY, 1, 200, 5), publisher.last());
        assertEquals(1, venue.rejects());
    }

    @Test
    void shouldRejectBadOrdersUnknownInstrumentsAndDuplicateClientOrderIdsAtOnce()
    {
        start(context().latencyNs(1_000));

        venue.send(1, BTC, BUY, MARKET, 0, 0, 100);
        venue.send(2, BTC, (byte)9, MARKET, 1, 0, 100);
        venue.send(3, BTC, BUY, (byte)9, 1, 0, 100);
        venue.send(4, 99, BUY, MARKET, 1, 0, 100);
        venue.send(5, BTC, BUY, LIMIT, 1, 10, 100);
        venue.send(5, BTC, BUY, LIMIT, 1, 10, 100);

        assertEquals(List.of(
            reject(1, BTC, BUY, PaperRejectReason.BAD_ORDER, 100, 1),
            reject(2, BTC, (byte)9, PaperRejectReason.BAD_ORDER, 100, 2),
            reject(3, BTC, BUY, PaperRejectReason.BAD_ORDER, 100, 3),
            reject(4, 99, BUY, PaperRejectReason.UNKNOWN_INSTRUMENT, 100, 4),
            reject(5, BTC, BUY, PaperRejectReason.DUPLICATE_CL_ORD_ID, 100, 5)),
            publisher.reports());
        assertEquals(1, venue.openOrders());
        assertEquals(6, venue.ordersReceived());
    }

    @Test
    void shouldCancelAWorkingOrderWhenTheCancelArrives()
    {
        start(context().latencyNs(10));
        inputs.quote(100, BTC, 10_000, 10_002);
        venue.send(1, BTC, BUY, LIMIT, 3, 9_000, 100);
        inputs.timerTick(110);

        venue.cancel(1, BTC, 200);
        assertEquals(List.of(ack(1, BTC, BUY, 3, 110, 1)), publisher.drain(), "cancel not arrived yet");

        inputs.timerTick(210);

        assertEquals(List.of(report(1, BTC, ExecType.CANCELLED, BUY, 0, 0, 0, 0, 0, 210, 0, 2)), publisher.reports());
        assertEquals(1, venue.cancels());
        assertEquals(0, venue.openOrders());
    }

    @Test
    void shouldRejectTheCancelOfAnUnknownOrCompletedOrder()
    {
        start(context());
        inputs.quote(100, BTC, 10_000, 10_002);
        venue.send(1, BTC, BUY, MARKET, 1, 0, 100);
        venue.send(2, BTC, BUY, LIMIT, 1, 9_000, 100);
        publisher.drain();

        venue.cancel(77, BTC, 200);
        venue.cancel(1, BTC, 200);
        venue.cancel(2, ETH, 200);

        assertEquals(List.of(
            cancelReject(77, BTC, 200, 4),
            cancelReject(1, BTC, 200, 5),
            cancelReject(2, ETH, 200, 6)),
            publisher.reports());
        assertEquals(3, venue.cancelRejects());
    }

    @Test
    void shouldExpireAnUnfilledRemainderWhenItsTimeToLiveRunsOut()
    {
        start(context().orderTtlNs(1_000).partialFillProbability(1.0));
        inputs.quote(100, BTC, 10_000, 10_002);
        venue.send(1, BTC, BUY, LIMIT, 1, 9_000, 100);
        venue.send(2, BTC, BUY, MARKET, 100, 0, 100);
        final List<Report> first = publisher.drain();
        final long cum = first.get(first.size() - 1).cumQtyLots();

        inputs.timerTick(1_099);
        assertEquals(List.of(), publisher.drain());

        inputs.quote(1_100, BTC, 8_000, 8_001);

        assertEquals(List.of(
            report(1, BTC, ExecType.EXPIRED, BUY, 0, 0, 0, 0, 0, 1_100, 0, 4),
            report(2, BTC, ExecType.EXPIRED, BUY, 0, 0, 0, cum, 0, 1_100, 0, 5)),
            publisher.reports(), "expired at the deadline, before the quote at the same time could fill them");
        assertEquals(2, venue.expired());
        assertEquals(0, venue.openOrders());
    }

    @Test
    void shouldChargeAnExactFeeInCashUnits()
    {
        // 7 lots x 6_543_210 ticks x 100 cash/tick-lot = 4_580_247_000 cash (45.80247 USD); 10 bps = 4_580_247.
        start(context().feeRateBps(10));
        inputs.quote(100, BTC, 6_543_200, 6_543_210);

        venue.send(1, BTC, BUY, MARKET, 7, 0, 100);

        assertEquals(fill(1, BTC, BUY, 7, 6_543_210, 0, 7, 4_580_247, 100, 2), publisher.last());
    }

    @Test
    void shouldFillAtBothBoundsWithAnExactFeeThatIngestAccepts()
    {
        // BTC-USD's default bounds: 1e8 ticks and 1e8 lots, 100 cash units per tick-lot: a notional of 1e18.
        final long maxTicks = 100_000_000L;
        final long maxLots = 100_000_000L;
        start(context().feeRateBps(10_000));
        inputs.quote(100, BTC, maxTicks - 2, maxTicks);

        venue.send(1, BTC, BUY, MARKET, maxLots, 0, 100);

        assertEquals(fill(1, BTC, BUY, maxLots, maxTicks, 0, maxLots, Instrument.MAX_NOTIONAL_CASH, 100, 2),
            publisher.last(), "a fee of 100% of the largest notional is still exact and within ingest's fee bound");
        assertEquals(0, venue.feeOverflows());
    }

    @Test
    void shouldComputeFeesExactlyRoundingDownAndSaturateOnOverflow()
    {
        assertEquals(0, PaperVenue.feeCash(1, 1, 100, 0));
        assertEquals(0, PaperVenue.feeCash(1, 99, 1, 1), "99 x 1 / 10000 rounds down");
        assertEquals(1, PaperVenue.feeCash(1, 10_000, 1, 1));
        assertEquals(7_500, PaperVenue.feeCash(3, 25_000, 1_000, 1), "75_000_000 x 1 bp");
        assertEquals(7_500, PaperVenue.feeCash(3, -25_000, 1_000, 1), "the fee is on the absolute notional");
        final long maxNotional = Long.MAX_VALUE;
        assertEquals(maxNotional / 10_000 * 10_000 + maxNotional % 10_000 * 10_000 / 10_000,
            PaperVenue.feeCash(1, Long.MAX_VALUE, 1, 10_000));
        assertEquals(Long.MAX_VALUE / 10_000 * 3 + Long.MAX_VALUE % 10_000 * 3 / 10_000,
            PaperVenue.feeCash(Long.MAX_VALUE, 1, 1, 3), "no overflow in the bps product");
        assertEquals(Long.MAX_VALUE, PaperVenue.feeCash(1L << 32, 1L << 31, 1, 1));
        assertEquals(Long.MAX_VALUE, PaperVenue.feeCash(1L << 20, 1L << 20, 1L << 23, 1));
        assertEquals(Long.MAX_VALUE, PaperVenue.feeCash(1, Long.MIN_VALUE, 1, 1));
    }

    @Test
    void shouldProduceTheSameReportsForTheSameSeedAndInputs()
    {
        assertEquals(randomSession(1234), randomSession(1234));
    }

    @Test
    void shouldProduceDifferentReportsForADifferentSeed()
    {
        assertNotEquals(randomSession(1234), randomSession(4321));
    }

    @Test
    void shouldDeliverRefusedReportsLaterInTheOriginalOrder()
    {
        start(context());
        inputs.quote(100, BTC, 10_000, 10_002);
        publisher.refuseNext(3);

        venue.send(1, BTC, BUY, MARKET, 1, 0, 100);
        venue.send(2, BTC, SELL, LIMIT, 1, 20_000, 100);
        venue.send(3, BTC, BUY, MARKET, 1, 0, 100);
        assertEquals(List.of(), publisher.reports(), "first refused, the rest queue behind it");
        assertEquals(5, venue.deferredReports());

        venue.onEndOfBatch(100);

        assertEquals(List.of(
            ack(1, BTC, BUY, 1, 100, 1),
            fill(1, BTC, BUY, 1, 10_002, 0, 1, 0, 100, 2),
            ack(2, BTC, SELL, 1, 100, 3),
            ack(3, BTC, BUY, 1, 100, 4),
            fill(3, BTC, BUY, 1, 10_002, 0, 1, 0, 100, 5)),
            publisher.reports());
        assertEquals(3, publisher.refused());
        assertEquals(5, venue.reportsDeferred());
        assertEquals(0, venue.deferredReports());
        assertEquals(0, venue.reportQueueOverflows());
    }

    @Test
    void shouldKeepEveryReportInOrderWhenTheRingStaysFullBeyondTheQueueCapacity()
    {
        start(context().maxOpenOrders(2));
        inputs.quote(100, BTC, 10_000, 10_002);
        publisher.refuseNext(Integer.MAX_VALUE);
        for (int i = 1; i <= 20; i++)
        {
            venue.send(i, BTC, BUY, MARKET, 1, 0, 100 + i);
        }
        assertEquals(40, venue.deferredReports());
        assertTrue(venue.reportQueueOverflows() > 0);

        publisher.refuseNext(0);
        venue.onEndOfBatch(200);

        final List<Report> reports = publisher.reports();
        assertEquals(40, reports.size());
        for (int i = 0; i < 40; i++)
        {
            assertEquals(i + 1, reports.get(i).execId());
            assertEquals(i / 2 + 1, reports.get(i).clOrdId());
            assertEquals(i % 2 == 0 ? ExecType.ACK : ExecType.FILL, reports.get(i).execType());
        }
    }

    @Test
    void shouldStampTheContextSourceIdOnEveryReport()
    {
        start(context());
        venue.send(1, BTC, BUY, MARKET, 1, 0, 100);
        venue.cancel(1, BTC, 100);
        venue.cancel(1, BTC, 100);

        for (final Report report : publisher.reports())
        {
            assertEquals(VENUE_SOURCE_ID, report.sourceId());
        }
        assertEquals(3, publisher.reports().size());
    }

    private List<Report> randomSession(final long seed)
    {
        final RecordingExecutionReportPublisher recording = new RecordingExecutionReportPublisher();
        final PaperVenue randomVenue = new PaperVenue(
            context().seed(seed).latencyNs(15).partialFillProbability(0.5).rejectProbability(0.2).feeRateBps(5)
                .orderTtlNs(400).maxOpenOrders(64).build(),
            MarketInputs.instruments(),
            recording);
        final MarketInputs market = new MarketInputs(randomVenue);
        // The input script is fixed: only the venue's seed varies between sessions.
        final SplittableRandom script = new SplittableRandom(99);
        long clOrdId = 0;
        for (long nowNs = 1_000; nowNs < 21_000; nowNs += 10)
        {
            final long mid = 10_000 + script.nextInt(-20, 21);
            market.quote(nowNs, BTC, mid - 1, mid + 1);
            if (script.nextInt(3) == 0)
            {
                final boolean limit = script.nextBoolean();
                randomVenue.send(++clOrdId, BTC, script.nextBoolean() ? BUY : SELL, limit ? LIMIT : MARKET,
                    1 + script.nextInt(20), limit ? mid + script.nextInt(-5, 6) : 0, nowNs);
            }
            if (clOrdId > 0 && script.nextInt(10) == 0)
            {
                randomVenue.cancel(1 + script.nextLong(clOrdId), BTC, nowNs);
            }
        }
        assertTrue(recording.reports().size() > 100);
        return new ArrayList<>(recording.reports());
    }

    private static Report ack(
        final long clOrdId, final int instrumentId, final byte side, final long qtyLots, final long venueTimeNs,
        final long execId)
    {
        return report(clOrdId, instrumentId, ExecType.ACK, side, 0, 0, qtyLots, 0, 0, venueTimeNs, 0, execId);
    }

    private static Report fill(
        final long clOrdId, final int instrumentId, final byte side, final long lastQtyLots,
        final long lastPriceTicks, final long leavesQtyLots, final long cumQtyLots, final long feeCash,
        final long venueTimeNs, final long execId)
    {
        return report(clOrdId, instrumentId, leavesQtyLots == 0 ? ExecType.FILL : ExecType.PARTIAL_FILL, side,
            lastQtyLots, lastPriceTicks, leavesQtyLots, cumQtyLots, feeCash, venueTimeNs, 0, execId);
    }

    private static Report reject(
        final long clOrdId, final int instrumentId, final byte side, final int reason, final long venueTimeNs,
        final long execId)
    {
        return report(clOrdId, instrumentId, ExecType.REJECTED, side, 0, 0, 0, 0, 0, venueTimeNs, reason, execId);
    }

    private static Report cancelReject(
        final long clOrdId, final int instrumentId, final long venueTimeNs, final long execId)
    {
        return report(clOrdId, instrumentId, ExecType.CANCEL_REJECTED, Side.NONE, 0, 0, 0, 0, 0, venueTimeNs,
            PaperRejectReason.UNKNOWN_ORDER, execId);
    }

    private static Report report(
        final long clOrdId, final int instrumentId, final byte execType, final byte side, final long lastQtyLots,
        final long lastPriceTicks, final long leavesQtyLots, final long cumQtyLots, final long feeCash,
        final long venueTimeNs, final int rejectReason, final long execId)
    {
        return new Report(VENUE_SOURCE_ID, instrumentId, clOrdId, execId, execType, side, lastQtyLots,
            lastPriceTicks, leavesQtyLots, cumQtyLots, feeCash, venueTimeNs, rejectReason);
    }
}
