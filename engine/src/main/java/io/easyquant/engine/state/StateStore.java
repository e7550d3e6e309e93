package io.easyquant.engine.state;

import io.easyquant.engine.order.Order;
import io.easyquant.engine.order.OrderState;
import io.easyquant.engine.order.OrderTracker;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.TradingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's live state, off-heap in persisted Chronicle Maps under {@code <dataDir>/state/}: positions, working
 * orders, risk counters and the trading state. The maps are a cache of the journal: the stages write them as their
 * state changes (through {@link #executionRecorder()} and {@link #riskRecorder()}, in place, allocation-free and
 * lock-free), each entry tagged with the sequence of the input it reflects; input sequences are continuous across
 * sessions, so that tag is the journal index of the input. On start the maps are opened with recovery, then
 * {@link #check} compares them with the state the journal's replay produced and {@link #rebuild} rewrites every entry
 * that disagrees: the journal wins.
 *
 * <p>Another process may read the maps while the engine runs or after it died ({@link StateReader}): every entry is a
 * seqlock, so a reader never sees a half-written entry and a writer killed mid-write leaves a recognisably torn one.
 *
 * <ul>
 *   <li>{@code positions.cmap}: instrument index &rarr; position lots, cost, realized and fees cash, fill count;</li>
 *   <li>{@code orders.cmap}: working-order slot (the execution stage's order pool position) &rarr; client order id,
 *       instrument index, side, type, quantity, leaves, cumulative quantity, limit price, state and cancel flag; a
 *       completed order's entry keeps its terminal state until the slot is reused;</li>
 *   <li>{@code risk-counters.cmap}: (instrument index or -1 for engine-wide, counter id) &rarr; value;</li>
 *   <li>{@code trading-state.cmap}: one entry &rarr; state and origin.</li>
 * </ul>
 */
public final class StateStore implements AutoCloseable
{
    /** The directory under the data directory. */
    public static final String DIRECTORY = "state";

    static final int POSITIONS = 1;
    static final int ORDERS = 2;
    static final int RISK_COUNTERS = 3;
    static final int TRADING_STATE = 4;

    static final String POSITIONS_FILE = "positions.cmap";
    static final String ORDERS_FILE = "orders.cmap";
    static final String RISK_COUNTERS_FILE = "risk-counters.cmap";
    static final String TRADING_STATE_FILE = "trading-state.cmap";

    static final int POSITION_LOTS = 0;
    static final int POSITION_COST_CASH = 1;
    static final int POSITION_REALIZED_CASH = 2;
    static final int POSITION_FEES_CASH = 3;
    static final int POSITION_FILLS = 4;

    static final int ORDER_CL_ORD_ID = 0;
    static final int ORDER_INSTRUMENT_INDEX = 1;
    static final int ORDER_SIDE = 2;
    static final int ORDER_TYPE = 3;
    static final int ORDER_QTY_LOTS = 4;
    static final int ORDER_LEAVES_LOTS = 5;
    static final int ORDER_CUM_LOTS = 6;
    static final int ORDER_LIMIT_PRICE_TICKS = 7;
    /** The {@link OrderState}, plus {@link #CANCEL_REQUESTED_FLAG} while a cancel is in flight. */
    static final int ORDER_STATE = 8;
    static final long CANCEL_REQUESTED_FLAG = 1L << 8;

    static final int COUNTER_VALUE = 0;

    static final int TRADING_STATE_VALUE = 0;
    static final int TRADING_STATE_ORIGIN = 1;

    private static final String[] POSITION_NAMES = {"lots", "cost_cash", "realized_cash", "fees_cash", "fills"};
    private static final String[] ORDER_NAMES =
        {"clOrdId", "instrument", "side", "type", "qty", "leaves", "cum", "limit", "state"};
    private static final String[] COUNTER_NAMES = {"value"};

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    private static final int CHECK_SPINS = 1000;

    private final StateLayout layout;
    private final StateMapFile positions;
    private final StateMapFile orders;
    private final StateMapFile counters;
    private final StateMapFile trading;
    private final ExecutionRecorder executionRecorder = new ExecutionRecorder();
    private final RiskRecorder riskRecorder = new RiskRecorder();
    private volatile boolean closed;

    private StateStore(
        final StateLayout layout,
        final StateMapFile positions,
        final StateMapFile orders,
        final StateMapFile counters,
        final StateMapFile trading)
    {
        this.layout = layout;
        this.positions = positions;
        this.orders = orders;
        this.counters = counters;
        this.trading = trading;
    }

    /**
     * Open the maps under {@code <dataDir>/state/} with recovery, or create them. A damaged file, or one created with
     * another layout, is moved aside and created anew (see {@link #replacedFiles()}); a fresh trading-state entry is
     * ACTIVE.
     *
     * @throws IOException if the directory or a new file cannot be written.
     */
    public static StateStore open(final Path dataDir, final StateLayout layout) throws IOException
    {
        final Path directory = dataDir.resolve(DIRECTORY);
        final List<StateMapFile> opened = new ArrayList<>();
        try
        {
            final StateMapFile positions = StateMapFile.openOrCreate(
                directory.resolve(POSITIONS_FILE), POSITIONS, layout.instrumentCount(), 0);
            opened.add(positions);
            final StateMapFile orders = StateMapFile.openOrCreate(
                directory.resolve(ORDERS_FILE), ORDERS, layout.maxWorkingOrders(), 0);
            opened.add(orders);
            final StateMapFile counters = StateMapFile.openOrCreate(
                directory.resolve(RISK_COUNTERS_FILE), RISK_COUNTERS, layout.counterEntries(),
                layout.counterCapacity());
            opened.add(counters);
            final StateMapFile trading = StateMapFile.openOrCreate(
                directory.resolve(TRADING_STATE_FILE), TRADING_STATE, 1, 0);
            opened.add(trading);
            final StateSlot state = trading.slot(0);
            if (state.version() == 0)
            {
                writeTradingState(state, TradingState.ACTIVE, CommandOrigin.ENGINE, 0);
            }
            return new StateStore(layout, positions, orders, counters, trading);
        }
        catch (final IOException | RuntimeException ex)
        {
            for (final StateMapFile file : opened)
            {
                file.close();
            }
            throw ex;
        }
    }

    /**
     * @return the files found damaged or of another layout at open, each {@code file (problem) -> moved-aside file}.
     */
    public List<String> replacedFiles()
    {
        final List<String> replaced = new ArrayList<>();
        for (final StateMapFile file : List.of(positions, orders, counters, trading))
        {
            if (file.movedAside() != null)
            {
                replaced.add(file.file() + " (" + file.problem() + ") -> " + file.movedAside());
            }
        }
        return replaced;
    }

    /**
     * The execution stage's recorder: positions and orders. Use on the execution thread only.
     */
    public ExecutionStateRecorder executionRecorder()
    {
        return executionRecorder;
    }

    /**
     * The risk stage's recorder: counters and the trading state. Use on the risk thread only.
     */
    public RiskStateRecorder riskRecorder()
    {
        return riskRecorder;
    }

    /**
     * Compare every entry with the stages' state (after the journal's replay, with the pipeline idle).
     *
     * @return every entry that differs, is torn or fails its checksum; empty when the maps agree with the journal.
     */
    public List<StateMismatch> check(
        final PositionBook positionBook, final OrderTracker orderTracker, final RiskStateSource risk)
    {
        ensureOpen();
        final List<StateMismatch> mismatches = new ArrayList<>();
        walk(positionBook, orderTracker, risk, mismatches, 0);
        return mismatches;
    }

    /**
     * Rewrite every entry that differs from the stages' state, is torn or fails its checksum; entries that agree keep
     * their tags.
     *
     * @param asOfSequence the sequence of the last input the stages' state reflects: the rewritten entries' tag
     *                     (0 when negative: no input yet).
     * @return the number of entries rewritten.
     */
    public int rebuild(
        final PositionBook positionBook,
        final OrderTracker orderTracker,
        final RiskStateSource risk,
        final long asOfSequence)
    {
        ensureOpen();
        final int rewritten = walk(positionBook, orderTracker, risk, null, Math.max(0, asOfSequence));
        if (rewritten > 0)
        {
            LOG.info("state: rewrote {} entries from the journal's state {}", rewritten, asOf(asOfSequence));
        }
        return rewritten;
    }

    /**
     * Every entry against the stages' state: with {@code mismatches}, add each that differs, is torn or fails its
     * checksum (a check); without, rewrite each such entry tagged {@code tag} (a rebuild). Free order slots whose
     * entry is clean and not working are left alone either way.
     *
     * @return the entries rewritten (0 for a check).
     */
    private int walk(
        final PositionBook positionBook,
        final OrderTracker orderTracker,
        final RiskStateSource risk,
        final List<StateMismatch> mismatches,
        final long tag)
    {
        int rewritten = 0;
        final long[] copy = new long[2 + StateSlot.FIELDS];
        final long[] expected = new long[StateSlot.FIELDS];
        for (int index = 0; index < layout.instrumentCount(); index++)
        {
            positionFields(positionBook, index, expected);
            rewritten += visit(positions.slot(index), expected, copy, mismatches, tag, "positions",
                "instrument " + index, POSITION_NAMES);
        }
        for (int slot = 0; slot < layout.maxWorkingOrders(); slot++)
        {
            final Order working = slot < orderTracker.capacity() ? orderTracker.workingAt(slot) : null;
            orderFields(working, expected);
            final int status = orders.slot(slot).read(copy, CHECK_SPINS);
            if (working == null && status == StateSlot.CLEAN && !isWorking(copy[2 + ORDER_STATE]))
            {
                continue;
            }
            rewritten += visit(orders.slot(slot), expected, copy, mismatches, tag, "orders", "order slot " + slot,
                ORDER_NAMES);
        }
        final int counterCount = Math.min(risk.counterCount(), layout.counterCapacity());
        for (int index = -1; index < layout.instrumentCount(); index++)
        {
            for (int counter = 0; counter < layout.counterCapacity(); counter++)
            {
                Arrays.fill(expected, 0);
                expected[COUNTER_VALUE] = counter < counterCount ? risk.counter(index, counter) : 0;
                rewritten += visit(counters.slot(layout.counterKey(index, counter)), expected, copy, mismatches, tag,
                    "risk-counters", "counter " + counter + (index < 0 ? " engine-wide" : " of instrument " + index),
                    COUNTER_NAMES);
            }
        }
        final StateSlot state = trading.slot(0);
        final int status = state.read(copy, CHECK_SPINS);
        if (status != StateSlot.CLEAN || copy[2 + TRADING_STATE_VALUE] != risk.tradingState())
        {
            if (mismatches != null)
            {
                mismatches.add(new StateMismatch("trading-state", "engine",
                    describeTrading(status, copy), TradingState.name(risk.tradingState())));
            }
            else
            {
                writeTradingState(state, risk.tradingState(), CommandOrigin.ENGINE, tag);
                rewritten++;
            }
        }
        return rewritten;
    }

    private static int visit(
        final StateSlot slot,
        final long[] expected,
        final long[] copy,
        final List<StateMismatch> mismatches,
        final long tag,
        final String map,
        final String entry,
        final String[] names)
    {
        if (mismatches != null)
        {
            compare(slot, expected, copy, mismatches, map, entry, names);
            return 0;
        }
        return rewrite(slot, expected, copy, tag);
    }

    /**
     * Check, log what disagreed (one error line per entry, at most 20, then a count), and rebuild.
     *
     * @return the mismatches found before the rebuild.
     */
    public List<StateMismatch> checkAndRebuild(
        final PositionBook positionBook,
        final OrderTracker orderTracker,
        final RiskStateSource risk,
        final long asOfSequence)
    {
        final List<StateMismatch> mismatches = check(positionBook, orderTracker, risk);
        if (mismatches.isEmpty())
        {
            LOG.info("state: the maps agree with the journal's state {}", asOf(asOfSequence));
            return mismatches;
        }
        final int shown = Math.min(mismatches.size(), 20);
        for (int i = 0; i < shown; i++)
        {
            LOG.error("state: disagrees with the journal, rebuilding: {}", mismatches.get(i));
        }
        if (mismatches.size() > shown)
        {
            LOG.error("state: {} more entries disagree with the journal", mismatches.size() - shown);
        }
        rebuild(positionBook, orderTracker, risk, asOfSequence);
        return mismatches;
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("the state store is closed");
        }
    }

    /**
     * Unmap the files. Close only after the stages have stopped: a recorder called after close writes nothing.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        positions.close();
        orders.close();
        counters.close();
        trading.close();
    }

    /** Test seam: the slot under an entry, to damage it. */
    StateSlot positionSlot(final int index)
    {
        return positions.slot(index);
    }

    StateSlot orderSlot(final int slot)
    {
        return orders.slot(slot);
    }

    StateSlot counterSlot(final int instrumentIndex, final int counter)
    {
        return counters.slot(layout.counterKey(instrumentIndex, counter));
    }

    StateSlot tradingSlot()
    {
        return trading.slot(0);
    }

    static boolean isWorking(final long orderState)
    {
        final int state = (int)(orderState & 0xFF);
        return state != OrderState.INVALID && !OrderState.isTerminal(state);
    }

    private static void positionFields(final PositionBook book, final int index, final long[] into)
    {
        Arrays.fill(into, 0);
        if (index < book.count())
        {
            into[POSITION_LOTS] = book.positionLots(index);
            into[POSITION_COST_CASH] = book.costCash(index);
            into[POSITION_REALIZED_CASH] = book.realizedCash(index);
            into[POSITION_FEES_CASH] = book.feesCash(index);
            into[POSITION_FILLS] = book.fills(index);
        }
    }

    private static void orderFields(final Order order, final long[] into)
    {
        Arrays.fill(into, 0);
        if (order != null)
        {
            into[ORDER_CL_ORD_ID] = order.clOrdId();
            into[ORDER_INSTRUMENT_INDEX] = order.instrumentIndex();
            into[ORDER_SIDE] = order.side();
            into[ORDER_TYPE] = order.orderType();
            into[ORDER_QTY_LOTS] = order.qtyLots();
            into[ORDER_LEAVES_LOTS] = order.leavesQtyLots();
            into[ORDER_CUM_LOTS] = order.cumQtyLots();
            into[ORDER_LIMIT_PRICE_TICKS] = order.limitPriceTicks();
            into[ORDER_STATE] = order.state() | (order.cancelRequested() ? CANCEL_REQUESTED_FLAG : 0);
        }
    }

    private static void compare(
        final StateSlot slot,
        final long[] expected,
        final long[] copy,
        final List<StateMismatch> mismatches,
        final String map,
        final String entry,
        final String[] names)
    {
        final int status = slot.read(copy, CHECK_SPINS);
        if (status != StateSlot.CLEAN || !fieldsEqual(copy, expected))
        {
            mismatches.add(new StateMismatch(map, entry,
                (status == StateSlot.CLEAN ? "" : statusName(status) + " ") + describe(copy, 2, names) + " @" + copy[1],
                describe(expected, 0, names)));
        }
    }

    private static int rewrite(final StateSlot slot, final long[] expected, final long[] copy, final long tag)
    {
        final int status = slot.read(copy, CHECK_SPINS);
        if (status == StateSlot.CLEAN && fieldsEqual(copy, expected))
        {
            return 0;
        }
        write(slot, expected, tag);
        return 1;
    }

    /**
     * The fields into the entry under its seqlock, tagged. The writers' and the rebuild's one way of writing an entry
     * (the fields come from {@link #positionFields} and {@link #orderFields}, as the check's expectation does).
     */
    private static void write(final StateSlot slot, final long[] fields, final long tag)
    {
        slot.beginWrite();
        for (int i = 0; i < StateSlot.FIELDS; i++)
        {
            slot.field(i, fields[i]);
        }
        slot.endWrite(tag);
    }

    private static boolean fieldsEqual(final long[] copy, final long[] expected)
    {
        for (int i = 0; i < StateSlot.FIELDS; i++)
        {
            if (copy[2 + i] != expected[i])
            {
                return false;
            }
        }
        return true;
    }

    static String statusName(final int status)
    {
        switch (status)
        {
            case StateSlot.CLEAN: return "ok";
            case StateSlot.TORN: return "torn";
            default: return "corrupt";
        }
    }

    private static String asOf(final long sequence)
    {
        return sequence < 0 ? "before any input" : "as of input " + sequence;
    }

    /**
     * @return {@code name=value} for each named field, e.g. {@code lots=100 cost_cash=59995148900 ...}.
     */
    private static String describe(final long[] values, final int from, final String[] names)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.length; i++)
        {
            text.append(i == 0 ? "" : " ").append(names[i]).append('=').append(values[from + i]);
        }
        return text.toString();
    }

    private static String describeTrading(final int status, final long[] copy)
    {
        return (status == StateSlot.CLEAN ? "" : statusName(status) + " ") +
            TradingState.name((int)copy[2 + TRADING_STATE_VALUE]) + " by " +
            CommandOrigin.name((int)copy[2 + TRADING_STATE_ORIGIN]) + " @" + copy[1];
    }

    private static void writeTradingState(final StateSlot slot, final int state, final int origin, final long tag)
    {
        slot.beginWrite();
        slot.field(TRADING_STATE_VALUE, state);
        slot.field(TRADING_STATE_ORIGIN, origin);
        slot.endWrite(tag);
    }

    /**
     * Writes positions and orders in place; execution thread only.
     */
    private final class ExecutionRecorder implements ExecutionStateRecorder
    {
        private final long[] fields = new long[StateSlot.FIELDS];

        @Override
        public void position(final int instrumentIndex, final PositionBook book, final long inputSequence)
        {
            if (closed)
            {
                return;
            }
            positionFields(book, instrumentIndex, fields);
            write(positions.slot(instrumentIndex), fields, inputSequence);
        }

        @Override
        public void order(final Order order, final long inputSequence)
        {
            if (closed)
            {
                return;
            }
            orderFields(order, fields);
            write(orders.slot(order.slot()), fields, inputSequence);
        }
    }

    /**
     * Writes risk counters and the trading state in place; risk thread only. A counter outside the layout (an
     * instrument index or counter id the layout has no entry for) is not written.
     */
    private final class RiskRecorder implements RiskStateRecorder
    {

        @Override
        public void counter(final int instrumentIndex, final int counter, final long value, final long inputSequence)
        {
            if (closed)
            {
                return;
            }
            final int key = layout.counterKey(instrumentIndex, counter);
            if (key < 0)
            {
                return;
            }
            final StateSlot slot = counters.slot(key);
            slot.beginWrite();
            slot.field(COUNTER_VALUE, value);
            slot.endWrite(inputSequence);
        }

        @Override
        public void tradingState(final int state, final int origin, final long inputSequence)
        {
            if (closed)
            {
                return;
            }
            writeTradingState(trading.slot(0), state, origin, inputSequence);
        }
    }
}
