package io.easyquant.perf;

import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.MarketDataEncoder;
import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.Side;
import org.agrona.concurrent.UnsafeBuffer;
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
 * Encoding and decoding the records of the hot path, each into or from a slot-sized buffer as the ring uses them: a
 * quote (every market event), an execution report (every venue answer) and an order (every order sent). Decoding
 * reads every field. Run with {@code -prof gc}: expected 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final UnsafeBuffer quoteRecord = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final UnsafeBuffer reportRecord = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final UnsafeBuffer orderRecord = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final MarketDataEncoder encoder = new MarketDataEncoder();
    private final QuoteCodec quote = new QuoteCodec();
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final OrderCodec order = new OrderCodec();
    private long i;

    @Setup(Level.Trial)
    public void setUp()
    {
        encoder.encodeQuote(quoteRecord, 0, 100, 1, 1_700_000_000_000_000_000L, 6_000_000, 50, 6_000_004, 40);
        encodeReport(reportRecord, 7);
        encodeOrder(orderRecord, 7);
    }

    @Benchmark
    public int encodeQuote()
    {
        final long n = i++;
        return encoder.encodeQuote(buffer, 0, 100, 1, 1_700_000_000_000_000_000L + n, 6_000_000 + (n & 15), 50,
            6_000_004 + (n & 15), 40);
    }

    @Benchmark
    public long decodeQuote()
    {
        quote.wrap(quoteRecord, 0);
        return quote.instrumentId() + quote.sourceTimeNs() + quote.bidTicks() + quote.bidLots() + quote.askTicks() +
            quote.askLots() + quote.sequence() + quote.timeNs();
    }

    @Benchmark
    public int encodeExecutionReport()
    {
        return encodeReport(buffer, i++);
    }

    @Benchmark
    public long decodeExecutionReport()
    {
        report.wrap(reportRecord, 0);
        return report.instrumentId() + report.execType() + report.side() + report.clOrdId() + report.execId() +
            report.lastQtyLots() + report.lastPriceTicks() + report.leavesQtyLots() + report.cumQtyLots() +
            report.feeCash() + report.venueTimeNs() + report.rejectReason();
    }

    @Benchmark
    public int encodeOrder()
    {
        return encodeOrder(buffer, i++);
    }

    @Benchmark
    public long decodeOrder()
    {
        order.wrap(orderRecord, 0);
        return order.instrumentId() + order.side() + order.orderType() + order.clOrdId() + order.intentId() +
            order.qtyLots() + order.limitPriceTicks() + order.causeSequence();
    }

    private int encodeReport(final UnsafeBuffer into, final long n)
    {
        report.wrapForEncode(into, 0, 10);
        report.instrumentId(1)
            .execType(ExecType.FILL)
            .side(Side.BUY)
            .clOrdId(n)
            .execId(n + 1)
            .lastQtyLots(5)
            .lastPriceTicks(6_000_004)
            .leavesQtyLots(0)
            .cumQtyLots(5)
            .feeCash(12)
            .venueTimeNs(1_700_000_000_000_000_000L + n)
            .rejectReason(0);
        return report.encodedLength();
    }

    private int encodeOrder(final UnsafeBuffer into, final long n)
    {
        order.wrapForEncode(into, 0, 0);
        order.instrumentId(1)
            .side(Side.BUY)
            .orderType(OrderType.MARKET)
            .clOrdId(n)
            .intentId(n)
            .qtyLots(5)
            .limitPriceTicks(0)
            .causeSequence(n);
        return order.encodedLength();
    }
}
