package io.easyquant.engine.risk;

import com.lmax.disruptor.EventHandler;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.metrics.RiskRejections;
import io.easyquant.engine.order.Order;
import io.easyquant.engine.order.OrderState;
import io.easyquant.engine.order.OrderTracker;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradingState;

import java.util.Arrays;

/**
 * The risk stage: plans the order that moves an instrument toward its target and checks it before anything leaves.
 *
 * <p>Planning: the latest target per instrument (from the signal stage) is compared with the position; the difference
 * becomes one order intent, sized in full (never split), while no order is working on the instrument. An intent that
 * risk rejected is not planned again until the target, the position or the trading state changes, or, for a rejection
 * that time cures, until the cure: a price for {@link RiskReason#NO_REFERENCE_PRICE}, a completed order for
 * {@link RiskReason#MAX_OPEN_ORDERS}.
 *
 * <p>Checks, in order, each with a {@link RiskReason}: trading state HALTED; REDUCING allows only orders that shrink
 * the position; a reference price must exist; max order quantity; max position (position + working orders + this
 * order, long or short); max working orders.
 *
 * <p>The stage keeps its own view of positions and working orders, built from the same ring events as the execution
 * stage's (accepted intents become orders with {@code clOrdId == intentId}; execution reports), so both agree under
 * any thread layout without sharing memory.
 *
 * <p>Every rejection is counted by reason and its detail published to {@link RiskRejections} for the outside.
 *
 * <p>Single-threaded; no allocation.
 */
public final class RiskHandler implements EventHandler<EngineEvent>
{
    private final RiskLimits limits;
    private final ExecutionContext execution;
    private final EngineCounters counters;
    private final RiskRejections rejections;
    private final OrderTracker orders;
    private final long[] positionLots;
    private final long[] markTicks;
    private final long[] bidTicks;
    private final long[] askTicks;
    private final long[] targetLots;
    private final boolean[] hasTarget;
    private final boolean[] blocked;
    private final int[] blockedReason;
    private int tradingState = TradingState.ACTIVE;
    private long nextIntentId;

    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final AdminCommandCodec command = new AdminCommandCodec();

    /**
     * A risk stage that keeps its recent rejections to itself.
     *
     * @param firstIntentId the first intent id (and client order id) to use; ids increase by one per intent.
     */
    public RiskHandler(
        final int instrumentCount,
        final RiskLimits limits,
        final ExecutionContext execution,
        final EngineCounters counters,
        final long firstIntentId)
    {
        this(instrumentCount, limits, execution, counters, firstIntentId,
            new RiskRejections(RiskRejections.DEFAULT_CAPACITY));
    }

    /**
     * @param firstIntentId the first intent id (and client order id) to use; ids increase by one per intent.
     * @param rejections    where the detail of each rejection is published.
     */
    public RiskHandler(
        final int instrumentCount,
        final RiskLimits limits,
        final ExecutionContext execution,
        final EngineCounters counters,
        final long firstIntentId,
        final RiskRejections rejections)
    {
        this.limits = limits;
        this.execution = execution;
        this.counters = counters;
        this.rejections = rejections;
        orders = new OrderTracker(execution.maxWorkingOrders(), instrumentCount);
        positionLots = new long[instrumentCount];
        markTicks = new long[instrumentCount];
        bidTicks = new long[instrumentCount];
        askTicks = new long[instrumentCount];
        targetLots = new long[instrumentCount];
        hasTarget = new boolean[instrumentCount];
        blocked = new boolean[instrumentCount];
        blockedReason = new int[instrumentCount];
        nextIntentId = firstIntentId;
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.ingestReject != 0)
        {
            return;
        }
        final int index = event.instrumentIndex;
        if (index >= 0 && event.markTicks > 0)
        {
            markTicks[index] = event.markTicks;
            bidTicks[index] = event.bidTicks;
            askTicks[index] = event.askTicks;
            if (event.priceUpdated && blockedReason[index] == RiskReason.NO_REFERENCE_PRICE)
            {
                blocked[index] = false;
            }
        }

        final int templateId = event.templateId;
        if (templateId == RecordType.EXECUTION_REPORT.code())
        {
            onExecutionReport(event);
        }
        else if (templateId == RecordType.ADMIN_COMMAND.code())
        {
            onCommand(event);
            return;
        }

        if (index < 0)
        {
            return;
        }
        if (event.hasSignal)
        {
            if (!hasTarget[index] || targetLots[index] != event.signalTargetLots)
            {
                blocked[index] = false;
            }
            targetLots[index] = event.signalTargetLots;
            hasTarget[index] = true;
        }
        plan(index, event);
    }

    private void onExecutionReport(final EngineEvent event)
    {
        report.wrap(event.record, 0);
        final byte execType = report.execType();
        final long lastQtyLots = report.lastQtyLots();
        if (orders.onExecutionReport(report.clOrdId(), execType, lastQtyLots, report.lastPriceTicks()) !=
            OrderTracker.APPLIED)
        {
            return;
        }
        final Order order = orders.lastOrder();
        if (ExecType.isFill(execType))
        {
            positionLots[order.instrumentIndex()] += Side.sign(order.side()) * lastQtyLots;
            blocked[order.instrumentIndex()] = false;
        }
        else if (OrderState.isTerminal(order.state()))
        {
            blocked[order.instrumentIndex()] = false;
        }
        if (OrderState.isTerminal(order.state()))
        {
            for (int i = 0; i < blocked.length; i++)
            {
                if (blockedReason[i] == RiskReason.MAX_OPEN_ORDERS)
                {
                    blocked[i] = false;
                }
            }
        }
    }

    private void onCommand(final EngineEvent event)
    {
        command.wrap(event.record, 0);
        final int previous = tradingState;
        switch (command.command())
        {
            case AdminCommandType.KILL_ENGAGE:
                tradingState = TradingState.HALTED;
                break;
            case AdminCommandType.KILL_RELEASE:
                tradingState = TradingState.ACTIVE;
                break;
            case AdminCommandType.SET_TRADING_STATE:
                tradingState = command.argument();
                break;
            default:
                break;
        }
        if (tradingState != previous)
        {
            Arrays.fill(blocked, false);
        }
    }

    private void plan(final int index, final EngineEvent event)
    {
        if (!hasTarget[index] || blocked[index] || orders.workingCount(index) > 0)
        {
            return;
        }
        final long position = positionLots[index];
        final long deltaLots = targetLots[index] - position;
        if (deltaLots == 0)
        {
            return;
        }
        final byte side = deltaLots > 0 ? Side.BUY : Side.SELL;
        final long qtyLots = Math.abs(deltaLots);
        final byte orderType = execution.orderType();
        long limitPriceTicks = 0;
        if (orderType == OrderType.LIMIT)
        {
            limitPriceTicks = side == Side.BUY ?
                (askTicks[index] > 0 ? askTicks[index] + execution.limitOffsetTicks() : 0) :
                (bidTicks[index] > 0 ? Math.max(1, bidTicks[index] - execution.limitOffsetTicks()) : 0);
        }

        final long intentId = nextIntentId++;
        event.hasIntent = true;
        event.intentInstrumentIndex = index;
        event.intentId = intentId;
        event.intentSide = side;
        event.intentOrderType = orderType;
        event.intentQtyLots = qtyLots;
        event.intentLimitPriceTicks = limitPriceTicks;
        event.intentTargetLots = targetLots[index];
        counters.increment(EngineCounters.INTENTS);

        final int reason = check(index, side, qtyLots, orderType, limitPriceTicks, event);
        event.riskReason = reason;
        if (reason != RiskReason.ACCEPTED)
        {
            blocked[index] = true;
            blockedReason[index] = reason;
            counters.increment(EngineCounters.RISK_REJECTS);
            counters.incrementRiskReject(reason);
            rejections.onRejected(RecordHeader.sequence(event.record, 0), RecordHeader.timeNs(event.record, 0), index,
                intentId, side, qtyLots, reason, event.riskObserved, event.riskLimit, tradingState);
            return;
        }
        orders.onNewOrder(intentId, index, side, orderType, qtyLots, limitPriceTicks, 0);
    }

    private int check(
        final int index,
        final byte side,
        final long qtyLots,
        final byte orderType,
        final long limitPriceTicks,
        final EngineEvent event)
    {
        final long position = positionLots[index];
        final long signedQty = side == Side.BUY ? qtyLots : -qtyLots;
        if (tradingState == TradingState.HALTED)
        {
            return reject(event, tradingState, TradingState.ACTIVE, RiskReason.TRADING_HALTED);
        }
        if (tradingState == TradingState.REDUCING)
        {
            final long after = position + signedQty;
            final boolean reduces = position != 0 && Math.abs(after) < Math.abs(position) &&
                (after == 0 || (after > 0) == (position > 0));
            if (!reduces)
            {
                return reject(event, Math.abs(after), Math.abs(position), RiskReason.REDUCE_ONLY);
            }
        }
        if (markTicks[index] <= 0 || (orderType == OrderType.LIMIT && limitPriceTicks <= 0))
        {
            return reject(event, 0, 1, RiskReason.NO_REFERENCE_PRICE);
        }
        if (qtyLots > limits.maxOrderQtyLots(index))
        {
            return reject(event, qtyLots, limits.maxOrderQtyLots(index), RiskReason.MAX_ORDER_QTY);
        }
        final long projected = Math.abs(position + orders.workingSignedLots(index) + signedQty);
        if (projected > limits.maxPositionLots(index))
        {
            return reject(event, projected, limits.maxPositionLots(index), RiskReason.MAX_POSITION);
        }
        if (orders.isFull())
        {
            return reject(event, orders.openOrders() + 1, orders.capacity(), RiskReason.MAX_OPEN_ORDERS);
        }
        return RiskReason.ACCEPTED;
    }

    private static int reject(final EngineEvent event, final long observed, final long limit, final int reason)
    {
        event.riskObserved = observed;
        event.riskLimit = limit;
        return reason;
    }

    public int tradingState()
    {
        return tradingState;
    }

    public long positionLots(final int index)
    {
        return positionLots[index];
    }

    public RiskRejections rejections()
    {
        return rejections;
    }

    /**
     * @return the intent (and client order) id the next intent will take. Read from the stage's own thread or after
     * the pipeline has stopped.
     */
    public long nextIntentId()
    {
        return nextIntentId;
    }
}
