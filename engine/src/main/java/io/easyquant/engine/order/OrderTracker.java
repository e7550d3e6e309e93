package io.easyquant.engine.order;

import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.Side;
import org.agrona.collections.Long2LongHashMap;

/**
 * The working orders of one stage, with their state machine. Both the risk stage and the execution stage keep one,
 * fed by the same events (accepted intents and execution reports from the ring), so both always agree without
 * sharing memory.
 *
 * <p>Orders live in a fixed pool; a completed order's slot is reused. No allocation after construction.
 * Not thread-safe: owned by one stage.
 */
public final class OrderTracker
{
    /** Result of {@link #onExecutionReport}: the report was applied. */
    public static final int APPLIED = 0;
    /** The report names no working order (unknown, or already complete). */
    public static final int UNKNOWN_ORDER = 1;
    /** The report is not legal in the order's state; nothing changed. */
    public static final int ILLEGAL_TRANSITION = 2;
    /** A fill for more than the order's remaining quantity; nothing changed. */
    public static final int OVERFILL = 3;
    /** A fill report without a positive quantity and price; nothing changed. */
    public static final int BAD_FILL = 4;

    private static final long MISSING = -1;

    private final Order[] pool;
    private final int[] freeSlots;
    private int freeCount;
    private final Long2LongHashMap slotByClOrdId;
    private final long[] workingSignedLots;
    private final int[] workingCount;
    private int openOrders;
    private Order lastOrder;

    /**
     * @param capacity        the most orders that may be working at once.
     * @param instrumentCount the number of configured instruments.
     */
    public OrderTracker(final int capacity, final int instrumentCount)
    {
        pool = new Order[capacity];
        freeSlots = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            pool[i] = new Order();
            pool[i].slot = i;
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        slotByClOrdId = new Long2LongHashMap(capacity * 4, 0.5f, MISSING);
        workingSignedLots = new long[instrumentCount];
        workingCount = new int[instrumentCount];
    }

    public int capacity()
    {
        return pool.length;
    }

    public boolean isFull()
    {
        return freeCount == 0;
    }

    /**
     * Track a newly sent order in state NEW.
     *
     * @return false if the pool is full (the order must not be sent) or the id is already working.
     */
    public boolean onNewOrder(
        final long clOrdId,
        final int instrumentIndex,
        final byte side,
        final byte orderType,
        final long qtyLots,
        final long limitPriceTicks,
        final long nowNs)
    {
        if (freeCount == 0 || slotByClOrdId.get(clOrdId) != MISSING)
        {
            return false;
        }
        final Order order = pool[freeSlots[--freeCount]];
        order.clOrdId = clOrdId;
        order.instrumentIndex = instrumentIndex;
        order.side = side;
        order.orderType = orderType;
        order.qtyLots = qtyLots;
        order.limitPriceTicks = limitPriceTicks;
        order.leavesQtyLots = qtyLots;
        order.cumQtyLots = 0;
        order.state = OrderState.NEW;
        order.sentNs = nowNs;
        order.cancelRequested = false;
        slotByClOrdId.put(clOrdId, order.slot);
        workingSignedLots[instrumentIndex] += Side.sign(side) * qtyLots;
        workingCount[instrumentIndex]++;
        openOrders++;
        return true;
    }

    /**
     * Apply an execution report. A fill that leaves nothing to fill completes the order, even if the venue called it
     * a partial fill. On {@link #APPLIED}, {@link #lastOrder()} is the order as it stands after the
     * report (its slot is free again if the order completed, but its fields stay readable until the next call).
     *
     * @return {@link #APPLIED} or the reason the report was refused.
     */
    public int onExecutionReport(
        final long clOrdId, final byte execType, final long lastQtyLots, final long lastPriceTicks)
    {
        final long slot = slotByClOrdId.get(clOrdId);
        if (slot == MISSING)
        {
            lastOrder = null;
            return UNKNOWN_ORDER;
        }
        final Order order = pool[(int)slot];
        lastOrder = order;
        final int next = OrderStateMachine.next(order.state, execType);
        if (next == OrderState.INVALID)
        {
            return ILLEGAL_TRANSITION;
        }
        if (ExecType.isFill(execType))
        {
            if (lastQtyLots <= 0 || lastPriceTicks <= 0)
            {
                return BAD_FILL;
            }
            if (lastQtyLots > order.leavesQtyLots || (execType == ExecType.FILL && lastQtyLots != order.leavesQtyLots))
            {
                return OVERFILL;
            }
            order.leavesQtyLots -= lastQtyLots;
            order.cumQtyLots += lastQtyLots;
            workingSignedLots[order.instrumentIndex] -= Side.sign(order.side) * lastQtyLots;
        }
        order.state = ExecType.isFill(execType) && order.leavesQtyLots == 0 ? OrderState.FILLED : next;
        if (execType == ExecType.CANCEL_REJECTED)
        {
            order.cancelRequested = false;
        }
        if (OrderState.isTerminal(order.state))
        {
            workingSignedLots[order.instrumentIndex] -= Side.sign(order.side) * order.leavesQtyLots;
            workingCount[order.instrumentIndex]--;
            openOrders--;
            slotByClOrdId.remove(clOrdId);
            freeSlots[freeCount++] = order.slot;
        }
        return APPLIED;
    }

    /**
     * Mark a working order as having a cancel in flight; a CANCEL_REJECTED report clears the mark, so the cancel may be
     * sent again.
     *
     * @return false if the order is not working.
     */
    public boolean markCancelRequested(final long clOrdId)
    {
        final long slot = slotByClOrdId.get(clOrdId);
        if (slot == MISSING)
        {
            return false;
        }
        pool[(int)slot].cancelRequested = true;
        return true;
    }

    /**
     * @return the order last touched by {@link #onExecutionReport}, or null.
     */
    public Order lastOrder()
    {
        return lastOrder;
    }

    /**
     * @return the working order with the id, or null. Pooled: do not keep it.
     */
    public Order find(final long clOrdId)
    {
        final long slot = slotByClOrdId.get(clOrdId);
        return slot == MISSING ? null : pool[(int)slot];
    }

    /**
     * @return the working order at pool position {@code slot}, or null if that slot is free. With
     * {@link #capacity()} this lets a caller visit every working order without allocating.
     */
    public Order workingAt(final int slot)
    {
        final Order order = pool[slot];
        return order.state != OrderState.INVALID && !OrderState.isTerminal(order.state) &&
            slotByClOrdId.get(order.clOrdId) == slot ? order : null;
    }

    /**
     * @return the signed remaining quantity of working orders on the instrument (buys positive).
     */
    public long workingSignedLots(final int instrumentIndex)
    {
        return workingSignedLots[instrumentIndex];
    }

    public int workingCount(final int instrumentIndex)
    {
        return workingCount[instrumentIndex];
    }

    public int openOrders()
    {
        return openOrders;
    }
}
