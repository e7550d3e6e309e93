package io.easyquant.engine.execution;

import io.easyquant.engine.execution.RecordingVenue.Call;
import io.easyquant.engine.execution.RecordingVenue.Cancel;
import io.easyquant.engine.execution.RecordingVenue.EndOfBatch;
import io.easyquant.engine.execution.RecordingVenue.Input;
import io.easyquant.engine.execution.RecordingVenue.Reconcile;
import io.easyquant.engine.execution.RecordingVenue.Send;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.metrics.OrderBoard;
import io.easyquant.engine.metrics.PipelineMonitor;
import io.easyquant.engine.order.Order;
import io.easyquant.engine.order.OrderState;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.engine.risk.RiskReason;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradingState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecutionHandlerTest
{
    private static final int BTC_ID = 7;
    private static final int AAPL_ID = 9;
    private static final int BTC = 0;
    private static final int AAPL = 1;
    private static final int QUOTE = RecordType.QUOTE.code();
    private static final int REPORT = RecordType.EXECUTION_REPORT.code();
    private static final int COMMAND = RecordType.ADMIN_COMMAND.code();

    private final Instruments instruments = new Instruments(List.of(
        new Instrument(BTC_ID, "BTCUSD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
        new Instrument(AAPL_ID, "AAPL", new BigDecimal("0.01"), BigDecimal.ONE, "USD")));
    private final long btcCashPerTickLot = instruments.at(BTC).cashPerTickLot();
    private final EngineCounters counters = new EngineCounters(instruments.count());
    private final RecordingVenue venue = new RecordingVenue();
    private final ExecutionHandler handler =
        new ExecutionHandler(instruments, new ExecutionContext(OrderType.LIMIT, 0, 8), venue, counters);
    private final EngineEvents events = new EngineEvents(instruments);
    private final EngineEvent event = new EngineEvent();
    private long nowNs = 1_700_000_000_000_000_000L;
    private long sequence;

    @Test
    void shouldStartActive()
    {
        assertEquals(TradingState.ACTIVE, handler.tradingState());
        assertEquals(TradingState.ACTIVE, counters.get(EngineCounters.TRADING_STATE));
    }

    @Test
    void shouldSendAcceptedIntentAsOrderWithIntentIdAsClOrdId()
    {
        final long t = tick();
        events.quote(event, t, BTC_ID, 5_000_000, 5_000_010);
        EngineEvents.intent(event, 42, BTC, Side.BUY, OrderType.LIMIT, 5, 5_000_010, RiskReason.ACCEPTED);

        handler.onEvent(event, sequence++, true);

        assertEquals(List.of(
            new Input(QUOTE, t),
            new Send(42, BTC_ID, Side.BUY, OrderType.LIMIT, 5, 5_000_010, t),
            new EndOfBatch(t)), venue.take());
        assertEquals(42, event.sentClOrdId);
        assertEquals(1, counters.get(EngineCounters.ORDERS_SENT));
        final Order order = handler.orders().find(42);
        assertNotNull(order);
        assertEquals(OrderState.NEW, order.state());
        assertEquals(t, order.sentNs());
        assertEquals(5, handler.orders().workingSignedLots(BTC));
    }

    @Test
    void shouldSendToTheIntentInstrumentNotTheEventInstrument()
    {
        final long t = tick();
        events.quote(event, t, BTC_ID, 5_000_000, 5_000_010);
        EngineEvents.intent(event, 43, AAPL, Side.SELL, OrderType.MARKET, 3, 0, RiskReason.ACCEPTED);

        handler.onEvent(event, sequence++, false);

        assertEquals(List.of(new Input(QUOTE, t), new Send(43, AAPL_ID, Side.SELL, OrderType.MARKET, 3, 0, t)),
            venue.take());
        assertEquals(-3, handler.orders().workingSignedLots(AAPL));
    }

    @Test
    void shouldNotSendIntentRejectedByRisk()
    {
        final long t = tick();
        events.quote(event, t, BTC_ID, 5_000_000, 5_000_010);
        EngineEvents.intent(event, 42, BTC, Side.BUY, OrderType.LIMIT, 5, 5_000_010, RiskReason.MAX_POSITION);

        handler.onEvent(event, sequence++, true);

        assertEquals(List.of(new Input(QUOTE, t), new EndOfBatch(t)), venue.take());
        assertEquals(0, event.sentClOrdId);
        assertEquals(0, counters.get(EngineCounters.ORDERS_SENT));
        assertEquals(0, handler.orders().openOrders());
    }

    @Test
    void shouldCountSendRefusalWhenNoOrderSlotIsFree()
    {
        final ExecutionHandler small =
            new ExecutionHandler(instruments, new ExecutionContext(OrderType.LIMIT, 0, 1), venue, counters);
        small.onEvent(intentEvent(1, BTC, Side.BUY, 5, 100), sequence++, false);
        venue.take();

        small.onEvent(intentEvent(2, BTC, Side.BUY, 5, 100), sequence++, false);

        assertEquals(List.of(Input.class), venue.take().stream().map(Object::getClass).toList());
        assertEquals(0, event.sentClOrdId);
        assertEquals(1, counters.get(EngineCounters.ORDERS_SENT));
        assertEquals(1, counters.get(EngineCounters.SEND_REFUSALS));
    }

    @Test
    void shouldApplyAckPartialFillAndFillToOrderAndPosition()
    {
        send(42, BTC, Side.BUY, 10, 5_000_010);

        final long ackNs = tick();
        handler.onEvent(events.report(event, ackNs, BTC_ID, 42, ExecType.ACK, Side.BUY, 0, 0, 0), sequence++, true);
        assertEquals(List.of(new Input(REPORT, ackNs), new EndOfBatch(ackNs)), venue.take());
        assertEquals(OrderState.ACKED, handler.orders().find(42).state());
        assertEquals(1, counters.get(EngineCounters.ACKS));

        report(42, BTC_ID, ExecType.PARTIAL_FILL, Side.BUY, 4, 5_000_000, 1_000);
        assertEquals(OrderState.PARTIALLY_FILLED, handler.orders().find(42).state());
        assertEquals(6, handler.orders().find(42).leavesQtyLots());
        assertEquals(4, handler.positions().positionLots(BTC));
        assertEquals(1, counters.get(EngineCounters.PARTIAL_FILLS));

        report(42, BTC_ID, ExecType.FILL, Side.BUY, 6, 5_000_010, 1_500);
        assertNull(handler.orders().find(42));
        assertEquals(OrderState.FILLED, handler.orders().lastOrder().state());
        assertEquals(1, counters.get(EngineCounters.FILLS));
        assertEquals(0, handler.orders().openOrders());

        final PositionBook positions = handler.positions();
        final long expectedCost = (4 * 5_000_000L + 6 * 5_000_010L) * btcCashPerTickLot;
        assertEquals(10, positions.positionLots(BTC));
        assertEquals(expectedCost, positions.costCash(BTC));
        assertEquals(0, positions.realizedCash(BTC));
        assertEquals(2_500, positions.feesCash(BTC));
        assertEquals(10, counters.instrument(BTC, EngineCounters.POSITION_LOTS));
        assertEquals(expectedCost, counters.instrument(BTC, EngineCounters.COST_CASH));
        assertEquals(2_500, counters.instrument(BTC, EngineCounters.FEES_CASH));
        assertEquals(2, counters.instrument(BTC, EngineCounters.INSTRUMENT_FILLS));

        send(43, BTC, Side.SELL, 10, 5_000_100);
        report(43, BTC_ID, ExecType.FILL, Side.SELL, 10, 5_000_100, 2_000);

        assertEquals(0, positions.positionLots(BTC));
        assertEquals(0, positions.costCash(BTC));
        assertEquals(10 * 5_000_100L * btcCashPerTickLot - expectedCost, positions.realizedCash(BTC));
        assertEquals(4_500, positions.feesCash(BTC));
        assertEquals(positions.realizedCash(BTC), counters.instrument(BTC, EngineCounters.REALIZED_CASH));
        assertEquals(3, counters.instrument(BTC, EngineCounters.INSTRUMENT_FILLS));
    }

    @Test
    void shouldReconcilePositionRealizedPnlAndFeesWithTheFills()
    {
        final SplittableRandom random = new SplittableRandom(20_24);
        long clOrdId = 1_000;
        long signedFilledLots = 0;
        long fees = 0;
        long sellMinusBuyCash = 0;
        int fillCount = 0;
        for (int n = 0; n < 500; n++)
        {
            final byte side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final long qty = 1 + random.nextLong(50);
            send(++clOrdId, BTC, side, qty, 5_000_000);
            report(clOrdId, BTC_ID, ExecType.ACK, side, 0, 0, 0);
            long leaves = qty;
            while (leaves > 0)
            {
                final boolean last = leaves == 1 || random.nextInt(3) == 0;
                final long lastQty = last ? leaves : 1 + random.nextLong(leaves - 1);
                final long price = 4_999_000 + random.nextLong(2_000);
                final long fee = random.nextLong(1_000);
                if (!last && random.nextInt(10) == 0)
                {
                    report(clOrdId, BTC_ID, ExecType.CANCELLED, side, 0, 0, 0);
                    break;
                }
                report(clOrdId, BTC_ID, last ? ExecType.FILL : ExecType.PARTIAL_FILL, side, lastQty, price, fee);
                leaves -= lastQty;
                fillCount++;
                signedFilledLots += Side.sign(side) * lastQty;
                fees += fee;
                sellMinusBuyCash -= Side.sign(side) * lastQty * price * btcCashPerTickLot;

                final PositionBook positions = handler.positions();
                assertEquals(signedFilledLots, positions.positionLots(BTC));
                assertEquals(fees, positions.feesCash(BTC));
                assertEquals(sellMinusBuyCash, positions.realizedCash(BTC) - positions.costCash(BTC),
                    "realized - cost is what the fills paid and received");
            }
        }
        assertEquals(fillCount, handler.positions().fills(BTC));
        assertEquals(0, counters.get(EngineCounters.ILLEGAL_TRANSITIONS) + counters.get(EngineCounters.OVERFILLS) +
            counters.get(EngineCounters.UNKNOWN_ORDER_REPORTS));
        assertEquals(0, handler.orders().openOrders());
    }

    @Test
    void shouldCountReportForUnknownOrderAndNotApplyIt()
    {
        final long t = tick();
        handler.onEvent(events.report(event, t, BTC_ID, 999, ExecType.FILL, Side.BUY, 5, 5_000_000, 100),
            sequence++, false);

        assertEquals(List.of(new Input(REPORT, t)), venue.take());
        assertEquals(1, counters.get(EngineCounters.UNKNOWN_ORDER_REPORTS));
        assertEquals(0, counters.get(EngineCounters.FILLS));
        assertNothingFilled();
    }

    @Test
    void shouldCountFillAfterFilledAsUnknownOrderAndNotApplyIt()
    {
        send(42, BTC, Side.BUY, 10, 5_000_000);
        report(42, BTC_ID, ExecType.FILL, Side.BUY, 10, 5_000_000, 100);

        report(42, BTC_ID, ExecType.FILL, Side.BUY, 10, 5_000_000, 100);
        report(42, BTC_ID, ExecType.PARTIAL_FILL, Side.BUY, 1, 5_000_000, 100);

        assertEquals(2, counters.get(EngineCounters.UNKNOWN_ORDER_REPORTS));
        assertEquals(1, counters.get(EngineCounters.FILLS));
        assertEquals(0, counters.get(EngineCounters.PARTIAL_FILLS));
        assertEquals(10, handler.positions().positionLots(BTC));
        assertEquals(100, handler.positions().feesCash(BTC));
        assertEquals(1, handler.positions().fills(BTC));
    }

    @Test
    void shouldCountIllegalTransitionAndNotApplyIt()
    {
        send(42, BTC, Side.SELL, 10, 5_000_000);
        report(42, BTC_ID, ExecType.ACK, Side.SELL, 0, 0, 0);
        report(42, BTC_ID, ExecType.PARTIAL_FILL, Side.SELL, 4, 5_000_000, 100);

        report(42, BTC_ID, ExecType.ACK, Side.SELL, 0, 0, 0);
        report(42, BTC_ID, ExecType.REJECTED, Side.SELL, 0, 0, 0);

        assertEquals(2, counters.get(EngineCounters.ILLEGAL_TRANSITIONS));
        assertEquals(1, counters.get(EngineCounters.ACKS));
        assertEquals(0, counters.get(EngineCounters.VENUE_REJECTS));
        final Order order = handler.orders().find(42);
        assertEquals(OrderState.PARTIALLY_FILLED, order.state());
        assertEquals(6, order.leavesQtyLots());
        assertEquals(-4, handler.positions().positionLots(BTC));
    }

    @Test
    void shouldCountOverfillAndNotApplyIt()
    {
        send(42, BTC, Side.BUY, 10, 5_000_000);
        report(42, BTC_ID, ExecType.ACK, Side.BUY, 0, 0, 0);

        report(42, BTC_ID, ExecType.PARTIAL_FILL, Side.BUY, 11, 5_000_000, 100);
        report(42, BTC_ID, ExecType.FILL, Side.BUY, 11, 5_000_000, 100);
        report(42, BTC_ID, ExecType.FILL, Side.BUY, 9, 5_000_000, 100);

        assertEquals(3, counters.get(EngineCounters.OVERFILLS));
        assertEquals(0, counters.get(EngineCounters.FILLS) + counters.get(EngineCounters.PARTIAL_FILLS));
        assertEquals(OrderState.ACKED, handler.orders().find(42).state());
        assertEquals(10, handler.orders().find(42).leavesQtyLots());
        assertNothingFilled();
    }

    @Test
    void shouldCountFillWithoutQuantityOrPriceAsBadFillAndNotApplyIt()
    {
        send(42, BTC, Side.BUY, 10, 5_000_000);

        report(42, BTC_ID, ExecType.PARTIAL_FILL, Side.BUY, 0, 5_000_000, 100);
        report(42, BTC_ID, ExecType.FILL, Side.BUY, 10, 0, 100);

        assertEquals(2, counters.get(EngineCounters.BAD_FILLS));
        assertEquals(0, counters.get(EngineCounters.OVERFILLS));
        assertEquals(OrderState.NEW, handler.orders().find(42).state());
        assertNothingFilled();
    }

    @Test
    void shouldCountCancelRejectVenueRejectCancelAndExpiry()
    {
        send(1, BTC, Side.BUY, 1, 100);
        send(2, BTC, Side.BUY, 1, 100);
        send(3, AAPL, Side.SELL, 1, 100);

        report(1, BTC_ID, ExecType.REJECTED, Side.BUY, 0, 0, 0);
        report(2, BTC_ID, ExecType.CANCEL_REJECTED, Side.BUY, 0, 0, 0);
        report(2, BTC_ID, ExecType.CANCELLED, Side.BUY, 0, 0, 0);
        report(3, AAPL_ID, ExecType.EXPIRED, Side.SELL, 0, 0, 0);

        assertEquals(1, counters.get(EngineCounters.VENUE_REJECTS));
        assertEquals(1, counters.get(EngineCounters.CANCEL_REJECTS));
        assertEquals(1, counters.get(EngineCounters.CANCELLED));
        assertEquals(1, counters.get(EngineCounters.EXPIRED));
        assertEquals(0, handler.orders().openOrders());
        assertEquals(0, handler.orders().workingSignedLots(BTC));
        assertEquals(0, handler.orders().workingSignedLots(AAPL));
    }

    @Test
    void shouldCancelEveryWorkingOrderOnceOnKillEngage()
    {
        send(1, BTC, Side.BUY, 5, 100);
        send(2, AAPL, Side.SELL, 3, 200);
        send(3, BTC, Side.BUY, 2, 100);
        report(3, BTC_ID, ExecType.FILL, Side.BUY, 2, 100, 0);
        report(2, AAPL_ID, ExecType.PARTIAL_FILL, Side.SELL, 1, 200, 0);
        venue.take();
        assertEquals(3, counters.get(EngineCounters.ORDERS_SENT));

        final long killNs = tick();
        handler.onEvent(marked(events.command(event, killNs, AdminCommandType.KILL_ENGAGE, 0), TradingState.ACTIVE,
            TradingState.HALTED), sequence++, true);

        final List<Call> calls = venue.take();
        assertEquals(new Input(COMMAND, killNs), calls.get(0));
        assertEquals(Set.of(new Cancel(1, BTC_ID, killNs), new Cancel(2, AAPL_ID, killNs)),
            Set.copyOf(calls.subList(1, 3)));
        assertEquals(new EndOfBatch(killNs), calls.get(3));
        assertEquals(4, calls.size());
        assertEquals(2, event.cancelsSent);
        assertEquals(2, counters.get(EngineCounters.CANCELS_SENT));
        assertEquals(TradingState.HALTED, counters.get(EngineCounters.TRADING_STATE));
        assertEquals(TradingState.HALTED, handler.tradingState());

        final long againNs = tick();
        final EngineEvent again = events.command(event, againNs, AdminCommandType.KILL_ENGAGE, 0);
        again.cancelAll = true;
        handler.onEvent(again, sequence++, true);

        assertEquals(List.of(new Input(COMMAND, againNs), new EndOfBatch(againNs)), venue.take());
        assertEquals(0, event.cancelsSent);
        assertEquals(2, counters.get(EngineCounters.CANCELS_SENT));
        assertEquals(TradingState.HALTED, counters.get(EngineCounters.TRADING_STATE));

        report(1, BTC_ID, ExecType.CANCELLED, Side.BUY, 0, 0, 0);
        report(2, AAPL_ID, ExecType.CANCELLED, Side.SELL, 0, 0, 0);
        assertEquals(0, handler.orders().openOrders());
    }

    @Test
    void shouldReconcileAtASessionStartAndResendEveryCancelWhenHalted()
    {
        send(1, BTC, Side.BUY, 5, 100);
        send(2, AAPL, Side.SELL, 3, 200);
        venue.take();

        final long startNs = tick();
        handler.onEvent(events.command(event, startNs, AdminCommandType.SESSION_START, 0), sequence++, true);
        final List<Call> active = venue.take();
        final Reconcile reconcile = (Reconcile)active.get(0);
        assertEquals(new Input(COMMAND, startNs), active.get(1),
            "the venue reconciles before it moves on with the input (lost reports ahead of new ones)");
        assertEquals(Set.of(1L, 2L), Set.copyOf(reconcile.workingClOrdIds()));
        assertEquals(startNs, reconcile.nowNs());
        assertEquals(3, active.size(), "ACTIVE: no cancel");
        assertEquals(TradingState.ACTIVE, handler.tradingState());

        handler.onEvent(marked(events.command(event, tick(), AdminCommandType.KILL_ENGAGE, 0), TradingState.ACTIVE,
            TradingState.HALTED), sequence++, true);
        assertEquals(2, event.cancelsSent);
        venue.take();

        final long restartNs = tick();
        final EngineEvent restart = events.command(event, restartNs, AdminCommandType.SESSION_START, 0);
        restart.cancelAll = true;
        restart.cancelAgain = true;
        handler.onEvent(restart, sequence++, true);
        final List<Call> halted = venue.take();
        assertTrue(halted.get(0) instanceof Reconcile);
        assertEquals(Set.of(new Cancel(1, BTC_ID, restartNs), new Cancel(2, AAPL_ID, restartNs)),
            Set.copyOf(halted.subList(2, 4)), "HALTED: each cancel again, though requested before");
        assertEquals(2, event.cancelsSent);
        assertEquals(TradingState.HALTED, handler.tradingState());
    }

    @Test
    void shouldPublishWorkingOrdersAndCompletedOrdersNewestFirstToTheBoard()
    {
        send(42, BTC, Side.BUY, 10, 5_000_010);
        final long sentNs = nowNs;
        send(43, AAPL, Side.SELL, 3, 200);
        report(42, BTC_ID, ExecType.PARTIAL_FILL, Side.BUY, 4, 5_000_000, 0);
        final long partialNs = nowNs;

        final List<OrderBoard.OrderSnapshot> working = handler.board().working();
        assertEquals(2, working.size());
        final OrderBoard.OrderSnapshot btc = working.stream().filter(o -> o.clOrdId() == 42).findFirst().orElseThrow();
        assertEquals(new OrderBoard.OrderSnapshot(42, BTC, Side.BUY, OrderType.LIMIT, 10, 5_000_010, 6, 4,
            OrderState.PARTIALLY_FILLED, sentNs, partialNs, false, 5_000_000), btc);
        assertEquals(List.of(), handler.board().recent(10));

        report(42, BTC_ID, ExecType.FILL, Side.BUY, 6, 5_000_010, 0);
        report(43, AAPL_ID, ExecType.REJECTED, Side.SELL, 0, 0, 0);

        assertEquals(List.of(), handler.board().working());
        final List<OrderBoard.OrderSnapshot> recent = handler.board().recent(10);
        assertEquals(List.of(43L, 42L), recent.stream().map(OrderBoard.OrderSnapshot::clOrdId).toList());
        assertEquals(OrderState.REJECTED, recent.get(0).state());
        assertEquals(OrderState.FILLED, recent.get(1).state());
        assertEquals(0, recent.get(1).leavesQtyLots());
        assertEquals(5_000_010, recent.get(1).lastFillPriceTicks());
        assertEquals(2, handler.board().completedCount());
        assertEquals(List.of(43L), handler.board().recent(1).stream().map(OrderBoard.OrderSnapshot::clOrdId).toList());
    }

    @Test
    void shouldKeepOnlyTheNewestCompletedOrdersOnTheBoard()
    {
        final ExecutionHandler small = new ExecutionHandler(instruments, new ExecutionContext(OrderType.LIMIT, 0, 8),
            venue, counters, RecordSink.NONE, new OrderBoard(8, 3), new PipelineMonitor(List.of(), 1));
        for (long clOrdId = 1; clOrdId <= 5; clOrdId++)
        {
            small.onEvent(intentEvent(clOrdId, BTC, Side.BUY, 1, 100), sequence++, true);
            small.onEvent(events.report(event, tick(), BTC_ID, clOrdId, ExecType.FILL, Side.BUY, 1, 100, 0),
                sequence++, true);
        }

        assertEquals(List.of(5L, 4L, 3L),
            small.board().recent(10).stream().map(OrderBoard.OrderSnapshot::clOrdId).toList());
    }

    @Test
    void shouldShowCancelRequestedOnTheBoardAfterKillEngage()
    {
        send(1, BTC, Side.BUY, 5, 100);

        handler.onEvent(marked(events.command(event, tick(), AdminCommandType.KILL_ENGAGE, 0), TradingState.ACTIVE,
            TradingState.HALTED), sequence++, true);

        final List<OrderBoard.OrderSnapshot> working = handler.board().working();
        assertEquals(1, working.size());
        assertTrue(working.get(0).cancelRequested());
        report(1, BTC_ID, ExecType.CANCELLED, Side.BUY, 0, 0, 0);
        assertEquals(List.of(), handler.board().working());
        assertEquals(OrderState.CANCELLED, handler.board().recent(1).get(0).state());
    }

    @Test
    void shouldCancelWorkingOrdersWhenTradingStateIsSetToHalted()
    {
        send(1, BTC, Side.BUY, 5, 100);

        final long reduceNs = tick();
        handler.onEvent(marked(events.command(event, reduceNs, AdminCommandType.SET_TRADING_STATE,
            TradingState.REDUCING), TradingState.ACTIVE, TradingState.REDUCING), sequence++, false);
        assertEquals(List.of(new Input(COMMAND, reduceNs)), venue.take());
        assertEquals(TradingState.REDUCING, counters.get(EngineCounters.TRADING_STATE));

        final long haltNs = tick();
        handler.onEvent(marked(events.command(event, haltNs, AdminCommandType.SET_TRADING_STATE,
            TradingState.HALTED), TradingState.REDUCING, TradingState.HALTED), sequence++, false);
        assertEquals(List.of(new Input(COMMAND, haltNs), new Cancel(1, BTC_ID, haltNs)), venue.take());
        assertEquals(TradingState.HALTED, counters.get(EngineCounters.TRADING_STATE));

        final long releaseNs = tick();
        handler.onEvent(marked(events.command(event, releaseNs, AdminCommandType.KILL_RELEASE, 0), TradingState.HALTED,
            TradingState.ACTIVE), sequence++, false);
        assertEquals(List.of(new Input(COMMAND, releaseNs)), venue.take());
        assertEquals(TradingState.ACTIVE, counters.get(EngineCounters.TRADING_STATE));
    }

    @Test
    void shouldForwardEndOfBatchWithTheLastEventTime()
    {
        final long firstNs = tick();
        handler.onEvent(events.quote(event, firstNs, BTC_ID, 100, 102), sequence++, false);
        final long secondNs = tick();
        handler.onEvent(events.quote(event, secondNs, AAPL_ID, 200, 202), sequence++, false);
        assertEquals(List.of(new Input(QUOTE, firstNs), new Input(QUOTE, secondNs)), venue.take());

        final long thirdNs = tick();
        handler.onEvent(events.quote(event, thirdNs, BTC_ID, 101, 103), sequence++, true);

        assertEquals(List.of(new Input(QUOTE, thirdNs), new EndOfBatch(thirdNs)), venue.take());
    }

    @Test
    void shouldIgnoreRejectedEventsEntirely()
    {
        send(1, BTC, Side.BUY, 5, 100);
        final long acceptedNs = nowNs;

        final EngineEvent quote = events.quote(new EngineEvent(), tick(), BTC_ID, 105, 100);
        EngineEvents.intent(quote, 2, BTC, Side.BUY, OrderType.LIMIT, 5, 105, RiskReason.ACCEPTED);
        quote.ingestReject = IngestReject.CROSSED_QUOTE;
        final EngineEvent fill =
            events.report(new EngineEvent(), tick(), BTC_ID, 1, ExecType.FILL, Side.BUY, 5, 100, 7);
        fill.ingestReject = IngestReject.NEGATIVE_SIZE;
        final EngineEvent kill = events.command(new EngineEvent(), tick(), AdminCommandType.KILL_ENGAGE, 0);
        kill.ingestReject = IngestReject.BAD_ENUM;

        handler.onEvent(quote, sequence++, false);
        handler.onEvent(fill, sequence++, false);
        handler.onEvent(kill, sequence++, false);

        assertEquals(List.of(), venue.take());
        assertEquals(0, quote.sentClOrdId);
        assertEquals(0, kill.cancelsSent);
        assertEquals(1, counters.get(EngineCounters.ORDERS_SENT));
        assertEquals(0, counters.get(EngineCounters.FILLS) + counters.get(EngineCounters.CANCELS_SENT));
        assertEquals(TradingState.ACTIVE, handler.tradingState());
        assertEquals(OrderState.NEW, handler.orders().find(1).state());
        assertEquals(100, handler.positions().markTicks(BTC), "the mark of the last valid quote");
        assertNothingFilled();

        handler.onEvent(kill, sequence++, true);

        assertEquals(List.of(new EndOfBatch(acceptedNs)), venue.take(), "the batch ends at the last valid time");
    }

    @Test
    void shouldMarkPositionsAndPublishInstrumentGauges()
    {
        send(1, AAPL, Side.BUY, 10, 15_000);
        report(1, AAPL_ID, ExecType.FILL, Side.BUY, 10, 15_000, 0);

        handler.onEvent(events.quote(event, tick(), AAPL_ID, 15_100, 15_102), sequence++, false);

        final long cashPerTickLot = instruments.at(AAPL).cashPerTickLot();
        assertEquals(15_101, handler.positions().markTicks(AAPL));
        assertEquals(10 * 101 * cashPerTickLot, handler.positions().unrealizedCash(AAPL));
        assertEquals(15_101, counters.instrument(AAPL, EngineCounters.MARK_TICKS));
        assertEquals(10 * 101 * cashPerTickLot, counters.instrument(AAPL, EngineCounters.UNREALIZED_CASH));
        assertEquals(0, counters.instrument(BTC, EngineCounters.MARK_TICKS));
    }

    private void assertNothingFilled()
    {
        final PositionBook positions = handler.positions();
        for (int index = 0; index < instruments.count(); index++)
        {
            assertEquals(0, positions.positionLots(index));
            assertEquals(0, positions.costCash(index));
            assertEquals(0, positions.feesCash(index));
            assertEquals(0, positions.fills(index));
            assertEquals(0, counters.instrument(index, EngineCounters.INSTRUMENT_FILLS));
        }
    }

    private EngineEvent intentEvent(
        final long intentId, final int index, final byte side, final long qtyLots, final long limitPriceTicks)
    {
        final int instrumentId = instruments.at(index).id();
        events.quote(event, tick(), instrumentId, limitPriceTicks - 1, limitPriceTicks + 1);
        return EngineEvents.intent(
            event, intentId, index, side, OrderType.LIMIT, qtyLots, limitPriceTicks, RiskReason.ACCEPTED);
    }

    private void send(
        final long clOrdId, final int index, final byte side, final long qtyLots, final long limitPriceTicks)
    {
        handler.onEvent(intentEvent(clOrdId, index, side, qtyLots, limitPriceTicks), sequence++, true);
        assertEquals(clOrdId, event.sentClOrdId);
        final Send expected =
            new Send(clOrdId, instruments.at(index).id(), side, OrderType.LIMIT, qtyLots, limitPriceTicks, nowNs);
        assertEquals(List.of(expected), venue.taken(Send.class));
    }

    private void report(
        final long clOrdId,
        final int instrumentId,
        final byte execType,
        final byte side,
        final long lastQtyLots,
        final long lastPriceTicks,
        final long feeCash)
    {
        handler.onEvent(
            events.report(event, tick(), instrumentId, clOrdId, execType, side, lastQtyLots, lastPriceTicks, feeCash),
            sequence++, true);
    }

    private long tick()
    {
        nowNs += 1_000;
        return nowNs;
    }

    /**
     * Mark a transition on the slot as the risk stage does.
     */
    private static EngineEvent marked(final EngineEvent event, final int from, final int to)
    {
        event.stateChanged = true;
        event.statePrevious = from;
        event.stateNew = to;
        event.stateOrigin = CommandOrigin.CLI;
        event.stateCommand = AdminCommandType.KILL_ENGAGE;
        event.cancelAll = to == TradingState.HALTED;
        return event;
    }
}
