package io.easyquant.engine;

import io.easyquant.engine.execution.ExecutionHandler;
import io.easyquant.engine.features.FeatureEngine;
import io.easyquant.engine.features.FeatureId;
import io.easyquant.engine.features.FeaturesHandler;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.metrics.OrderBoard;
import io.easyquant.engine.metrics.PipelineMonitor;
import io.easyquant.engine.metrics.RiskRejections;
import io.easyquant.engine.pipeline.ExecIdFilter;
import io.easyquant.engine.pipeline.IngestHandler;
import io.easyquant.engine.pipeline.Stages;
import io.easyquant.engine.risk.RiskHandler;
import io.easyquant.engine.signal.SignalHandler;
import io.easyquant.engine.state.StateRecorders;
import io.easyquant.engine.venue.Venue;

import java.util.List;

/**
 * The five stages of the pipeline, built from one {@link EngineContext}, in their fixed order:
 * ingest &rarr; features &rarr; signal &rarr; risk &rarr; execution. Shared by the threaded {@link Engine} and the
 * single-threaded {@link DirectEngine}, so both run exactly the same logic.
 */
final class EngineStages
{
    /** The stage names, in pipeline order. */
    static final List<String> NAMES = List.of("ingest", "features", "signal", "risk", "execution");

    final PipelineMonitor monitor;
    final OrderBoard board;
    final RiskRejections rejections;
    final IngestHandler ingest;
    final FeaturesHandler features;
    final SignalHandler signal;
    final RiskHandler risk;
    final ExecutionHandler execution;

    /**
     * @param state where execution mirrors its positions and orders; {@code state.risk()} is for the risk stage.
     */
    EngineStages(
        final EngineContext context, final Venue venue, final EngineCounters counters, final StateRecorders state)
    {
        monitor = new PipelineMonitor(NAMES, PipelineMonitor.DEFAULT_SAMPLE_EVERY);
        board = new OrderBoard(context.execution().maxWorkingOrders(), OrderBoard.DEFAULT_RECENT_CAPACITY);
        rejections = new RiskRejections(RiskRejections.DEFAULT_CAPACITY);
        final ExecIdFilter execIds = new ExecIdFilter();
        ingest = new IngestHandler(context.instruments(), counters, context.inputJournal().get(), execIds);
        features = new FeaturesHandler(new FeatureEngine(context.features(), context.instruments().count(),
            context.strategy().usesFeature(FeatureId.VOLATILITY)));
        signal = new SignalHandler(context.strategy(), counters);
        risk = new RiskHandler(
            context.instruments().count(), context.riskLimits(), context.execution(), counters,
            context.firstIntentId(), rejections);
        risk.stateRecorder(state.risk());
        execution = new ExecutionHandler(
            context.instruments(), context.execution(), venue, counters, context.outputJournal().get(), board, monitor,
            execIds, state.execution());
    }

    /**
     * @return the stages in order, named, with the order-path flag the exception policy needs. Ingest is on the order
     * path: an input it failed to journal must halt trading.
     */
    List<Stages.Stage> list()
    {
        return List.of(
            new Stages.Stage(NAMES.get(0), true, ingest),
            new Stages.Stage(NAMES.get(1), false, features),
            new Stages.Stage(NAMES.get(2), false, signal),
            new Stages.Stage(NAMES.get(3), true, risk),
            new Stages.Stage(NAMES.get(4), true, execution));
    }
}
