package io.easyquant.perf;

import io.easyquant.adapters.feed.live.OrderBook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One price-level update (set or remove, 70% within 10 ticks of the touch, a 1000-level book a side) in the feed's
 * {@link OrderBook} (best level last) beside a plain sorted-array book (best level first, as one would write it
 * first: every change at the top moves the whole side). Run with {@code -prof gc}: expected 0 B/op for both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OrderBookBenchmark
{
    private static final int UPDATES = 1 << 16;
    private static final int LEVELS = 1000;

    private final long[] prices = new long[UPDATES];
    private final long[] quantities = new long[UPDATES];
    private final boolean[] bids = new boolean[UPDATES];
    private final OrderBook book = new OrderBook(LEVELS + 1000);
    private final PlainSortedBook plain = new PlainSortedBook(LEVELS + 1000);
    private int next;

    @Setup(Level.Trial)
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(5);
        for (int i = 1; i <= LEVELS; i++)
        {
            book.setBid(100_000 - i, 10);
            book.setAsk(100_000 + i, 10);
            plain.set(true, 100_000 - i, 10);
            plain.set(false, 100_000 + i, 10);
        }
        for (int u = 0; u < UPDATES; u++)
        {
            final boolean bid = random.nextBoolean();
            final int distance = random.nextInt(10) < 7 ? 1 + random.nextInt(10) : 1 + random.nextInt(LEVELS);
            bids[u] = bid;
            prices[u] = bid ? 100_000 - distance : 100_000 + distance;
            // Removals and re-inserts keep the depth near LEVELS.
            quantities[u] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(100);
        }
    }

    @Benchmark
    public long orderBook()
    {
        final int u = next++ & (UPDATES - 1);
        if (bids[u])
        {
            book.setBid(prices[u], quantities[u]);
        }
        else
        {
            book.setAsk(prices[u], quantities[u]);
        }
        return book.bidLevels() + book.askLevels();
    }

    @Benchmark
    public long plainSortedArray()
    {
        final int u = next++ & (UPDATES - 1);
        plain.set(bids[u], prices[u], quantities[u]);
        return plain.levels();
    }

    /**
     * The baseline: per side sorted arrays with the best price first, {@code Arrays.binarySearch} on a key that
     * sorts best first (bids negated).
     */
    static final class PlainSortedBook
    {
        private final long[][] keys = new long[2][];
        private final long[][] quantities = new long[2][];
        private final int[] counts = new int[2];

        PlainSortedBook(final int capacity)
        {
            for (int s = 0; s < 2; s++)
            {
                keys[s] = new long[capacity];
                quantities[s] = new long[capacity];
            }
        }

        void set(final boolean bid, final long price, final long qty)
        {
            final int s = bid ? 0 : 1;
            final long key = bid ? -price : price;
            final long[] k = keys[s];
            final long[] q = quantities[s];
            final int count = counts[s];
            final int found = Arrays.binarySearch(k, 0, count, key);
            if (found >= 0)
            {
                if (qty == 0)
                {
                    System.arraycopy(k, found + 1, k, found, count - found - 1);
                    System.arraycopy(q, found + 1, q, found, count - found - 1);
                    counts[s]--;
                }
                else
                {
                    q[found] = qty;
                }
                return;
            }
            if (qty == 0 || count == k.length)
            {
                return;
            }
            final int insert = -found - 1;
            System.arraycopy(k, insert, k, insert + 1, count - insert);
            System.arraycopy(q, insert, q, insert + 1, count - insert);
            k[insert] = key;
            q[insert] = qty;
            counts[s]++;
        }

        int levels()
        {
            return counts[0] + counts[1];
        }
    }
}
