package io.easyquant.engine.execution;

import com.lmax.disruptor.EventHandler;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.metrics.OrderBoard;
import io.easyquant.engine.metrics.PipelineMonitor;
import io.easyquant.engine.order.Order;
import io.easyquant.engine.order.OrderState;
import io.easyquant.engine.order.OrderTracker;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.ExecIdFilter;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.engine.state.ExecutionStateRecorder;
import io.easyquant.engine.venue.Venue;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CancelCodec;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.OrderIntentCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.RiskDecisionCodec;
import io.easyquant.journal.codec.SignalCodec;
import io.easyquant.journal.codec.TradingState;
import io.easyquant.journal.codec.TradingStateChangeCodec;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * The execution stage: sends accepted intents to the venue as orders, runs every order through the
 * {@link io.easyquant.engine.order.OrderStateMachine order state machine}, keeps positions and PnL, journals every
 * trading-state transition the risk stage marks on the slot, and cancels every working order when the slot says so
 * (the engine became HALTED, or a kill-switch command came while HALTED).
 *
 * <p>Execution reports are applied only when legal: an unknown order, an illegal transition or an overfill is counted
 * and ignored. Fills update the {@link PositionBook} at the fill price with the venue's fee. The venue sees every valid
 * input first ({@link Venue#onInput}), so a simulated venue moves with event time.
 *
 * <p>Every decision on an event is appended to the output journal, in this order: a trading-state transition, the
 * signal, the order intent and its risk decision, the cancels (each before it is sent), the order (before it is handed
 * to the venue). Each output record carries the sequence and time of the input that caused it.
 *
 * <p>Each change of an order is published to the {@link OrderBoard} for the outside; the tick-to-trade latency of
 * every order caused by market data (its publish to the hand-off to the venue) is recorded in the
 * {@link PipelineMonitor}.
 *
 * <p>A {@link AdminCommandType#SESSION_START session start} (the first input of every run, after the recovery replay)
 * asks the venue to {@link Venue#reconcile reconcile} against what the journal holds: the highest exec id ingest had
 * seen when it met the session start ({@link ExecIdFilter#highestAtSessionStart()}) and the orders this stage believes
 * working, before the venue sees the input itself (so the reports it republishes reach the ring ahead of any it
 * settles at that moment). If the engine is HALTED, the risk stage marks the slot ({@link EngineEvent#cancelAgain})
 * and a cancel for every working order is then journaled and sent again, whether or not one was sent before the
 * restart (a cancel is idempotent).
 *
 * <p>Single-threaded; no allocation, logging or locking.
 */
public final class ExecutionHandler implements EventHandler<EngineEvent>
{
    private final Venue venue;
    private final EngineCounters counters;
    private final RecordSink outputs;
    private final OrderTracker orders;
    private final PositionBook positions;
    private final OrderBoard board;
    private final PipelineMonitor monitor;
    private final ExecIdFilter execIds;
    private final long[] workingClOrdIds;
    private final int[] workingInstrumentIds;
    private final byte[] workingSides;
    private final ExecutionStateRecorder state;
    private int tradingState = TradingState.ACTIVE;
    private long lastTimeNs;

    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final UnsafeBuffer output = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final SignalCodec signalRecord = new SignalCodec();
    private final OrderIntentCodec intentRecord = new OrderIntentCodec();
    private final RiskDecisionCodec decisionRecord = new RiskDecisionCodec();
    private final OrderCodec orderRecord = new OrderCodec();
    private final CancelCodec cancelRecord = new CancelCodec();
    private final TradingStateChangeCodec stateRecord = new TradingStateChangeCodec();
    private final AdminCommandCodec command = new AdminCommandCodec();
    private final int[] instrumentIds;
    private long causeSequence;
    private long causeTimeNs;

    /**
     * An execution stage that journals nothing (for tests of its logic alone).
     */
    public ExecutionHandler(
        final Instruments instruments,
        final ExecutionContext context,
        final Venue venue,
        final EngineCounters counters)
    {
        this(instruments, context, venue, counters, RecordSink.NONE);
    }

    /**
     * An execution stage whose order board and latency stay to itself.
     *
     * @param outputs where every decision is appended, before it takes effect.
     */
    public ExecutionHandler(
        final Instruments instruments,
        final ExecutionContext context,
        final Venue venue,
        final EngineCounters counters,
        final RecordSink outputs)
    {
        this(instruments, context, venue, counters, outputs,
            new OrderBoard(context.maxWorkingOrders(), OrderBoard.DEFAULT_RECENT_CAPACITY),
            new PipelineMonitor(List.of(), 1));
    }

    /**
     * @param outputs where every decision is appended, before it takes effect.
     * @param board   where every change of an order is published; its working capacity must be the context's
     *                {@code maxWorkingOrders}.
     * @param monitor where tick-to-trade latency is recorded.
     */
    public ExecutionHandler(
        final Instruments instruments,
        final ExecutionContext context,
        final Venue venue,
        final EngineCounters counters,
        final RecordSink outputs,
        final OrderBoard board,
        final PipelineMonitor monitor)
    {
        this(instruments, context, venue, counters, outputs, board, monitor, new ExecIdFilter(),
            ExecutionStateRecorder.NONE);
    }

    /**
     * @param outputs where every decision is appended, before it takes effect.
     * @param board   where every change of an order is published; its working capacity must be the context's
     *                {@code maxWorkingOrders}.
     * @param monitor where tick-to-trade latency is recorded.
     * @param execIds the ingest stage's exec ids, read at a session start for the venue's reconciliation.
     * @param state   where every change of an order or a position is mirrored, tagged with the causing input.
     */
    public ExecutionHandler(
        final Instruments instruments,
        final ExecutionContext context,
        final Venue venue,
        final EngineCounters counters,
        final RecordSink outputs,
        final OrderBoard board,
        final PipelineMonitor monitor,
        final ExecIdFilter execIds,
        final ExecutionStateRecorder state)
    {
        if (board.workingCapacity() != context.maxWorkingOrders())
        {
            throw new IllegalArgumentException("board: expected a working capacity of " +
                context.maxWorkingOrders() + ", got " + board.workingCapacity());
        }
        this.venue = venue;
        this.counters = counters;
        this.outputs = outputs;
        this.board = board;
        this.monitor = monitor;
        this.execIds = execIds;
        workingClOrdIds = new long[context.maxWorkingOrders()];
        workingInstrumentIds = new int[context.maxWorkingOrders()];
        workingSides = new byte[context.maxWorkingOrders()];
        this.state = state;
        orders = new OrderTracker(context.maxWorkingOrders(), instruments.count());
        positions = new PositionBook(instruments);
        instrumentIds = new int[instruments.count()];
        for (int i = 0; i < instrumentIds.length; i++)
        {
            instrumentIds[i] = instruments.at(i).id();
        }
        counters.set(EngineCounters.TRADING_STATE, tradingState);
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.ingestReject == 0)
        {
            handle(event);
        }
        if (endOfBatch)
        {
            venue.onEndOfBatch(lastTimeNs);
        }
    }

    private void handle(final EngineEvent event)
    {
        final long nowNs = RecordHeader.timeNs(event.record, 0);
        lastTimeNs = nowNs;
        causeSequence = RecordHeader.sequence(event.record, 0);
        causeTimeNs = nowNs;
        final int templateId = event.templateId;
        if (templateId == RecordType.ADMIN_COMMAND.code() && isSessionStart(event))
        {
            // Before the venue moves on with this input: the reports it logged that the journal lacks must reach the
            // ring ahead of any it settles now (a cancel due since the restart must not overtake a lost fill).
            onSessionStart(nowNs);
        }
        venue.onInput(event.record, 0, nowNs);
        if (event.stateChanged)
        {
            onStateChange(event);
        }
        journalDecisions(event);

        if (templateId == RecordType.EXECUTION_REPORT.code())
        {
            onExecutionReport(event);
        }
        if (event.cancelAll)
        {
            cancelAll(event, nowNs);
        }

        final int index = event.instrumentIndex;
        if (index >= 0 && event.markTicks > 0)
        {
            positions.mark(index, event.markTicks);
        }

        if (event.hasIntent && event.riskReason == 0)
        {
            send(event, nowNs);
        }
        if (index >= 0)
        {
            publishInstrument(index);
        }
    }

    private void journalDecisions(final EngineEvent event)
    {
        if (event.hasSignal)
        {
            signalRecord.wrapForEncode(output, 0, 0);
            signalRecord.instrumentId(instrumentIds[event.instrumentIndex])
                .causeSequence(causeSequence)
                .targetLots(event.signalTargetLots)
                .score(event.signalScore);
            journal(signalRecord.encodedLength());
        }
        if (event.hasIntent)
        {
            final int instrumentId = instrumentIds[event.intentInstrumentIndex];
            intentRecord.wrapForEncode(output, 0, 0);
            intentRecord.instrumentId(instrumentId)
                .side(event.intentSide)
                .orderType(event.intentOrderType)
                .intentId(event.intentId)
                .causeSequence(causeSequence)
                .qtyLots(event.intentQtyLots)
                .limitPriceTicks(event.intentLimitPriceTicks)
                .targetLots(event.intentTargetLots);
            journal(intentRecord.encodedLength());
            decisionRecord.wrapForEncode(output, 0, 0);
            decisionRecord.instrumentId(instrumentId)
                .reasonCode(event.riskReason)
                .intentId(event.intentId)
                .causeSequence(causeSequence)
                .observed(event.riskObserved)
                .limit(event.riskLimit);
            journal(decisionRecord.encodedLength());
        }
    }

    private void journal(final int length)
    {
        RecordHeader.stamp(output, 0, causeSequence, causeTimeNs);
        outputs.append(output, 0, length);
    }

    private void send(final EngineEvent event, final long nowNs)
    {
        final int index = event.intentInstrumentIndex;
        final long clOrdId = event.intentId;
        if (!orders.onNewOrder(clOrdId, index, event.intentSide, event.intentOrderType, event.intentQtyLots,
            event.intentLimitPriceTicks, nowNs))
        {
            counters.increment(EngineCounters.SEND_REFUSALS);
            return;
        }
        final Order sent = orders.find(clOrdId);
        state.order(sent, causeSequence);
        orderRecord.wrapForEncode(output, 0, 0);
        orderRecord.instrumentId(instrumentIds[index])
            .side(event.intentSide)
            .orderType(event.intentOrderType)
            .clOrdId(clOrdId)
            .intentId(event.intentId)
            .qtyLots(event.intentQtyLots)
            .limitPriceTicks(event.intentLimitPriceTicks)
            .causeSequence(causeSequence);
        journal(orderRecord.encodedLength());
        event.sentClOrdId = clOrdId;
        counters.increment(EngineCounters.ORDERS_SENT);
        if (event.priceUpdated)
        {
            monitor.recordTickToTrade(System.nanoTime() - event.publishNanoTime);
        }
        venue.send(clOrdId, instrumentIds[index], event.intentSide, event.intentOrderType, event.intentQtyLots,
            event.intentLimitPriceTicks, nowNs);
        board.onWorking(sent, nowNs, 0);
    }

    private void onExecutionReport(final EngineEvent event)
    {
        report.wrap(event.record, 0);
        final byte execType = report.execType();
        final long lastQtyLots = report.lastQtyLots();
        final long lastPriceTicks = report.lastPriceTicks();
        final int result = orders.onExecutionReport(report.clOrdId(), execType, lastQtyLots, lastPriceTicks);
        switch (result)
        {
            case OrderTracker.APPLIED:
                break;
            case OrderTracker.UNKNOWN_ORDER:
                counters.increment(EngineCounters.UNKNOWN_ORDER_REPORTS);
                return;
            case OrderTracker.OVERFILL:
                counters.increment(EngineCounters.OVERFILLS);
                return;
            case OrderTracker.BAD_FILL:
                counters.increment(EngineCounters.BAD_FILLS);
                return;
            default:
                counters.increment(EngineCounters.ILLEGAL_TRANSITIONS);
                return;
        }
        final Order order = orders.lastOrder();
        state.order(order, causeSequence);
        final long fillPriceTicks = ExecType.isFill(execType) ? lastPriceTicks : 0;
        if (OrderState.isTerminal(order.state()))
        {
            board.onCompleted(order, lastTimeNs, fillPriceTicks);
        }
        else
        {
            board.onWorking(order, lastTimeNs, fillPriceTicks);
        }
        switch (execType)
        {
            case ExecType.ACK:
                counters.increment(EngineCounters.ACKS);
                break;
            case ExecType.PARTIAL_FILL:
                counters.increment(EngineCounters.PARTIAL_FILLS);
                applyFill(order, lastQtyLots, lastPriceTicks);
                break;
            case ExecType.FILL:
                counters.increment(EngineCounters.FILLS);
                applyFill(order, lastQtyLots, lastPriceTicks);
                break;
            case ExecType.CANCELLED:
                counters.increment(EngineCounters.CANCELLED);
                break;
            case ExecType.REJECTED:
                counters.increment(EngineCounters.VENUE_REJECTS);
                break;
            case ExecType.EXPIRED:
                counters.increment(EngineCounters.EXPIRED);
                break;
            case ExecType.CANCEL_REJECTED:
                counters.increment(EngineCounters.CANCEL_REJECTS);
                break;
            default:
                break;
        }
    }

    private void applyFill(final Order order, final long lastQtyLots, final long lastPriceTicks)
    {
        final int index = order.instrumentIndex();
        positions.applyFill(index, order.side(), lastQtyLots, lastPriceTicks, report.feeCash());
        counters.setInstrument(index, EngineCounters.INSTRUMENT_FILLS, positions.fills(index));
        state.position(index, positions, causeSequence);
    }

    /**
     * The risk stage moved the trading state on this event: journal the transition, with who and why.
     */
    private void onStateChange(final EngineEvent event)
    {
        stateRecord.wrapForEncode(output, 0, 0);
        stateRecord.previousState(event.statePrevious)
            .newState(event.stateNew)
            .origin(event.stateOrigin)
            .ruleCode(event.stateRule)
            .command(event.stateCommand)
            .causeSequence(causeSequence)
            .observed(event.stateObserved)
            .limit(event.stateLimit);
        journal(stateRecord.encodedLength());
        tradingState = event.stateNew;
        counters.set(EngineCounters.TRADING_STATE, tradingState);
    }

    private boolean isSessionStart(final EngineEvent event)
    {
        command.wrap(event.record, 0);
        return command.command() == AdminCommandType.SESSION_START;
    }

    private void onSessionStart(final long nowNs)
    {
        int count = 0;
        for (int slot = 0, capacity = orders.capacity(); slot < capacity; slot++)
        {
            final Order working = orders.workingAt(slot);
            if (working != null)
            {
                workingClOrdIds[count] = working.clOrdId();
                workingInstrumentIds[count] = instrumentIds[working.instrumentIndex()];
                workingSides[count] = working.side();
                count++;
            }
        }
        venue.reconcile(
            execIds.highestAtSessionStart(), workingClOrdIds, workingInstrumentIds, workingSides, count, nowNs);
    }

    /**
     * Cancel every working order whose cancel was not requested yet; with {@link EngineEvent#cancelAgain} every
     * working order (after a restart, a request may be lost).
     */
    private void cancelAll(final EngineEvent event, final long nowNs)
    {
        final boolean again = event.cancelAgain;
        for (int slot = 0, capacity = orders.capacity(); slot < capacity; slot++)
        {
            final Order working = orders.workingAt(slot);
            if (working != null && (again || !working.cancelRequested()))
            {
                orders.markCancelRequested(working.clOrdId());
                state.order(working, causeSequence);
                board.onWorking(working, nowNs, 0);
                cancelRecord.wrapForEncode(output, 0, 0);
                cancelRecord.instrumentId(instrumentIds[working.instrumentIndex()])
                    .reasonCode(CancelReason.TRADING_HALTED)
                    .clOrdId(working.clOrdId())
                    .causeSequence(causeSequence)
                    .leavesQtyLots(working.leavesQtyLots());
                journal(cancelRecord.encodedLength());
                venue.cancel(working.clOrdId(), instrumentIds[working.instrumentIndex()], nowNs);
                event.cancelsSent++;
                counters.increment(EngineCounters.CANCELS_SENT);
            }
        }
    }

    private void publishInstrument(final int index)
    {
        counters.setInstrument(index, EngineCounters.POSITION_LOTS, positions.positionLots(index));
        counters.setInstrument(index, EngineCounters.COST_CASH, positions.costCash(index));
        counters.setInstrument(index, EngineCounters.REALIZED_CASH, positions.realizedCash(index));
        counters.setInstrument(index, EngineCounters.UNREALIZED_CASH, positions.unrealizedCash(index));
        counters.setInstrument(index, EngineCounters.FEES_CASH, positions.feesCash(index));
        counters.setInstrument(index, EngineCounters.MARK_TICKS, positions.markTicks(index));
    }

    /**
     * The stage's positions. Read only from the stage's own thread (or after the pipeline has stopped).
     */
    public PositionBook positions()
    {
        return positions;
    }

    /**
     * The stage's working orders. Read only from the stage's own thread (or after the pipeline has stopped).
     */
    public OrderTracker orders()
    {
        return orders;
    }

    public int tradingState()
    {
        return tradingState;
    }

    public OrderBoard board()
    {
        return board;
    }
}
