package io.easyquant.engine.risk;

import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradingState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives {@link RiskHandler} with a long seeded stream of prices, targets, execution reports and state commands, and
 * checks every intent it plans against a model kept by this test: the intent is planned exactly when the model says
 * one is due, with the model's side and quantity, and the risk decision is the one the model computes. Independently
 * of that, every accepted intent is checked against the safety properties themselves (order size, projected
 * position with every working order counted, trading state, open-order capacity, reference price).
 *
 * <p>Note: the risk stage plans only while no order works on the instrument, so the working quantity in the max
 * position check is always zero for that instrument in practice; the model still counts it.
 */
class RiskHandlerPropertyTest
{
    private static final int INSTRUMENTS = 4;
    private static final int TRADE_ONLY_INSTRUMENT = 3;
    private static final long FIRST_INTENT_ID = 1_000_000;
    private static final long UNKNOWN_CLORDID = 17;
    private static final int SOURCE_ID = 9;

    private static final int NEW = 1;
    private static final int ACKED = 2;
    private static final int PARTIALLY_FILLED = 3;

    /** One working order as the model sees it. */
    private static final class ModelOrder
    {
        long clOrdId;
        int index;
        byte side;
        long leavesLots;
        int state;
    }

    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final AdminCommandCodec command = new AdminCommandCodec();

    // ---- the model -----------------------------------------------------------------------------------------------
    private long[] maxOrderQty;
    private long[] maxPosition;
    private final long[] position = new long[INSTRUMENTS];
    private final long[] target = new long[INSTRUMENTS];
    private final boolean[] hasTarget = new boolean[INSTRUMENTS];
    private final boolean[] blocked = new boolean[INSTRUMENTS];
    private final int[] blockedReason = new int[INSTRUMENTS];
    private final long[] mark = new long[INSTRUMENTS];
    private final long[] bid = new long[INSTRUMENTS];
    private final long[] ask = new long[INSTRUMENTS];
    private final long[] walk = new long[INSTRUMENTS];
    private final List<ModelOrder> working = new ArrayList<>();
    private int state = TradingState.ACTIVE;
    private long nextIntentId = FIRST_INTENT_ID;
    private final long[] rejectsByReason = new long[RiskReason.COUNT];
    private long intents;

    @ParameterizedTest(name = "seed {0}, order type {1}, {2} working orders")
    @CsvSource({
        "20240611, 2, 3, 600000",
        "77, 1, 2, 400000"})
    void shouldOnlyAcceptIntentsWithinLimitsAndStateRules(
        final long seed, final byte orderType, final int maxWorkingOrders, final int intentCount)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        maxOrderQty = new long[INSTRUMENTS];
        maxPosition = new long[INSTRUMENTS];
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            maxOrderQty[i] = 1 + random.nextInt(40);
            maxPosition[i] = random.nextInt(61);
            walk[i] = 50 + random.nextInt(100);
        }
        final long limitOffsetTicks = random.nextInt(4);
        final ExecutionContext execution = new ExecutionContext(orderType, limitOffsetTicks, maxWorkingOrders);
        final EngineCounters counters = new EngineCounters(INSTRUMENTS);
        final RiskHandler handler = new RiskHandler(
            INSTRUMENTS, new RiskLimits(maxOrderQty, maxPosition), execution, counters, FIRST_INTENT_ID);
        final EngineEvent event = new EngineEvent();
        final long quotesFromStep = intentCount / 4;

        long step = 0;
        while (intents < intentCount)
        {
            step++;
            prepare(event);
            final int roll = random.nextInt(100);
            if (roll < 40)
            {
                price(random, event, step >= quotesFromStep, true);
            }
            else if (roll < 85)
            {
                executionReport(random, event);
            }
            else if (roll < 88)
            {
                stateCommand(random, event);
            }
            else if (roll < 90)
            {
                ignoredEvent(random, event);
            }
            else
            {
                price(random, event, step >= quotesFromStep, false);
            }

            handler.onEvent(event, step, true);
            verify(event, execution, step);
            if (event.instrumentIndex >= 0 && handler.positionLots(event.instrumentIndex) !=
                position[event.instrumentIndex])
            {
                fail("step " + step + ": position " + handler.positionLots(event.instrumentIndex) + ", model " +
                    position[event.instrumentIndex]);
            }
            assertEquals(state, handler.tradingState());
        }

        assertEquals(intents, counters.get(EngineCounters.INTENTS));
        long rejects = 0;
        for (int reason = RiskReason.TRADING_HALTED; reason < RiskReason.COUNT; reason++)
        {
            assertEquals(rejectsByReason[reason], counters.riskRejects(reason), RiskReason.name(reason));
            rejects += rejectsByReason[reason];
        }
        assertEquals(rejects, counters.get(EngineCounters.RISK_REJECTS));
        // This stream exercises the quantity and state checks; RiskLimitsStreamTest covers the whole set.
        for (int reason = RiskReason.TRADING_HALTED; reason <= RiskReason.NO_REFERENCE_PRICE; reason++)
        {
            if (reason != RiskReason.NO_REFERENCE_PRICE || orderType == OrderType.LIMIT)
            {
                assertTrue(rejectsByReason[reason] > 0, "stream never hit " + RiskReason.name(reason));
            }
        }
        assertTrue(rejectsByReason[RiskReason.ACCEPTED] > intentCount / 10, "too few accepted intents");
    }

    // ---- event generation (updating the model's inputs) -----------------------------------------------------

    private static void prepare(final EngineEvent event)
    {
        event.clearOutputs();
        event.ingestReject = IngestReject.NONE;
        event.instrumentIndex = -1;
        event.markTicks = 0;
        event.bidTicks = 0;
        event.askTicks = 0;
        event.hasIntent = false;
        event.riskObserved = 0;
        event.riskLimit = 0;
    }

    private void price(
        final SplittableRandom random, final EngineEvent event, final boolean quotesForAll, final boolean mayHaveSignal)
    {
        final int index = random.nextInt(INSTRUMENTS);
        walk[index] = Math.max(2, walk[index] + random.nextInt(7) - 3);
        final boolean isQuote = (quotesForAll || index != TRADE_ONLY_INSTRUMENT) && random.nextInt(5) != 0;
        if (isQuote)
        {
            bid[index] = walk[index] - random.nextInt(2);
            ask[index] = walk[index] + 1 + random.nextInt(2);
            mark[index] = (bid[index] + ask[index]) / 2;
            event.templateId = RecordType.QUOTE.code();
        }
        else
        {
            if (bid[index] == 0)
            {
                mark[index] = walk[index];
            }
            event.templateId = RecordType.TRADE.code();
        }
        snapshot(event, index);
        event.priceUpdated = true;
        if (mark[index] > 0 && blockedReason[index] == RiskReason.NO_REFERENCE_PRICE)
        {
            blocked[index] = false;
        }
        if (mayHaveSignal && random.nextInt(100) < 45)
        {
            event.hasSignal = true;
            final long reach = maxPosition[index] + 2;
            event.signalTargetLots = hasTarget[index] && random.nextInt(4) == 0 ?
                target[index] : random.nextLong(2 * reach + 1) - reach;
            if (!hasTarget[index] || target[index] != event.signalTargetLots)
            {
                blocked[index] = false;
            }
            target[index] = event.signalTargetLots;
            hasTarget[index] = true;
        }
    }

    private void snapshot(final EngineEvent event, final int index)
    {
        event.instrumentIndex = index;
        event.markTicks = mark[index];
        event.bidTicks = bid[index];
        event.askTicks = ask[index];
    }

    private void executionReport(final SplittableRandom random, final EngineEvent event)
    {
        event.templateId = RecordType.EXECUTION_REPORT.code();
        if (working.isEmpty() || random.nextInt(50) == 0)
        {
            bogusReport(random, event);
            return;
        }
        final int slot = random.nextInt(working.size());
        final ModelOrder order = working.get(slot);
        snapshot(event, order.index);
        final int roll = random.nextInt(100);
        if (roll < 15 && order.state == NEW)
        {
            encodeReport(event, order, ExecType.ACK, 0);
            order.state = ACKED;
        }
        else if (roll < 45 && order.leavesLots > 1)
        {
            final long qty = 1 + random.nextLong(order.leavesLots - 1);
            encodeReport(event, order, ExecType.PARTIAL_FILL, qty);
            fill(order, qty);
            order.state = PARTIALLY_FILLED;
        }
        else if (roll < 75)
        {
            encodeReport(event, order, ExecType.FILL, order.leavesLots);
            fill(order, order.leavesLots);
            complete(slot, order);
        }
        else if (roll < 85)
        {
            encodeReport(event, order, ExecType.CANCELLED, 0);
            complete(slot, order);
        }
        else if (roll < 90)
        {
            encodeReport(event, order, ExecType.EXPIRED, 0);
            complete(slot, order);
        }
        else if (roll < 95 && order.state == NEW)
        {
            encodeReport(event, order, ExecType.REJECTED, 0);
            complete(slot, order);
        }
        else
        {
            encodeReport(event, order, ExecType.CANCEL_REJECTED, 0);
        }
    }

    /** Reports the tracker must refuse: the model leaves everything as it is. */
    private void bogusReport(final SplittableRandom random, final EngineEvent event)
    {
        final ModelOrder fake = new ModelOrder();
        fake.index = random.nextInt(INSTRUMENTS);
        fake.side = Side.BUY;
        fake.clOrdId = UNKNOWN_CLORDID;
        byte execType = ExecType.FILL;
        long qty = 1;
        if (!working.isEmpty())
        {
            final ModelOrder order = working.get(random.nextInt(working.size()));
            fake.index = order.index;
            fake.side = order.side;
            fake.clOrdId = order.clOrdId;
            switch (random.nextInt(3))
            {
                case 0:
                    execType = ExecType.PARTIAL_FILL;
                    qty = order.leavesLots + 1;
                    break;
                case 1:
                    execType = ExecType.FILL;
                    qty = 0;
                    break;
                default:
                    execType = order.state == NEW ? ExecType.FILL : ExecType.ACK;
                    qty = order.state == NEW ? order.leavesLots + 1 : 0;
                    break;
            }
        }
        snapshot(event, fake.index);
        encodeReport(event, fake, execType, qty);
    }

    private void encodeReport(final EngineEvent event, final ModelOrder order, final byte execType, final long qtyLots)
    {
        report.wrapForEncode(event.record, 0, SOURCE_ID);
        report.instrumentId(order.index + 1).execType(execType).side(order.side).clOrdId(order.clOrdId)
            .lastQtyLots(qtyLots).lastPriceTicks(qtyLots > 0 ? Math.max(1, mark[order.index]) : 0);
    }

    private void fill(final ModelOrder order, final long qtyLots)
    {
        order.leavesLots -= qtyLots;
        position[order.index] += order.side == Side.BUY ? qtyLots : -qtyLots;
        blocked[order.index] = false;
    }

    private void complete(final int slot, final ModelOrder order)
    {
        working.remove(slot);
        blocked[order.index] = false;
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            if (blockedReason[i] == RiskReason.MAX_OPEN_ORDERS)
            {
                blocked[i] = false;
            }
        }
    }

    private void stateCommand(final SplittableRandom random, final EngineEvent event)
    {
        final int roll = random.nextInt(20);
        final int type;
        int argument = 0;
        if (roll < 2)
        {
            type = AdminCommandType.KILL_ENGAGE;
        }
        else if (roll < 12)
        {
            type = AdminCommandType.KILL_RELEASE;
        }
        else
        {
            type = AdminCommandType.SET_TRADING_STATE;
            argument = roll < 15 ? TradingState.REDUCING : roll < 19 ? TradingState.ACTIVE : TradingState.HALTED;
        }
        command.wrapForEncode(event.record, 0, SOURCE_ID);
        command.command(type).argument(argument).origin(CommandOrigin.RISK_RULE);
        event.templateId = RecordType.ADMIN_COMMAND.code();

        // Only KILL_RELEASE leaves HALTED; it does nothing elsewhere.
        final int next = type == AdminCommandType.KILL_ENGAGE ? TradingState.HALTED :
            type == AdminCommandType.KILL_RELEASE ? (state == TradingState.HALTED ? TradingState.ACTIVE : state) :
            state == TradingState.HALTED ? TradingState.HALTED : argument;
        if (next != state)
        {
            state = next;
            Arrays.fill(blocked, false);
        }
    }

    /** A timer tick, or a price update with a signal that ingest rejected: neither may change anything. */
    private void ignoredEvent(final SplittableRandom random, final EngineEvent event)
    {
        if (random.nextBoolean())
        {
            event.templateId = RecordType.TIMER_TICK.code();
            return;
        }
        event.templateId = RecordType.QUOTE.code();
        event.instrumentIndex = random.nextInt(INSTRUMENTS);
        event.ingestReject = IngestReject.CROSSED_QUOTE;
        event.markTicks = 1_000_000;
        event.bidTicks = 1_000_001;
        event.askTicks = 999_999;
        event.hasSignal = true;
        event.signalTargetLots = random.nextInt(141) - 70;
    }

    // ---- checking ------------------------------------------------------------------------------------------------

    private void verify(final EngineEvent event, final ExecutionContext execution, final long step)
    {
        final int index = event.instrumentIndex;
        final boolean due = event.ingestReject == IngestReject.NONE &&
            event.templateId != RecordType.ADMIN_COMMAND.code() && index >= 0 &&
            hasTarget[index] && !blocked[index] && workingCount(index) == 0 && target[index] != position[index];
        if (event.hasIntent != due)
        {
            fail("step " + step + ": intent " + event.hasIntent + ", model expected " + due + " on instrument " +
                index);
        }
        if (!due)
        {
            return;
        }
        intents++;

        final long deltaLots = target[index] - position[index];
        final byte side = deltaLots > 0 ? Side.BUY : Side.SELL;
        final long qtyLots = Math.abs(deltaLots);
        final long signedLots = deltaLots;
        long limitPriceTicks = 0;
        if (execution.orderType() == OrderType.LIMIT)
        {
            if (side == Side.BUY)
            {
                limitPriceTicks = ask[index] > 0 ? ask[index] + execution.limitOffsetTicks() : 0;
            }
            else
            {
                limitPriceTicks = bid[index] > 0 ? Math.max(1, bid[index] - execution.limitOffsetTicks()) : 0;
            }
        }
        if (event.intentInstrumentIndex != index || event.intentSide != side || event.intentQtyLots != qtyLots ||
            event.intentId != nextIntentId || event.intentTargetLots != target[index] ||
            event.intentOrderType != execution.orderType() || event.intentLimitPriceTicks != limitPriceTicks)
        {
            fail("step " + step + ": intent " + Side.name(event.intentSide) + " " + event.intentQtyLots + " @ " +
                event.intentLimitPriceTicks + " id " + event.intentId + ", model " + Side.name(side) + " " + qtyLots +
                " @ " + limitPriceTicks + " id " + nextIntentId);
        }
        nextIntentId++;

        final long workingSigned = workingSignedLots(index);
        final long projected = Math.abs(position[index] + workingSigned + signedLots);
        final int expected = expectedReason(index, signedLots, qtyLots, projected, limitPriceTicks, execution);
        if (event.riskReason != expected)
        {
            fail("step " + step + ": risk " + RiskReason.name(event.riskReason) + ", model " +
                RiskReason.name(expected) + " (state " + TradingState.name(state) + ", position " + position[index] +
                ", qty " + signedLots + ", max qty " + maxOrderQty[index] + ", max position " + maxPosition[index] +
                ", working orders " + working.size() + ")");
        }
        rejectsByReason[expected]++;

        if (expected == RiskReason.ACCEPTED)
        {
            assertSafe(index, signedLots, qtyLots, projected, limitPriceTicks, execution, step);
            final ModelOrder order = new ModelOrder();
            order.clOrdId = event.intentId;
            order.index = index;
            order.side = side;
            order.leavesLots = qtyLots;
            order.state = NEW;
            working.add(order);
        }
        else
        {
            blocked[index] = true;
            blockedReason[index] = expected;
            if (expected == RiskReason.MAX_ORDER_QTY &&
                (event.riskObserved != qtyLots || event.riskLimit != maxOrderQty[index]) ||
                expected == RiskReason.MAX_POSITION &&
                (event.riskObserved != projected || event.riskLimit != maxPosition[index]))
            {
                fail("step " + step + ": observed " + event.riskObserved + ", limit " + event.riskLimit);
            }
        }
    }

    /** The risk decision, taking the checks in their documented order. */
    private int expectedReason(
        final int index,
        final long signedLots,
        final long qtyLots,
        final long projected,
        final long limitPriceTicks,
        final ExecutionContext execution)
    {
        final long before = position[index];
        final long after = before + signedLots;
        if (state == TradingState.HALTED)
        {
            return RiskReason.TRADING_HALTED;
        }
        if (state == TradingState.REDUCING && !reduces(before, after))
        {
            return RiskReason.REDUCE_ONLY;
        }
        if (mark[index] <= 0 || execution.orderType() == OrderType.LIMIT && limitPriceTicks <= 0)
        {
            return RiskReason.NO_REFERENCE_PRICE;
        }
        if (qtyLots > maxOrderQty[index])
        {
            return RiskReason.MAX_ORDER_QTY;
        }
        if (projected > maxPosition[index])
        {
            return RiskReason.MAX_POSITION;
        }
        if (working.size() >= execution.maxWorkingOrders())
        {
            return RiskReason.MAX_OPEN_ORDERS;
        }
        return RiskReason.ACCEPTED;
    }

    /** The properties every accepted order must have, stated on their own. */
    private void assertSafe(
        final int index,
        final long signedLots,
        final long qtyLots,
        final long projected,
        final long limitPriceTicks,
        final ExecutionContext execution,
        final long step)
    {
        final long before = position[index];
        final long after = before + signedLots;
        final boolean safe = qtyLots > 0 && qtyLots <= maxOrderQty[index] &&
            projected <= maxPosition[index] &&
            state != TradingState.HALTED &&
            (state != TradingState.REDUCING || reduces(before, after)) &&
            working.size() < execution.maxWorkingOrders() &&
            mark[index] > 0 &&
            (execution.orderType() != OrderType.LIMIT || limitPriceTicks > 0);
        if (!safe)
        {
            fail("step " + step + ": unsafe order accepted");
        }
    }

    /** True when the position shrinks towards zero without crossing it. */
    private static boolean reduces(final long before, final long after)
    {
        return before > 0 ? after >= 0 && after < before : before < 0 && after <= 0 && after > before;
    }

    private int workingCount(final int index)
    {
        int count = 0;
        for (int i = 0; i < working.size(); i++)
        {
            if (working.get(i).index == index)
            {
                count++;
            }
        }
        return count;
    }

    private long workingSignedLots(final int index)
    {
        long lots = 0;
        for (int i = 0; i < working.size(); i++)
        {
            final ModelOrder order = working.get(i);
            if (order.index == index)
            {
                lots += order.side == Side.BUY ? order.leavesLots : -order.leavesLots;
            }
        }
        return lots;
    }
}
