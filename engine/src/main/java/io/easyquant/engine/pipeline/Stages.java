package io.easyquant.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;

import java.util.List;

/**
 * Builds the handlers that run stages on pipeline threads, and holds the pipeline's explicit exception policy:
 * <ul>
 *   <li>Every exception is recorded in the {@link ErrorLog} (once per distinct error, then counted) and counted as a
 *       stage error; the thread keeps running and later stages still see the event.</li>
 *   <li>An exception in signal drops the event's signal; in risk, its intent (nothing unchecked leaves).</li>
 *   <li>An exception on the order path (risk or execution) halts trading: a kill-switch command from the engine
 *       enters the ring and is journaled like any other input.</li>
 * </ul>
 */
public final class Stages
{
    private final ErrorLog errors;
    private final EngineCounters counters;

    public Stages(final ErrorLog errors, final EngineCounters counters)
    {
        this.errors = errors;
        this.counters = counters;
    }

    /**
     * A named stage.
     *
     * @param orderPath true for stages whose failure must halt trading.
     */
    public record Stage(String name, boolean orderPath, EventHandler<EngineEvent> handler)
    {
    }

    /**
     * @param stages        stages to run in this order on one thread.
     * @param haltPublisher the publisher this thread uses to publish a halt command.
     * @return one guarded handler running them.
     */
    public EventHandler<EngineEvent> group(final List<Stage> stages, final InboundPublisher haltPublisher)
    {
        return new Group(stages.toArray(new Stage[0]), haltPublisher);
    }

    private final class Group implements EventHandler<EngineEvent>
    {
        private final Stage[] stages;
        private final InboundPublisher haltPublisher;

        Group(final Stage[] stages, final InboundPublisher haltPublisher)
        {
            this.stages = stages;
            this.haltPublisher = haltPublisher;
        }

        @Override
        public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
        {
            for (final Stage stage : stages)
            {
                try
                {
                    stage.handler.onEvent(event, sequence, endOfBatch);
                }
                catch (final Throwable error)
                {
                    onStageError(stage, event, error);
                }
            }
        }

        private void onStageError(final Stage stage, final EngineEvent event, final Throwable error)
        {
            counters.incrementShared(EngineCounters.STAGE_ERRORS);
            errors.record(stage.name, error);
            if ("signal".equals(stage.name))
            {
                event.hasSignal = false;
            }
            if (stage.orderPath)
            {
                event.hasIntent = false;
                final boolean published = haltPublisher.publishAdminCommand(
                    0, AdminCommandType.KILL_ENGAGE, 0, CommandOrigin.ENGINE, "engine",
                    "fault in stage " + stage.name + ": " + error.getClass().getSimpleName(), "", false);
                if (!published)
                {
                    errors.record(stage.name,
                        new IllegalStateException("ring full: the halt command was not published"));
                }
            }
        }

        @Override
        public void onStart()
        {
            for (final Stage stage : stages)
            {
                stage.handler.onStart();
            }
        }

        @Override
        public void onShutdown()
        {
            for (final Stage stage : stages)
            {
                stage.handler.onShutdown();
            }
        }
    }
}
