package io.easyquant.engine.risk;

import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.metrics.RiskRejections;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradingState;
import org.agrona.collections.Long2LongHashMap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskHandlerTest
{
    private static final int SOURCE_ID = 5;
    private static final long FIRST_INTENT_ID = 1_000;
    private static final int INSTRUMENTS = 3;

    /** Instrument 0: small orders; 1: large orders, small position; 2: small orders, large position. */
    private static final int SMALL = 0;
    private static final int WIDE = 1;
    private static final int DEEP = 2;

    private final RiskLimits limits = new RiskLimits(new long[] {10, 100, 10}, new long[] {20, 20, 50});
    private final EngineCounters counters = new EngineCounters(INSTRUMENTS);
    private final long[] expectedRejects = new long[RiskReason.COUNT];
    private long expectedIntents;

    private final long[] markTicks = new long[INSTRUMENTS];
    private final long[] bidTicks = new long[INSTRUMENTS];
    private final long[] askTicks = new long[INSTRUMENTS];
    private final Long2LongHashMap instrumentByClOrdId = new Long2LongHashMap(-1);
    private final Long2LongHashMap sideByClOrdId = new Long2LongHashMap(-1);
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final AdminCommandCodec command = new AdminCommandCodec();

    private RiskHandler handler = newHandler(new ExecutionContext(OrderType.MARKET, 0, 8));
    private long sequence;
    private long execId;

    // ---- planning ---------------------------------------------------------------------------------------------

    @Test
    void shouldPlanNothingBeforeAnyTarget()
    {
        assertNoIntent(handle(quote(SMALL, 100, 102)));
        assertNoIntent(handle(quote(SMALL, 101, 103)));
        assertNoIntent(handle(command(AdminCommandType.KILL_RELEASE, 0)));

        assertCounters();
    }

    @Test
    void shouldPlanOneBuyForTargetAbovePosition()
    {
        handle(quote(SMALL, 100, 102));

        final EngineEvent event = handle(signal(SMALL, 7));

        assertAccepted(event, SMALL, Side.BUY, 7);
        assertEquals(FIRST_INTENT_ID, event.intentId);
        assertEquals(OrderType.MARKET, event.intentOrderType);
        assertEquals(0, event.intentLimitPriceTicks);
        assertEquals(7, event.intentTargetLots);
        assertCounters();
    }

    @Test
    void shouldPlanOneSellForTargetBelowPosition()
    {
        handle(quote(SMALL, 100, 102));
        fillCompletely(handle(signal(SMALL, 6)));

        final EngineEvent event = handle(signal(SMALL, -3));

        assertAccepted(event, SMALL, Side.SELL, 9);
        assertEquals(-3, event.intentTargetLots);
        assertEquals(6, handler.positionLots(SMALL));
        assertCounters();
    }

    @Test
    void shouldPlanNothingWhenPositionEqualsTarget()
    {
        handle(quote(SMALL, 100, 102));
        assertNoIntent(handle(signal(SMALL, 0)));

        final EngineEvent buy = handle(signal(SMALL, 4));
        assertAccepted(buy, SMALL, Side.BUY, 4);
        assertNoIntent(fillCompletely(buy));
        assertEquals(4, handler.positionLots(SMALL));

        assertNoIntent(handle(quote(SMALL, 101, 103)));
        assertNoIntent(handle(signal(SMALL, 4)));
        assertCounters();
    }

    @Test
    void shouldPlanNothingWhileOrderIsWorkingAndRePlanWhenItFills()
    {
        handle(quote(SMALL, 100, 102));
        final EngineEvent first = handle(signal(SMALL, 5));
        assertAccepted(first, SMALL, Side.BUY, 5);
        final long clOrdId = first.intentId;

        assertNoIntent(handle(signal(SMALL, 8)));
        assertNoIntent(handle(report(clOrdId, ExecType.ACK, 0)));
        assertNoIntent(handle(quote(SMALL, 101, 103)));
        assertNoIntent(handle(report(clOrdId, ExecType.PARTIAL_FILL, 2)));
        assertEquals(2, handler.positionLots(SMALL));
        assertNoIntent(handle(signal(SMALL, 9)));
        assertNoIntent(handle(report(clOrdId, ExecType.CANCEL_REJECTED, 0)));

        final EngineEvent fill = handle(report(clOrdId, ExecType.FILL, 3));

        assertEquals(5, handler.positionLots(SMALL));
        assertAccepted(fill, SMALL, Side.BUY, 4);
        assertEquals(clOrdId + 1, fill.intentId);
        assertEquals(9, fill.intentTargetLots);
        assertCounters();
    }

    @Test
    void shouldRePlanRemainderAfterPartialFillThenCancel()
    {
        handle(quote(DEEP, 100, 102));
        final EngineEvent buy = handle(signal(DEEP, 9));
        handle(report(buy.intentId, ExecType.ACK, 0));
        handle(report(buy.intentId, ExecType.PARTIAL_FILL, 3));

        final EngineEvent cancelled = handle(report(buy.intentId, ExecType.CANCELLED, 0));

        assertAccepted(cancelled, DEEP, Side.BUY, 6);
        assertEquals(3, handler.positionLots(DEEP));
        assertCounters();
    }

    @Test
    void shouldRePlanAfterVenueRejectsOrExpiresTheOrder()
    {
        handle(quote(DEEP, 100, 102));
        final EngineEvent buy = handle(signal(DEEP, -4));
        assertAccepted(buy, DEEP, Side.SELL, 4);

        final EngineEvent afterReject = handle(report(buy.intentId, ExecType.REJECTED, 0));
        assertAccepted(afterReject, DEEP, Side.SELL, 4);

        handle(report(afterReject.intentId, ExecType.ACK, 0));
        final EngineEvent afterExpiry = handle(report(afterReject.intentId, ExecType.EXPIRED, 0));
        assertAccepted(afterExpiry, DEEP, Side.SELL, 4);
        assertEquals(0, handler.positionLots(DEEP));
        assertCounters();
    }

    @Test
    void shouldIssueIntentIdsIncreasingFromFirstIntentIdIncludingRejectedOnes()
    {
        handle(quote(SMALL, 100, 102));
        handle(quote(DEEP, 100, 102));

        final EngineEvent first = handle(signal(SMALL, 3));
        final EngineEvent rejected = handle(signal(DEEP, 11));
        final EngineEvent third = handle(signal(DEEP, 10));

        assertEquals(FIRST_INTENT_ID, first.intentId);
        assertRejected(rejected, RiskReason.MAX_ORDER_QTY, 11, 10);
        assertEquals(FIRST_INTENT_ID + 1, rejected.intentId);
        assertAccepted(third, DEEP, Side.BUY, 10);
        assertEquals(FIRST_INTENT_ID + 2, third.intentId);
        assertNoIntent(fillCompletely(first));
        assertEquals(FIRST_INTENT_ID + 3, handle(signal(SMALL, 5)).intentId);
        assertCounters();
    }

    @Test
    void shouldIgnoreEventsRejectedByIngest()
    {
        final EngineEvent rejectedQuote = quote(SMALL, 100, 102);
        rejectedQuote.ingestReject = IngestReject.CROSSED_QUOTE;
        rejectedQuote.hasSignal = true;
        rejectedQuote.signalTargetLots = 5;
        assertNoIntent(handle(rejectedQuote));

        final EngineEvent rejectedKill = command(AdminCommandType.KILL_ENGAGE, 0);
        rejectedKill.ingestReject = IngestReject.BAD_ENUM;
        handle(rejectedKill);
        assertEquals(TradingState.ACTIVE, handler.tradingState());

        // The rejected quote must not have set a reference price either.
        markTicks[SMALL] = 0;
        assertRejected(handle(signal(SMALL, 5)), RiskReason.NO_REFERENCE_PRICE, 0, 1);
        assertCounters();
    }

    @Test
    void shouldIgnoreReportsForUnknownOrders()
    {
        handle(quote(SMALL, 100, 102));
        instrumentByClOrdId.put(77, SMALL);
        sideByClOrdId.put(77, Side.BUY);

        assertNoIntent(handle(report(77, ExecType.FILL, 5)));

        assertEquals(0, handler.positionLots(SMALL));
        assertAccepted(handle(signal(SMALL, 2)), SMALL, Side.BUY, 2);
        assertCounters();
    }

    // ---- max order quantity -------------------------------------------------------------------------------------

    @Test
    void shouldAcceptOrderQtyAtMaxOrderQty()
    {
        handle(quote(SMALL, 100, 102));

        assertAccepted(handle(signal(SMALL, -10)), SMALL, Side.SELL, 10);
        assertCounters();
    }

    @Test
    void shouldRejectOrderOneLotAboveMaxOrderQty()
    {
        handle(quote(SMALL, 100, 102));

        final EngineEvent event = handle(signal(SMALL, 11));

        assertRejected(event, RiskReason.MAX_ORDER_QTY, 11, 10);
        assertEquals(Side.BUY, event.intentSide);
        assertEquals(11, event.intentQtyLots);
        assertCounters();
    }

    @Test
    void shouldRejectFlipLargerThanMaxOrderQty()
    {
        handle(quote(SMALL, 100, 102));
        fillCompletely(handle(signal(SMALL, 6)));

        assertRejected(handle(signal(SMALL, -5)), RiskReason.MAX_ORDER_QTY, 11, 10);
        assertAccepted(handle(signal(SMALL, -4)), SMALL, Side.SELL, 10);
        assertCounters();
    }

    // ---- max position ---------------------------------------------------------------------------------------------

    @Test
    void shouldAcceptLongPositionAtMaxPosition()
    {
        handle(quote(WIDE, 100, 102));

        assertAccepted(handle(signal(WIDE, 20)), WIDE, Side.BUY, 20);
        assertCounters();
    }

    @Test
    void shouldRejectLongPositionOneLotAboveMaxPosition()
    {
        handle(quote(WIDE, 100, 102));

        assertRejected(handle(signal(WIDE, 21)), RiskReason.MAX_POSITION, 21, 20);
        assertCounters();
    }

    @Test
    void shouldAcceptShortPositionAtMaxPositionAndRejectOneLotBeyond()
    {
        handle(quote(WIDE, 100, 102));

        assertRejected(handle(signal(WIDE, -21)), RiskReason.MAX_POSITION, 21, 20);
        assertAccepted(handle(signal(WIDE, -20)), WIDE, Side.SELL, 20);
        assertCounters();
    }

    @Test
    void shouldCountExistingPositionTowardsMaxPosition()
    {
        handle(quote(WIDE, 100, 102));
        fillCompletely(handle(signal(WIDE, 15)));

        assertRejected(handle(signal(WIDE, 21)), RiskReason.MAX_POSITION, 21, 20);
        final EngineEvent atLimit = handle(signal(WIDE, 20));
        assertAccepted(atLimit, WIDE, Side.BUY, 5);
        fillCompletely(atLimit);

        assertRejected(handle(signal(WIDE, -21)), RiskReason.MAX_POSITION, 21, 20);
        assertAccepted(handle(signal(WIDE, -20)), WIDE, Side.SELL, 40);
        assertCounters();
    }

    @Test
    void shouldCountPartiallyFilledPositionAfterCancelTowardsMaxPosition()
    {
        handle(quote(WIDE, 100, 102));
        final EngineEvent buy = handle(signal(WIDE, 20));
        handle(report(buy.intentId, ExecType.PARTIAL_FILL, 12));
        assertNoIntent(handle(signal(WIDE, -20)));

        final EngineEvent cancelled = handle(report(buy.intentId, ExecType.CANCELLED, 0));

        assertAccepted(cancelled, WIDE, Side.SELL, 32);
        assertEquals(12, handler.positionLots(WIDE));
        assertCounters();
    }

    @Test
    void shouldRejectAnyPositionWhenMaxPositionIsZero()
    {
        handler = newHandler(new RiskLimits(new long[] {5, 5, 5}, new long[] {0, 1, 1}),
            new ExecutionContext(OrderType.MARKET, 0, 8));
        handle(quote(SMALL, 100, 102));

        assertRejected(handle(signal(SMALL, 1)), RiskReason.MAX_POSITION, 1, 0);
        assertRejected(handle(signal(SMALL, -1)), RiskReason.MAX_POSITION, 1, 0);
        assertCounters();
    }

    // ---- trading state -------------------------------------------------------------------------------------------

    @Test
    void shouldRejectEveryIntentWhileHaltedAndAcceptAgainAfterRelease()
    {
        handle(quote(SMALL, 100, 102));
        assertNoIntent(handle(command(AdminCommandType.KILL_ENGAGE, 0)));
        assertEquals(TradingState.HALTED, handler.tradingState());

        assertRejected(handle(signal(SMALL, 3)), RiskReason.TRADING_HALTED, TradingState.HALTED, TradingState.ACTIVE);
        assertNoIntent(handle(quote(SMALL, 101, 103)));

        assertNoIntent(handle(command(AdminCommandType.KILL_RELEASE, 0)));
        assertEquals(TradingState.ACTIVE, handler.tradingState());

        assertAccepted(handle(quote(SMALL, 101, 103)), SMALL, Side.BUY, 3);
        assertCounters();
    }

    @Test
    void shouldPublishTheDetailOfEachRejectionNewestFirst()
    {
        handle(quote(SMALL, 100, 102));
        final EngineEvent tooLarge = signal(SMALL, 11);
        RecordHeader.stamp(tooLarge.record, 0, 77, 1_000);
        handle(tooLarge);
        handle(command(AdminCommandType.KILL_ENGAGE, 0));
        final EngineEvent halted = signal(WIDE, 3);
        RecordHeader.stamp(halted.record, 0, 79, 3_000);
        handle(halted);

        assertEquals(List.of(
            new RiskRejections.Rejection(79, 3_000, WIDE, FIRST_INTENT_ID + 1, Side.BUY, 3, RiskReason.TRADING_HALTED,
                TradingState.HALTED, TradingState.ACTIVE, TradingState.HALTED),
            new RiskRejections.Rejection(77, 1_000, SMALL, FIRST_INTENT_ID, Side.BUY, 11, RiskReason.MAX_ORDER_QTY,
                11, 10, TradingState.ACTIVE)),
            handler.rejections().recent(10));
        assertEquals(2, handler.rejections().count());
    }

    @Test
    void shouldKeepOnlyTheNewestRejections()
    {
        final RiskRejections rejections = new RiskRejections(2);
        handler = new RiskHandler(INSTRUMENTS, limits, new ExecutionContext(OrderType.MARKET, 0, 8), counters,
            FIRST_INTENT_ID, rejections);
        handle(quote(SMALL, 100, 102));
        for (int target = 11; target <= 14; target++)
        {
            handle(signal(SMALL, target));
        }

        assertEquals(List.of(14L, 13L), rejections.recent(10).stream().map(RiskRejections.Rejection::qtyLots).toList());
        assertEquals(4, rejections.count());
    }

    @Test
    void shouldHaltBeforeAnyOtherCheck()
    {
        handle(command(AdminCommandType.SET_TRADING_STATE, TradingState.HALTED));

        assertRejected(handle(signal(SMALL, 50)), RiskReason.TRADING_HALTED, TradingState.HALTED, TradingState.ACTIVE);
        assertCounters();
    }

    @Test
    void shouldLetPositionReducingOrdersThroughWhileReducing()
    {
        handle(quote(DEEP, 100, 102));
        fillCompletely(handle(signal(DEEP, 10)));
        handle(command(AdminCommandType.SET_TRADING_STATE, TradingState.REDUCING));
        assertEquals(TradingState.REDUCING, handler.tradingState());

        final EngineEvent partial = handle(signal(DEEP, 4));
        assertAccepted(partial, DEEP, Side.SELL, 6);
        fillCompletely(partial);

        final EngineEvent toFlat = handle(signal(DEEP, 0));
        assertAccepted(toFlat, DEEP, Side.SELL, 4);
        fillCompletely(toFlat);
        assertEquals(0, handler.positionLots(DEEP));

        assertRejected(handle(signal(DEEP, 1)), RiskReason.REDUCE_ONLY, 1, 0);
        assertRejected(handle(signal(DEEP, -1)), RiskReason.REDUCE_ONLY, 1, 0);
        assertCounters();
    }

    @Test
    void shouldRejectFlipAndIncreaseWhileReducing()
    {
        handle(quote(DEEP, 100, 102));
        fillCompletely(handle(signal(DEEP, 10)));
        handle(command(AdminCommandType.SET_TRADING_STATE, TradingState.REDUCING));

        assertRejected(handle(signal(DEEP, -2)), RiskReason.REDUCE_ONLY, 2, 10);
        assertRejected(handle(signal(DEEP, -10)), RiskReason.REDUCE_ONLY, 10, 10);
        assertRejected(handle(signal(DEEP, 11)), RiskReason.REDUCE_ONLY, 11, 10);
        assertRejected(handle(signal(DEEP, 15)), RiskReason.REDUCE_ONLY, 15, 10);
        assertAccepted(handle(signal(DEEP, 9)), DEEP, Side.SELL, 1);
        assertCounters();
    }

    @Test
    void shouldLetShortPositionBeBoughtBackWhileReducing()
    {
        handle(quote(DEEP, 100, 102));
        fillCompletely(handle(signal(DEEP, -8)));
        handle(command(AdminCommandType.SET_TRADING_STATE, TradingState.REDUCING));

        assertRejected(handle(signal(DEEP, -9)), RiskReason.REDUCE_ONLY, 9, 8);
        assertRejected(handle(signal(DEEP, 1)), RiskReason.REDUCE_ONLY, 1, 8);
        final EngineEvent reduce = handle(signal(DEEP, -3));
        assertAccepted(reduce, DEEP, Side.BUY, 5);
        fillCompletely(reduce);
        assertAccepted(handle(signal(DEEP, 0)), DEEP, Side.BUY, 3);
        assertCounters();
    }

    @Test
    void shouldApplyLimitsAfterReduceOnly()
    {
        handle(quote(SMALL, 100, 102));
        fillCompletely(handle(signal(SMALL, 10)));
        fillCompletely(handle(signal(SMALL, 20)));
        handle(command(AdminCommandType.SET_TRADING_STATE, TradingState.REDUCING));

        assertRejected(handle(signal(SMALL, 0)), RiskReason.MAX_ORDER_QTY, 20, 10);
        assertAccepted(handle(signal(SMALL, 10)), SMALL, Side.SELL, 10);
        assertCounters();
    }

    // ---- reference price, open orders, limit pricing -------------------------------------------------------

    @Test
    void shouldRejectWithoutReferencePrice()
    {
        final EngineEvent event = handle(signal(SMALL, 2));

        assertRejected(event, RiskReason.NO_REFERENCE_PRICE, 0, 1);
        assertEquals(2, event.intentQtyLots);
        assertCounters();
    }

    @Test
    void shouldRejectLimitOrderWithoutTouchPrice()
    {
        handler = newHandler(new ExecutionContext(OrderType.LIMIT, 1, 8));
        handle(trade(SMALL, 100));

        final EngineEvent event = handle(signal(SMALL, 2));

        assertRejected(event, RiskReason.NO_REFERENCE_PRICE, 0, 1);
        assertEquals(OrderType.LIMIT, event.intentOrderType);
        assertEquals(0, event.intentLimitPriceTicks);
        assertCounters();
    }

    @Test
    void shouldRejectWhenWorkingOrderPoolIsFull()
    {
        handler = newHandler(new ExecutionContext(OrderType.MARKET, 0, 2));
        handle(quote(SMALL, 100, 102));
        handle(quote(WIDE, 100, 102));
        handle(quote(DEEP, 100, 102));
        final EngineEvent first = handle(signal(SMALL, 1));
        assertAccepted(first, SMALL, Side.BUY, 1);
        assertAccepted(handle(signal(WIDE, 1)), WIDE, Side.BUY, 1);

        assertRejected(handle(signal(DEEP, 1)), RiskReason.MAX_OPEN_ORDERS, 3, 2);

        fillCompletely(first);
        assertAccepted(handle(signal(DEEP, 2)), DEEP, Side.BUY, 2);
        assertCounters();
    }

    @Test
    void shouldPlanAgainWhenThePriceArrivesAfterNoReferencePrice()
    {
        assertRejected(handle(signal(SMALL, 2)), RiskReason.NO_REFERENCE_PRICE, 0, 1);
        assertNoIntent(handle(quote(WIDE, 100, 102)));

        assertAccepted(handle(quote(SMALL, 100, 102)), SMALL, Side.BUY, 2);
        assertCounters();
    }

    @Test
    void shouldPlanAgainWhenAnOrderCompletesAfterMaxOpenOrders()
    {
        handler = newHandler(new ExecutionContext(OrderType.MARKET, 0, 2));
        handle(quote(SMALL, 100, 102));
        handle(quote(WIDE, 100, 102));
        handle(quote(DEEP, 100, 102));
        final EngineEvent first = handle(signal(SMALL, 1));
        handle(signal(WIDE, 1));
        assertRejected(handle(signal(DEEP, 1)), RiskReason.MAX_OPEN_ORDERS, 3, 2);
        assertNoIntent(handle(quote(DEEP, 100, 102)));

        fillCompletely(first);

        assertAccepted(handle(quote(DEEP, 100, 102)), DEEP, Side.BUY, 1);
        assertCounters();
    }

    @Test
    void shouldPriceLimitOrdersThroughTheTouchByTheOffset()
    {
        handler = newHandler(new ExecutionContext(OrderType.LIMIT, 3, 8));
        handle(quote(SMALL, 100, 104));

        final EngineEvent buy = handle(signal(SMALL, 5));
        assertAccepted(buy, SMALL, Side.BUY, 5);
        assertEquals(OrderType.LIMIT, buy.intentOrderType);
        assertEquals(107, buy.intentLimitPriceTicks);
        fillCompletely(buy);

        final EngineEvent sell = handle(signal(SMALL, -2));
        assertAccepted(sell, SMALL, Side.SELL, 7);
        assertEquals(97, sell.intentLimitPriceTicks);
        assertCounters();
    }

    @Test
    void shouldPricePassiveLimitOrdersBehindTheTouchByANegativeOffset()
    {
        handler = newHandler(new ExecutionContext(OrderType.LIMIT, -3, 8));
        handle(quote(SMALL, 100, 104));

        final EngineEvent buy = handle(signal(SMALL, 5));
        assertAccepted(buy, SMALL, Side.BUY, 5);
        assertEquals(101, buy.intentLimitPriceTicks, "ask - 3: below the ask, resting");
        fillCompletely(buy);

        final EngineEvent sell = handle(signal(SMALL, -2));
        assertAccepted(sell, SMALL, Side.SELL, 7);
        assertEquals(103, sell.intentLimitPriceTicks, "bid + 3: above the bid, resting");
        assertCounters();
    }

    @Test
    void shouldPriceAPassiveLimitBuyAtOneTickAtLeast()
    {
        handler = newHandler(new ExecutionContext(OrderType.LIMIT, -10, 8));
        handle(quote(SMALL, 2, 4));

        final EngineEvent buy = handle(signal(SMALL, 1));

        assertAccepted(buy, SMALL, Side.BUY, 1);
        assertEquals(1, buy.intentLimitPriceTicks);
        assertCounters();
    }

    @Test
    void shouldPriceLimitSellAtOneTickAtLeast()
    {
        handler = newHandler(new ExecutionContext(OrderType.LIMIT, 3, 8));
        handle(quote(SMALL, 2, 4));

        final EngineEvent sell = handle(signal(SMALL, -1));

        assertAccepted(sell, SMALL, Side.SELL, 1);
        assertEquals(1, sell.intentLimitPriceTicks);
        assertCounters();
    }

    @Test
    void shouldPriceLimitAtLatestTouch()
    {
        handler = newHandler(new ExecutionContext(OrderType.LIMIT, 0, 8));
        handle(quote(SMALL, 100, 104));
        handle(quote(SMALL, 110, 111));

        final EngineEvent buy = handle(signal(SMALL, 5));

        assertEquals(111, buy.intentLimitPriceTicks);
        assertCounters();
    }

    // ---- blocking --------------------------------------------------------------------------------------------

    @Test
    void shouldNotRePlanRejectedIntentUntilTargetChanges()
    {
        handle(quote(SMALL, 100, 102));
        assertRejected(handle(signal(SMALL, 11)), RiskReason.MAX_ORDER_QTY, 11, 10);

        for (int i = 0; i < 5; i++)
        {
            assertNoIntent(handle(quote(SMALL, 100 + i, 102 + i)));
            assertNoIntent(handle(signal(SMALL, 11)));
        }
        assertCounters();

        assertAccepted(handle(signal(SMALL, 10)), SMALL, Side.BUY, 10);
        assertCounters();
    }

    @Test
    void shouldNotRePlanRejectedIntentOnCommandThatLeavesStateUnchanged()
    {
        handle(quote(SMALL, 100, 102));
        assertRejected(handle(signal(SMALL, 11)), RiskReason.MAX_ORDER_QTY, 11, 10);

        handle(command(AdminCommandType.KILL_RELEASE, 0));
        handle(command(AdminCommandType.SET_TRADING_STATE, TradingState.ACTIVE));

        assertNoIntent(handle(quote(SMALL, 101, 103)));
        assertCounters();
    }

    @Test
    void shouldRePlanRejectedIntentOnceAfterTradingStateChanges()
    {
        handle(quote(SMALL, 100, 102));
        handle(command(AdminCommandType.SET_TRADING_STATE, TradingState.REDUCING));
        assertRejected(handle(signal(SMALL, 3)), RiskReason.REDUCE_ONLY, 3, 0);
        assertNoIntent(handle(quote(SMALL, 101, 103)));

        handle(command(AdminCommandType.KILL_ENGAGE, 0));
        assertRejected(handle(quote(SMALL, 101, 103)), RiskReason.TRADING_HALTED, TradingState.HALTED,
            TradingState.ACTIVE);
        assertNoIntent(handle(quote(SMALL, 101, 103)));

        handle(command(AdminCommandType.KILL_RELEASE, 0));
        assertAccepted(handle(quote(SMALL, 101, 103)), SMALL, Side.BUY, 3);
        assertCounters();
    }

    @Test
    void shouldBlockOnlyTheRejectedInstrument()
    {
        handle(quote(SMALL, 100, 102));
        handle(quote(DEEP, 100, 102));
        assertRejected(handle(signal(SMALL, 11)), RiskReason.MAX_ORDER_QTY, 11, 10);

        assertAccepted(handle(signal(DEEP, 10)), DEEP, Side.BUY, 10);
        assertNoIntent(handle(quote(SMALL, 100, 102)));
        assertCounters();
    }

    @Test
    void shouldCountIntentsAndRejectsByReasonExactly()
    {
        handler = newHandler(new ExecutionContext(OrderType.MARKET, 0, 2));
        assertRejected(handle(signal(SMALL, 1)), RiskReason.NO_REFERENCE_PRICE, 0, 1);
        final EngineEvent cured = handle(quote(SMALL, 100, 102));
        assertAccepted(cured, SMALL, Side.BUY, 1);
        fillCompletely(cured);
        handle(quote(WIDE, 100, 102));
        handle(quote(DEEP, 100, 102));
        assertRejected(handle(signal(SMALL, 12)), RiskReason.MAX_ORDER_QTY, 11, 10);
        assertRejected(handle(signal(WIDE, 21)), RiskReason.MAX_POSITION, 21, 20);
        final EngineEvent small = handle(signal(SMALL, 3));
        handle(signal(WIDE, 2));
        assertRejected(handle(signal(DEEP, 2)), RiskReason.MAX_OPEN_ORDERS, 3, 2);
        fillCompletely(small);
        handle(command(AdminCommandType.SET_TRADING_STATE, TradingState.REDUCING));
        assertRejected(handle(signal(SMALL, 4)), RiskReason.REDUCE_ONLY, 4, 3);
        handle(command(AdminCommandType.KILL_ENGAGE, 0));
        assertRejected(handle(signal(SMALL, 5)), RiskReason.TRADING_HALTED, TradingState.HALTED,
            TradingState.ACTIVE);

        assertEquals(9, counters.get(EngineCounters.INTENTS));
        assertEquals(6, counters.get(EngineCounters.RISK_REJECTS));
        for (int reason = RiskReason.TRADING_HALTED; reason < RiskReason.COUNT; reason++)
        {
            assertEquals(reason <= RiskReason.NO_REFERENCE_PRICE ? 1 : 0, counters.riskRejects(reason),
                RiskReason.name(reason));
        }
        assertEquals(0, counters.riskRejects(RiskReason.ACCEPTED));
        assertCounters();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private RiskHandler newHandler(final ExecutionContext execution)
    {
        return newHandler(limits, execution);
    }

    private RiskHandler newHandler(final RiskLimits riskLimits, final ExecutionContext execution)
    {
        return new RiskHandler(INSTRUMENTS, riskLimits, execution, counters, FIRST_INTENT_ID);
    }

    private EngineEvent handle(final EngineEvent event)
    {
        handler.onEvent(event, sequence++, true);
        if (event.hasIntent)
        {
            expectedIntents++;
            if (event.riskReason == RiskReason.ACCEPTED)
            {
                instrumentByClOrdId.put(event.intentId, event.intentInstrumentIndex);
                sideByClOrdId.put(event.intentId, event.intentSide);
            }
        }
        return event;
    }

    /** A quote as the features stage leaves it: mark is the mid rounded down. */
    private EngineEvent quote(final int index, final long bid, final long ask)
    {
        markTicks[index] = (bid + ask) / 2;
        bidTicks[index] = bid;
        askTicks[index] = ask;
        return instrumentEvent(RecordType.QUOTE, index, true);
    }

    /** A trade: mark is the trade price while no quote has been seen. */
    private EngineEvent trade(final int index, final long price)
    {
        markTicks[index] = price;
        return instrumentEvent(RecordType.TRADE, index, true);
    }

    /** A price update on which the signal stage emitted a target. */
    private EngineEvent signal(final int index, final long targetLots)
    {
        final EngineEvent event = instrumentEvent(RecordType.QUOTE, index, true);
        event.hasSignal = true;
        event.signalTargetLots = targetLots;
        return event;
    }

    private EngineEvent instrumentEvent(final RecordType type, final int index, final boolean priceUpdated)
    {
        final EngineEvent event = new EngineEvent();
        event.templateId = type.code();
        event.instrumentIndex = index;
        event.priceUpdated = priceUpdated;
        event.markTicks = markTicks[index];
        event.bidTicks = bidTicks[index];
        event.askTicks = askTicks[index];
        return event;
    }

    private EngineEvent report(final long clOrdId, final byte execType, final long lastQtyLots)
    {
        final int index = (int)instrumentByClOrdId.get(clOrdId);
        final EngineEvent event = instrumentEvent(RecordType.EXECUTION_REPORT, index, false);
        report.wrapForEncode(event.record, 0, SOURCE_ID);
        report.instrumentId(index + 1).execType(execType).side((byte)sideByClOrdId.get(clOrdId)).clOrdId(clOrdId)
            .execId(++execId).lastQtyLots(lastQtyLots).lastPriceTicks(lastQtyLots > 0 ? markTicks[index] : 0);
        return event;
    }

    /** Fill the accepted intent of {@code event} in one report and return the report's event. */
    private EngineEvent fillCompletely(final EngineEvent intent)
    {
        assertTrue(intent.hasIntent);
        assertEquals(RiskReason.ACCEPTED, intent.riskReason);
        return handle(report(intent.intentId, ExecType.FILL, intent.intentQtyLots));
    }

    private EngineEvent command(final int type, final int argument)
    {
        final EngineEvent event = new EngineEvent();
        command.wrapForEncode(event.record, 0, SOURCE_ID);
        command.command(type).argument(argument).origin(CommandOrigin.CLI);
        event.templateId = RecordType.ADMIN_COMMAND.code();
        event.instrumentIndex = -1;
        return event;
    }

    private static void assertNoIntent(final EngineEvent event)
    {
        assertFalse(event.hasIntent, "expected no intent");
    }

    private static void assertAccepted(final EngineEvent event, final int index, final byte side, final long qtyLots)
    {
        assertTrue(event.hasIntent, "expected an intent");
        assertEquals(RiskReason.name(RiskReason.ACCEPTED), RiskReason.name(event.riskReason));
        assertEquals(index, event.intentInstrumentIndex);
        assertEquals(Side.name(side), Side.name(event.intentSide));
        assertEquals(qtyLots, event.intentQtyLots);
    }

    private void assertRejected(final EngineEvent event, final int reason, final long observed, final long limit)
    {
        assertTrue(event.hasIntent, "expected an intent");
        assertEquals(RiskReason.name(reason), RiskReason.name(event.riskReason));
        assertEquals(observed, event.riskObserved, "observed");
        assertEquals(limit, event.riskLimit, "limit");
        expectedRejects[reason]++;
    }

    private void assertCounters()
    {
        assertEquals(expectedIntents, counters.get(EngineCounters.INTENTS), "intents");
        long total = 0;
        for (int reason = 0; reason < RiskReason.COUNT; reason++)
        {
            assertEquals(expectedRejects[reason], counters.riskRejects(reason), RiskReason.name(reason));
            total += expectedRejects[reason];
        }
        assertEquals(total, counters.get(EngineCounters.RISK_REJECTS), "risk rejects");
    }
}
