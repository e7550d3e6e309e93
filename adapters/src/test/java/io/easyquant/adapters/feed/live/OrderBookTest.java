package io.easyquant.adapters.feed.live;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderBookTest
{
    @Test
    void shouldKeepBestLevelsFirstAndRemoveOnZero()
    {
        final OrderBook book = new OrderBook(8);
        book.setBid(100, 5);
        book.setBid(102, 1);
        book.setBid(101, 2);
        book.setAsk(105, 3);
        book.setAsk(103, 4);
        assertEquals(102, book.bidPrice(0));
        assertEquals(1, book.bidQty(0));
        assertEquals(100, book.bidPrice(2));
        assertEquals(103, book.askPrice(0));
        assertEquals(4, book.askQtyAt(103));
        book.setBid(102, 0);
        book.setAsk(104, 0);
        assertEquals(101, book.bidPrice(0));
        assertEquals(2, book.bidLevels());
        assertEquals(2, book.askLevels());
        assertFalse(book.isCrossed());
        book.setBid(103, 1);
        assertTrue(book.isCrossed());
    }

    @Test
    void shouldDropTheWorstLevelWhenFullAndCountIt()
    {
        final OrderBook book = new OrderBook(3);
        book.setAsk(10, 1);
        book.setAsk(11, 1);
        book.setAsk(12, 1);
        book.setAsk(13, 1);
        assertEquals(1, book.droppedLevels());
        assertEquals(3, book.askLevels());
        book.setAsk(9, 1);
        assertEquals(2, book.droppedLevels());
        assertEquals(9, book.askPrice(0));
        assertEquals(11, book.askPrice(2));
    }

    @Test
    void shouldMatchASortedMapOverRandomUpdates()
    {
        final Random random = new Random(3);
        final OrderBook book = new OrderBook(10_000);
        final TreeMap<Long, Long> bids = new TreeMap<>();
        final TreeMap<Long, Long> asks = new TreeMap<>();
        for (int i = 0; i < 200_000; i++)
        {
            final boolean bid = random.nextBoolean();
            final long price = bid ? 1000 - random.nextInt(200) : 1001 + random.nextInt(200);
            final long qty = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(100);
            if (bid)
            {
                book.setBid(price, qty);
                put(bids, price, qty);
            }
            else
            {
                book.setAsk(price, qty);
                put(asks, price, qty);
            }
        }
        assertEquals(bids.size(), book.bidLevels());
        assertEquals(asks.size(), book.askLevels());
        int level = 0;
        for (final Map.Entry<Long, Long> entry : bids.descendingMap().entrySet())
        {
            assertEquals(entry.getKey(), book.bidPrice(level));
            assertEquals(entry.getValue(), book.bidQty(level++));
        }
        level = 0;
        for (final Map.Entry<Long, Long> entry : asks.entrySet())
        {
            assertEquals(entry.getKey(), book.askPrice(level));
            assertEquals(entry.getValue(), book.askQty(level++));
        }
    }

    private static void put(final TreeMap<Long, Long> side, final long price, final long qty)
    {
        if (qty == 0)
        {
            side.remove(price);
        }
        else
        {
            side.put(price, qty);
        }
    }
}
