package io.easyquant.perf;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.order.Order;
import io.easyquant.engine.order.OrderTracker;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.engine.state.ExecutionStateRecorder;
import io.easyquant.engine.state.StateLayout;
import io.easyquant.engine.state.StateStore;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.Side;
import io.easyquant.perf.harness.Directories;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What mirroring the execution stage's state off-heap costs: one position update and one order update written into
 * the persisted Chronicle Maps of a {@link StateStore} (in place, each entry under its seqlock with a checksum),
 * against the same fields written into plain {@code long} arrays, in the same run. Positions rotate over 4
 * instruments and orders over 64 working slots; expected 0 B/op for both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StateBenchmark
{
    private static final int INSTRUMENTS = 4;
    private static final int SLOTS = 64;
    private static final int POSITION_FIELDS = 5;
    private static final int ORDER_FIELDS = 9;

    private Path directory;
    private StateStore store;
    private ExecutionStateRecorder recorder;
    private PositionBook book;
    private final Order[] orders = new Order[SLOTS];
    private final long[] positionArray = new long[INSTRUMENTS * (POSITION_FIELDS + 1)];
    private final long[] orderArray = new long[SLOTS * (ORDER_FIELDS + 1)];
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("state-benchmark");
        store = StateStore.open(directory, new StateLayout(INSTRUMENTS, SLOTS));
        recorder = store.executionRecorder();
        final Instrument[] list = new Instrument[INSTRUMENTS];
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            list[i] = new Instrument(i + 1, "I" + i, new BigDecimal("0.01"), new BigDecimal("0.001"), "USD");
        }
        final Instruments instruments = new Instruments(List.of(list));
        book = new PositionBook(instruments);
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            book.applyFill(i, Side.BUY, 10 + i, 6_000_000, 1_000);
        }
        final OrderTracker tracker = new OrderTracker(SLOTS, INSTRUMENTS);
        for (int i = 0; i < SLOTS; i++)
        {
            tracker.onNewOrder(1_000 + i, i % INSTRUMENTS, Side.SELL, OrderType.LIMIT, 100, 6_000_000 + i, 0);
            orders[i] = tracker.find(1_000 + i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        store.close();
        Directories.deleteQuietly(directory);
    }

    @Benchmark
    public long positionAndOrderIntoMaps()
    {
        final long seq = ++sequence;
        final int index = (int)(seq & (INSTRUMENTS - 1));
        recorder.position(index, book, seq);
        recorder.order(orders[(int)(seq & (SLOTS - 1))], seq);
        return seq;
    }

    @Benchmark
    public long positionAndOrderIntoArrays()
    {
        final long seq = ++sequence;
        final int index = (int)(seq & (INSTRUMENTS - 1));
        final int p = index * (POSITION_FIELDS + 1);
        positionArray[p] = book.positionLots(index);
        positionArray[p + 1] = book.costCash(index);
        positionArray[p + 2] = book.realizedCash(index);
        positionArray[p + 3] = book.feesCash(index);
        positionArray[p + 4] = book.fills(index);
        positionArray[p + 5] = seq;
        final Order order = orders[(int)(seq & (SLOTS - 1))];
        final int o = order.slot() * (ORDER_FIELDS + 1);
        orderArray[o] = order.clOrdId();
        orderArray[o + 1] = order.instrumentIndex();
        orderArray[o + 2] = order.side();
        orderArray[o + 3] = order.orderType();
        orderArray[o + 4] = order.qtyLots();
        orderArray[o + 5] = order.leavesQtyLots();
        orderArray[o + 6] = order.cumQtyLots();
        orderArray[o + 7] = order.limitPriceTicks();
        orderArray[o + 8] = order.state() | (order.cancelRequested() ? 1L << 8 : 0);
        orderArray[o + 9] = seq;
        return seq;
    }
}
