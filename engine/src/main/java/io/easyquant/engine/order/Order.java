package io.easyquant.engine.order;

/**
 * A working order, pooled and reused by {@link OrderTracker}: hold no reference to it past the call that gave it.
 * Quantities in lots, prices in ticks.
 */
public final class Order
{
    long clOrdId;
    int instrumentIndex;
    byte side;
    byte orderType;
    long qtyLots;
    long limitPriceTicks;
    long leavesQtyLots;
    long cumQtyLots;
    int state;
    long sentNs;
    boolean cancelRequested;
    int slot;

    public long clOrdId()
    {
        return clOrdId;
    }

    public int instrumentIndex()
    {
        return instrumentIndex;
    }

    public byte side()
    {
        return side;
    }

    public byte orderType()
    {
        return orderType;
    }

    public long qtyLots()
    {
        return qtyLots;
    }

    public long limitPriceTicks()
    {
        return limitPriceTicks;
    }

    public long leavesQtyLots()
    {
        return leavesQtyLots;
    }

    public long cumQtyLots()
    {
        return cumQtyLots;
    }

    public int state()
    {
        return state;
    }

    public long sentNs()
    {
        return sentNs;
    }

    public boolean cancelRequested()
    {
        return cancelRequested;
    }

    /**
     * @return the order's fixed position in its tracker's pool, from 0 to the tracker's capacity - 1; stable while the
     * order is working.
     */
    public int slot()
    {
        return slot;
    }
}
