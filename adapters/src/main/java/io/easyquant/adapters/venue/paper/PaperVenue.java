package io.easyquant.adapters.venue.paper;

import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.venue.ExecutionReportPublisher;
import io.easyquant.engine.venue.Venue;
import io.easyquant.journal.codec.BarCodec;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradeCodec;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;

import static io.easyquant.journal.codec.RecordHeader.BYTE_ORDER;

/**
 * A simulated exchange: fills orders against the market data the engine sees, with configurable latency, random
 * rejects and partial fills, fees, bar fills and order expiry ({@link PaperVenueContext}). For backtests and paper
 * trading.
 *
 * <h2>Determinism</h2>
 * The venue never reads a clock: time is the {@code nowNs} of each call, and {@code nowNs} must not go backwards
 * between calls. Randomness comes from one {@link SplittableRandom} seeded from the context, drawn in a fixed order
 * (one draw per arriving order; one or two per fill), so the same seed and the same sequence of calls give the
 * same sequence of reports, bit for bit.
 *
 * <h2>Time</h2>
 * A {@code send} or {@code cancel} at {@code nowNs} reaches the venue at {@code nowNs + latencyNs}. The venue acts
 * on what has reached it whenever it is called, in time order: a request that arrived strictly before an input is
 * handled against the market as it was before that input; one arriving at the input's own time, against the
 * market after it. A working order expires at {@code arrivalNs + orderTtlNs}, before an input at that time can
 * fill it. Each report's {@code venueTimeNs} is the event time at which it happened, which may be earlier than the
 * {@code nowNs} of the call that emits it.
 *
 * <h2>Matching</h2>
 * The price source of an instrument is chosen from its latest market input:
 * <ul>
 *   <li>the latest was a BAR: with {@link PaperVenueContext.BarFill#NEXT_OPEN} an order waits for the next bar;
 *       with {@link PaperVenueContext.BarFill#SIGNAL_CLOSE} it is priced on arrival at the close of the latest bar.
 *       A working order meeting a new bar fills at the bar's open (market), or if the bar's range reaches its limit
 *       at the limit or the open, whichever is better for the order;</li>
 *   <li>otherwise, once it has quotes: a buy takes the ask, a sell the bid; a limit buy fills when
 *       {@code ask <= limit}, at the ask, a limit sell when {@code bid >= limit}, at the bid. A quote side whose
 *       price and size are both zero is absent, and orders on that side wait;</li>
 *   <li>otherwise, once it has trades: at the last trade price, under the same limit rule;</li>
 *   <li>with no market data, orders wait.</li>
 * </ul>
 * An order tries to match when it arrives and then once on each later market input for its instrument. A fill takes
 * the whole remainder, or with {@code partialFillProbability} (when at least 2 lots are left) a random 1..leaves-1
 * lots; the quote's displayed size does not limit fills.
 *
 * <h2>Reports</h2>
 * Every report carries a unique {@code execId} from one counter starting at 1 (so duplicates can be recognised
 * downstream). On arrival an order is REJECTED ({@link PaperRejectReason#RANDOM}) or ACKed. Fills carry
 * {@code lastQtyLots}, {@code lastPriceTicks}, {@code leavesQtyLots}, {@code cumQtyLots} and {@code feeCash} =
 * floor(lastQty x lastPrice x cashPerTickLot x feeRateBps / 10000) cash units, exact while the notional
 * {@code lastQty x |lastPrice| x cashPerTickLot} fits in a long (about 9.2e10 units of quote currency per fill);
 * beyond it the fee saturates at {@code Long.MAX_VALUE} and {@link #feeOverflows()} counts it.
 * Orders that cannot be taken at all (bad fields, unknown instrument, duplicate working client order id, full
 * pool, full request queue) are REJECTED at once, at the {@code nowNs} of the {@code send}, as a gateway would.
 *
 * <h2>Back-pressure</h2>
 * When {@link ExecutionReportPublisher#tryPublishExecutionReport} refuses a report, it and every later report wait
 * in a FIFO, in order, and are retried at the start of every call and in {@link #onEndOfBatch(long)}: none is
 * reordered or lost. The FIFO is pre-allocated for {@code 4 x maxOpenOrders} reports. One call emits at most about
 * three reports per open order (an ACK and a fill on arrival, a fill on the market input) plus one per cancel
 * arriving, so the FIFO holds everything a call or two can produce; it fills only if the ring stays full across
 * many calls, i.e. its consumer is stalled. Then the FIFO doubles (an allocation, counted by
 * {@link #reportQueueOverflows()}) rather than drop a report.
 *
 * <h2>Persistence and reconciliation</h2>
 * With a {@link PaperVenueLog} (e.g. {@link PaperVenueJournal} under {@code <dataDir>/venue}) the venue logs every
 * order and cancel it receives and every report it emits, before acting on it, and on construction rebuilds its book
 * from the log: orders in flight and working (with their filled quantity and arrival time), requests in flight, the
 * next exec id (exec ids are monotonic for the venue's whole life, across restarts) and the client order ids it has
 * received. So it outlives a kill -9 of the engine, as a real venue would. The market it saw is not kept: working
 * orders wait for the next market input. A rebuilt venue draws its randomness from a stream seeded by the seed and the
 * exec id it continues at. A client order id at or below the highest one received is counted as a duplicate
 * ({@link #duplicateClOrdIds()}; the engine's ids increase). {@link #reconcile} republishes the reports the engine's
 * journal lost and rejects the orders the engine believes working that never reached the venue
 * ({@link PaperRejectReason#UNKNOWN_AFTER_RESTART}).
 *
 * <h2>Memory and threads</h2>
 * All state is pre-allocated at construction: orders live in struct-of-arrays slots indexed from a free list,
 * client order ids map to slots through a pre-sized {@link Long2LongHashMap}. Steady-state calls do not allocate,
 * log or lock. Calls must come from one thread (the execution stage). The counters may be read from any thread.
 */
public final class PaperVenue implements Venue
{
    private static final int QUOTE_TEMPLATE_ID = RecordType.QUOTE.code();
    private static final int TRADE_TEMPLATE_ID = RecordType.TRADE.code();
    private static final int BAR_TEMPLATE_ID = RecordType.BAR.code();

    private static final int NONE = -1;
    private static final long MISSING_SLOT = -1L;
    /** No fill possible; never a real price. */
    private static final long NO_PRICE = Long.MIN_VALUE;

    private static final byte SLOT_FREE = 0;
    private static final byte SLOT_IN_FLIGHT = 1;
    private static final byte SLOT_WORKING = 2;

    private static final byte REQUEST_NEW = 1;
    private static final byte REQUEST_CANCEL = 2;

    private static final byte INPUT_NONE = 0;
    private static final byte INPUT_QUOTE = 1;
    private static final byte INPUT_TRADE = 2;
    private static final byte INPUT_BAR = 3;

    private static final int ORDERS_RECEIVED = 0;
    private static final int ACKS = 1;
    private static final int FILLS = 2;
    private static final int PARTIAL_FILLS = 3;
    private static final int REJECTS = 4;
    private static final int CANCELS = 5;
    private static final int CANCEL_REJECTS = 6;
    private static final int EXPIRED = 7;
    private static final int REPORTS_DEFERRED = 8;
    private static final int REPORT_QUEUE_OVERFLOWS = 9;
    private static final int FEE_OVERFLOWS = 10;
    private static final int DUPLICATE_CL_ORD_IDS = 11;
    private static final int REPORTS_REPUBLISHED = 12;
    private static final int UNKNOWN_AFTER_RESTART = 13;
    private static final int COUNTER_COUNT = 14;

    private final int sourceId;
    private final long latencyNs;
    private final double partialFillProbability;
    private final double rejectProbability;
    private final long feeRateBps;
    private final boolean signalCloseFill;
    private final long orderTtlNs;
    private final int maxOpenOrders;

    private final Instruments instruments;
    private final ExecutionReportPublisher publisher;
    private final PaperVenueLog log;
    private final SplittableRandom random;
    private final AtomicLongArray counters = new AtomicLongArray(COUNTER_COUNT);

    // Market, by dense instrument index.
    private final long[] cashPerTickLot;
    private final byte[] lastInput;
    private final boolean[] hasQuote;
    private final long[] bidTicks;
    private final long[] bidLots;
    private final long[] askTicks;
    private final long[] askLots;
    private final boolean[] hasTrade;
    private final long[] lastTradeTicks;
    private final long[] barOpenTicks;
    private final long[] barHighTicks;
    private final long[] barLowTicks;
    private final long[] barCloseTicks;
    private final int[] workingHeadByInstrument;
    private final int[] workingTailByInstrument;

    // Orders, by slot.
    private final byte[] slotState;
    private final long[] orderClOrdId;
    private final int[] orderInstrumentId;
    private final int[] orderInstrumentIndex;
    private final byte[] orderSide;
    private final byte[] orderType;
    private final long[] orderQtyLots;
    private final long[] orderLimitPriceTicks;
    private final long[] orderCumQtyLots;
    private final long[] orderArrivalNs;
    private final int[] prevWorking;
    private final int[] nextWorking;
    private final int[] prevWorkingOnInstrument;
    private final int[] nextWorkingOnInstrument;
    private final int[] freeSlots;
    private int freeSlotCount;
    private int workingHead = NONE;
    private int workingTail = NONE;
    private final Long2LongHashMap slotByClOrdId;

    // Requests in flight to the venue, in send order (hence arrival order).
    private final int requestMask;
    private final byte[] requestKind;
    private final int[] requestSlot;
    private final long[] requestClOrdId;
    private final int[] requestInstrumentId;
    private final long[] requestArrivalNs;
    private int requestHead;
    private int requestCount;

    // Reports the publisher refused, oldest first.
    private int deferredMask;
    private int deferredHead;
    private int deferredCount;
    private int[] deferredInstrumentId;
    private long[] deferredClOrdId;
    private long[] deferredExecId;
    private byte[] deferredExecType;
    private byte[] deferredSide;
    private long[] deferredLastQtyLots;
    private long[] deferredLastPriceTicks;
    private long[] deferredLeavesQtyLots;
    private long[] deferredCumQtyLots;
    private long[] deferredFeeCash;
    private long[] deferredVenueTimeNs;
    private int[] deferredRejectReason;

    private long nextExecId = 1;
    /** The first exec id this process issues: reports below it were emitted before the restart. */
    private long firstExecIdOfThisProcess;
    private long highestClOrdIdReceived = Long.MIN_VALUE;
    /** Every client order id the log shows received; kept until the reconciliation that needs it. */
    private LongHashSet receivedClOrdIds = new LongHashSet();

    /**
     * Allocate all the venue's state. Cold path.
     *
     * @param context     the validated configuration.
     * @param instruments the instruments orders may be sent for; market data for others is ignored.
     * @param publisher   where reports go.
     */
    public PaperVenue(
        final PaperVenueContext context, final Instruments instruments, final ExecutionReportPublisher publisher)
    {
        this(context, instruments, publisher, PaperVenueLog.NONE);
    }

    /**
     * Allocate all the venue's state and rebuild its book from its log. Cold path.
     *
     * @param context     the validated configuration.
     * @param instruments the instruments orders may be sent for; market data for others is ignored.
     * @param publisher   where reports go.
     * @param log         where orders, cancels and reports are logged, and the book rebuilt from.
     */
    public PaperVenue(
        final PaperVenueContext context,
        final Instruments instruments,
        final ExecutionReportPublisher publisher,
        final PaperVenueLog log)
    {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(instruments, "instruments");
        Objects.requireNonNull(publisher, "publisher");
        this.sourceId = context.sourceId();
        this.latencyNs = context.latencyNs();
        this.partialFillProbability = context.partialFillProbability();
        this.rejectProbability = context.rejectProbability();
        this.feeRateBps = context.feeRateBps();
        this.signalCloseFill = context.barFill() == PaperVenueContext.BarFill.SIGNAL_CLOSE;
        this.orderTtlNs = context.orderTtlNs();
        this.maxOpenOrders = context.maxOpenOrders();
        this.instruments = instruments;
        this.publisher = publisher;
        this.log = log;

        final int instrumentCount = instruments.count();
        cashPerTickLot = new long[instrumentCount];
        for (int i = 0; i < instrumentCount; i++)
        {
            cashPerTickLot[i] = instruments.at(i).cashPerTickLot();
        }
        lastInput = new byte[instrumentCount];
        hasQuote = new boolean[instrumentCount];
        bidTicks = new long[instrumentCount];
        bidLots = new long[instrumentCount];
        askTicks = new long[instrumentCount];
        askLots = new long[instrumentCount];
        hasTrade = new boolean[instrumentCount];
        lastTradeTicks = new long[instrumentCount];
        barOpenTicks = new long[instrumentCount];
        barHighTicks = new long[instrumentCount];
        barLowTicks = new long[instrumentCount];
        barCloseTicks = new long[instrumentCount];
        workingHeadByInstrument = new int[instrumentCount];
        workingTailByInstrument = new int[instrumentCount];
        Arrays.fill(workingHeadByInstrument, NONE);
        Arrays.fill(workingTailByInstrument, NONE);

        slotState = new byte[maxOpenOrders];
        orderClOrdId = new long[maxOpenOrders];
        orderInstrumentId = new int[maxOpenOrders];
        orderInstrumentIndex = new int[maxOpenOrders];
        orderSide = new byte[maxOpenOrders];
        orderType = new byte[maxOpenOrders];
        orderQtyLots = new long[maxOpenOrders];
        orderLimitPriceTicks = new long[maxOpenOrders];
        orderCumQtyLots = new long[maxOpenOrders];
        orderArrivalNs = new long[maxOpenOrders];
        prevWorking = new int[maxOpenOrders];
        nextWorking = new int[maxOpenOrders];
        prevWorkingOnInstrument = new int[maxOpenOrders];
        nextWorkingOnInstrument = new int[maxOpenOrders];
        freeSlots = new int[maxOpenOrders];
        for (int i = 0; i < maxOpenOrders; i++)
        {
            // Lowest slot on top, so slots are used in a fixed order.
            freeSlots[i] = maxOpenOrders - 1 - i;
        }
        freeSlotCount = maxOpenOrders;
        // Load factor 0.5 on 2 x capacity: never resizes while at most maxOpenOrders ids are held.
        slotByClOrdId = new Long2LongHashMap(2 * maxOpenOrders, 0.5f, MISSING_SLOT);

        final int requestCapacity = BitUtil.findNextPositivePowerOfTwo(2 * maxOpenOrders);
        requestMask = requestCapacity - 1;
        requestKind = new byte[requestCapacity];
        requestSlot = new int[requestCapacity];
        requestClOrdId = new long[requestCapacity];
        requestInstrumentId = new int[requestCapacity];
        requestArrivalNs = new long[requestCapacity];

        allocateDeferred(BitUtil.findNextPositivePowerOfTwo(4 * maxOpenOrders));

        log.replay(new Rebuild());
        firstExecIdOfThisProcess = nextExecId;
        this.random = new SplittableRandom(nextExecId == 1 ? context.seed() :
            context.seed() ^ (nextExecId * 0x9E3779B97F4A7C15L));
    }

    /**
     * Update the market from a QUOTE, TRADE or BAR record of a configured instrument, and act on everything due at
     * or before {@code nowNs}. Other records only advance time.
     */
    @Override
    public void onInput(final DirectBuffer record, final int offset, final long nowNs)
    {
        flushDeferred();
        // What reached the venue strictly before this input saw the market as it was before it.
        processDue(nowNs - 1, nowNs);

        final int templateId = RecordHeader.templateId(record, offset);
        if (templateId == QUOTE_TEMPLATE_ID)
        {
            final int index = instruments.indexOf(record.getInt(offset + QuoteCodec.INSTRUMENT_ID_OFFSET, BYTE_ORDER));
            if (index != Instruments.UNKNOWN)
            {
                bidTicks[index] = record.getLong(offset + QuoteCodec.BID_TICKS_OFFSET, BYTE_ORDER);
                bidLots[index] = record.getLong(offset + QuoteCodec.BID_LOTS_OFFSET, BYTE_ORDER);
                askTicks[index] = record.getLong(offset + QuoteCodec.ASK_TICKS_OFFSET, BYTE_ORDER);
                askLots[index] = record.getLong(offset + QuoteCodec.ASK_LOTS_OFFSET, BYTE_ORDER);
                hasQuote[index] = true;
                lastInput[index] = INPUT_QUOTE;
                matchWorking(index, nowNs, false);
            }
        }
        else if (templateId == TRADE_TEMPLATE_ID)
        {
            final int index = instruments.indexOf(record.getInt(offset + TradeCodec.INSTRUMENT_ID_OFFSET, BYTE_ORDER));
            if (index != Instruments.UNKNOWN)
            {
                lastTradeTicks[index] = record.getLong(offset + TradeCodec.PRICE_TICKS_OFFSET, BYTE_ORDER);
                hasTrade[index] = true;
                lastInput[index] = INPUT_TRADE;
                matchWorking(index, nowNs, false);
            }
        }
        else if (templateId == BAR_TEMPLATE_ID)
        {
            final int index = instruments.indexOf(record.getInt(offset + BarCodec.INSTRUMENT_ID_OFFSET, BYTE_ORDER));
            if (index != Instruments.UNKNOWN)
            {
                barOpenTicks[index] = record.getLong(offset + BarCodec.OPEN_TICKS_OFFSET, BYTE_ORDER);
                barHighTicks[index] = record.getLong(offset + BarCodec.HIGH_TICKS_OFFSET, BYTE_ORDER);
                barLowTicks[index] = record.getLong(offset + BarCodec.LOW_TICKS_OFFSET, BYTE_ORDER);
                barCloseTicks[index] = record.getLong(offset + BarCodec.CLOSE_TICKS_OFFSET, BYTE_ORDER);
                lastInput[index] = INPUT_BAR;
                matchWorking(index, nowNs, true);
            }
        }

        processDue(nowNs, nowNs);
    }

    /**
     * Take an order; it reaches the venue at {@code nowNs + latencyNs}. An order that cannot be taken is REJECTED at
     * once with a {@link PaperRejectReason} code: {@code BAD_ORDER} (quantity not positive, invalid side or type),
     * {@code UNKNOWN_INSTRUMENT}, {@code DUPLICATE_CL_ORD_ID} (the id is still in flight or working),
     * {@code POOL_FULL} or {@code REQUEST_QUEUE_FULL}.
     *
     * @param limitPriceTicks the limit price; ignored for a market order.
     */
    @Override
    public void send(
        final long clOrdId,
        final int instrumentId,
        final byte side,
        final byte orderType,
        final long qtyLots,
        final long limitPriceTicks,
        final long nowNs)
    {
        flushDeferred();
        processDue(nowNs, nowNs);
        increment(ORDERS_RECEIVED);
        log.onOrder(clOrdId, instrumentId, side, orderType, qtyLots, limitPriceTicks, nowNs);
        if (clOrdId <= highestClOrdIdReceived)
        {
            increment(DUPLICATE_CL_ORD_IDS);
        }
        highestClOrdIdReceived = Math.max(highestClOrdIdReceived, clOrdId);

        final int index = instruments.indexOf(instrumentId);
        final int reason;
        if (qtyLots <= 0 || !Side.isValidOrderSide(side) || !OrderType.isValid(orderType))
        {
            reason = PaperRejectReason.BAD_ORDER;
        }
        else if (index == Instruments.UNKNOWN)
        {
            reason = PaperRejectReason.UNKNOWN_INSTRUMENT;
        }
        else if (slotByClOrdId.containsKey(clOrdId))
        {
            reason = PaperRejectReason.DUPLICATE_CL_ORD_ID;
        }
        else if (freeSlotCount == 0)
        {
            reason = PaperRejectReason.POOL_FULL;
        }
        else if (requestCount > requestMask)
        {
            reason = PaperRejectReason.REQUEST_QUEUE_FULL;
        }
        else
        {
            reason = PaperRejectReason.NONE;
        }

        if (reason != PaperRejectReason.NONE)
        {
            increment(REJECTS);
            report(instrumentId, clOrdId, ExecType.REJECTED, side, 0, 0, 0, 0, 0, nowNs, reason);
            return;
        }

        final int slot = freeSlots[--freeSlotCount];
        final long arrivalNs = saturatedAdd(nowNs, latencyNs);
        slotState[slot] = SLOT_IN_FLIGHT;
        orderClOrdId[slot] = clOrdId;
        orderInstrumentId[slot] = instrumentId;
        orderInstrumentIndex[slot] = index;
        orderSide[slot] = side;
        this.orderType[slot] = orderType;
        orderQtyLots[slot] = qtyLots;
        orderLimitPriceTicks[slot] = limitPriceTicks;
        orderCumQtyLots[slot] = 0;
        orderArrivalNs[slot] = arrivalNs;
        slotByClOrdId.put(clOrdId, slot);
        enqueueRequest(REQUEST_NEW, slot, clOrdId, instrumentId, arrivalNs);

        processDue(nowNs, nowNs);
    }

    /**
     * Request a cancel; it takes effect at {@code nowNs + latencyNs}. A working order is CANCELLED (leaves 0); an
     * order unknown, already complete or on another instrument gets CANCEL_REJECTED with
     * {@link PaperRejectReason#UNKNOWN_ORDER}. If the request queue is full the cancel is rejected at once with
     * {@link PaperRejectReason#REQUEST_QUEUE_FULL}.
     */
    @Override
    public void cancel(final long clOrdId, final int instrumentId, final long nowNs)
    {
        flushDeferred();
        processDue(nowNs, nowNs);
        log.onCancel(clOrdId, instrumentId, nowNs);

        if (requestCount > requestMask)
        {
            increment(CANCEL_REJECTS);
            report(instrumentId, clOrdId, ExecType.CANCEL_REJECTED, Side.NONE, 0, 0, 0, 0, 0, nowNs,
                PaperRejectReason.REQUEST_QUEUE_FULL);
            return;
        }
        enqueueRequest(REQUEST_CANCEL, NONE, clOrdId, instrumentId, saturatedAdd(nowNs, latencyNs));

        processDue(nowNs, nowNs);
    }

    /**
     * Retry deferred reports and act on everything due at or before {@code nowNs}.
     */
    @Override
    public void onEndOfBatch(final long nowNs)
    {
        flushDeferred();
        processDue(nowNs, nowNs);
    }

    /**
     * Settle with the engine after its restart (see {@link Venue#reconcile}): republish, in order and with their
     * original exec ids, the logged reports above {@code lastJournaledExecId} that were emitted before this venue was
     * rebuilt (those emitted since were published already); then reject with
     * {@link PaperRejectReason#UNKNOWN_AFTER_RESTART} each working order of the engine's that this venue never
     * received; and never issue an exec id at or below {@code lastJournaledExecId} from then on. Cold path: once per
     * session.
     */
    @Override
    public void reconcile(
        final long lastJournaledExecId,
        final long[] workingClOrdIds,
        final int[] instrumentIds,
        final byte[] sides,
        final int count,
        final long nowNs)
    {
        flushDeferred();
        log.replayReportsAfter(lastJournaledExecId, new Republish());
        // Exec ids the engine journaled stay used even where this venue's log lost them (a log cut at damage by an
        // explicit repair): a report with one of them would be dropped by the engine as a duplicate.
        nextExecId = Math.max(nextExecId, lastJournaledExecId + 1);
        for (int i = 0; i < count; i++)
        {
            final long clOrdId = workingClOrdIds[i];
            if (!slotByClOrdId.containsKey(clOrdId) && !receivedClOrdIds.contains(clOrdId))
            {
                increment(REJECTS);
                increment(UNKNOWN_AFTER_RESTART);
                report(instrumentIds[i], clOrdId, ExecType.REJECTED, sides[i], 0, 0, 0, 0, 0, nowNs,
                    PaperRejectReason.UNKNOWN_AFTER_RESTART);
            }
        }
        receivedClOrdIds = new LongHashSet();
    }

    /**
     * @return client order ids received at or below the highest one received before (the engine's ids increase, so
     * each is an order id sent twice), across restarts of a logged venue.
     */
    public long duplicateClOrdIds()
    {
        return counters.get(DUPLICATE_CL_ORD_IDS);
    }

    /**
     * @return reports republished by {@link #reconcile} because the engine's journal did not have them.
     */
    public long reportsRepublished()
    {
        return counters.get(REPORTS_REPUBLISHED);
    }

    /**
     * @return orders rejected by {@link #reconcile} as never received.
     */
    public long unknownAfterRestart()
    {
        return counters.get(UNKNOWN_AFTER_RESTART);
    }

    /**
     * @return the exec id the next report will carry.
     */
    public long nextExecId()
    {
        return nextExecId;
    }

    /**
     * Rebuilds the book from the log, mirroring what {@code send}, {@code cancel} and the reports did: the same
     * checks decide whether an order took a slot, arrival reports (ACK, REJECTED at random, CANCELLED,
     * CANCEL_REJECTED of an unknown order) take the oldest request off the queue, terminal reports free the slot.
     */
    private final class Rebuild implements PaperVenueLog.Visitor
    {
        @Override
        public void onOrder(
            final long clOrdId,
            final int instrumentId,
            final byte side,
            final byte orderType,
            final long qtyLots,
            final long limitPriceTicks,
            final long nowNs)
        {
            if (clOrdId <= highestClOrdIdReceived)
            {
                increment(DUPLICATE_CL_ORD_IDS);
            }
            highestClOrdIdReceived = Math.max(highestClOrdIdReceived, clOrdId);
            receivedClOrdIds.add(clOrdId);
            final int index = instruments.indexOf(instrumentId);
            if (qtyLots <= 0 || !Side.isValidOrderSide(side) || !OrderType.isValid(orderType) ||
                index == Instruments.UNKNOWN || slotByClOrdId.containsKey(clOrdId) || freeSlotCount == 0 ||
                requestCount > requestMask)
            {
                return;
            }
            final int slot = freeSlots[--freeSlotCount];
            final long arrivalNs = saturatedAdd(nowNs, latencyNs);
            slotState[slot] = SLOT_IN_FLIGHT;
            orderClOrdId[slot] = clOrdId;
            orderInstrumentId[slot] = instrumentId;
            orderInstrumentIndex[slot] = index;
            orderSide[slot] = side;
            PaperVenue.this.orderType[slot] = orderType;
            orderQtyLots[slot] = qtyLots;
            orderLimitPriceTicks[slot] = limitPriceTicks;
            orderCumQtyLots[slot] = 0;
            orderArrivalNs[slot] = arrivalNs;
            slotByClOrdId.put(clOrdId, slot);
            enqueueRequest(REQUEST_NEW, slot, clOrdId, instrumentId, arrivalNs);
        }

        @Override
        public void onCancel(final long clOrdId, final int instrumentId, final long nowNs)
        {
            if (requestCount <= requestMask)
            {
                enqueueRequest(REQUEST_CANCEL, NONE, clOrdId, instrumentId, saturatedAdd(nowNs, latencyNs));
            }
        }

        @Override
        public void onReport(
            final int instrumentId,
            final long clOrdId,
            final long execId,
            final byte execType,
            final byte side,
            final long lastQtyLots,
            final long lastPriceTicks,
            final long leavesQtyLots,
            final long cumQtyLots,
            final long feeCash,
            final long venueTimeNs,
            final int rejectReason)
        {
            nextExecId = Math.max(nextExecId, execId + 1);
            final long found = slotByClOrdId.get(clOrdId);
            final int slot = (int)found;
            switch (execType)
            {
                case ExecType.ACK:
                    takeRequest();
                    if (found != MISSING_SLOT)
                    {
                        slotState[slot] = SLOT_WORKING;
                        linkWorking(slot);
                    }
                    break;
                case ExecType.REJECTED:
                    if (rejectReason == PaperRejectReason.RANDOM)
                    {
                        takeRequest();
                        if (found != MISSING_SLOT)
                        {
                            release(slot);
                        }
                    }
                    break;
                case ExecType.PARTIAL_FILL:
                    if (found != MISSING_SLOT)
                    {
                        orderCumQtyLots[slot] = cumQtyLots;
                    }
                    break;
                case ExecType.CANCELLED:
                    takeRequest();
                    if (found != MISSING_SLOT)
                    {
                        release(slot);
                    }
                    break;
                case ExecType.CANCEL_REJECTED:
                    if (rejectReason == PaperRejectReason.UNKNOWN_ORDER)
                    {
                        takeRequest();
                    }
                    break;
                case ExecType.FILL:
                case ExecType.EXPIRED:
                    if (found != MISSING_SLOT)
                    {
                        release(slot);
                    }
                    break;
                default:
                    break;
            }
        }

        private void takeRequest()
        {
            if (requestCount > 0)
            {
                requestHead = (requestHead + 1) & requestMask;
                requestCount--;
            }
        }
    }

    /**
     * Publishes logged reports again, as they were, without logging them twice.
     */
    private final class Republish implements PaperVenueLog.Visitor
    {
        @Override
        public void onReport(
            final int instrumentId,
            final long clOrdId,
            final long execId,
            final byte execType,
            final byte side,
            final long lastQtyLots,
            final long lastPriceTicks,
            final long leavesQtyLots,
            final long cumQtyLots,
            final long feeCash,
            final long venueTimeNs,
            final int rejectReason)
        {
            if (execId >= firstExecIdOfThisProcess)
            {
                // Emitted by this process, so already published (or waiting in the deferred FIFO).
                return;
            }
            increment(REPORTS_REPUBLISHED);
            publish(instrumentId, clOrdId, execId, execType, side, lastQtyLots, lastPriceTicks, leavesQtyLots,
                cumQtyLots, feeCash, venueTimeNs, rejectReason);
        }
    }

    /**
     * @return orders in flight or working. Venue thread only.
     */
    public int openOrders()
    {
        return maxOpenOrders - freeSlotCount;
    }

    /**
     * @return reports waiting for the publisher to accept them. Venue thread only.
     */
    public int deferredReports()
    {
        return deferredCount;
    }

    /**
     * @return {@code send} calls, taken or not.
     */
    public long ordersReceived()
    {
        return counters.get(ORDERS_RECEIVED);
    }

    public long acks()
    {
        return counters.get(ACKS);
    }

    /**
     * @return FILL reports (an order completed).
     */
    public long fills()
    {
        return counters.get(FILLS);
    }

    public long partialFills()
    {
        return counters.get(PARTIAL_FILLS);
    }

    /**
     * @return REJECTED reports, whatever the reason.
     */
    public long rejects()
    {
        return counters.get(REJECTS);
    }

    /**
     * @return CANCELLED reports.
     */
    public long cancels()
    {
        return counters.get(CANCELS);
    }

    public long cancelRejects()
    {
        return counters.get(CANCEL_REJECTS);
    }

    public long expired()
    {
        return counters.get(EXPIRED);
    }

    /**
     * @return reports the publisher did not take at once (each delivered later, in order).
     */
    public long reportsDeferred()
    {
        return counters.get(REPORTS_DEFERRED);
    }

    /**
     * @return times the deferred-report FIFO was full and had to grow. Should stay 0.
     */
    public long reportQueueOverflows()
    {
        return counters.get(REPORT_QUEUE_OVERFLOWS);
    }

    /**
     * @return fills whose notional did not fit in a long, so that their fee saturated.
     */
    public long feeOverflows()
    {
        return counters.get(FEE_OVERFLOWS);
    }

    /**
     * The fee in cash units on a fill: floor(|notional| x feeRateBps / 10000) with notional = qty x price x
     * cashPerTickLot, computed exactly in long arithmetic.
     *
     * @return the fee, or {@link Long#MAX_VALUE} if the notional does not fit in a long.
     */
    static long feeCash(
        final long qtyLots, final long priceTicks, final long cashPerTickLot, final long feeRateBps)
    {
        if (feeRateBps == 0)
        {
            return 0;
        }
        final long absPriceTicks = Math.abs(priceTicks);
        final long qtyTicks = qtyLots * absPriceTicks;
        final long notionalCash = qtyTicks * cashPerTickLot;
        if (absPriceTicks < 0 || Math.multiplyHigh(qtyLots, absPriceTicks) != 0 || qtyTicks < 0 ||
            Math.multiplyHigh(qtyTicks, cashPerTickLot) != 0 || notionalCash < 0)
        {
            return Long.MAX_VALUE;
        }
        // Split so that neither product can overflow: feeRateBps <= 10000.
        final long bps = PaperVenueContext.BPS_PER_UNIT;
        return (notionalCash / bps) * feeRateBps + (notionalCash % bps) * feeRateBps / bps;
    }

    private void processDue(final long arrivalLimitNs, final long expiryLimitNs)
    {
        while (true)
        {
            final long arrivalNs = requestCount > 0 ? requestArrivalNs[requestHead] : Long.MAX_VALUE;
            final long expiryNs = orderTtlNs > 0 && workingHead != NONE ?
                saturatedAdd(orderArrivalNs[workingHead], orderTtlNs) : Long.MAX_VALUE;
            final boolean arrivalDue = arrivalNs <= arrivalLimitNs;
            final boolean expiryDue = expiryNs <= expiryLimitNs;

            if (expiryDue && (!arrivalDue || expiryNs <= arrivalNs))
            {
                expire(workingHead, expiryNs);
            }
            else if (arrivalDue)
            {
                final int i = requestHead;
                requestHead = (i + 1) & requestMask;
                requestCount--;
                if (requestKind[i] == REQUEST_NEW)
                {
                    arrive(requestSlot[i], arrivalNs);
                }
                else
                {
                    arriveCancel(requestClOrdId[i], requestInstrumentId[i], arrivalNs);
                }
            }
            else
            {
                return;
            }
        }
    }

    private void arrive(final int slot, final long eventNs)
    {
        if (random.nextDouble() < rejectProbability)
        {
            increment(REJECTS);
            report(orderInstrumentId[slot], orderClOrdId[slot], ExecType.REJECTED, orderSide[slot], 0, 0, 0, 0, 0,
                eventNs, PaperRejectReason.RANDOM);
            release(slot);
            return;
        }

        slotState[slot] = SLOT_WORKING;
        linkWorking(slot);
        increment(ACKS);
        report(orderInstrumentId[slot], orderClOrdId[slot], ExecType.ACK, orderSide[slot], 0, 0, orderQtyLots[slot],
            0, 0, eventNs, PaperRejectReason.NONE);
        tryFill(slot, eventNs, false);
    }

    private void arriveCancel(final long clOrdId, final int instrumentId, final long eventNs)
    {
        final long found = slotByClOrdId.get(clOrdId);
        final int slot = (int)found;
        if (found == MISSING_SLOT || slotState[slot] != SLOT_WORKING || orderInstrumentId[slot] != instrumentId)
        {
            increment(CANCEL_REJECTS);
            report(instrumentId, clOrdId, ExecType.CANCEL_REJECTED, Side.NONE, 0, 0, 0, 0, 0, eventNs,
                PaperRejectReason.UNKNOWN_ORDER);
            return;
        }

        increment(CANCELS);
        report(instrumentId, clOrdId, ExecType.CANCELLED, orderSide[slot], 0, 0, 0, orderCumQtyLots[slot], 0,
            eventNs, PaperRejectReason.NONE);
        release(slot);
    }

    private void expire(final int slot, final long eventNs)
    {
        increment(EXPIRED);
        report(orderInstrumentId[slot], orderClOrdId[slot], ExecType.EXPIRED, orderSide[slot], 0, 0, 0,
            orderCumQtyLots[slot], 0, eventNs, PaperRejectReason.NONE);
        release(slot);
    }

    private void matchWorking(final int index, final long nowNs, final boolean onNewBar)
    {
        int slot = workingHeadByInstrument[index];
        while (slot != NONE)
        {
            // Read before the fill: a complete fill unlinks the slot.
            final int next = nextWorkingOnInstrument[slot];
            tryFill(slot, nowNs, onNewBar);
            slot = next;
        }
    }

    private void tryFill(final int slot, final long eventNs, final boolean onNewBar)
    {
        final int index = orderInstrumentIndex[slot];
        final long priceTicks = fillPriceTicks(slot, index, onNewBar);
        if (priceTicks == NO_PRICE)
        {
            return;
        }

        final long leavesQtyLots = orderQtyLots[slot] - orderCumQtyLots[slot];
        long fillQtyLots = leavesQtyLots;
        if (leavesQtyLots >= 2 && random.nextDouble() < partialFillProbability)
        {
            fillQtyLots = 1 + random.nextLong(leavesQtyLots - 1);
        }
        final long cumQtyLots = orderCumQtyLots[slot] + fillQtyLots;
        orderCumQtyLots[slot] = cumQtyLots;

        final long feeCash = feeCash(fillQtyLots, priceTicks, cashPerTickLot[index], feeRateBps);
        if (feeCash == Long.MAX_VALUE)
        {
            increment(FEE_OVERFLOWS);
        }

        final long newLeavesQtyLots = leavesQtyLots - fillQtyLots;
        if (newLeavesQtyLots == 0)
        {
            increment(FILLS);
            report(orderInstrumentId[slot], orderClOrdId[slot], ExecType.FILL, orderSide[slot], fillQtyLots,
                priceTicks, 0, cumQtyLots, feeCash, eventNs, PaperRejectReason.NONE);
            release(slot);
        }
        else
        {
            increment(PARTIAL_FILLS);
            report(orderInstrumentId[slot], orderClOrdId[slot], ExecType.PARTIAL_FILL, orderSide[slot], fillQtyLots,
                priceTicks, newLeavesQtyLots, cumQtyLots, feeCash, eventNs, PaperRejectReason.NONE);
        }
    }

    /**
     * @return the price the order fills at now, or {@link #NO_PRICE}.
     */
    private long fillPriceTicks(final int slot, final int index, final boolean onNewBar)
    {
        final boolean buy = orderSide[slot] == Side.BUY;
        final boolean market = orderType[slot] == OrderType.MARKET;
        final long limitTicks = orderLimitPriceTicks[slot];

        if (lastInput[index] == INPUT_BAR)
        {
            if (onNewBar)
            {
                final long openTicks = barOpenTicks[index];
                if (market || (buy ? openTicks <= limitTicks : openTicks >= limitTicks))
                {
                    return openTicks;
                }
                final boolean reached = buy ? barLowTicks[index] <= limitTicks : barHighTicks[index] >= limitTicks;
                return reached ? limitTicks : NO_PRICE;
            }
            return signalCloseFill ? marketable(barCloseTicks[index], market, buy, limitTicks) : NO_PRICE;
        }
        if (hasQuote[index])
        {
            if (buy)
            {
                final boolean hasAsk = askTicks[index] != 0 || askLots[index] != 0;
                return hasAsk ? marketable(askTicks[index], market, true, limitTicks) : NO_PRICE;
            }
            final boolean hasBid = bidTicks[index] != 0 || bidLots[index] != 0;
            return hasBid ? marketable(bidTicks[index], market, false, limitTicks) : NO_PRICE;
        }
        if (hasTrade[index])
        {
            return marketable(lastTradeTicks[index], market, buy, limitTicks);
        }
        return NO_PRICE;
    }

    private static long marketable(
        final long priceTicks, final boolean market, final boolean buy, final long limitPriceTicks)
    {
        if (market || (buy ? priceTicks <= limitPriceTicks : priceTicks >= limitPriceTicks))
        {
            return priceTicks;
        }
        return NO_PRICE;
    }

    private void enqueueRequest(
        final byte kind, final int slot, final long clOrdId, final int instrumentId, final long arrivalNs)
    {
        final int i = (requestHead + requestCount) & requestMask;
        requestKind[i] = kind;
        requestSlot[i] = slot;
        requestClOrdId[i] = clOrdId;
        requestInstrumentId[i] = instrumentId;
        requestArrivalNs[i] = arrivalNs;
        requestCount++;
    }

    private void linkWorking(final int slot)
    {
        prevWorking[slot] = workingTail;
        nextWorking[slot] = NONE;
        if (workingTail == NONE)
        {
            workingHead = slot;
        }
        else
        {
            nextWorking[workingTail] = slot;
        }
        workingTail = slot;

        final int index = orderInstrumentIndex[slot];
        final int tail = workingTailByInstrument[index];
        prevWorkingOnInstrument[slot] = tail;
        nextWorkingOnInstrument[slot] = NONE;
        if (tail == NONE)
        {
            workingHeadByInstrument[index] = slot;
        }
        else
        {
            nextWorkingOnInstrument[tail] = slot;
        }
        workingTailByInstrument[index] = slot;
    }

    private void unlinkWorking(final int slot)
    {
        final int prev = prevWorking[slot];
        final int next = nextWorking[slot];
        if (prev == NONE)
        {
            workingHead = next;
        }
        else
        {
            nextWorking[prev] = next;
        }
        if (next == NONE)
        {
            workingTail = prev;
        }
        else
        {
            prevWorking[next] = prev;
        }

        final int index = orderInstrumentIndex[slot];
        final int prevOnInstrument = prevWorkingOnInstrument[slot];
        final int nextOnInstrument = nextWorkingOnInstrument[slot];
        if (prevOnInstrument == NONE)
        {
            workingHeadByInstrument[index] = nextOnInstrument;
        }
        else
        {
            nextWorkingOnInstrument[prevOnInstrument] = nextOnInstrument;
        }
        if (nextOnInstrument == NONE)
        {
            workingTailByInstrument[index] = prevOnInstrument;
        }
        else
        {
            prevWorkingOnInstrument[nextOnInstrument] = prevOnInstrument;
        }
    }

    private void release(final int slot)
    {
        if (slotState[slot] == SLOT_WORKING)
        {
            unlinkWorking(slot);
        }
        slotByClOrdId.remove(orderClOrdId[slot]);
        slotState[slot] = SLOT_FREE;
        freeSlots[freeSlotCount++] = slot;
    }

    private void report(
        final int instrumentId,
        final long clOrdId,
        final byte execType,
        final byte side,
        final long lastQtyLots,
        final long lastPriceTicks,
        final long leavesQtyLots,
        final long cumQtyLots,
        final long feeCash,
        final long venueTimeNs,
        final int rejectReason)
    {
        final long execId = nextExecId++;
        log.onReport(instrumentId, clOrdId, execId, execType, side, lastQtyLots, lastPriceTicks, leavesQtyLots,
            cumQtyLots, feeCash, venueTimeNs, rejectReason);
        publish(instrumentId, clOrdId, execId, execType, side, lastQtyLots, lastPriceTicks, leavesQtyLots, cumQtyLots,
            feeCash, venueTimeNs, rejectReason);
    }

    private void publish(
        final int instrumentId,
        final long clOrdId,
        final long execId,
        final byte execType,
        final byte side,
        final long lastQtyLots,
        final long lastPriceTicks,
        final long leavesQtyLots,
        final long cumQtyLots,
        final long feeCash,
        final long venueTimeNs,
        final int rejectReason)
    {
        if (deferredCount == 0 && publisher.tryPublishExecutionReport(sourceId, instrumentId, clOrdId, execId,
            execType, side, lastQtyLots, lastPriceTicks, leavesQtyLots, cumQtyLots, feeCash, venueTimeNs,
            rejectReason))
        {
            return;
        }

        increment(REPORTS_DEFERRED);
        if (deferredCount > deferredMask)
        {
            increment(REPORT_QUEUE_OVERFLOWS);
            growDeferred();
        }
        final int i = (deferredHead + deferredCount) & deferredMask;
        deferredInstrumentId[i] = instrumentId;
        deferredClOrdId[i] = clOrdId;
        deferredExecId[i] = execId;
        deferredExecType[i] = execType;
        deferredSide[i] = side;
        deferredLastQtyLots[i] = lastQtyLots;
        deferredLastPriceTicks[i] = lastPriceTicks;
        deferredLeavesQtyLots[i] = leavesQtyLots;
        deferredCumQtyLots[i] = cumQtyLots;
        deferredFeeCash[i] = feeCash;
        deferredVenueTimeNs[i] = venueTimeNs;
        deferredRejectReason[i] = rejectReason;
        deferredCount++;
    }

    private void flushDeferred()
    {
        while (deferredCount > 0)
        {
            final int i = deferredHead;
            if (!publisher.tryPublishExecutionReport(sourceId, deferredInstrumentId[i], deferredClOrdId[i],
                deferredExecId[i], deferredExecType[i], deferredSide[i], deferredLastQtyLots[i],
                deferredLastPriceTicks[i], deferredLeavesQtyLots[i], deferredCumQtyLots[i], deferredFeeCash[i],
                deferredVenueTimeNs[i], deferredRejectReason[i]))
            {
                return;
            }
            deferredHead = (i + 1) & deferredMask;
            deferredCount--;
        }
    }

    private void allocateDeferred(final int capacity)
    {
        deferredMask = capacity - 1;
        deferredHead = 0;
        deferredInstrumentId = new int[capacity];
        deferredClOrdId = new long[capacity];
        deferredExecId = new long[capacity];
        deferredExecType = new byte[capacity];
        deferredSide = new byte[capacity];
        deferredLastQtyLots = new long[capacity];
        deferredLastPriceTicks = new long[capacity];
        deferredLeavesQtyLots = new long[capacity];
        deferredCumQtyLots = new long[capacity];
        deferredFeeCash = new long[capacity];
        deferredVenueTimeNs = new long[capacity];
        deferredRejectReason = new int[capacity];
    }

    /**
     * Double the deferred FIFO, keeping its order. Off the steady state: only when the ring stays full for long.
     */
    private void growDeferred()
    {
        final int oldMask = deferredMask;
        final int oldHead = deferredHead;
        final int count = deferredCount;
        final int[] instrumentId = deferredInstrumentId;
        final long[] clOrdId = deferredClOrdId;
        final long[] execId = deferredExecId;
        final byte[] execType = deferredExecType;
        final byte[] side = deferredSide;
        final long[] lastQtyLots = deferredLastQtyLots;
        final long[] lastPriceTicks = deferredLastPriceTicks;
        final long[] leavesQtyLots = deferredLeavesQtyLots;
        final long[] cumQtyLots = deferredCumQtyLots;
        final long[] feeCash = deferredFeeCash;
        final long[] venueTimeNs = deferredVenueTimeNs;
        final int[] rejectReason = deferredRejectReason;

        allocateDeferred(2 * (oldMask + 1));
        for (int n = 0; n < count; n++)
        {
            final int from = (oldHead + n) & oldMask;
            deferredInstrumentId[n] = instrumentId[from];
            deferredClOrdId[n] = clOrdId[from];
            deferredExecId[n] = execId[from];
            deferredExecType[n] = execType[from];
            deferredSide[n] = side[from];
            deferredLastQtyLots[n] = lastQtyLots[from];
            deferredLastPriceTicks[n] = lastPriceTicks[from];
            deferredLeavesQtyLots[n] = leavesQtyLots[from];
            deferredCumQtyLots[n] = cumQtyLots[from];
            deferredFeeCash[n] = feeCash[from];
            deferredVenueTimeNs[n] = venueTimeNs[from];
            deferredRejectReason[n] = rejectReason[from];
        }
    }

    private void increment(final int counter)
    {
        // Single writer: a release store is enough for readers on other threads.
        counters.lazySet(counter, counters.get(counter) + 1);
    }

    private static long saturatedAdd(final long timeNs, final long deltaNs)
    {
        return timeNs > Long.MAX_VALUE - deltaNs ? Long.MAX_VALUE : timeNs + deltaNs;
    }
}
