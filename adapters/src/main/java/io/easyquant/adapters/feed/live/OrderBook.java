package io.easyquant.adapters.feed.live;

/**
 * One instrument's price-level book: per side a fixed-capacity pair of arrays (price in ticks, quantity in lots),
 * sorted so that the best level is the <em>last</em> element. Most changes happen at or near the top, so keeping it
 * at the end makes an insert or removal there move few elements. Lookups are binary searches.
 *
 * <p>A side holds at most {@code capacity} levels. A new level worse than every level of a full side is dropped;
 * a new level better than the worst of a full side pushes the worst out. Either is counted
 * ({@link #droppedLevels()}): the book is then exact for its best {@code capacity} levels only, which is all a
 * venue snapshot of that depth gives anyway.
 *
 * <p>Single-threaded; no allocation after construction.
 */
public final class OrderBook
{
    private final Side bids;
    private final Side asks;
    private long droppedLevels;

    /**
     * @param capacity most levels per side.
     */
    public OrderBook(final int capacity)
    {
        if (capacity <= 0)
        {
            throw new IllegalArgumentException("capacity: expected a positive number, got " + capacity);
        }
        bids = new Side(capacity, true);
        asks = new Side(capacity, false);
    }

    /**
     * Empty both sides.
     */
    public void clear()
    {
        bids.count = 0;
        asks.count = 0;
    }

    /**
     * Set the quantity at a bid price; 0 removes the level (removing an absent level does nothing).
     */
    public void setBid(final long priceTicks, final long qtyLots)
    {
        droppedLevels += bids.set(priceTicks, qtyLots);
    }

    /**
     * Set the quantity at an ask price; 0 removes the level (removing an absent level does nothing).
     */
    public void setAsk(final long priceTicks, final long qtyLots)
    {
        droppedLevels += asks.set(priceTicks, qtyLots);
    }

    public int bidLevels()
    {
        return bids.count;
    }

    public int askLevels()
    {
        return asks.count;
    }

    /**
     * @param level 0 for the best bid.
     */
    public long bidPrice(final int level)
    {
        return bids.prices[bids.count - 1 - level];
    }

    public long bidQty(final int level)
    {
        return bids.quantities[bids.count - 1 - level];
    }

    /**
     * @param level 0 for the best ask.
     */
    public long askPrice(final int level)
    {
        return asks.prices[asks.count - 1 - level];
    }

    public long askQty(final int level)
    {
        return asks.quantities[asks.count - 1 - level];
    }

    /**
     * @return the quantity at a bid price, 0 if no such level.
     */
    public long bidQtyAt(final long priceTicks)
    {
        final int i = bids.find(priceTicks);
        return i >= 0 ? bids.quantities[i] : 0;
    }

    /**
     * @return the quantity at an ask price, 0 if no such level.
     */
    public long askQtyAt(final long priceTicks)
    {
        final int i = asks.find(priceTicks);
        return i >= 0 ? asks.quantities[i] : 0;
    }

    /**
     * @return true when both sides have a level and the best bid is at or above the best ask.
     */
    public boolean isCrossed()
    {
        return bids.count > 0 && asks.count > 0 && bidPrice(0) >= askPrice(0);
    }

    /**
     * @return levels dropped or pushed out because a side was full, since construction.
     */
    public long droppedLevels()
    {
        return droppedLevels;
    }

    /**
     * One side, sorted so that the best price is last: bids ascending, asks descending.
     */
    private static final class Side
    {
        final long[] prices;
        final long[] quantities;
        final boolean bid;
        int count;

        Side(final int capacity, final boolean bid)
        {
            prices = new long[capacity];
            quantities = new long[capacity];
            this.bid = bid;
        }

        /**
         * @return 1 if a level was dropped for lack of room, else 0.
         */
        int set(final long price, final long qty)
        {
            final int found = find(price);
            if (found >= 0)
            {
                if (qty == 0)
                {
                    System.arraycopy(prices, found + 1, prices, found, count - found - 1);
                    System.arraycopy(quantities, found + 1, quantities, found, count - found - 1);
                    count--;
                }
                else
                {
                    quantities[found] = qty;
                }
                return 0;
            }
            if (qty == 0)
            {
                return 0;
            }
            int insert = -found - 1;
            if (count == prices.length)
            {
                if (insert == 0)
                {
                    return 1;
                }
                // Push the worst level (index 0) out to make room.
                System.arraycopy(prices, 1, prices, 0, insert - 1);
                System.arraycopy(quantities, 1, quantities, 0, insert - 1);
                insert--;
                prices[insert] = price;
                quantities[insert] = qty;
                return 1;
            }
            System.arraycopy(prices, insert, prices, insert + 1, count - insert);
            System.arraycopy(quantities, insert, quantities, insert + 1, count - insert);
            prices[insert] = price;
            quantities[insert] = qty;
            count++;
            return 0;
        }

        /**
         * @return the index of the price, or -(insertion point) - 1.
         */
        int find(final long price)
        {
            int low = 0;
            int high = count - 1;
            while (low <= high)
            {
                final int mid = (low + high) >>> 1;
                final long p = prices[mid];
                final boolean before = bid ? p < price : p > price;
                if (p == price)
                {
                    return mid;
                }
                if (before)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }
            return -(low + 1);
        }
    }
}
