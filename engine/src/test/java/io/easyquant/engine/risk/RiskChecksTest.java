package io.easyquant.engine.risk;

import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.state.RiskStateRecorder;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.BookState;
import io.easyquant.journal.codec.BookStateCodec;
import io.easyquant.journal.codec.BookStateReason;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradingState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Boundary tests of every pre-trade check and kill rule: at the limit passes, one tick, lot, cash unit, message or
 * nanosecond past it is rejected (or trips the rule) with the right reason code, observed value and limit.
 */
class RiskChecksTest
{
    /** Tick 0.01, lot 0.0001: one tick times one lot is 100 cash units. */
    private static final Instruments INSTRUMENTS = new Instruments(List.of(
        new Instrument(1, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
        new Instrument(2, "ETH-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD")));
    private static final long CASH_PER_TICK_LOT = 100;
    private static final int A = 0;
    private static final int B = 1;

    private final EngineCounters counters = new EngineCounters(2);
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final AdminCommandCodec command = new AdminCommandCodec();
    private final BookStateCodec bookState = new BookStateCodec();
    private final Map<Long, Integer> instrumentByClOrdId = new HashMap<>();
    private final Map<Long, Byte> sideByClOrdId = new HashMap<>();
    private final long[] markTicks = new long[2];
    private final long[] bidTicks = new long[2];
    private final long[] askTicks = new long[2];
    private RiskHandler handler;
    private long sequence;
    private long nowNs = 1_000_000_000L;
    private long execId;

    private void start(final Consumer<RiskLimits.Builder> limits)
    {
        start(limits, new ExecutionContext(OrderType.MARKET, 0, 8));
    }

    private void start(final Consumer<RiskLimits.Builder> limits, final ExecutionContext execution)
    {
        final RiskLimits.Builder builder = RiskLimits.builder(INSTRUMENTS);
        limits.accept(builder);
        handler = new RiskHandler(2, builder.build(), execution, counters, 1);
    }

    // ---- per-order checks ----------------------------------------------------------------------------------

    @Test
    void maxOrderQtyPassesAtTheLimitAndRejectsOneLotPast()
    {
        start(b -> b.maxOrderQtyLots(A, 10).maxOrderQtyLots(B, 10));
        quote(A, 999, 1001);
        quote(B, 999, 1001);
        assertAccepted(signal(A, 10));
        assertRejected(signal(B, 11), RiskReason.MAX_ORDER_QTY, 11, 10);
    }

    @Test
    void maxOrderNotionalPassesAtTheLimitAndRejectsOneLotPast()
    {
        // 1 lot at the reference price of 1000 ticks is worth 100,000 cash units.
        start(b -> b.maxOrderNotionalCash(A, 500_000).maxOrderNotionalCash(B, 500_000));
        quote(A, 999, 1001);
        quote(B, 999, 1001);
        assertAccepted(signal(A, 5));
        assertRejected(signal(B, -6), RiskReason.MAX_ORDER_NOTIONAL, 600_000, 500_000);
        assertEquals(1000 * CASH_PER_TICK_LOT * 5, 500_000);
    }

    @Test
    void maxOrderNotionalRejectsOneCashUnitPast()
    {
        start(b -> b.maxOrderNotionalCash(A, 499_999));
        quote(A, 999, 1001);
        assertRejected(signal(A, 5), RiskReason.MAX_ORDER_NOTIONAL, 500_000, 499_999);
    }

    @Test
    void maxPositionHoldsLongAndShortWithWorkingOrders()
    {
        start(b -> b.maxPositionLots(A, 20).maxPositionLots(B, 20));
        quote(A, 999, 1001);
        quote(B, 999, 1001);
        fill(assertAccepted(signal(A, 20)));
        assertAccepted(signal(B, -20));
        assertRejected(signal(A, 21), RiskReason.MAX_POSITION, 21, 20);
        assertRejected(signal(A, -21), RiskReason.MAX_POSITION, 21, 20);
    }

    @Test
    void priceCollarInTicksPassesAtTheCollarAndRejectsOneTickPast()
    {
        start(b -> b.collarTicks(A, 3).collarTicks(B, 3), new ExecutionContext(OrderType.LIMIT, 0, 8));
        quote(A, 998, 1004);
        quote(B, 998, 1006);
        final EngineEvent atCollar = assertAccepted(signal(A, 1));
        assertEquals(1004, atCollar.intentLimitPriceTicks);
        assertRejected(signal(B, 1), RiskReason.PRICE_COLLAR, 4, 3);
    }

    @Test
    void priceCollarInPercentPassesAtTheCollarAndRejectsOneTickPast()
    {
        // 0.1% of 100,000 ticks is 100 ticks.
        start(b -> b.collarPpm(A, 1_000).collarPpm(B, 1_000), new ExecutionContext(OrderType.LIMIT, 0, 8));
        quote(A, 99_900, 100_100);
        quote(B, 99_899, 100_101);
        assertAccepted(signal(A, -1));
        assertRejected(signal(B, -1), RiskReason.PRICE_COLLAR, 1_010, 1_000);
    }

    @Test
    void priceCollarInPercentIsExactWhereDistanceTimesPpmPassesTheLongRange()
    {
        // Prices an instrument with a tick of 1e-8 accepts (its default bound is 1e14 ticks). A distance of
        // 18,446,744,073,710 ticks times 1e6 ppm is 2^64 + 448,384: wrapped to 64 bits it would look tiny and pass.
        final long distance = 18_446_744_073_710L;
        final long bid = 1_000_000_000_000L;
        start(b -> b.collarPpm(A, 1_000), new ExecutionContext(OrderType.LIMIT, 0, 8));
        quote(A, bid, bid + 2 * distance);
        final long reference = bid + distance;
        final long observedPpm = BigInteger.valueOf(distance).multiply(BigInteger.valueOf(1_000_000))
            .divide(BigInteger.valueOf(reference)).longValueExact();
        assertRejected(signal(A, 1), RiskReason.PRICE_COLLAR, observedPpm, 1_000);
    }

    @Test
    void priceCollarDoesNotApplyToMarketOrders()
    {
        start(b -> b.collarTicks(A, 0));
        quote(A, 900, 1100);
        assertAccepted(signal(A, 1));
    }

    @Test
    void maxGrossExposurePassesAtTheLimitAndRejectsOneLotPast()
    {
        start(b -> b.maxGrossExposureCash(1_000_000));
        quote(A, 999, 1001);
        quote(B, 999, 1001);
        fill(assertAccepted(signal(A, -6)));
        fill(assertAccepted(signal(B, 4)));
        assertRejected(signal(B, 5), RiskReason.MAX_GROSS_EXPOSURE, 1_100_000, 1_000_000);
        assertAccepted(signal(A, -5));
    }

    @Test
    void maxOpenOrdersPassesAtTheLimitAndRejectsOneOrderPast()
    {
        start(b -> b.maxOpenOrders(1));
        quote(A, 999, 1001);
        quote(B, 999, 1001);
        final EngineEvent first = assertAccepted(signal(A, 1));
        assertRejected(signal(B, 1), RiskReason.MAX_OPEN_ORDERS, 2, 1);
        fill(first);
        assertAccepted(quote(B, 999, 1001));
    }

    @Test
    void messageRatePassesAtTheLimitAndRejectsOneMessagePastUntilTheWindowMoves()
    {
        start(b -> b.messageRate(A, 3, 1_000));
        quote(A, 999, 1001);
        final long start = nowNs;
        fill(assertAccepted(signal(A, 1)));
        nowNs = start + 10;
        fill(assertAccepted(signal(A, 2)));
        nowNs = start + 20;
        fill(assertAccepted(signal(A, 3)));
        nowNs = start + 999;
        assertRejected(signal(A, 4), RiskReason.MESSAGE_RATE, 4, 3);
        assertEquals(3, handler.counter(A, RiskCounter.MESSAGES_IN_WINDOW));
        nowNs = start + 1_000;
        assertAccepted(quote(A, 999, 1001));
        assertEquals(3, handler.counter(A, RiskCounter.MESSAGES_IN_WINDOW));
    }

    @Test
    void engineWideMessageRateCountsEveryInstrumentAndUnacknowledgedOrdersUntilAcknowledged()
    {
        start(b -> b.engineMessageRate(2, 1_000));
        quote(A, 999, 1001);
        quote(B, 999, 1001);
        final long start = nowNs;
        final EngineEvent first = assertAccepted(signal(A, 1));
        assertAccepted(signal(B, 1));
        fill(first);
        assertRejected(signal(A, 2), RiskReason.MESSAGE_RATE, 3, 2);
        assertEquals(2, handler.counter(RiskCounter.ENGINE_WIDE, RiskCounter.MESSAGES_IN_WINDOW));

        // Both messages leave the window, but B's order is still unacknowledged: it counts until acknowledged.
        nowNs = start + 5_000;
        final EngineEvent atLimit = assertAccepted(quote(A, 999, 1001));
        fill(atLimit);
        assertRejected(signal(A, 3), RiskReason.MESSAGE_RATE, 3, 2);
        // The order at +5000 left the window; B's unacknowledged order and this one make 2: at the limit.
        nowNs = start + 10_000;
        assertAccepted(signal(A, 4));
    }

    @Test
    void anUnacknowledgedOrderStopsCountingOnceAcknowledged()
    {
        start(b -> b.engineMessageRate(1, 1_000));
        quote(A, 999, 1001);
        quote(B, 999, 1001);
        final long start = nowNs;
        final EngineEvent resting = assertAccepted(signal(A, 1));
        nowNs = start + 2_000;
        assertRejected(signal(B, 1), RiskReason.MESSAGE_RATE, 2, 1);
        handle(report(resting.intentId, ExecType.ACK, 0, 0));
        assertAccepted(quote(B, 999, 1001));
    }

    @Test
    void staleMarketDataPassesAtTheLimitAndRejectsOneNanosecondPast()
    {
        start(b -> b.staleAfterNs(A, 1_000).staleAfterNs(B, 1_000));
        final long start = nowNs;
        quote(A, 999, 1001);
        quote(B, 999, 1001);
        nowNs = start + 1_000;
        assertAccepted(handle(target(instrumentEvent(A, false), 1)));
        nowNs = start + 1_001;
        assertRejected(handle(target(instrumentEvent(B, false), 1)), RiskReason.STALE_MARKET_DATA, 1_001, 1_000);
        assertAccepted(quote(B, 999, 1001));
    }

    @Test
    void bookNotLiveRejectsUntilTheBookIsLiveAgain()
    {
        start(b -> { });
        quote(A, 999, 1001);
        quote(B, 999, 1001);
        handle(bookState(A, BookState.LIVE));
        handle(bookState(B, BookState.SYNCING));
        assertAccepted(signal(A, 1));
        assertRejected(signal(B, 1), RiskReason.BOOK_NOT_LIVE, BookState.SYNCING, BookState.LIVE);

        handle(bookState(B, BookState.STALE));
        assertRejected(handle(target(instrumentEvent(B, false), 2)), RiskReason.BOOK_NOT_LIVE, BookState.STALE,
            BookState.LIVE);
        final EngineEvent live = handle(bookState(B, BookState.LIVE));
        assertAccepted(live);
        assertEquals(2, live.intentQtyLots);
    }

    @Test
    void volatilityHaltPassesAtTheLimitAndRejectsPastIt()
    {
        // Two returns: 1000 ppm then 999 ppm (A) or 1008 ppm (B); the limit is 1000 ppm per update.
        start(b -> b.volatilityHalt(A, 1_000, 2).volatilityHalt(B, 1_000, 2));
        trade(A, 100_000);
        trade(A, 100_100);
        trade(A, 100_200);
        trade(B, 100_000);
        trade(B, 100_100);
        trade(B, 100_201);
        assertAccepted(handle(target(instrumentEvent(A, false), 1)));
        assertRejected(handle(target(instrumentEvent(B, false), 1)), RiskReason.VOLATILITY_HALT, 1_004, 1_000);
    }

    @Test
    void volatilityAtExactlyTheLimitPasses()
    {
        // Two returns of exactly 1000 ppm: at the limit.
        start(b -> b.volatilityHalt(A, 1_000, 2));
        trade(A, 1_000_000);
        trade(A, 1_001_000);
        trade(A, 1_002_001);
        assertAccepted(handle(target(instrumentEvent(A, false), 1)));
    }

    @Test
    void duplicateIntentIsRejectedInsideTheWindowAndPassesAtItsEnd()
    {
        start(b -> b.duplicateWindowNs(A, 1_000));
        quote(A, 999, 1001);
        final long start = nowNs;
        final EngineEvent first = assertAccepted(signal(A, 5));
        nowNs = start + 1;
        assertRejected(handle(report(first.intentId, ExecType.REJECTED, 0, 0)), RiskReason.DUPLICATE_INTENT, 1,
            1_000);
        nowNs = start + 999;
        assertFalse(quote(A, 999, 1001).hasIntent, "blocked until the window ends");
        nowNs = start + 1_000;
        assertAccepted(quote(A, 999, 1001));
    }

    // ---- kill rules ----------------------------------------------------------------------------------------

    @Test
    void dailyLossAtTheLimitKeepsTradingAndOneCashUnitPastHalts()
    {
        // Long 10 lots bought at 1000; the mark falls 11 ticks: a loss of 10 x 11 x 100 = 11,000 cash units.
        for (final long limit : new long[] {11_000, 10_999})
        {
            start(b -> b.maxDailyLossCash(limit));
            quote(A, 999, 1001);
            fill(assertAccepted(signal(A, 10)));
            final EngineEvent drop = trade(A, 989);
            assertEquals(-11_000, handler.dailyPnlCash());
            if (limit == 11_000)
            {
                assertFalse(drop.stateChanged);
                assertEquals(TradingState.ACTIVE, handler.tradingState());
            }
            else
            {
                assertHalted(drop, RiskReason.DAILY_LOSS, 11_000, 10_999);
                handle(command(AdminCommandType.KILL_RELEASE, 0));
                assertRejected(signal(A, 11), RiskReason.DAILY_LOSS, 11_000, 10_999);
                assertAccepted(signal(A, 4));
            }
        }
    }

    @Test
    void dailyLossStartsAgainAtTheNextUtcDay()
    {
        start(b -> b.maxDailyLossCash(10_000));
        nowNs = 86_400_000_000_000L * 20_000 - 1_000;
        quote(A, 999, 1001);
        fill(assertAccepted(signal(A, 10)));
        trade(A, 995);
        assertEquals(-5_000, handler.dailyPnlCash());
        nowNs = 86_400_000_000_000L * 20_000;
        trade(A, 994);
        assertEquals(-1_000, handler.dailyPnlCash());
        assertEquals(nowNs, handler.counter(RiskCounter.ENGINE_WIDE, RiskCounter.DAY_START_NS));
    }

    @Test
    void consecutiveLossesAtTheLimitKeepTradingAndOneMoreHalts()
    {
        start(b -> b.maxConsecutiveLosses(2));
        quote(A, 999, 1001);
        EngineEvent last = null;
        for (int loss = 1; loss <= 3; loss++)
        {
            fill(assertAccepted(signal(A, 1)), 1000);
            last = fill(assertAccepted(signal(A, 0)), 999);
            assertEquals(loss, handler.counter(RiskCounter.ENGINE_WIDE, RiskCounter.CONSECUTIVE_LOSSES));
            if (loss <= 2)
            {
                assertFalse(last.stateChanged);
            }
        }
        assertHalted(last, RiskReason.CONSECUTIVE_LOSSES, 3, 2);
    }

    @Test
    void aWinningFillResetsConsecutiveLosses()
    {
        start(b -> b.maxConsecutiveLosses(1));
        quote(A, 999, 1001);
        fill(assertAccepted(signal(A, 1)), 1000);
        fill(assertAccepted(signal(A, 0)), 999);
        fill(assertAccepted(signal(A, 1)), 1000);
        fill(assertAccepted(signal(A, 0)), 1001);
        assertEquals(0, handler.counter(RiskCounter.ENGINE_WIDE, RiskCounter.CONSECUTIVE_LOSSES));
        fill(assertAccepted(signal(A, 1)), 1000);
        final EngineEvent loss = fill(assertAccepted(signal(A, 0)), 999);
        assertFalse(loss.stateChanged);
        assertEquals(TradingState.ACTIVE, handler.tradingState());
    }

    @Test
    void executionThrottleAllowsNFillsInTheWindowAndHaltsOnTheNext()
    {
        start(b -> b.executionThrottle(3, 1_000));
        quote(A, 999, 1001);
        final long start = nowNs;
        for (int i = 1; i <= 3; i++)
        {
            nowNs = start + i;
            assertFalse(fill(assertAccepted(signal(A, i))).stateChanged);
        }
        nowNs = start + 1_001;
        assertFalse(fill(assertAccepted(signal(A, 4))).stateChanged, "the first fill left the window");
        assertHalted(fill(assertAccepted(signal(A, 5))), RiskReason.EXECUTION_THROTTLE, 4, 3);
        assertRejected(signal(A, 6), RiskReason.TRADING_HALTED, TradingState.HALTED, TradingState.ACTIVE);
    }

    @Test
    void rejectStormHaltsOnTheRejectPastTheLimit()
    {
        start(b -> b.rejectStorm(2, 1_000));
        quote(A, 999, 1001);
        // Each reject frees the instrument, so the same event plans the order again.
        EngineEvent order = assertAccepted(signal(A, 1));
        for (int i = 1; i <= 2; i++)
        {
            nowNs++;
            order = handle(report(order.intentId, ExecType.REJECTED, 0, 0));
            assertFalse(order.stateChanged);
            assertAccepted(order);
        }
        nowNs++;
        final EngineEvent reject = handle(report(order.intentId, ExecType.REJECTED, 0, 0));
        assertHalted(reject, RiskReason.REJECT_STORM, 3, 2);
        assertRejected(reject, RiskReason.TRADING_HALTED, TradingState.HALTED, TradingState.ACTIVE);
    }

    // ---- trading states ------------------------------------------------------------------------------------

    @Test
    void onlyKillReleaseLeavesHalted()
    {
        start(b -> { });
        quote(A, 999, 1001);
        final EngineEvent working = assertAccepted(signal(A, 1));
        final EngineEvent kill = handle(command(AdminCommandType.KILL_ENGAGE, 0));
        assertTrue(kill.stateChanged);
        assertTrue(kill.cancelAll);
        assertEquals(TradingState.ACTIVE, kill.statePrevious);
        assertEquals(TradingState.HALTED, kill.stateNew);
        assertEquals(CommandOrigin.CLI, kill.stateOrigin);
        assertEquals(AdminCommandType.KILL_ENGAGE, kill.stateCommand);

        final EngineEvent active = handle(command(AdminCommandType.SET_TRADING_STATE, TradingState.ACTIVE));
        assertFalse(active.stateChanged);
        assertEquals(1, counters.get(EngineCounters.STATE_COMMANDS_REFUSED));
        final EngineEvent reducing = handle(command(AdminCommandType.SET_TRADING_STATE, TradingState.REDUCING));
        assertFalse(reducing.stateChanged);
        assertEquals(2, counters.get(EngineCounters.STATE_COMMANDS_REFUSED));
        assertEquals(TradingState.HALTED, handler.tradingState());

        final EngineEvent again = handle(command(AdminCommandType.KILL_ENGAGE, 0));
        assertFalse(again.stateChanged);
        assertTrue(again.cancelAll, "a second kill cancels again whatever has no cancel in flight");

        handle(report(working.intentId, ExecType.CANCELLED, 0, 0));
        final EngineEvent release = handle(command(AdminCommandType.KILL_RELEASE, 0));
        assertTrue(release.stateChanged);
        assertEquals(TradingState.ACTIVE, release.stateNew);
        assertAccepted(quote(A, 999, 1001));
    }

    @Test
    void reducingPassesOnlyOrdersThatShrinkThePosition()
    {
        start(b -> { });
        quote(A, 999, 1001);
        fill(assertAccepted(signal(A, 5)));
        handle(command(AdminCommandType.SET_TRADING_STATE, TradingState.REDUCING));
        assertRejected(signal(A, 6), RiskReason.REDUCE_ONLY, 6, 5);
        assertRejected(signal(A, -1), RiskReason.REDUCE_ONLY, 1, 5);
        assertAccepted(signal(A, 0));
        final EngineEvent release = handle(command(AdminCommandType.KILL_RELEASE, 0));
        assertFalse(release.stateChanged, "KILL_RELEASE only leaves HALTED");
    }

    @Test
    void haltedWithFlattenClosesPositionsWithReducingOrders()
    {
        start(b -> b.flatten(true));
        quote(A, 999, 1001);
        fill(assertAccepted(signal(A, 5)));
        handle(command(AdminCommandType.KILL_ENGAGE, 0));
        final EngineEvent flatten = quote(A, 999, 1001);
        assertAccepted(flatten);
        assertEquals(Side.SELL, flatten.intentSide);
        assertEquals(5, flatten.intentQtyLots);
        assertEquals(0, flatten.intentTargetLots);
        fill(flatten);
        assertFalse(handle(timed(instrumentEvent(A, true), 0)).hasIntent);
        assertFalse(signal(A, 3).hasIntent, "HALTED with flatten aims every instrument at zero");
    }

    @Test
    void mirrorsEveryCounterChangeAndTransitionToTheRecorder()
    {
        start(b -> b.messageRate(A, 5, 1_000).executionThrottle(10, 1_000).maxDailyLossCash(1_000_000));
        final long[] mirror = new long[3 * RiskCounter.COUNT];
        final int[] state = {TradingState.ACTIVE};
        handler.stateRecorder(new RiskStateRecorder()
        {
            @Override
            public void counter(final int instrumentIndex, final int counter, final long value, final long seq)
            {
                mirror[(instrumentIndex + 1) * RiskCounter.COUNT + counter] = value;
            }

            @Override
            public void tradingState(final int newState, final int origin, final long seq)
            {
                state[0] = newState;
            }
        });
        quote(A, 999, 1001);
        fill(assertAccepted(signal(A, 5)));
        trade(A, 990);
        handle(command(AdminCommandType.KILL_ENGAGE, 0));
        for (int index = -1; index < 2; index++)
        {
            for (int counter = 0; counter < RiskCounter.COUNT; counter++)
            {
                assertEquals(handler.counter(index, counter), mirror[(index + 1) * RiskCounter.COUNT + counter],
                    RiskCounter.name(counter) + " of " + index);
            }
        }
        assertEquals(1, handler.counter(A, RiskCounter.MESSAGES_IN_WINDOW));
        assertEquals(5, handler.counter(A, RiskCounter.POSITION_LOTS));
        assertEquals(1, handler.counter(RiskCounter.ENGINE_WIDE, RiskCounter.FILLS_IN_WINDOW));
        assertEquals(5 * (990 - 1000) * CASH_PER_TICK_LOT,
            handler.counter(RiskCounter.ENGINE_WIDE, RiskCounter.DAILY_PNL_CASH));
        assertEquals(TradingState.HALTED, state[0]);
        assertEquals(TradingState.HALTED, handler.tradingState());
    }

    @Test
    void limitsRefuseBadValuesNamingTheField()
    {
        assertEquals("maxOrderQty: expected a positive value, got 0 lots", assertThrows(IllegalArgumentException.class,
            () -> RiskLimits.builder(INSTRUMENTS).maxOrderQtyLots(A, 0).build()).getMessage());
        assertEquals("maxPosition: expected a value >= 0, got -1 lots", assertThrows(IllegalArgumentException.class,
            () -> RiskLimits.builder(INSTRUMENTS).maxPositionLots(B, -1).build()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> RiskLimits.builder(INSTRUMENTS).messageRate(A, 0, 1_000).build()).getMessage()
            .startsWith("maxMessagesPerWindow:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> RiskLimits.builder(INSTRUMENTS).volatilityHalt(A, 100, 1).build()).getMessage()
            .startsWith("volatilityWindow:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> RiskLimits.builder(INSTRUMENTS).maxDailyLossCash(-5).build()).getMessage()
            .startsWith("kill.dailyLoss:"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private EngineEvent handle(final EngineEvent event)
    {
        handler.onEvent(event, sequence, true);
        if (event.hasIntent && event.riskReason == RiskReason.ACCEPTED)
        {
            instrumentByClOrdId.put(event.intentId, event.intentInstrumentIndex);
            sideByClOrdId.put(event.intentId, event.intentSide);
        }
        return event;
    }

    private EngineEvent timed(final EngineEvent event, final int unused)
    {
        RecordHeader.stamp(event.record, 0, ++sequence, nowNs);
        return event;
    }

    private EngineEvent quote(final int index, final long bid, final long ask)
    {
        markTicks[index] = (bid + ask) / 2;
        bidTicks[index] = bid;
        askTicks[index] = ask;
        return handle(timed(instrumentEvent(index, true), 0));
    }

    private EngineEvent trade(final int index, final long price)
    {
        markTicks[index] = price;
        return handle(timed(instrumentEvent(index, true), 0));
    }

    private EngineEvent signal(final int index, final long targetLots)
    {
        return handle(target(instrumentEvent(index, true), targetLots));
    }

    private EngineEvent target(final EngineEvent event, final long targetLots)
    {
        timed(event, 0);
        event.hasSignal = true;
        event.signalTargetLots = targetLots;
        return event;
    }

    private EngineEvent instrumentEvent(final int index, final boolean priceUpdated)
    {
        final EngineEvent event = new EngineEvent();
        event.templateId = RecordType.QUOTE.code();
        event.instrumentIndex = index;
        event.priceUpdated = priceUpdated;
        event.markTicks = markTicks[index];
        event.bidTicks = bidTicks[index];
        event.askTicks = askTicks[index];
        return event;
    }

    private EngineEvent bookState(final int index, final int state)
    {
        final EngineEvent event = instrumentEvent(index, false);
        event.templateId = RecordType.BOOK_STATE.code();
        bookState.wrapForEncode(event.record, 0, 30);
        bookState.instrumentId(index + 1).state(state).reason(BookStateReason.SUBSCRIBED);
        return timed(event, 0);
    }

    private EngineEvent report(final long clOrdId, final byte execType, final long qtyLots, final long priceTicks)
    {
        final int index = instrumentByClOrdId.get(clOrdId);
        final EngineEvent event = instrumentEvent(index, false);
        event.templateId = RecordType.EXECUTION_REPORT.code();
        report.wrapForEncode(event.record, 0, 10);
        report.instrumentId(index + 1).execType(execType).side(sideByClOrdId.get(clOrdId)).clOrdId(clOrdId)
            .execId(++execId).lastQtyLots(qtyLots).lastPriceTicks(priceTicks);
        return timed(event, 0);
    }

    private EngineEvent fill(final EngineEvent intent)
    {
        return fill(intent, markTicks[intent.intentInstrumentIndex]);
    }

    private EngineEvent fill(final EngineEvent intent, final long priceTicks)
    {
        assertTrue(intent.hasIntent);
        return handle(report(intent.intentId, ExecType.FILL, intent.intentQtyLots, priceTicks));
    }

    private EngineEvent command(final int type, final int argument)
    {
        final EngineEvent event = new EngineEvent();
        command.wrapForEncode(event.record, 0, 20);
        command.command(type).argument(argument).origin(CommandOrigin.CLI);
        event.templateId = RecordType.ADMIN_COMMAND.code();
        event.instrumentIndex = -1;
        return timed(event, 0);
    }

    private static EngineEvent assertAccepted(final EngineEvent event)
    {
        assertTrue(event.hasIntent, "expected an intent");
        assertEquals(RiskReason.name(RiskReason.ACCEPTED), RiskReason.name(event.riskReason),
            "observed " + event.riskObserved + ", limit " + event.riskLimit);
        return event;
    }

    private void assertRejected(final EngineEvent event, final int reason, final long observed, final long limit)
    {
        if (reason < 0)
        {
            assertFalse(event.hasIntent, "expected no intent while an order is working");
            return;
        }
        assertTrue(event.hasIntent, "expected an intent");
        assertEquals(RiskReason.name(reason), RiskReason.name(event.riskReason));
        assertEquals(observed, event.riskObserved, "observed");
        assertEquals(limit, event.riskLimit, "limit");
        assertTrue(counters.riskRejects(reason) > 0);
    }

    private void assertHalted(final EngineEvent event, final int rule, final long observed, final long limit)
    {
        assertTrue(event.stateChanged, "expected a transition");
        assertEquals(TradingState.HALTED, event.stateNew);
        assertEquals(CommandOrigin.RISK_RULE, event.stateOrigin);
        assertEquals(RiskReason.name(rule), RiskReason.name(event.stateRule));
        assertEquals(0, event.stateCommand);
        assertEquals(observed, event.stateObserved, "observed");
        assertEquals(limit, event.stateLimit, "limit");
        assertTrue(event.cancelAll);
        assertEquals(TradingState.HALTED, handler.tradingState());
    }
}
