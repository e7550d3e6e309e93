package io.easyquant.engine.risk;

import com.lmax.disruptor.EventHandler;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.metrics.RiskRejections;
import io.easyquant.engine.order.Order;
import io.easyquant.engine.order.OrderState;
import io.easyquant.engine.order.OrderTracker;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.portfolio.FixedPoint;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.engine.state.RiskStateRecorder;
import io.easyquant.engine.state.RiskStateSource;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.BookState;
import io.easyquant.journal.codec.BookStateCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.SequenceSkipCodec;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradingState;

import java.util.Arrays;

/**
 * The risk stage: plans the order that moves an instrument toward its target, checks it before anything leaves, and
 * owns the trading state (ACTIVE, REDUCING, HALTED).
 *
 * <p>Planning: the latest target per instrument (from the signal stage) is compared with the position; the difference
 * becomes one order intent, sized in full (never split), while no order is working on the instrument. An intent that
 * risk rejected is not planned again until the target, the position or the trading state changes, or, for a rejection
 * that time or the market cures, until the cure: a market-data update for {@link RiskReason#NO_REFERENCE_PRICE},
 * {@link RiskReason#STALE_MARKET_DATA}, {@link RiskReason#VOLATILITY_HALT}, {@link RiskReason#PRICE_COLLAR} and
 * {@link RiskReason#MAX_ORDER_NOTIONAL}; a completed order for {@link RiskReason#MAX_OPEN_ORDERS}; the end of the
 * window for {@link RiskReason#MESSAGE_RATE} and {@link RiskReason#DUPLICATE_INTENT}. When HALTED with flatten
 * configured, the target of every instrument is zero.
 *
 * <p>Checks, in order, each with a {@link RiskReason}: HALTED (nothing passes, except orders that reduce the position
 * when flatten is configured); REDUCING (only orders that shrink the position); daily loss tripped today (only orders
 * that shrink the position); a reference price (the mark) must exist; stale market data; the venue book is LIVE
 * (when the instrument's feed keeps one: {@link RiskReason#BOOK_NOT_LIVE}); volatility halt; price collar
 * (limit orders); max order quantity; max order notional (quantity &times; reference price); max position (position +
 * working orders + this order, long or short); max gross exposure across instruments; max open orders; message rate
 * per instrument and engine-wide (new orders and cancels in a sliding window of event time, plus orders sent before
 * the window and still unacknowledged); duplicate intent. Every limit is inclusive (see {@link RiskLimits}).
 *
 * <p>Rules decided here from ring events, so that a replay of the journal reproduces them: daily loss (realized +
 * unrealized net of fees since the UTC day of event time began), consecutive losing fills, the repeated-execution
 * throttle (fills in a window) and the reject storm (venue rejects in a window) move the engine to HALTED. Commands
 * move it too: KILL_ENGAGE to HALTED; KILL_RELEASE, alone, out of HALTED (to ACTIVE, resetting the loss, fill and
 * reject counts); SET_TRADING_STATE between ACTIVE and REDUCING or to HALTED (leaving HALTED that way is refused and
 * counted). Each transition is marked on the event slot ({@link EngineEvent#stateChanged}) for the execution stage,
 * which journals it and cancels every working order on HALTED ({@link EngineEvent#cancelAll}). A session start while
 * HALTED asks execution to cancel every working order again ({@link EngineEvent#cancelAgain}), each counted as a
 * message like any cancel.
 *
 * <p>The stage keeps its own view of positions, PnL and working orders, built from the same ring events as the
 * execution stage's (accepted intents become orders with {@code clOrdId == intentId}; execution reports), so both
 * agree under any thread layout without sharing memory. Its counters ({@link RiskCounter}) and trading state are
 * mirrored through a {@link RiskStateRecorder} on every change.
 *
 * <p>Every rejection is counted by reason and its detail published to {@link RiskRejections} for the outside.
 *
 * <p>Single-threaded; no allocation.
 */
public final class RiskHandler implements EventHandler<EngineEvent>, RiskStateSource
{
    private static final long DAY_NS = 86_400_000_000_000L;

    private final RiskLimits limits;
    private final ExecutionContext execution;
    private final EngineCounters counters;
    private final RiskRejections rejections;
    private RiskStateRecorder recorder = RiskStateRecorder.NONE;
    private final OrderTracker orders;
    private final PositionBook book;
    private final int instrumentCount;
    private final long[] markTicks;
    private final long[] bidTicks;
    private final long[] askTicks;
    private final long[] lastMarketDataNs;
    private final int[] bookState;
    private final long[] targetLots;
    private final boolean[] hasTarget;
    private final boolean[] blocked;
    private final int[] blockedReason;
    private final long[] blockedUntilNs;

    private final EventWindow[] messages;
    private final int[] lingeringUnacked;
    private final boolean[][] lingeringSlot;
    private final int[] unacked;

    private final long[][] squaredReturns;
    private final int[] returnHead;
    private final int[] returnCount;
    private final long[] sumSquaredReturns;
    private final long[] lastReturnMarkTicks;

    private final boolean[] hasAccepted;
    private final byte[] acceptedSide;
    private final long[] acceptedQtyLots;
    private final long[] acceptedPriceTicks;
    private final long[] acceptedTimeNs;

    private final long[] netCash;
    private long totalNetCash;
    private long dayBaselineCash;
    private long dayStartNs = Long.MIN_VALUE;
    private boolean dailyLossTripped;
    private long consecutiveLosses;
    private final EventWindow fills;
    private final EventWindow venueRejects;

    private final long[] counterValues;
    private int tradingState = TradingState.ACTIVE;
    private long nextIntentId;
    private final SequenceSkipCodec sequenceSkip = new SequenceSkipCodec();
    private long sequence;
    private long nowNs;

    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final AdminCommandCodec command = new AdminCommandCodec();
    private final BookStateCodec bookStateRecord = new BookStateCodec();

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
     * @param instrumentCount the number of instruments; the limits must cover exactly these.
     * @param firstIntentId   the first intent id (and client order id) to use; ids increase by one per intent.
     * @param rejections      where the detail of each rejection is published.
     */
    public RiskHandler(
        final int instrumentCount,
        final RiskLimits limits,
        final ExecutionContext execution,
        final EngineCounters counters,
        final long firstIntentId,
        final RiskRejections rejections)
    {
        if (limits.instrumentCount() != instrumentCount)
        {
            throw new IllegalArgumentException("risk: expected limits for " + instrumentCount + " instruments, got " +
                limits.instrumentCount());
        }
        this.limits = limits;
        this.execution = execution;
        this.counters = counters;
        this.rejections = rejections;
        this.instrumentCount = instrumentCount;
        orders = new OrderTracker(execution.maxWorkingOrders(), instrumentCount);
        final long[] cashPerTickLot = new long[instrumentCount];
        for (int i = 0; i < instrumentCount; i++)
        {
            cashPerTickLot[i] = limits.cashPerTickLot(i);
        }
        book = new PositionBook(cashPerTickLot);
        markTicks = new long[instrumentCount];
        bidTicks = new long[instrumentCount];
        askTicks = new long[instrumentCount];
        lastMarketDataNs = new long[instrumentCount];
        bookState = new int[instrumentCount];
        targetLots = new long[instrumentCount];
        hasTarget = new boolean[instrumentCount];
        blocked = new boolean[instrumentCount];
        blockedReason = new int[instrumentCount];
        blockedUntilNs = new long[instrumentCount];

        messages = new EventWindow[instrumentCount + 1];
        if (limits.engineMessageWindowNs() > 0)
        {
            messages[instrumentCount] = new EventWindow(limits.maxEngineMessages() + 1, limits.engineMessageWindowNs());
        }
        squaredReturns = new long[instrumentCount][];
        for (int i = 0; i < instrumentCount; i++)
        {
            if (limits.messageWindowNs(i) > 0)
            {
                messages[i] = new EventWindow(limits.maxMessages(i) + 1, limits.messageWindowNs(i));
            }
            squaredReturns[i] = new long[limits.maxVolatilityPpm(i) > 0 ? limits.volatilityWindow(i) : 0];
        }
        lingeringUnacked = new int[instrumentCount + 1];
        lingeringSlot = new boolean[2][execution.maxWorkingOrders()];
        unacked = new int[instrumentCount];
        returnHead = new int[instrumentCount];
        returnCount = new int[instrumentCount];
        sumSquaredReturns = new long[instrumentCount];
        lastReturnMarkTicks = new long[instrumentCount];

        hasAccepted = new boolean[instrumentCount];
        acceptedSide = new byte[instrumentCount];
        acceptedQtyLots = new long[instrumentCount];
        acceptedPriceTicks = new long[instrumentCount];
        acceptedTimeNs = new long[instrumentCount];

        netCash = new long[instrumentCount];
        fills = limits.fillWindowNs() > 0 ? new EventWindow(limits.maxFills() + 1, limits.fillWindowNs()) : null;
        venueRejects = limits.rejectWindowNs() > 0 ?
            new EventWindow(limits.maxVenueRejects() + 1, limits.rejectWindowNs()) : null;
        counterValues = new long[(instrumentCount + 1) * RiskCounter.COUNT];
        nextIntentId = firstIntentId;
    }

    /**
     * Mirror every change of a counter and of the trading state to {@code recorder} from now on.
     */
    public void stateRecorder(final RiskStateRecorder recorder)
    {
        this.recorder = recorder;
    }

    @Override
    public void onEvent(final EngineEvent event, final long ringSequence, final boolean endOfBatch)
    {
        if (event.ingestReject != 0)
        {
            return;
        }
        sequence = RecordHeader.sequence(event.record, 0);
        nowNs = RecordHeader.timeNs(event.record, 0);
        rollDay();
        final int index = event.instrumentIndex;
        if (index >= 0 && event.markTicks > 0)
        {
            markTicks[index] = event.markTicks;
            bidTicks[index] = event.bidTicks;
            askTicks[index] = event.askTicks;
            if (event.priceUpdated)
            {
                lastMarketDataNs[index] = nowNs;
                onPrice(index, event.markTicks);
                if (blocked[index] && isCuredByPrice(blockedReason[index]))
                {
                    blocked[index] = false;
                }
            }
            book.mark(index, event.markTicks);
            updatePnl(index);
        }

        final int templateId = event.templateId;
        if (templateId == RecordType.EXECUTION_REPORT.code())
        {
            onExecutionReport(event);
        }
        else if (templateId == RecordType.BOOK_STATE.code())
        {
            onBookState(index, event);
        }
        else if (templateId == RecordType.ADMIN_COMMAND.code())
        {
            onCommand(event);
            return;
        }
        else if (templateId == RecordType.SEQUENCE_SKIP.code())
        {
            // A repaired journal carries the client order ids its cut part used: never issue one of them again.
            sequenceSkip.wrap(event.record, 0);
            nextIntentId = Math.max(nextIntentId, sequenceSkip.nextIntentIdAtLeast());
            return;
        }
        checkDailyLoss(event);

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

    /**
     * A venue book's state: an instrument whose book is not LIVE takes no new order ({@link RiskReason#BOOK_NOT_LIVE})
     * until its book is LIVE again, which also cures an intent blocked for it. An instrument that never had a book
     * state (a feed without books) is governed by the stale-data rule alone.
     */
    private void onBookState(final int index, final EngineEvent event)
    {
        bookStateRecord.wrap(event.record, 0);
        final int state = bookStateRecord.state();
        bookState[index] = state;
        if (state == BookState.LIVE && blocked[index] && blockedReason[index] == RiskReason.BOOK_NOT_LIVE)
        {
            blocked[index] = false;
        }
    }

    private static boolean isCuredByPrice(final int reason)
    {
        return reason == RiskReason.NO_REFERENCE_PRICE || reason == RiskReason.STALE_MARKET_DATA ||
            reason == RiskReason.VOLATILITY_HALT || reason == RiskReason.PRICE_COLLAR ||
            reason == RiskReason.MAX_ORDER_NOTIONAL;
    }

    // ---- market data: volatility and PnL -------------------------------------------------------------------

    private void onPrice(final int index, final long mark)
    {
        final long previous = lastReturnMarkTicks[index];
        lastReturnMarkTicks[index] = mark;
        final long[] ring = squaredReturns[index];
        if (previous <= 0 || ring.length == 0)
        {
            return;
        }
        final long change = mark - previous;
        // |change| >= previous is a return of 100% or more, clamped to it; below that the exact quotient is small.
        final long returnPpm = change >= previous ? RiskLimits.PPM : change <= -previous ? -RiskLimits.PPM :
            FixedPoint.mulDiv(change, RiskLimits.PPM, previous);
        final long squared = returnPpm * returnPpm;
        final int window = ring.length;
        if (returnCount[index] == window)
        {
            final int head = returnHead[index];
            sumSquaredReturns[index] += squared - ring[head];
            ring[head] = squared;
            returnHead[index] = head + 1 == window ? 0 : head + 1;
        }
        else
        {
            int tail = returnHead[index] + returnCount[index];
            if (tail >= window)
            {
                tail -= window;
            }
            ring[tail] = squared;
            returnCount[index]++;
            sumSquaredReturns[index] += squared;
        }
    }

    private void updatePnl(final int index)
    {
        final long net = book.netPnlCash(index);
        totalNetCash = Math.addExact(totalNetCash, Math.subtractExact(net, netCash[index]));
        netCash[index] = net;
    }

    private void rollDay()
    {
        final long dayStart = Math.floorDiv(nowNs, DAY_NS) * DAY_NS;
        if (dayStart != dayStartNs)
        {
            dayStartNs = dayStart;
            dayBaselineCash = totalNetCash;
            dailyLossTripped = false;
            setCounter(RiskCounter.ENGINE_WIDE, RiskCounter.DAY_START_NS, dayStart);
            setCounter(RiskCounter.ENGINE_WIDE, RiskCounter.DAILY_LOSS_TRIPPED, 0);
        }
    }

    private void checkDailyLoss(final EngineEvent event)
    {
        final long dailyPnl = Math.subtractExact(totalNetCash, dayBaselineCash);
        setCounter(RiskCounter.ENGINE_WIDE, RiskCounter.DAILY_PNL_CASH, dailyPnl);
        final long limit = limits.maxDailyLossCash();
        if (!dailyLossTripped && limit != RiskLimits.OFF && -dailyPnl > limit)
        {
            dailyLossTripped = true;
            setCounter(RiskCounter.ENGINE_WIDE, RiskCounter.DAILY_LOSS_TRIPPED, 1);
            transition(event, TradingState.HALTED, CommandOrigin.RISK_RULE, RiskReason.DAILY_LOSS, 0, -dailyPnl,
                limit);
        }
    }

    // ---- execution reports ---------------------------------------------------------------------------------

    private void onExecutionReport(final EngineEvent event)
    {
        report.wrap(event.record, 0);
        final long clOrdId = report.clOrdId();
        final byte execType = report.execType();
        final long lastQtyLots = report.lastQtyLots();
        final Order before = orders.find(clOrdId);
        final int previousState = before == null ? OrderState.INVALID : before.state();
        if (orders.onExecutionReport(clOrdId, execType, lastQtyLots, report.lastPriceTicks()) !=
            OrderTracker.APPLIED)
        {
            return;
        }
        final Order order = orders.lastOrder();
        final int index = order.instrumentIndex();
        if (previousState == OrderState.NEW && order.state() != OrderState.NEW)
        {
            onAcknowledged(order, index);
        }
        if (ExecType.isFill(execType))
        {
            onFill(event, order, index, lastQtyLots);
        }
        else if (OrderState.isTerminal(order.state()))
        {
            blocked[index] = false;
        }
        if (execType == ExecType.REJECTED && venueRejects != null)
        {
            final int inWindow = venueRejects.expireAndAdd(nowNs);
            setCounter(RiskCounter.ENGINE_WIDE, RiskCounter.REJECTS_IN_WINDOW, inWindow);
            if (inWindow > limits.maxVenueRejects())
            {
                transition(event, TradingState.HALTED, CommandOrigin.RISK_RULE, RiskReason.REJECT_STORM, 0,
                    inWindow, limits.maxVenueRejects());
            }
        }
        if (OrderState.isTerminal(order.state()))
        {
            setCounter(RiskCounter.ENGINE_WIDE, RiskCounter.OPEN_ORDERS, orders.openOrders());
            for (int i = 0; i < instrumentCount; i++)
            {
                if (blockedReason[i] == RiskReason.MAX_OPEN_ORDERS)
                {
                    blocked[i] = false;
                }
            }
        }
    }

    private void onAcknowledged(final Order order, final int index)
    {
        unacked[index]--;
        setCounter(index, RiskCounter.UNACKED_ORDERS, unacked[index]);
        if (lingeringSlot[0][order.slot()])
        {
            lingeringSlot[0][order.slot()] = false;
            lingeringUnacked[index]--;
        }
        if (lingeringSlot[1][order.slot()])
        {
            lingeringSlot[1][order.slot()] = false;
            lingeringUnacked[instrumentCount]--;
        }
        for (int i = 0; i < instrumentCount; i++)
        {
            if (blockedReason[i] == RiskReason.MESSAGE_RATE)
            {
                blocked[i] = false;
            }
        }
    }

    private void onFill(final EngineEvent event, final Order order, final int index, final long lastQtyLots)
    {
        final long realizedBefore = book.realizedCash(index);
        book.applyFill(index, order.side(), lastQtyLots, report.lastPriceTicks(), report.feeCash());
        final long realized = book.realizedCash(index) - realizedBefore;
        updatePnl(index);
        setCounter(index, RiskCounter.POSITION_LOTS, book.positionLots(index));
        blocked[index] = false;

        if (realized < 0)
        {
            consecutiveLosses++;
        }
        else if (realized > 0)
        {
            consecutiveLosses = 0;
        }
        setCounter(RiskCounter.ENGINE_WIDE, RiskCounter.CONSECUTIVE_LOSSES, consecutiveLosses);
        if (consecutiveLosses > limits.maxConsecutiveLosses())
        {
            transition(event, TradingState.HALTED, CommandOrigin.RISK_RULE, RiskReason.CONSECUTIVE_LOSSES, 0,
                consecutiveLosses, limits.maxConsecutiveLosses());
        }
        if (fills != null)
        {
            final int inWindow = fills.expireAndAdd(nowNs);
            setCounter(RiskCounter.ENGINE_WIDE, RiskCounter.FILLS_IN_WINDOW, inWindow);
            if (inWindow > limits.maxFills())
            {
                transition(event, TradingState.HALTED, CommandOrigin.RISK_RULE, RiskReason.EXECUTION_THROTTLE, 0,
                    inWindow, limits.maxFills());
            }
        }
    }

    // ---- commands and transitions --------------------------------------------------------------------------

    private void onCommand(final EngineEvent event)
    {
        command.wrap(event.record, 0);
        final int type = command.command();
        final int origin = command.origin();
        switch (type)
        {
            case AdminCommandType.KILL_ENGAGE:
                engage(event, origin, type);
                break;
            case AdminCommandType.KILL_RELEASE:
                if (tradingState == TradingState.HALTED)
                {
                    transition(event, TradingState.ACTIVE, origin, 0, type, 0, 0);
                }
                break;
            case AdminCommandType.SET_TRADING_STATE:
                setTradingState(event, origin, type, command.argument());
                break;
            case AdminCommandType.SESSION_START:
                if (tradingState == TradingState.HALTED)
                {
                    event.cancelAgain = true;
                    cancelAllWorking(event);
                }
                break;
            default:
                break;
        }
    }

    private void setTradingState(final EngineEvent event, final int origin, final int type, final int target)
    {
        if (target == TradingState.HALTED)
        {
            engage(event, origin, type);
        }
        else if (!TradingState.isValid(target) || tradingState == TradingState.HALTED)
        {
            counters.increment(EngineCounters.STATE_COMMANDS_REFUSED);
        }
        else
        {
            transition(event, target, origin, 0, type, 0, 0);
        }
    }

    private void engage(final EngineEvent event, final int origin, final int type)
    {
        if (tradingState == TradingState.HALTED)
        {
            cancelAllWorking(event);
        }
        else
        {
            transition(event, TradingState.HALTED, origin, 0, type, 0, 0);
        }
    }

    private void transition(
        final EngineEvent event,
        final int newState,
        final int origin,
        final int rule,
        final int commandType,
        final long observed,
        final long limit)
    {
        if (newState == tradingState)
        {
            return;
        }
        final int previous = tradingState;
        tradingState = newState;
        Arrays.fill(blocked, false);
        event.stateChanged = true;
        event.statePrevious = previous;
        event.stateNew = newState;
        event.stateOrigin = origin;
        event.stateRule = rule;
        event.stateCommand = commandType;
        event.stateObserved = observed;
        event.stateLimit = limit;
        recorder.tradingState(newState, origin, sequence);
        if (newState == TradingState.HALTED)
        {
            cancelAllWorking(event);
        }
        else if (previous == TradingState.HALTED)
        {
            consecutiveLosses = 0;
            setCounter(RiskCounter.ENGINE_WIDE, RiskCounter.CONSECUTIVE_LOSSES, 0);
            if (fills != null)
            {
                fills.clear();
                setCounter(RiskCounter.ENGINE_WIDE, RiskCounter.FILLS_IN_WINDOW, 0);
            }
            if (venueRejects != null)
            {
                venueRejects.clear();
                setCounter(RiskCounter.ENGINE_WIDE, RiskCounter.REJECTS_IN_WINDOW, 0);
            }
        }
    }

    /**
     * Mirror of the execution stage's cancel-all: every working order without a cancel in flight gets one, and each
     * cancel is a message in its instrument's window.
     */
    private void cancelAllWorking(final EngineEvent event)
    {
        event.cancelAll = true;
        for (int slot = 0, capacity = orders.capacity(); slot < capacity; slot++)
        {
            final Order working = orders.workingAt(slot);
            if (working != null && (event.cancelAgain || !working.cancelRequested()))
            {
                orders.markCancelRequested(working.clOrdId());
                addMessage(working.instrumentIndex(), 0);
            }
        }
    }

    // ---- message window ------------------------------------------------------------------------------------

    /**
     * @param window an instrument index, or the instrument count for the engine-wide window.
     */
    private void expireMessages(final int window)
    {
        final EventWindow messagesIn = messages[window];
        while (messagesIn.hasExpired(nowNs))
        {
            onMessageLeft(window, messagesIn.evict());
        }
        setCounter(counterIndex(window), RiskCounter.MESSAGES_IN_WINDOW, messagesIn.size());
    }

    private int counterIndex(final int window)
    {
        return window == instrumentCount ? RiskCounter.ENGINE_WIDE : window;
    }

    /**
     * A new order (its client order id) or a cancel (0) on the instrument: a message in its window and the
     * engine-wide one.
     */
    private void addMessage(final int index, final long clOrdId)
    {
        addMessageTo(index, clOrdId);
        addMessageTo(instrumentCount, clOrdId);
    }

    private void addMessageTo(final int window, final long clOrdId)
    {
        final EventWindow messagesIn = messages[window];
        if (messagesIn == null)
        {
            return;
        }
        expireMessages(window);
        if (messagesIn.isFull())
        {
            onMessageLeft(window, messagesIn.evict());
        }
        messagesIn.add(nowNs, clOrdId);
        setCounter(counterIndex(window), RiskCounter.MESSAGES_IN_WINDOW, messagesIn.size());
    }

    /**
     * A new order that leaves the window before its acknowledgement still counts, until acknowledged.
     */
    private void onMessageLeft(final int window, final long clOrdId)
    {
        if (clOrdId == 0)
        {
            return;
        }
        final Order order = orders.find(clOrdId);
        final boolean[] lingering = lingeringSlot[window == instrumentCount ? 1 : 0];
        if (order != null && order.state() == OrderState.NEW && !lingering[order.slot()])
        {
            lingering[order.slot()] = true;
            lingeringUnacked[window]++;
        }
    }

    /**
     * @return the message-rate rejection for one more message in the window, or {@link RiskReason#ACCEPTED}.
     */
    private int checkMessages(final int window, final int index, final int maxMessages, final EngineEvent event)
    {
        final EventWindow messagesIn = messages[window];
        if (messagesIn == null)
        {
            return RiskReason.ACCEPTED;
        }
        expireMessages(window);
        final long observed = messagesIn.size() + lingeringUnacked[window] + 1L;
        if (observed <= maxMessages)
        {
            return RiskReason.ACCEPTED;
        }
        blockedUntilNs[index] = messagesIn.size() > 0 ? messagesIn.oldestNs() + messagesIn.windowNs() : Long.MAX_VALUE;
        return reject(event, observed, maxMessages, RiskReason.MESSAGE_RATE);
    }

    // ---- planning and checks -------------------------------------------------------------------------------

    private void plan(final int index, final EngineEvent event)
    {
        if (orders.workingCount(index) > 0 || (blocked[index] && nowNs < blockedUntilNs[index]))
        {
            return;
        }
        final boolean flattening = tradingState == TradingState.HALTED && limits.flatten();
        if (!hasTarget[index] && !flattening)
        {
            return;
        }
        final long target = flattening ? 0 : targetLots[index];
        final long deltaLots = target - book.positionLots(index);
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
                (askTicks[index] > 0 ? Math.max(1, askTicks[index] + execution.limitOffsetTicks()) : 0) :
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
        event.intentTargetLots = target;
        counters.increment(EngineCounters.INTENTS);

        blockedUntilNs[index] = Long.MAX_VALUE;
        event.riskObserved = 0;
        event.riskLimit = 0;
        final int reason = check(index, side, qtyLots, orderType, limitPriceTicks, event);
        event.riskReason = reason;
        if (reason != RiskReason.ACCEPTED)
        {
            blocked[index] = true;
            blockedReason[index] = reason;
            counters.increment(EngineCounters.RISK_REJECTS);
            counters.incrementRiskReject(reason);
            rejections.onRejected(sequence, nowNs, index, intentId, side, qtyLots, reason, event.riskObserved,
                event.riskLimit, tradingState);
            return;
        }
        orders.onNewOrder(intentId, index, side, orderType, qtyLots, limitPriceTicks, nowNs);
        unacked[index]++;
        setCounter(index, RiskCounter.UNACKED_ORDERS, unacked[index]);
        setCounter(RiskCounter.ENGINE_WIDE, RiskCounter.OPEN_ORDERS, orders.openOrders());
        addMessage(index, intentId);
        hasAccepted[index] = true;
        acceptedSide[index] = side;
        acceptedQtyLots[index] = qtyLots;
        acceptedPriceTicks[index] = limitPriceTicks;
        acceptedTimeNs[index] = nowNs;
    }

    private int check(
        final int index,
        final byte side,
        final long qtyLots,
        final byte orderType,
        final long limitPriceTicks,
        final EngineEvent event)
    {
        final long position = book.positionLots(index);
        final long signedQty = side == Side.BUY ? qtyLots : -qtyLots;
        final long after = position + signedQty;
        final boolean reduces = position != 0 && Math.abs(after) < Math.abs(position) &&
            (after == 0 || (after > 0) == (position > 0));
        if (tradingState == TradingState.HALTED && !(limits.flatten() && reduces))
        {
            return reject(event, tradingState, TradingState.ACTIVE, RiskReason.TRADING_HALTED);
        }
        if (tradingState == TradingState.REDUCING && !reduces)
        {
            return reject(event, Math.abs(after), Math.abs(position), RiskReason.REDUCE_ONLY);
        }
        if (dailyLossTripped && !reduces)
        {
            return reject(event, Math.subtractExact(dayBaselineCash, totalNetCash), limits.maxDailyLossCash(),
                RiskReason.DAILY_LOSS);
        }
        final long reference = markTicks[index];
        if (reference <= 0 || (orderType == OrderType.LIMIT && limitPriceTicks <= 0))
        {
            return reject(event, 0, 1, RiskReason.NO_REFERENCE_PRICE);
        }
        final long staleAfterNs = limits.staleAfterNs(index);
        if (staleAfterNs > 0 && nowNs - lastMarketDataNs[index] > staleAfterNs)
        {
            return reject(event, nowNs - lastMarketDataNs[index], staleAfterNs, RiskReason.STALE_MARKET_DATA);
        }
        if (bookState[index] != 0 && bookState[index] != BookState.LIVE)
        {
            return reject(event, bookState[index], BookState.LIVE, RiskReason.BOOK_NOT_LIVE);
        }
        final long maxVolatilityPpm = limits.maxVolatilityPpm(index);
        if (maxVolatilityPpm > 0 && returnCount[index] == squaredReturns[index].length &&
            FixedPoint.compareProducts(sumSquaredReturns[index], 1,
                returnCount[index] * maxVolatilityPpm, maxVolatilityPpm) > 0)
        {
            return reject(event, (long)Math.sqrt((double)sumSquaredReturns[index] / returnCount[index]),
                maxVolatilityPpm, RiskReason.VOLATILITY_HALT);
        }
        if (orderType == OrderType.LIMIT)
        {
            final long distance = Math.abs(limitPriceTicks - reference);
            final long collarTicks = limits.collarTicks(index);
            if (collarTicks >= 0 && distance > collarTicks)
            {
                return reject(event, distance, collarTicks, RiskReason.PRICE_COLLAR);
            }
            final long collarPpm = limits.collarPpm(index);
            if (collarPpm >= 0 && FixedPoint.compareProducts(distance, RiskLimits.PPM, reference, collarPpm) > 0)
            {
                return reject(event, observedPpm(distance, reference), collarPpm, RiskReason.PRICE_COLLAR);
            }
        }
        if (qtyLots > limits.maxOrderQtyLots(index))
        {
            return reject(event, qtyLots, limits.maxOrderQtyLots(index), RiskReason.MAX_ORDER_QTY);
        }
        final long notional = valueCash(qtyLots, reference, limits.cashPerTickLot(index));
        if (notional > limits.maxOrderNotionalCash(index))
        {
            return reject(event, notional, limits.maxOrderNotionalCash(index), RiskReason.MAX_ORDER_NOTIONAL);
        }
        final long projected = Math.abs(position + orders.workingSignedLots(index) + signedQty);
        if (projected > limits.maxPositionLots(index))
        {
            return reject(event, projected, limits.maxPositionLots(index), RiskReason.MAX_POSITION);
        }
        if (limits.maxGrossExposureCash() != RiskLimits.OFF)
        {
            final long gross = grossExposureCash(index, signedQty);
            if (gross > limits.maxGrossExposureCash())
            {
                return reject(event, gross, limits.maxGrossExposureCash(), RiskReason.MAX_GROSS_EXPOSURE);
            }
        }
        final long maxOpen = Math.min(limits.maxOpenOrders(), orders.capacity());
        if (orders.openOrders() + 1L > maxOpen)
        {
            return reject(event, orders.openOrders() + 1L, maxOpen, RiskReason.MAX_OPEN_ORDERS);
        }
        if (checkMessages(index, index, limits.maxMessages(index), event) != RiskReason.ACCEPTED ||
            checkMessages(instrumentCount, index, limits.maxEngineMessages(), event) != RiskReason.ACCEPTED)
        {
            return RiskReason.MESSAGE_RATE;
        }
        final long duplicateWindowNs = limits.duplicateWindowNs(index);
        if (duplicateWindowNs > 0 && hasAccepted[index] && acceptedSide[index] == side &&
            acceptedQtyLots[index] == qtyLots && acceptedPriceTicks[index] == limitPriceTicks &&
            nowNs - acceptedTimeNs[index] < duplicateWindowNs)
        {
            blockedUntilNs[index] = acceptedTimeNs[index] + duplicateWindowNs;
            return reject(event, nowNs - acceptedTimeNs[index], duplicateWindowNs, RiskReason.DUPLICATE_INTENT);
        }
        return RiskReason.ACCEPTED;
    }

    /**
     * Sum over instruments of |position + working orders| at the reference price, with {@code signedQty} more on
     * {@code index}; saturates at {@link RiskLimits#OFF}.
     */
    private long grossExposureCash(final int index, final long signedQty)
    {
        long gross = 0;
        for (int i = 0; i < instrumentCount; i++)
        {
            long lots = book.positionLots(i) + orders.workingSignedLots(i);
            if (i == index)
            {
                lots += signedQty;
            }
            if (lots == 0 || markTicks[i] <= 0)
            {
                continue;
            }
            final long value = valueCash(Math.abs(lots), markTicks[i], limits.cashPerTickLot(i));
            if (value > RiskLimits.OFF - gross)
            {
                return RiskLimits.OFF;
            }
            gross += value;
        }
        return gross;
    }

    /**
     * @return lots &times; ticks &times; cash per tick-lot, saturated at {@link RiskLimits#OFF}; all arguments &ge; 0.
     */
    static long valueCash(final long lots, final long ticks, final long cashPerTickLot)
    {
        final long lotTicks = lots * ticks;
        if (Math.multiplyHigh(lots, ticks) != 0 || lotTicks < 0)
        {
            return RiskLimits.OFF;
        }
        final long cash = lotTicks * cashPerTickLot;
        if (Math.multiplyHigh(lotTicks, cashPerTickLot) != 0 || cash < 0)
        {
            return RiskLimits.OFF;
        }
        return cash;
    }

    /**
     * @return {@code distance} in ppm of {@code reference} (exact, 128-bit), saturated at {@link RiskLimits#OFF}.
     */
    private static long observedPpm(final long distance, final long reference)
    {
        return distance / reference >= RiskLimits.OFF / RiskLimits.PPM ?
            RiskLimits.OFF : FixedPoint.mulDiv(distance, RiskLimits.PPM, reference);
    }

    private static int reject(final EngineEvent event, final long observed, final long limit, final int reason)
    {
        event.riskObserved = observed;
        event.riskLimit = limit;
        return reason;
    }

    private void setCounter(final int instrumentIndex, final int counter, final long value)
    {
        final int slot = (instrumentIndex + 1) * RiskCounter.COUNT + counter;
        if (counterValues[slot] != value)
        {
            counterValues[slot] = value;
            recorder.counter(instrumentIndex, counter, value, sequence);
        }
    }

    /**
     * @return {@link RiskCounter#COUNT}: the counter ids are 0 to COUNT - 1.
     */
    @Override
    public int counterCount()
    {
        return RiskCounter.COUNT;
    }

    /**
     * A counter's current value, as mirrored to the recorder. Read from the stage's own thread or while the pipeline
     * is idle (the state check after the recovery replay).
     *
     * @param instrumentIndex the dense instrument index, or {@link RiskCounter#ENGINE_WIDE}.
     * @param counter         a {@link RiskCounter} id.
     */
    @Override
    public long counter(final int instrumentIndex, final int counter)
    {
        return counterValues[(instrumentIndex + 1) * RiskCounter.COUNT + counter];
    }

    /**
     * @return the {@link TradingState} after the last event handled.
     */
    @Override
    public int tradingState()
    {
        return tradingState;
    }

    public long positionLots(final int index)
    {
        return book.positionLots(index);
    }

    /**
     * @return realized + unrealized PnL net of fees since the current UTC day of event time began, in cash units.
     */
    public long dailyPnlCash()
    {
        return Math.subtractExact(totalNetCash, dayBaselineCash);
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
