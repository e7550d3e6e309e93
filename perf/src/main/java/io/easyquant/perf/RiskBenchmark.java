package io.easyquant.perf;

import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.engine.risk.RiskHandler;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.RecordType;
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
 * The risk stage on its two paths: a market event that carries no signal (the common case: marks updated, nothing
 * planned), and a signal that flips the target, so an intent is planned and runs the whole check set (trading state,
 * reduce-only, reference price, max order quantity, max position with working orders, max open orders) and is
 * accepted, followed by the fill report that completes it, so every operation plans and checks a fresh order.
 * Expected 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RiskBenchmark
{
    private final EngineEvent quote = new EngineEvent();
    private final EngineEvent fill = new EngineEvent();
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private RiskHandler risk;
    private long sequence;
    private long target = 1;

    @Setup(Level.Trial)
    public void setUp()
    {
        risk = new RiskHandler(1, new RiskLimits(new long[] {10}, new long[] {10}),
            new ExecutionContext(OrderType.MARKET, 0, 256), new EngineCounters(1), 1);
        quote.templateId = RecordType.QUOTE.code();
        quote.ingestReject = IngestReject.NONE;
        quote.instrumentIndex = 0;
        quote.priceUpdated = true;
        quote.markTicks = 6_000_000;
        quote.bidTicks = 5_999_999;
        quote.askTicks = 6_000_001;
        fill.templateId = RecordType.EXECUTION_REPORT.code();
        fill.ingestReject = IngestReject.NONE;
        fill.instrumentIndex = 0;
        fill.markTicks = 6_000_000;
        fill.bidTicks = 5_999_999;
        fill.askTicks = 6_000_001;
    }

    @Benchmark
    public boolean marketEventWithoutSignal()
    {
        quote.clearOutputs();
        quote.priceUpdated = true;
        risk.onEvent(quote, sequence++, true);
        return quote.hasIntent;
    }

    @Benchmark
    public long signalChecksAndFill()
    {
        quote.clearOutputs();
        quote.priceUpdated = true;
        quote.hasSignal = true;
        target = -target;
        quote.signalTargetLots = target;
        risk.onEvent(quote, sequence++, true);

        report.wrapForEncode(fill.record, 0, 10);
        report.instrumentId(1)
            .execType(ExecType.FILL)
            .side(quote.intentSide)
            .clOrdId(quote.intentId)
            .execId(sequence)
            .lastQtyLots(quote.intentQtyLots)
            .lastPriceTicks(6_000_001)
            .cumQtyLots(quote.intentQtyLots);
        fill.clearOutputs();
        risk.onEvent(fill, sequence++, true);
        return risk.positionLots(0) + quote.riskReason;
    }
}
