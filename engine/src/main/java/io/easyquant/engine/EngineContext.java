package io.easyquant.engine;

import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.Strategy;
import org.agrona.concurrent.EpochNanoClock;

import java.util.Objects;

/**
 * Everything the engine core needs, validated by each part's own context: instruments, the pipeline layout, the
 * feature windows, the strategy, risk limits, execution policy, and the clock that stamps inputs at ingest (the only
 * clock the engine reads; logic runs on the stamped time).
 *
 * @param firstIntentId the first intent and client order id the engine issues.
 */
public record EngineContext(
    Instruments instruments,
    PipelineContext pipeline,
    FeaturesContext features,
    Strategy strategy,
    RiskLimits riskLimits,
    ExecutionContext execution,
    EpochNanoClock clock,
    long firstIntentId)
{
    public EngineContext
    {
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
