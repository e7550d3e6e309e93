package io.easyquant.engine.risk;

import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradingState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A generated stream of a million order intents against random limits, with a venue that acknowledges, fills, rejects
 * and cancels at random: every intent the risk stage accepts (each would reach the venue) is checked against every
 * limit, computed here independently from the stream. The rules that halt trading (execution throttle, reject storm)
 * are predicted independently too, and every check must have rejected something.
 */
class RiskLimitsStreamTest
{
    private static final int N = 3;
    private static final long MS = 1_000_000L;
    private static final long FIRST_ID = 1;

    private final Instruments instruments = new Instruments(List.of(
        new Instrument(1, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
        new Instrument(2, "ETH-USD", new BigDecimal("0.01"), new BigDecimal("0.001"), "USD"),
        new Instrument(3, "SOL-USD", new BigDecimal("0.001"), new BigDecimal("0.01"), "USD")));
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final AdminCommandCodec command = new AdminCommandCodec();

    // limits
    private final long[] cpt = new long[N];
    private final long[] maxQty = new long[N];
    private final long[] maxPos = new long[N];
    private final long[] maxNotional = new long[N];
    private final long[] collarTicks = new long[N];
    private final int[] maxMessages = new int[N];
    private final long[] messageWindowNs = new long[N];
    private final long[] staleNs = new long[N];
    private final long[] maxVolPpm = new long[N];
    private final int[] volWindow = new int[N];
    private final long[] dupNs = new long[N];
    private long maxGross;
    private int maxOpen;
    private int maxFills;
    private long fillWindowNs;
    private int maxRejects;
    private long rejectWindowNs;

    // the model
    private final long[] mark = new long[N];
    private final long[] bid = new long[N];
    private final long[] ask = new long[N];
    private final long[] lastMdNs = new long[N];
    private final long[] position = new long[N];
    private final List<ArrayDeque<Long>> squaredReturns = new ArrayList<>();
    private final long[] lastReturnMark = new long[N];
    private final List<List<long[]>> messages = new ArrayList<>();
    private final long[][] lastAccepted = new long[N][];
    private final Map<Long, long[]> working = new LinkedHashMap<>();
    private final ArrayDeque<Long> fillTimes = new ArrayDeque<>();
    private final ArrayDeque<Long> rejectTimes = new ArrayDeque<>();
    private int state = TradingState.ACTIVE;
    private long nowNs = 1_700_000_000_000_000_000L;
    private long sequence;
    private long execId;
    private final long[] outcomes = new long[RiskReason.COUNT];
    private long halts;

    // order fields in the model: {clOrdId, index, side, qty(leaves), price, sentNs, acked(0/1), cancelRequested(0/1)}
    private static final int ID = 0;
    private static final int INDEX = 1;
    private static final int SIDE = 2;
    private static final int LEAVES = 3;
    private static final int PRICE = 4;
    private static final int SENT = 5;
    private static final int ACKED = 6;
    private static final int CANCEL = 7;

    @ParameterizedTest(name = "seed {0}, order type {1}")
    @CsvSource({"11, 2", "4242, 1"})
    void shouldLetNoOrderPastAnyLimitReachTheVenue(final long seed, final byte orderType)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] walk = {1_000_000, 100_000, 50_000};
        final RiskLimits.Builder builder = RiskLimits.builder(instruments);
        for (int i = 0; i < N; i++)
        {
            cpt[i] = instruments.at(i).cashPerTickLot();
            maxQty[i] = 1 + random.nextInt(40);
            maxPos[i] = random.nextInt(30);
            mark[i] = walk[i];
            maxNotional[i] = (maxQty[i] / 2 + random.nextInt(10)) * mark[i] * cpt[i] + 1;
            collarTicks[i] = 2 + random.nextInt(6);
            maxMessages[i] = 1 + random.nextInt(6);
            messageWindowNs[i] = (1 + random.nextInt(20)) * MS;
            staleNs[i] = (2 + random.nextInt(10)) * MS;
            maxVolPpm[i] = 150 + random.nextInt(150);
            volWindow[i] = 2 + random.nextInt(20);
            dupNs[i] = random.nextInt(5) * MS;
            builder.maxOrderQtyLots(i, maxQty[i]).maxPositionLots(i, maxPos[i]).maxOrderNotionalCash(i, maxNotional[i])
                .collarTicks(i, collarTicks[i]).messageRate(i, maxMessages[i], messageWindowNs[i])
                .staleAfterNs(i, staleNs[i]).volatilityHalt(i, maxVolPpm[i], volWindow[i]).duplicateWindowNs(i, dupNs[i]);
            squaredReturns.add(new ArrayDeque<>());
            messages.add(new ArrayList<>());
            mark[i] = 0;
        }
        final int capacity = 4 + random.nextInt(4);
        maxGross = (40 + random.nextInt(60)) * 100_000L * 100L;
        maxOpen = 1 + random.nextInt(2);
        maxFills = 4 + random.nextInt(6);
        fillWindowNs = (5 + random.nextInt(20)) * MS;
        maxRejects = 1 + random.nextInt(3);
        rejectWindowNs = (5 + random.nextInt(20)) * MS;
        builder.maxGrossExposureCash(maxGross).maxOpenOrders(maxOpen).executionThrottle(maxFills, fillWindowNs)
            .rejectStorm(maxRejects, rejectWindowNs);
        final EngineCounters counters = new EngineCounters(N);
        final RiskHandler handler = new RiskHandler(N, builder.build(), new ExecutionContext(orderType, 1, capacity),
            counters, FIRST_ID);

        final EngineEvent event = new EngineEvent();
        long intents = 0;
        while (intents < 1_000_000)
        {
            nowNs += random.nextLong(2 * MS);
            final int roll = random.nextInt(100);
            event.clearOutputs();
            event.ingestReject = 0;
            if (roll < 45 || working.isEmpty() && roll < 90)
            {
                final int i = random.nextInt(N);
                final long step = Math.max(1, walk[i] / 10_000);
                walk[i] = Math.max(1_000, walk[i] + step * random.nextInt(-2, 3) * (random.nextInt(50) == 0 ? 10 : 1));
                quote(event, i, walk[i], 1 + random.nextInt(6));
                if (random.nextInt(3) > 0)
                {
                    event.hasSignal = true;
                    event.signalTargetLots = random.nextInt(10) < 9 ?
                        position[i] + random.nextLong(-maxQty[i] - 1, maxQty[i] + 2) : random.nextLong(-60, 61);
                }
            }
            else if (roll < 90)
            {
                venueReport(random, event);
            }
            else if (roll < 91)
            {
                stateCommand(random, event);
            }
            else
            {
                RecordHeader.stamp(event.record, 0, ++sequence, nowNs);
                event.templateId = RecordType.TIMER_TICK.code();
                event.instrumentIndex = -1;
            }
            final boolean expectHalt = expectRuleHalt(event);
            handler.onEvent(event, sequence, true);
            if (expectHalt)
            {
                assertTrue(event.stateChanged && event.stateNew == TradingState.HALTED &&
                    event.stateOrigin == CommandOrigin.RISK_RULE, "step " + sequence + ": expected a rule halt");
                halt();
                halts++;
            }
            else if (event.stateChanged && event.stateOrigin == CommandOrigin.RISK_RULE)
            {
                fail("step " + sequence + ": unexpected halt by " + RiskReason.name(event.stateRule));
            }
            assertEquals(state, handler.tradingState(), "step " + sequence);
            if (event.hasIntent)
            {
                intents++;
                outcomes[event.riskReason]++;
                if (event.riskReason == RiskReason.ACCEPTED)
                {
                    verifyAndAccept(event);
                }
            }
        }

        assertEquals(intents, counters.get(EngineCounters.INTENTS));
        for (int reason = RiskReason.TRADING_HALTED; reason <= RiskReason.DUPLICATE_INTENT; reason++)
        {
            if (reason == RiskReason.DAILY_LOSS || reason == RiskReason.NO_REFERENCE_PRICE ||
                (reason == RiskReason.PRICE_COLLAR && orderType == OrderType.MARKET) ||
                (reason == RiskReason.DUPLICATE_INTENT && orderType == OrderType.LIMIT))
            {
                continue;
            }
            assertTrue(outcomes[reason] > 0, "the stream never hit " + RiskReason.name(reason) + ": " +
                Arrays.toString(outcomes));
        }
        assertTrue(outcomes[RiskReason.ACCEPTED] > intents / 50, "too few accepted: " + outcomes[0]);
        assertTrue(halts > 0, "no rule ever halted trading");
        assertTrue(handler.counter(RiskCounter.ENGINE_WIDE, RiskCounter.OPEN_ORDERS) == working.size());
    }

    private void verifyAndAccept(final EngineEvent event)
    {
        final int i = event.intentInstrumentIndex;
        final long qty = event.intentQtyLots;
        final long signed = event.intentSide == Side.BUY ? qty : -qty;
        final String at = "step " + sequence + " instrument " + i + ": ";
        final long after = position[i] + signed;
        final boolean reduces = position[i] != 0 && Math.abs(after) < Math.abs(position[i]) &&
            (after == 0 || (after > 0) == (position[i] > 0));
        check(state != TradingState.HALTED, at + "sent while HALTED");
        check(state != TradingState.REDUCING || reduces, at + "sent an increasing order while REDUCING");
        check(mark[i] > 0, at + "no reference price");
        check(nowNs - lastMdNs[i] <= staleNs[i], at + "stale market data");
        final ArrayDeque<Long> returns = squaredReturns.get(i);
        long sum = 0;
        for (final long sq : returns)
        {
            sum += sq;
        }
        check(returns.size() < volWindow[i] || sum <= volWindow[i] * maxVolPpm[i] * maxVolPpm[i], at + "volatility");
        if (event.intentOrderType == OrderType.LIMIT)
        {
            check(Math.abs(event.intentLimitPriceTicks - mark[i]) <= collarTicks[i], at + "collar");
        }
        check(qty <= maxQty[i], at + "max order qty");
        check(qty * mark[i] * cpt[i] <= maxNotional[i], at + "max notional");
        final long[] workingLots = new long[N];
        int open = 0;
        for (final long[] order : working.values())
        {
            workingLots[(int)order[INDEX]] += order[SIDE] == Side.BUY ? order[LEAVES] : -order[LEAVES];
            open++;
        }
        check(Math.abs(position[i] + workingLots[i] + signed) <= maxPos[i], at + "max position");
        long gross = 0;
        for (int j = 0; j < N; j++)
        {
            gross += Math.abs(position[j] + workingLots[j] + (j == i ? signed : 0)) * mark[j] * cpt[j];
        }
        check(gross <= maxGross, at + "gross exposure " + gross);
        check(open + 1 <= maxOpen, at + "open orders");
        check(countMessages(i) + 1 <= maxMessages[i], at + "message rate");
        final long[] last = lastAccepted[i];
        check(last == null || !(last[0] == event.intentSide && last[1] == qty && last[2] == event.intentLimitPriceTicks &&
            nowNs - last[3] < dupNs[i]), at + "duplicate intent");

        final long[] order = {event.intentId, i, event.intentSide, qty, event.intentLimitPriceTicks, nowNs, 0, 0};
        working.put(event.intentId, order);
        messages.get(i).add(new long[] {nowNs, event.intentId});
        lastAccepted[i] = new long[] {event.intentSide, qty, event.intentLimitPriceTicks, nowNs};
    }

    /** Messages in the window, plus new orders sent before it and still unacknowledged. */
    private int countMessages(final int i)
    {
        int count = 0;
        for (final Iterator<long[]> it = messages.get(i).iterator(); it.hasNext(); )
        {
            final long[] message = it.next();
            final long[] order = message[1] == 0 ? null : working.get(message[1]);
            if (nowNs - message[0] < messageWindowNs[i] || (order != null && order[ACKED] == 0))
            {
                count++;
            }
            else
            {
                it.remove();
            }
        }
        return count;
    }

    private static void check(final boolean ok, final String message)
    {
        if (!ok)
        {
            fail(message);
        }
    }

    private void quote(final EngineEvent event, final int i, final long mid, final long halfSpread)
    {
        RecordHeader.stamp(event.record, 0, ++sequence, nowNs);
        event.templateId = RecordType.QUOTE.code();
        event.instrumentIndex = i;
        event.priceUpdated = true;
        bid[i] = mid - halfSpread;
        ask[i] = mid + halfSpread;
        final long previous = lastReturnMark[i];
        mark[i] = mid;
        lastReturnMark[i] = mid;
        lastMdNs[i] = nowNs;
        if (previous > 0)
        {
            final long r = Math.max(-1_000_000, Math.min(1_000_000, (mid - previous) * 1_000_000 / previous));
            final ArrayDeque<Long> returns = squaredReturns.get(i);
            returns.addLast(r * r);
            if (returns.size() > volWindow[i])
            {
                returns.removeFirst();
            }
        }
        event.markTicks = mark[i];
        event.bidTicks = bid[i];
        event.askTicks = ask[i];
    }

    private void venueReport(final SplittableRandom random, final EngineEvent event)
    {
        final long[][] orders = working.values().toArray(new long[0][]);
        final long[] order = orders[random.nextInt(orders.length)];
        final int i = (int)order[INDEX];
        final int roll = random.nextInt(100);
        byte execType;
        long qty = 0;
        if (order[ACKED] == 0 && roll < 30)
        {
            execType = ExecType.ACK;
        }
        else if (roll < 40)
        {
            execType = ExecType.REJECTED;
        }
        else if (roll < 60 && order[LEAVES] > 1)
        {
            execType = ExecType.PARTIAL_FILL;
            qty = 1 + random.nextLong(order[LEAVES] - 1);
        }
        else if (roll < 90)
        {
            execType = ExecType.FILL;
            qty = order[LEAVES];
        }
        else
        {
            execType = ExecType.CANCELLED;
        }
        if (execType == ExecType.REJECTED && order[ACKED] == 1)
        {
            execType = ExecType.CANCELLED;
        }
        final long price = order[PRICE] > 0 ? order[PRICE] : mark[i];
        event.templateId = RecordType.EXECUTION_REPORT.code();
        event.instrumentIndex = i;
        event.markTicks = mark[i];
        event.bidTicks = bid[i];
        event.askTicks = ask[i];
        report.wrapForEncode(event.record, 0, 10);
        report.instrumentId(i + 1).execType(execType).side((byte)order[SIDE]).clOrdId(order[ID]).execId(++execId)
            .lastQtyLots(qty).lastPriceTicks(qty > 0 ? price : 0);
        RecordHeader.stamp(event.record, 0, ++sequence, nowNs);

        order[ACKED] = 1;
        if (qty > 0)
        {
            position[i] += order[SIDE] == Side.BUY ? qty : -qty;
            order[LEAVES] -= qty;
            fillTimes.addLast(nowNs);
        }
        if (execType == ExecType.REJECTED)
        {
            rejectTimes.addLast(nowNs);
        }
        if (order[LEAVES] == 0 || execType == ExecType.REJECTED || execType == ExecType.CANCELLED)
        {
            working.remove(order[ID]);
        }
    }

    private boolean expectRuleHalt(final EngineEvent event)
    {
        if (event.templateId != RecordType.EXECUTION_REPORT.code() || state == TradingState.HALTED)
        {
            return false;
        }
        while (!fillTimes.isEmpty() && nowNs - fillTimes.peekFirst() >= fillWindowNs)
        {
            fillTimes.removeFirst();
        }
        while (!rejectTimes.isEmpty() && nowNs - rejectTimes.peekFirst() >= rejectWindowNs)
        {
            rejectTimes.removeFirst();
        }
        return fillTimes.size() > maxFills || rejectTimes.size() > maxRejects;
    }

    private void stateCommand(final SplittableRandom random, final EngineEvent event)
    {
        final int roll = random.nextInt(10);
        final int type = roll < 2 ? AdminCommandType.KILL_ENGAGE : roll < 7 ? AdminCommandType.KILL_RELEASE :
            AdminCommandType.SET_TRADING_STATE;
        final int argument = type != AdminCommandType.SET_TRADING_STATE ? 0 :
            roll < 8 ? TradingState.REDUCING : TradingState.ACTIVE;
        command.wrapForEncode(event.record, 0, 20);
        command.command(type).argument(argument).origin(CommandOrigin.API);
        RecordHeader.stamp(event.record, 0, ++sequence, nowNs);
        event.templateId = RecordType.ADMIN_COMMAND.code();
        event.instrumentIndex = -1;
        if (type == AdminCommandType.KILL_ENGAGE)
        {
            halt();
        }
        else if (type == AdminCommandType.KILL_RELEASE)
        {
            if (state == TradingState.HALTED)
            {
                state = TradingState.ACTIVE;
                fillTimes.clear();
                rejectTimes.clear();
            }
        }
        else if (state != TradingState.HALTED)
        {
            state = argument;
        }
    }

    /** HALTED: every working order without a cancel in flight gets one, a message in its instrument's window. */
    private void halt()
    {
        state = TradingState.HALTED;
        for (final long[] order : working.values())
        {
            if (order[CANCEL] == 0)
            {
                order[CANCEL] = 1;
                messages.get((int)order[INDEX]).add(new long[] {nowNs, 0});
            }
        }
    }
}
