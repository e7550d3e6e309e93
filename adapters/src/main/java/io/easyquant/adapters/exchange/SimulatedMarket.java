package io.easyquant.adapters.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded random market for one symbol: a price-level book that drifts, and trades at its touch. Each
 * {@link #step()} returns the level changes it made (absolute quantities, 0 removes), which a venue renderer turns
 * into that venue's documented messages. The book is the exchange's truth for snapshots.
 *
 * <p>Prices in ticks, quantities in lots. Not thread-safe: the exchange calls it under its own lock.
 */
public final class SimulatedMarket
{
    /**
     * One level change.
     */
    public record Change(boolean bid, long priceTicks, long qtyLots)
    {
    }

    /**
     * One trade.
     */
    public record Trade(long id, long priceTicks, long qtyLots, boolean buyerMaker)
    {
    }

    private final Random random;
    private final NavigableMap<Long, Long> bids = new TreeMap<>();
    private final NavigableMap<Long, Long> asks = new TreeMap<>();
    private final long typicalLots;
    private long midTicks;
    private long tradeId;
    private final List<Trade> trades = new ArrayList<>();

    /**
     * @param midTicks    starting mid price in ticks.
     * @param typicalLots typical level size in lots.
     */
    public SimulatedMarket(final long seed, final long midTicks, final long typicalLots)
    {
        this.random = new Random(seed);
        this.midTicks = midTicks;
        this.typicalLots = Math.max(1, typicalLots);
    }

    /**
     * The opening book: {@code levels} levels a side around the mid, as changes.
     */
    public List<Change> open(final int levels)
    {
        final List<Change> changes = new ArrayList<>();
        for (int i = 1; i <= levels; i++)
        {
            changes.add(set(true, midTicks - i, size()));
            changes.add(set(false, midTicks + i, size()));
        }
        return changes;
    }

    /**
     * One event's worth of book changes: the mid may move a tick or two (levels it crosses are removed), a few
     * levels near the touch change size, appear or go.
     */
    public List<Change> step()
    {
        final List<Change> changes = new ArrayList<>();
        trades.clear();
        final int move = random.nextInt(5) - 2;
        if (random.nextInt(3) == 0 && move != 0)
        {
            midTicks += move;
            while (!bids.isEmpty() && bids.lastKey() >= midTicks)
            {
                changes.add(set(true, bids.lastKey(), 0));
            }
            while (!asks.isEmpty() && asks.firstKey() <= midTicks)
            {
                changes.add(set(false, asks.firstKey(), 0));
            }
            if (bids.isEmpty() || bids.lastKey() < midTicks - 1)
            {
                changes.add(set(true, midTicks - 1, size()));
            }
            if (asks.isEmpty() || asks.firstKey() > midTicks + 1)
            {
                changes.add(set(false, midTicks + 1, size()));
            }
        }
        final int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++)
        {
            final boolean bid = random.nextBoolean();
            final long price = bid ? midTicks - 1 - random.nextInt(20) : midTicks + 1 + random.nextInt(20);
            final NavigableMap<Long, Long> side = bid ? bids : asks;
            final boolean isTop = bid ? !side.isEmpty() && price == side.lastKey() :
                !side.isEmpty() && price == side.firstKey();
            final long qty = random.nextInt(4) == 0 && !isTop && side.size() > 5 ? 0 : size();
            changes.add(set(bid, price, qty));
        }
        if (random.nextInt(3) == 0 && !bids.isEmpty() && !asks.isEmpty())
        {
            final boolean buyerMaker = random.nextBoolean();
            final long price = buyerMaker ? bids.lastKey() : asks.firstKey();
            trades.add(new Trade(++tradeId, price, 1 + random.nextInt((int)Math.min(Integer.MAX_VALUE - 1,
                Math.max(1, typicalLots / 4))), buyerMaker));
        }
        return changes;
    }

    /**
     * @return the trades of the last {@link #step()}.
     */
    public List<Trade> trades()
    {
        return trades;
    }

    /**
     * Apply a change from outside (a fixture's recorded update).
     */
    public Change set(final boolean bid, final long priceTicks, final long qtyLots)
    {
        final NavigableMap<Long, Long> side = bid ? bids : asks;
        if (qtyLots == 0)
        {
            side.remove(priceTicks);
        }
        else
        {
            side.put(priceTicks, qtyLots);
        }
        return new Change(bid, priceTicks, qtyLots);
    }

    /**
     * @return up to {@code limit} best levels of a side, best first.
     */
    public List<Map.Entry<Long, Long>> levels(final boolean bid, final int limit)
    {
        final List<Map.Entry<Long, Long>> out = new ArrayList<>();
        for (final Map.Entry<Long, Long> level : (bid ? bids.descendingMap() : asks).entrySet())
        {
            if (out.size() == limit)
            {
                break;
            }
            out.add(Map.entry(level.getKey(), level.getValue()));
        }
        return out;
    }

    private long size()
    {
        return 1 + random.nextInt((int)Math.min(Integer.MAX_VALUE - 1, typicalLots * 2));
    }
}
