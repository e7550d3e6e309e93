package io.easyquant.engine.order;

import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderTrackerTest
{
    private static final int CAPACITY = 4;
    private static final int BTC = 0;
    private static final int ETH = 1;
    private static final long NOW_NS = 1_700_000_000_000_000_000L;

    private final OrderTracker tracker = new OrderTracker(CAPACITY, 2);

    @Test
    void shouldTrackNewAckPartialFillLifecycle()
    {
        assertTrue(tracker.onNewOrder(11, BTC, Side.BUY, OrderType.LIMIT, 10, 5_000, NOW_NS));

        final Order order = tracker.find(11);
        assertNotNull(order);
        assertOrder(order, 11, OrderState.NEW, 10, 0);
        assertEquals(BTC, order.instrumentIndex());
        assertEquals(Side.BUY, order.side());
        assertEquals(OrderType.LIMIT, order.orderType());
        assertEquals(10, order.qtyLots());
        assertEquals(5_000, order.limitPriceTicks());
        assertEquals(NOW_NS, order.sentNs());
        assertFalse(order.cancelRequested());
        assertWorking(BTC, 10, 1, 1);

        assertEquals(OrderTracker.APPLIED, tracker.onExecutionReport(11, ExecType.ACK, 0, 0));
        assertSame(order, tracker.lastOrder());
        assertOrder(order, 11, OrderState.ACKED, 10, 0);
        assertWorking(BTC, 10, 1, 1);

        assertEquals(OrderTracker.APPLIED, tracker.onExecutionReport(11, ExecType.PARTIAL_FILL, 3, 4_999));
        assertOrder(order, 11, OrderState.PARTIALLY_FILLED, 7, 3);
        assertWorking(BTC, 7, 1, 1);

        assertEquals(OrderTracker.APPLIED, tracker.onExecutionReport(11, ExecType.PARTIAL_FILL, 5, 5_000));
        assertOrder(order, 11, OrderState.PARTIALLY_FILLED, 2, 8);
        assertWorking(BTC, 2, 1, 1);

        assertEquals(OrderTracker.APPLIED, tracker.onExecutionReport(11, ExecType.FILL, 2, 5_000));
        assertSame(order, tracker.lastOrder());
        assertOrder(order, 11, OrderState.FILLED, 0, 10);
        assertWorking(BTC, 0, 0, 0);
        assertNull(tracker.find(11));
    }

    @Test
    void shouldCountSellsAsNegativeWorkingLotsPerInstrument()
    {
        assertTrue(tracker.onNewOrder(1, BTC, Side.SELL, OrderType.MARKET, 4, 0, NOW_NS));
        assertTrue(tracker.onNewOrder(2, BTC, Side.BUY, OrderType.LIMIT, 10, 100, NOW_NS));
        assertTrue(tracker.onNewOrder(3, ETH, Side.SELL, OrderType.LIMIT, 7, 100, NOW_NS));

        assertEquals(6, tracker.workingSignedLots(BTC));
        assertEquals(2, tracker.workingCount(BTC));
        assertEquals(-7, tracker.workingSignedLots(ETH));
        assertEquals(1, tracker.workingCount(ETH));
        assertEquals(3, tracker.openOrders());

        assertEquals(OrderTracker.APPLIED, tracker.onExecutionReport(3, ExecType.PARTIAL_FILL, 2, 100));
        assertEquals(-5, tracker.workingSignedLots(ETH));
        assertEquals(OrderTracker.APPLIED, tracker.onExecutionReport(1, ExecType.FILL, 4, 99));
        assertEquals(10, tracker.workingSignedLots(BTC));
        assertEquals(1, tracker.workingCount(BTC));
        assertEquals(2, tracker.openOrders());
    }

    @Test
    void shouldRejectFillAboveLeavesAsOverfillAndChangeNothing()
    {
        tracker.onNewOrder(5, BTC, Side.BUY, OrderType.LIMIT, 10, 100, NOW_NS);
        tracker.onExecutionReport(5, ExecType.ACK, 0, 0);
        tracker.onExecutionReport(5, ExecType.PARTIAL_FILL, 4, 100);

        assertEquals(OrderTracker.OVERFILL, tracker.onExecutionReport(5, ExecType.PARTIAL_FILL, 7, 100));
        assertEquals(OrderTracker.OVERFILL, tracker.onExecutionReport(5, ExecType.FILL, 7, 100));

        final Order order = tracker.find(5);
        assertOrder(order, 5, OrderState.PARTIALLY_FILLED, 6, 4);
        assertWorking(BTC, 6, 1, 1);
    }

    @Test
    void shouldRejectFillForLessThanLeavesAsOverfillAndChangeNothing()
    {
        tracker.onNewOrder(5, BTC, Side.SELL, OrderType.LIMIT, 10, 100, NOW_NS);
        tracker.onExecutionReport(5, ExecType.ACK, 0, 0);

        assertEquals(OrderTracker.OVERFILL, tracker.onExecutionReport(5, ExecType.FILL, 9, 100));

        assertOrder(tracker.find(5), 5, OrderState.ACKED, 10, 0);
        assertWorking(BTC, -10, 1, 1);
    }

    @Test
    void shouldRejectZeroOrNegativeFillAsBadFillAndChangeNothing()
    {
        tracker.onNewOrder(5, BTC, Side.BUY, OrderType.LIMIT, 10, 100, NOW_NS);
        tracker.onExecutionReport(5, ExecType.ACK, 0, 0);

        assertEquals(OrderTracker.BAD_FILL, tracker.onExecutionReport(5, ExecType.PARTIAL_FILL, 0, 100));
        assertEquals(OrderTracker.BAD_FILL, tracker.onExecutionReport(5, ExecType.PARTIAL_FILL, -3, 100));
        assertEquals(OrderTracker.BAD_FILL, tracker.onExecutionReport(5, ExecType.FILL, 0, 100));
        assertEquals(OrderTracker.BAD_FILL, tracker.onExecutionReport(5, ExecType.FILL, -10, 100));
        assertEquals(OrderTracker.BAD_FILL, tracker.onExecutionReport(5, ExecType.PARTIAL_FILL, 3, 0));
        assertEquals(OrderTracker.BAD_FILL, tracker.onExecutionReport(5, ExecType.FILL, 10, -1));

        assertOrder(tracker.find(5), 5, OrderState.ACKED, 10, 0);
        assertWorking(BTC, 10, 1, 1);
    }

    @Test
    void shouldAnswerUnknownOrderForAnIdNeverSent()
    {
        tracker.onNewOrder(5, BTC, Side.BUY, OrderType.LIMIT, 10, 100, NOW_NS);

        assertEquals(OrderTracker.UNKNOWN_ORDER, tracker.onExecutionReport(6, ExecType.ACK, 0, 0));
        assertNull(tracker.lastOrder());
        assertEquals(OrderTracker.UNKNOWN_ORDER, tracker.onExecutionReport(6, ExecType.FILL, 10, 100));

        assertOrder(tracker.find(5), 5, OrderState.NEW, 10, 0);
        assertWorking(BTC, 10, 1, 1);
    }

    @Test
    void shouldAnswerUnknownOrderForReportAfterTerminalState()
    {
        tracker.onNewOrder(5, BTC, Side.BUY, OrderType.LIMIT, 10, 100, NOW_NS);
        tracker.onExecutionReport(5, ExecType.FILL, 10, 100);

        assertEquals(OrderTracker.UNKNOWN_ORDER, tracker.onExecutionReport(5, ExecType.FILL, 10, 100));
        assertEquals(OrderTracker.UNKNOWN_ORDER, tracker.onExecutionReport(5, ExecType.CANCELLED, 0, 0));
        assertWorking(BTC, 0, 0, 0);
    }

    @Test
    void shouldRejectIllegalTransitionAndKeepState()
    {
        tracker.onNewOrder(5, BTC, Side.BUY, OrderType.LIMIT, 10, 100, NOW_NS);
        tracker.onExecutionReport(5, ExecType.ACK, 0, 0);

        assertEquals(OrderTracker.ILLEGAL_TRANSITION, tracker.onExecutionReport(5, ExecType.ACK, 0, 0));
        assertEquals(OrderTracker.ILLEGAL_TRANSITION, tracker.onExecutionReport(5, ExecType.REJECTED, 0, 0));
        assertEquals(OrderTracker.ILLEGAL_TRANSITION, tracker.onExecutionReport(5, (byte)0, 0, 0));
        assertEquals(OrderTracker.ILLEGAL_TRANSITION, tracker.onExecutionReport(5, (byte)99, 1, 100));
        assertSame(tracker.find(5), tracker.lastOrder());

        tracker.onExecutionReport(5, ExecType.PARTIAL_FILL, 4, 100);
        assertEquals(OrderTracker.ILLEGAL_TRANSITION, tracker.onExecutionReport(5, ExecType.ACK, 0, 0));

        assertOrder(tracker.find(5), 5, OrderState.PARTIALLY_FILLED, 6, 4);
        assertWorking(BTC, 6, 1, 1);
    }

    @Test
    void shouldCheckTransitionBeforeFillQuantity()
    {
        tracker.onNewOrder(5, BTC, Side.BUY, OrderType.LIMIT, 10, 100, NOW_NS);

        assertEquals(OrderTracker.ILLEGAL_TRANSITION, tracker.onExecutionReport(5, (byte)8, 0, 0));
        assertEquals(OrderTracker.APPLIED, tracker.onExecutionReport(5, ExecType.PARTIAL_FILL, 1, 100));
        assertOrder(tracker.find(5), 5, OrderState.PARTIALLY_FILLED, 9, 1);
    }

    @Test
    void shouldCompleteOrderWhenPartialFillLeavesNothing()
    {
        tracker.onNewOrder(5, BTC, Side.BUY, OrderType.LIMIT, 10, 100, NOW_NS);
        tracker.onExecutionReport(5, ExecType.PARTIAL_FILL, 4, 100);

        assertEquals(OrderTracker.APPLIED, tracker.onExecutionReport(5, ExecType.PARTIAL_FILL, 6, 100));

        assertEquals(OrderState.FILLED, tracker.lastOrder().state());
        assertNull(tracker.find(5));
        assertWorking(BTC, 0, 0, 0);
    }

    @Test
    void shouldKeepStateOnCancelRejected()
    {
        tracker.onNewOrder(5, BTC, Side.BUY, OrderType.LIMIT, 10, 100, NOW_NS);
        tracker.onExecutionReport(5, ExecType.ACK, 0, 0);
        tracker.onExecutionReport(5, ExecType.PARTIAL_FILL, 4, 100);
        assertTrue(tracker.markCancelRequested(5));

        assertEquals(OrderTracker.APPLIED, tracker.onExecutionReport(5, ExecType.CANCEL_REJECTED, 0, 0));

        assertOrder(tracker.find(5), 5, OrderState.PARTIALLY_FILLED, 6, 4);
        assertWorking(BTC, 6, 1, 1);
        assertFalse(tracker.find(5).cancelRequested(), "a rejected cancel may be sent again");
    }

    @Test
    void shouldFreeSlotOnEveryTerminalState()
    {
        final byte[] terminalReports = { ExecType.CANCELLED, ExecType.REJECTED, ExecType.EXPIRED };
        final int[] terminalStates = { OrderState.CANCELLED, OrderState.REJECTED, OrderState.EXPIRED };
        for (int i = 0; i < terminalReports.length; i++)
        {
            final long clOrdId = 100 + i;
            assertTrue(tracker.onNewOrder(clOrdId, ETH, Side.SELL, OrderType.LIMIT, 5, 100, NOW_NS));
            assertWorking(ETH, -5, 1, 1);

            assertEquals(OrderTracker.APPLIED, tracker.onExecutionReport(clOrdId, terminalReports[i], 0, 0));

            assertEquals(terminalStates[i], tracker.lastOrder().state());
            assertNull(tracker.find(clOrdId));
            assertWorking(ETH, 0, 0, 0);
        }
    }

    @Test
    void shouldReleaseRemainingLotsWhenPartiallyFilledOrderIsCancelled()
    {
        tracker.onNewOrder(5, BTC, Side.SELL, OrderType.LIMIT, 10, 100, NOW_NS);
        tracker.onNewOrder(6, BTC, Side.BUY, OrderType.LIMIT, 3, 90, NOW_NS);
        tracker.onExecutionReport(5, ExecType.ACK, 0, 0);
        tracker.onExecutionReport(5, ExecType.PARTIAL_FILL, 4, 100);
        assertWorking(BTC, -3, 2, 2);

        assertEquals(OrderTracker.APPLIED, tracker.onExecutionReport(5, ExecType.CANCELLED, 0, 0));

        final Order cancelled = tracker.lastOrder();
        assertEquals(OrderState.CANCELLED, cancelled.state());
        assertEquals(4, cancelled.cumQtyLots());
        assertWorking(BTC, 3, 1, 1);
    }

    @Test
    void shouldReuseFreedSlotsWithoutAllocatingOrders()
    {
        final List<Order> seen = new ArrayList<>();
        for (long clOrdId = 1; clOrdId <= CAPACITY; clOrdId++)
        {
            assertTrue(tracker.onNewOrder(clOrdId, BTC, Side.BUY, OrderType.MARKET, 1, 0, NOW_NS));
            seen.add(tracker.find(clOrdId));
        }
        assertTrue(tracker.isFull());

        for (long clOrdId = CAPACITY + 1; clOrdId <= 1_000; clOrdId++)
        {
            assertEquals(OrderTracker.APPLIED, tracker.onExecutionReport(clOrdId - CAPACITY, ExecType.FILL, 1, 100));
            assertFalse(tracker.isFull());
            assertTrue(tracker.onNewOrder(clOrdId, BTC, Side.BUY, OrderType.MARKET, 1, 0, NOW_NS + clOrdId));
            final Order reused = tracker.find(clOrdId);
            assertTrue(seen.stream().anyMatch(order -> order == reused), "order " + clOrdId + " is from the pool");
            assertOrder(reused, clOrdId, OrderState.NEW, 1, 0);
            assertEquals(NOW_NS + clOrdId, reused.sentNs());
            assertTrue(tracker.isFull());
        }
        assertWorking(BTC, CAPACITY, CAPACITY, CAPACITY);
    }

    @Test
    void shouldRefuseNewOrderWhenPoolIsFull()
    {
        for (long clOrdId = 1; clOrdId <= CAPACITY; clOrdId++)
        {
            assertTrue(tracker.onNewOrder(clOrdId, BTC, Side.BUY, OrderType.MARKET, 2, 0, NOW_NS));
        }

        assertTrue(tracker.isFull());
        assertFalse(tracker.onNewOrder(99, BTC, Side.BUY, OrderType.MARKET, 2, 0, NOW_NS));
        assertNull(tracker.find(99));
        assertWorking(BTC, 2L * CAPACITY, CAPACITY, CAPACITY);
        assertEquals(OrderTracker.UNKNOWN_ORDER, tracker.onExecutionReport(99, ExecType.ACK, 0, 0));
    }

    @Test
    void shouldRefuseDuplicateWorkingClOrdId()
    {
        assertTrue(tracker.onNewOrder(7, BTC, Side.BUY, OrderType.LIMIT, 10, 100, NOW_NS));
        tracker.onExecutionReport(7, ExecType.PARTIAL_FILL, 2, 100);

        assertFalse(tracker.onNewOrder(7, ETH, Side.SELL, OrderType.MARKET, 1, 0, NOW_NS + 1));

        assertOrder(tracker.find(7), 7, OrderState.PARTIALLY_FILLED, 8, 2);
        assertEquals(BTC, tracker.find(7).instrumentIndex());
        assertWorking(BTC, 8, 1, 1);
        assertEquals(0, tracker.workingCount(ETH));
        assertEquals(0, tracker.workingSignedLots(ETH));
    }

    @Test
    void shouldAcceptClOrdIdAgainOnceItsOrderIsComplete()
    {
        tracker.onNewOrder(7, BTC, Side.BUY, OrderType.LIMIT, 10, 100, NOW_NS);
        tracker.onExecutionReport(7, ExecType.REJECTED, 0, 0);

        assertTrue(tracker.onNewOrder(7, ETH, Side.SELL, OrderType.MARKET, 1, 0, NOW_NS));
        assertOrder(tracker.find(7), 7, OrderState.NEW, 1, 0);
        assertEquals(ETH, tracker.find(7).instrumentIndex());
    }

    @Test
    void shouldVisitExactlyTheWorkingOrders()
    {
        assertEquals(List.of(), workingIds());

        tracker.onNewOrder(1, BTC, Side.BUY, OrderType.MARKET, 1, 0, NOW_NS);
        tracker.onNewOrder(2, BTC, Side.BUY, OrderType.MARKET, 1, 0, NOW_NS);
        tracker.onNewOrder(3, ETH, Side.SELL, OrderType.LIMIT, 5, 100, NOW_NS);
        tracker.onExecutionReport(3, ExecType.PARTIAL_FILL, 2, 100);
        assertEquals(List.of(1L, 2L, 3L), workingIds());

        tracker.onExecutionReport(2, ExecType.FILL, 1, 100);
        assertEquals(List.of(1L, 3L), workingIds());

        tracker.onExecutionReport(1, ExecType.CANCELLED, 0, 0);
        tracker.onNewOrder(4, BTC, Side.BUY, OrderType.MARKET, 1, 0, NOW_NS);
        assertEquals(List.of(3L, 4L), workingIds());

        tracker.onExecutionReport(3, ExecType.EXPIRED, 0, 0);
        tracker.onExecutionReport(4, ExecType.REJECTED, 0, 0);
        assertEquals(List.of(), workingIds());
        assertEquals(0, tracker.openOrders());
    }

    @Test
    void shouldMarkCancelRequestedOnlyOnWorkingOrders()
    {
        tracker.onNewOrder(1, BTC, Side.BUY, OrderType.LIMIT, 3, 100, NOW_NS);
        assertFalse(tracker.find(1).cancelRequested());

        assertTrue(tracker.markCancelRequested(1));
        assertTrue(tracker.find(1).cancelRequested());
        assertFalse(tracker.markCancelRequested(2));

        tracker.onExecutionReport(1, ExecType.CANCELLED, 0, 0);
        assertFalse(tracker.markCancelRequested(1));

        tracker.onNewOrder(2, BTC, Side.BUY, OrderType.LIMIT, 3, 100, NOW_NS);
        assertFalse(tracker.find(2).cancelRequested(), "a reused slot starts without a cancel in flight");
    }

    private List<Long> workingIds()
    {
        final List<Long> ids = new ArrayList<>();
        for (int slot = 0; slot < tracker.capacity(); slot++)
        {
            final Order order = tracker.workingAt(slot);
            if (order != null)
            {
                assertFalse(OrderState.isTerminal(order.state()));
                assertSame(order, tracker.find(order.clOrdId()));
                ids.add(order.clOrdId());
            }
        }
        ids.sort(null);
        assertEquals(tracker.openOrders(), ids.size());
        return ids;
    }

    private void assertWorking(final int index, final long signedLots, final int count, final int open)
    {
        assertEquals(signedLots, tracker.workingSignedLots(index), "workingSignedLots");
        assertEquals(count, tracker.workingCount(index), "workingCount");
        assertEquals(open, tracker.openOrders(), "openOrders");
    }

    private static void assertOrder(
        final Order order, final long clOrdId, final int state, final long leavesLots, final long cumLots)
    {
        assertNotNull(order);
        assertEquals(clOrdId, order.clOrdId(), "clOrdId");
        assertEquals(OrderState.name(state), OrderState.name(order.state()), "state");
        assertEquals(leavesLots, order.leavesQtyLots(), "leaves");
        assertEquals(cumLots, order.cumQtyLots(), "cum");
    }
}
