package io.easyquant.perf;

import io.easyquant.engine.order.OrderState;
import io.easyquant.engine.order.OrderStateMachine;
import io.easyquant.engine.order.OrderTracker;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.Side;
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

import java.util.concurrent.TimeUnit;

/**
 * One step of the order state machine (the transition table alone, over a rotating mix of states and report types),
 * and one report applied by the {@link OrderTracker} (id lookup, transition, quantities): an order's life of new, ack,
 * partial fill and fill is four operations. Expected 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OrderBenchmark
{
    private static final byte[] LIFE = {ExecType.ACK, ExecType.PARTIAL_FILL, ExecType.FILL};

    private final int[] states = {OrderState.NEW, OrderState.ACKED, OrderState.PARTIALLY_FILLED, OrderState.FILLED};
    private final byte[] types = {ExecType.ACK, ExecType.FILL, ExecType.PARTIAL_FILL, ExecType.CANCELLED,
        ExecType.CANCEL_REJECTED};
    private OrderTracker tracker;
    private int i;
    private long clOrdId = 1;
    private int step = -1;

    @Setup(Level.Trial)
    public void setUp()
    {
        tracker = new OrderTracker(256, 1);
    }

    @Benchmark
    public int stateMachineStep()
    {
        final int n = i++;
        return OrderStateMachine.next(states[n & 3], types[n % 5]);
    }

    @Benchmark
    public int trackerStep()
    {
        if (step < 0)
        {
            step = 0;
            return tracker.onNewOrder(clOrdId, 0, Side.BUY, OrderType.MARKET, 10, 0, 0) ? 1 : 0;
        }
        final byte execType = LIFE[step];
        final long lastQty = execType == ExecType.ACK ? 0 : 5;
        final int result = tracker.onExecutionReport(clOrdId, execType, lastQty, lastQty == 0 ? 0 : 6_000_000);
        if (++step == LIFE.length)
        {
            step = -1;
            clOrdId++;
        }
        return result;
    }
}
