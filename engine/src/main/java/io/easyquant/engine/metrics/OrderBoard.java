package io.easyquant.engine.metrics;

import io.easyquant.engine.order.Order;
import io.easyquant.engine.order.OrderState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The execution stage's orders as the outside sees them: every working order, and the most recent orders that
 * completed (filled, cancelled, rejected, expired). The stage publishes each change of an order; readers on other
 * threads (the admin server) take consistent copies without locks.
 *
 * <p>Working orders sit in the slot of the tracker's pool they occupy ({@link Order#slot()}), so publishing is a few
 * stores into a fixed place. Completed orders go into a ring of {@link #recentCapacity()} records, the oldest
 * overwritten first.
 *
 * <p>Threading: one writer, the execution stage (the {@code on...} methods); any number of readers
 * ({@link #working()}, {@link #recent(int)}). Writing never allocates, locks or waits; reading allocates (cold path).
 */
public final class OrderBoard
{
    /** Completed orders kept by default. */
    public static final int DEFAULT_RECENT_CAPACITY = 64;

    static final int CL_ORD_ID = 0;
    static final int INSTRUMENT_INDEX = 1;
    static final int SIDE = 2;
    static final int ORDER_TYPE = 3;
    static final int QTY_LOTS = 4;
    static final int LIMIT_PRICE_TICKS = 5;
    static final int LEAVES_QTY_LOTS = 6;
    static final int CUM_QTY_LOTS = 7;
    static final int STATE = 8;
    static final int SENT_TIME_NS = 9;
    static final int UPDATED_TIME_NS = 10;
    static final int CANCEL_REQUESTED = 11;
    static final int LAST_FILL_PRICE_TICKS = 12;
    static final int ORDINAL = 13;
    static final int FIELDS = 14;

    private final VersionedSlots working;
    private final VersionedSlots recent;
    private final AtomicLong completed = new AtomicLong();
    private long completedCount;

    /**
     * @param workingCapacity the capacity of the order tracker whose orders this board shows.
     * @param recentCapacity  how many completed orders to keep.
     */
    public OrderBoard(final int workingCapacity, final int recentCapacity)
    {
        working = new VersionedSlots(workingCapacity, FIELDS);
        recent = new VersionedSlots(recentCapacity, FIELDS);
    }

    public int workingCapacity()
    {
        return working.slots();
    }

    public int recentCapacity()
    {
        return recent.slots();
    }

    /**
     * Writer: an order was sent, or changed and is still working.
     *
     * @param lastFillPriceTicks the price of the fill that caused the change, or 0 to keep the last one shown.
     */
    public void onWorking(final Order order, final long nowNs, final long lastFillPriceTicks)
    {
        final int slot = order.slot();
        final boolean sameOrder = working.get(slot, STATE) != OrderState.INVALID &&
            working.get(slot, CL_ORD_ID) == order.clOrdId();
        final long fillPrice = lastFillPriceTicks != 0 ? lastFillPriceTicks :
            sameOrder ? working.get(slot, LAST_FILL_PRICE_TICKS) : 0;
        write(working, slot, order, nowNs, fillPrice, 0);
    }

    /**
     * Writer: an order completed. It leaves the working orders and becomes the newest recent order.
     *
     * @param lastFillPriceTicks the price of the fill that completed it, or 0 (the last fill price shown is kept).
     */
    public void onCompleted(final Order order, final long nowNs, final long lastFillPriceTicks)
    {
        final int slot = order.slot();
        final long fillPrice = lastFillPriceTicks != 0 ? lastFillPriceTicks :
            working.get(slot, CL_ORD_ID) == order.clOrdId() ? working.get(slot, LAST_FILL_PRICE_TICKS) : 0;
        final long ordinal = completedCount;
        final int recentSlot = (int)(ordinal % recent.slots());
        write(recent, recentSlot, order, nowNs, fillPrice, ordinal);
        working.begin(slot);
        working.put(slot, STATE, OrderState.INVALID);
        working.end(slot);
        completedCount = ordinal + 1;
        completed.lazySet(completedCount);
    }

    private static void write(
        final VersionedSlots slots,
        final int slot,
        final Order order,
        final long nowNs,
        final long lastFillPriceTicks,
        final long ordinal)
    {
        slots.begin(slot);
        slots.put(slot, CL_ORD_ID, order.clOrdId());
        slots.put(slot, INSTRUMENT_INDEX, order.instrumentIndex());
        slots.put(slot, SIDE, order.side());
        slots.put(slot, ORDER_TYPE, order.orderType());
        slots.put(slot, QTY_LOTS, order.qtyLots());
        slots.put(slot, LIMIT_PRICE_TICKS, order.limitPriceTicks());
        slots.put(slot, LEAVES_QTY_LOTS, order.leavesQtyLots());
        slots.put(slot, CUM_QTY_LOTS, order.cumQtyLots());
        slots.put(slot, STATE, order.state());
        slots.put(slot, SENT_TIME_NS, order.sentNs());
        slots.put(slot, UPDATED_TIME_NS, nowNs);
        slots.put(slot, CANCEL_REQUESTED, order.cancelRequested() ? 1 : 0);
        slots.put(slot, LAST_FILL_PRICE_TICKS, lastFillPriceTicks);
        slots.put(slot, ORDINAL, ordinal);
        slots.end(slot);
    }

    /**
     * @return how many orders have completed since the start.
     */
    public long completedCount()
    {
        return completed.get();
    }

    /**
     * Reader: a copy of every working order, in pool order. A slot being written on every attempt is left out.
     */
    public List<OrderSnapshot> working()
    {
        final List<OrderSnapshot> orders = new ArrayList<>();
        final long[] copy = new long[FIELDS];
        for (int slot = 0; slot < working.slots(); slot++)
        {
            if (working.read(slot, copy) > 0 && copy[STATE] != OrderState.INVALID)
            {
                orders.add(snapshot(copy));
            }
        }
        return orders;
    }

    /**
     * Reader: the most recently completed orders, newest first.
     *
     * @param max the most to return.
     */
    public List<OrderSnapshot> recent(final int max)
    {
        final List<OrderSnapshot> orders = new ArrayList<>();
        final long[] copy = new long[FIELDS];
        final long count = completed.get();
        final long oldest = Math.max(0, count - recent.slots());
        for (long ordinal = count - 1; ordinal >= oldest && orders.size() < max; ordinal--)
        {
            final int slot = (int)(ordinal % recent.slots());
            if (recent.read(slot, copy) <= 0 || copy[ORDINAL] != ordinal)
            {
                break;
            }
            orders.add(snapshot(copy));
        }
        return orders;
    }

    private static OrderSnapshot snapshot(final long[] copy)
    {
        return new OrderSnapshot(
            copy[CL_ORD_ID], (int)copy[INSTRUMENT_INDEX], (byte)copy[SIDE], (byte)copy[ORDER_TYPE], copy[QTY_LOTS],
            copy[LIMIT_PRICE_TICKS], copy[LEAVES_QTY_LOTS], copy[CUM_QTY_LOTS], (int)copy[STATE],
            copy[SENT_TIME_NS], copy[UPDATED_TIME_NS], copy[CANCEL_REQUESTED] != 0, copy[LAST_FILL_PRICE_TICKS]);
    }

    /**
     * One order as last published.
     *
     * @param state              an {@link OrderState}.
     * @param sentTimeNs         engine time the order was sent.
     * @param updatedTimeNs      engine time of its last change.
     * @param lastFillPriceTicks the price of its last fill, 0 if none.
     */
    public record OrderSnapshot(
        long clOrdId,
        int instrumentIndex,
        byte side,
        byte orderType,
        long qtyLots,
        long limitPriceTicks,
        long leavesQtyLots,
        long cumQtyLots,
        int state,
        long sentTimeNs,
        long updatedTimeNs,
        boolean cancelRequested,
        long lastFillPriceTicks)
    {
    }
}
