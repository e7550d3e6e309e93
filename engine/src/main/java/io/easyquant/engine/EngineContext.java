package io.easyquant.engine;

import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.Strategy;
import io.easyquant.journal.RecordSink;
import org.agrona.concurrent.EpochNanoClock;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the engine core needs, validated by each part's own context: instruments, the pipeline layout, the
 * feature windows, the strategy, risk limits, execution policy, and the clock that stamps inputs at ingest (the only
 * clock the engine reads; logic runs on the stamped time).
 *
 * @param firstIntentId the first intent and client order id the engine issues.
 * @param inputJournal  makes the sink each ingest thread appends inputs to (one call per thread).
 * @param outputJournal makes the sink each execution thread appends decisions to (one call per thread).
 */
public record EngineContext(
    Instruments instruments,
    PipelineContext pipeline,
    FeaturesContext features,
    Strategy strategy,
    RiskLimits riskLimits,
    ExecutionContext execution,
    EpochNanoClock clock,
    long firstIntentId,
    Supplier<RecordSink> inputJournal,
    Supplier<RecordSink> outputJournal)
{
    /**
     * A context whose engine journals nothing: for tests and benchmarks of the logic alone.
     */
    public EngineContext(
        final Instruments instruments,
        final PipelineContext pipeline,
        final FeaturesContext features,
        final Strategy strategy,
        final RiskLimits riskLimits,
        final ExecutionContext execution,
        final EpochNanoClock clock,
        final long firstIntentId)
    {
        this(instruments, pipeline, features, strategy, riskLimits, execution, clock, firstIntentId,
            () -> RecordSink.NONE, () -> RecordSink.NONE);
    }

    public EngineContext
    {
        Objects.requireNonNull(inputJournal, "inputJournal");
        Objects.requireNonNull(outputJournal, "outputJournal");
        Objects.requireNonNull(instruments, "instruments");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(riskLimits, "riskLimits");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(clock, "clock");
        if (firstIntentId <= 0)
        {
            throw new IllegalArgumentException("firstIntentId: expected a positive id, got " + firstIntentId);
        }
    }
}
