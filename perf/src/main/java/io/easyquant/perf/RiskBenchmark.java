package io.easyquant.perf;

import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.engine.risk.RiskHandler;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.RecordHeader;
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

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The risk stage on its two paths: a market event that carries no signal (the common case: marks, volatility and PnL
 * updated, nothing planned), and a signal that flips the target, so a limit-order intent is planned and runs the whole
 * check set with every check and rule on (trading state, reduce-only, daily loss, reference price, stale data,
 * volatility, price collar, max order quantity and notional, max position with working orders, gross exposure across
 * instruments, max open orders, message rate, duplicate intent) and is accepted, followed by the fill report that
 * completes it (consecutive losses, execution throttle, daily loss), so every operation plans and checks a fresh
 * order. Event time advances 1 us per event. Expected 0 B/op.
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
    private long timeNs = 1_700_000_000_000_000_000L;

    @Setup(Level.Trial)
    public void setUp()
    {
        final Instruments instruments = new Instruments(List.of(
            new Instrument(1, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD")));
        final RiskLimits limits = RiskLimits.builder(instruments)
            .maxOrderQtyLots(0, 10).maxPositionLots(0, 10)
            .maxOrderNotionalCash(0, 1_000_000_000_000L)
            .collarTicks(0, 100)
            .messageRate(0, 10_000, 1_000_000L)
            .staleAfterNs(0, 1_000_000_000L)
            .volatilityHalt(0, 500_000, 50)
            .duplicateWindowNs(0, 1_000_000L)
            .maxGrossExposureCash(1_000_000_000_000L)
            .maxOpenOrders(64)
            .maxDailyLossCash(1_000_000_000_000_000L)
            .maxConsecutiveLosses(Long.MAX_VALUE - 1)
            .executionThrottle(100_000, 1_000_000L)
            .rejectStorm(1_000, 1_000_000L)
            .build();
        risk = new RiskHandler(1, limits, new ExecutionContext(OrderType.LIMIT, 0, 256), new EngineCounters(1), 1);
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
        timeNs += 1_000;
        RecordHeader.stamp(quote.record, 0, sequence, timeNs);
        quote.clearOutputs();
        quote.priceUpdated = true;
        risk.onEvent(quote, sequence++, true);
        return quote.hasIntent;
    }

    @Benchmark
    public long signalChecksAndFill()
    {
        timeNs += 1_000;
        RecordHeader.stamp(quote.record, 0, sequence, timeNs);
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
        timeNs += 1_000;
        RecordHeader.stamp(fill.record, 0, sequence, timeNs);
        fill.clearOutputs();
        risk.onEvent(fill, sequence++, true);
        return risk.positionLots(0) + quote.riskReason;
    }
}
