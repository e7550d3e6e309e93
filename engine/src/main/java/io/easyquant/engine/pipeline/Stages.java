package io.easyquant.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.metrics.PipelineMonitor;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;

import java.util.List;

/**
 * Builds the handlers that run stages on pipeline threads, and holds the pipeline's explicit exception policy:
 * <ul>
 *   <li>Every exception is recorded in the {@link ErrorLog} (once per distinct error, then counted) and counted as a
 *       stage error; the thread keeps running and later stages still see the event.</li>
 *   <li>An exception in signal drops the event's signal; in risk, its intent (nothing unchecked leaves).</li>
 *   <li>An exception on the order path (ingest, risk or execution) halts trading: a kill-switch command from the
 *       engine enters the ring and is journaled like any other input. A fault on that command itself (the journal
 *       refuses every append, e.g. a full disk) publishes no further one: the failures never feed themselves.</li>
 * </ul>
 *
 * <p>Each group also reports to the {@link PipelineMonitor}: at the end of every batch, the last sequence and event
 * time its stages finished; on sampled events, each stage's service time (and, for the group that runs the
 * first stage, the event's wait in the ring). Stages whose names the monitor does not know are not reported.
 */
public final class Stages
{
    private final ErrorLog errors;
    private final EngineCounters counters;
    private final PipelineMonitor monitor;

    /**
     * Stages that report to no monitor.
     */
    public Stages(final ErrorLog errors, final EngineCounters counters)
    {
        this(errors, counters, new PipelineMonitor(List.of(), 1));
    }

    public Stages(final ErrorLog errors, final EngineCounters counters, final PipelineMonitor monitor)
    {
        this.errors = errors;
        this.counters = counters;
        this.monitor = monitor;
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
        private final int[] monitorIndex;
        private final boolean monitored;
        private final boolean timesQueue;
        private final InboundPublisher haltPublisher;
        private final AdminCommandCodec command = new AdminCommandCodec();

        Group(final Stage[] stages, final InboundPublisher haltPublisher)
        {
            this.stages = stages;
            this.haltPublisher = haltPublisher;
            monitorIndex = new int[stages.length];
            boolean all = stages.length > 0;
            for (int i = 0; i < stages.length; i++)
            {
                monitorIndex[i] = monitor.stageIndex(stages[i].name);
                all &= monitorIndex[i] >= 0;
            }
            monitored = all;
            timesQueue = all && monitorIndex[0] == 0;
            if (monitored)
            {
                monitor.onGroup(monitorIndex);
            }
        }

        @Override
        public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
        {
            final boolean timed = monitored && monitor.isSampled(sequence);
            long startNs = timed ? System.nanoTime() : 0;
            if (timed && timesQueue)
            {
                monitor.recordQueue(startNs - event.publishNanoTime);
            }
            for (int i = 0; i < stages.length; i++)
            {
                final Stage stage = stages[i];
                try
                {
                    stage.handler.onEvent(event, sequence, endOfBatch);
                }
                catch (final Throwable error)
                {
                    onStageError(stage, event, error);
                }
                if (timed)
                {
                    final long endNs = System.nanoTime();
                    monitor.recordStage(monitorIndex[i], endNs - startNs);
                    startNs = endNs;
                }
            }
            if (endOfBatch && monitored)
            {
                monitor.onProcessed(monitorIndex[0], sequence, RecordHeader.timeNs(event.record, 0));
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
                if (isEngineHalt(event))
                {
                    return;
                }
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

        private boolean isEngineHalt(final EngineEvent event)
        {
            if (RecordHeader.templateId(event.record, 0) != RecordType.ADMIN_COMMAND.code())
            {
                return false;
            }
            command.wrap(event.record, 0);
            return command.command() == AdminCommandType.KILL_ENGAGE && command.origin() == CommandOrigin.ENGINE;
        }

        @Override
        public void onStart()
        {
            for (int i = 0; i < stages.length; i++)
            {
                if (monitored)
                {
                    monitor.onStart(monitorIndex[i], Thread.currentThread().getName());
                }
                stages[i].handler.onStart();
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
