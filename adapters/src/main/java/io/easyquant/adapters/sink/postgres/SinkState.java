package io.easyquant.adapters.sink.postgres;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.order.OrderState;
import io.easyquant.engine.order.OrderStateMachine;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradingState;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * What the sink derives from the journal besides the records themselves, following the engine's own rules so that
 * its rows say what the engine held:
 *
 * <ul>
 *   <li>positions, marks and PnL per instrument in the engine's own {@link PositionBook} (exact cost, realized on
 *       closes, fees apart);</li>
 *   <li>the working orders that make a fill count, with the checks of the engine's {@code OrderTracker} and
 *       {@link OrderStateMachine} (unknown order, illegal transition, overfill and bad fills are ignored);</li>
 *   <li>marks, with the engine's rule (mid of the last quote, else last trade price or bar close) from market data
 *       that passes the ingest stage's checks (bounds and time jumps included);</li>
 *   <li>the trading state, changed by admin commands as the engine changes it;</li>
 *   <li>when the next periodic position snapshot is due, in engine time.</li>
 * </ul>
 *
 * Positions accumulate over the whole journal (what a replay of the journal gives). A new order whose client order id
 * is still working (ids restart with each session of the engine) replaces the old order.
 *
 * <p>The state after each committed batch is stored with the checkpoint ({@link #encode}, {@link #decode}), so a
 * restarted sink goes on from exactly where the committed rows end. Not thread-safe: owned by the sink thread.
 */
final class SinkState
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int FORMAT = 1;
    private static final int PER_INSTRUMENT_BYTES = 10 * Long.BYTES + 1;
    private static final int PER_ORDER_BYTES = 4 * Long.BYTES + Integer.BYTES + 2;

    private final Instruments instruments;
    private final int count;
    private final long[] lastTickSourceTimeNs;
    private final long[] lastBarSourceTimeNs;
    private final boolean[] hasQuote;
    private final PositionBook book;
    private int tradingState;
    private long nextSnapshotTimeNs;
    private final Long2ObjectHashMap<WorkingOrder> orders = new Long2ObjectHashMap<>();
    private final ArrayDeque<WorkingOrder> pool = new ArrayDeque<>();

    SinkState(final Instruments instruments)
    {
        this.instruments = instruments;
        count = instruments.count();
        lastTickSourceTimeNs = new long[count];
        lastBarSourceTimeNs = new long[count];
        hasQuote = new boolean[count];
        book = new PositionBook(instruments);
        clear();
    }

    /**
     * Back to the state before the first record.
     */
    void clear()
    {
        Arrays.fill(lastTickSourceTimeNs, Long.MIN_VALUE);
        Arrays.fill(lastBarSourceTimeNs, Long.MIN_VALUE);
        Arrays.fill(hasQuote, false);
        for (int i = 0; i < count; i++)
        {
            book.restore(i, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        tradingState = TradingState.ACTIVE;
        nextSnapshotTimeNs = Long.MIN_VALUE;
        for (final WorkingOrder order : orders.values())
        {
            pool.add(order);
        }
        orders.clear();
    }

    int instrumentCount()
    {
        return count;
    }

    /**
     * @return the dense index of the instrument id, or -1 if it is not configured.
     */
    int indexOf(final int instrumentId)
    {
        return instruments.indexOf(instrumentId);
    }

    int instrumentId(final int index)
    {
        return instruments.at(index).id();
    }

    // ---- market data: ingest's checks, then the mark rule ---------------------------------------------------

    void onTrade(final int instrumentId, final long sourceTimeNs, final long priceTicks, final long qtyLots,
        final byte aggressorSide)
    {
        final int index = instruments.indexOf(instrumentId);
        if (index < 0 || priceTicks <= 0 || qtyLots <= 0 || priceTicks > instruments.at(index).maxPriceTicks() ||
            qtyLots > instruments.at(index).maxQtyLots() ||
            (aggressorSide != Side.NONE && aggressorSide != Side.BUY && aggressorSide != Side.SELL) ||
            !acceptTickTime(index, sourceTimeNs))
        {
            return;
        }
        if (!hasQuote[index])
        {
            book.mark(index, priceTicks);
        }
    }

    void onQuote(final int instrumentId, final long sourceTimeNs, final long bidTicks, final long bidLots,
        final long askTicks, final long askLots)
    {
        final int index = instruments.indexOf(instrumentId);
        if (index < 0 || bidTicks <= 0 || askTicks <= 0 || bidLots < 0 || askLots < 0 || bidTicks >= askTicks ||
            askTicks > instruments.at(index).maxPriceTicks() || bidLots > instruments.at(index).maxQtyLots() ||
            askLots > instruments.at(index).maxQtyLots() || !acceptTickTime(index, sourceTimeNs))
        {
            return;
        }
        hasQuote[index] = true;
        book.mark(index, (bidTicks + askTicks) >> 1);
    }

    void onBar(final int instrumentId, final long sourceTimeNs, final long openTicks, final long highTicks,
        final long lowTicks, final long closeTicks, final long volumeLots)
    {
        final int index = instruments.indexOf(instrumentId);
        if (index < 0 || openTicks <= 0 || highTicks <= 0 || lowTicks <= 0 || closeTicks <= 0 || volumeLots < 0 ||
            lowTicks > highTicks || highTicks < Math.max(openTicks, closeTicks) ||
            lowTicks > Math.min(openTicks, closeTicks) || highTicks > instruments.at(index).maxPriceTicks() ||
            volumeLots > instruments.at(index).maxQtyLots() || sourceTimeNs <= lastBarSourceTimeNs[index] ||
            instruments.at(index).isTimeJump(lastBarSourceTimeNs[index], sourceTimeNs))
        {
            return;
        }
        lastBarSourceTimeNs[index] = sourceTimeNs;
        if (!hasQuote[index])
        {
            book.mark(index, closeTicks);
        }
    }

    private boolean acceptTickTime(final int index, final long sourceTimeNs)
    {
        if (sourceTimeNs < lastTickSourceTimeNs[index] ||
            instruments.at(index).isTimeJump(lastTickSourceTimeNs[index], sourceTimeNs))
        {
            return false;
        }
        lastTickSourceTimeNs[index] = sourceTimeNs;
        return true;
    }

    // ---- orders and fills ------------------------------------------------------------------------------------

    /**
     * An order the engine sent.
     */
    void onOrder(final long clOrdId, final int instrumentId, final byte side, final long qtyLots)
    {
        final int index = instruments.indexOf(instrumentId);
        if (index < 0)
        {
            return;
        }
        WorkingOrder order = orders.get(clOrdId);
        if (order == null)
        {
            order = pool.isEmpty() ? new WorkingOrder() : pool.poll();
            orders.put(clOrdId, order);
        }
        order.instrumentIndex = index;
        order.side = side;
        order.qtyLots = qtyLots;
        order.leavesQtyLots = qtyLots;
        order.cumQtyLots = 0;
        order.state = OrderState.NEW;
    }

    /**
     * A venue's report, checked as ingest and the execution stage check it.
     *
     * @return the dense index of the instrument whose position a fill changed, or -1 if the report changed no
     * position.
     */
    int onExecutionReport(final long clOrdId, final int instrumentId, final byte execType, final byte side,
        final long lastQtyLots, final long lastPriceTicks, final long leavesQtyLots, final long cumQtyLots,
        final long feeCash)
    {
        final int reportIndex = instruments.indexOf(instrumentId);
        if (reportIndex < 0 || !ExecType.isValid(execType) || !Side.isValidOrderSide(side) ||
            lastQtyLots < 0 || leavesQtyLots < 0 || cumQtyLots < 0 || !withinBounds(reportIndex, lastQtyLots,
            lastPriceTicks, leavesQtyLots, cumQtyLots, feeCash))
        {
            return -1;
        }
        final WorkingOrder order = orders.get(clOrdId);
        if (order == null)
        {
            return -1;
        }
        final int next = OrderStateMachine.next(order.state, execType);
        if (next == OrderState.INVALID)
        {
            return -1;
        }
        final boolean fill = ExecType.isFill(execType);
        if (fill)
        {
            if (lastQtyLots <= 0 || lastPriceTicks <= 0 || lastQtyLots > order.leavesQtyLots ||
                (execType == ExecType.FILL && lastQtyLots != order.leavesQtyLots))
            {
                return -1;
            }
            order.leavesQtyLots -= lastQtyLots;
            order.cumQtyLots += lastQtyLots;
        }
        order.state = fill && order.leavesQtyLots == 0 ? OrderState.FILLED : next;
        final int index = order.instrumentIndex;
        if (OrderState.isTerminal(order.state))
        {
            orders.remove(clOrdId);
            pool.add(order);
        }
        if (!fill)
        {
            return -1;
        }
        try
        {
            book.applyFill(index, order.side, lastQtyLots, lastPriceTicks, feeCash);
        }
        catch (final ArithmeticException overflow)
        {
            // The engine's books throw on the same fill and stay unchanged (and trading halts): so does this one.
            return -1;
        }
        return index;
    }

    /**
     * Ingest's bounds on a report: prices, quantities and the fee.
     */
    private boolean withinBounds(final int index, final long lastQtyLots, final long lastPriceTicks,
        final long leavesQtyLots, final long cumQtyLots, final long feeCash)
    {
        final long maxTicks = instruments.at(index).maxPriceTicks();
        final long maxLots = instruments.at(index).maxQtyLots();
        return lastPriceTicks <= maxTicks && lastPriceTicks >= -maxTicks && lastQtyLots <= maxLots &&
            leavesQtyLots <= maxLots && cumQtyLots <= maxLots && feeCash <= Instrument.MAX_NOTIONAL_CASH &&
            feeCash >= -Instrument.MAX_NOTIONAL_CASH;
    }

    /**
     * @return the number of working orders the sink tracks.
     */
    int workingOrders()
    {
        return orders.size();
    }

    // ---- trading state --------------------------------------------------------------------------------------

    /**
     * An admin command; commands ingest rejects change nothing.
     *
     * @return the state before the command if it changed the state, else 0.
     */
    int onAdminCommand(final int command, final int argument, final int origin)
    {
        if (!AdminCommandType.isValid(command) || !CommandOrigin.isValid(origin) ||
            (command == AdminCommandType.SET_TRADING_STATE && !TradingState.isValid(argument)))
        {
            return 0;
        }
        final int previous = tradingState;
        switch (command)
        {
            case AdminCommandType.KILL_ENGAGE:
                tradingState = TradingState.HALTED;
                break;
            case AdminCommandType.KILL_RELEASE:
                tradingState = TradingState.ACTIVE;
                break;
            case AdminCommandType.SET_TRADING_STATE:
                tradingState = argument;
                break;
            default:
                // A session start changes no state.
                return 0;
        }
        return tradingState != previous ? previous : 0;
    }

    int tradingState()
    {
        return tradingState;
    }

    // ---- snapshots ------------------------------------------------------------------------------------------

    /**
     * @return true if a periodic snapshot is due at this engine time; the next one is then due at the next
     * multiple of the interval.
     */
    boolean periodicSnapshotDue(final long timeNs, final long intervalNs)
    {
        if (intervalNs <= 0 || timeNs < nextSnapshotTimeNs)
        {
            return false;
        }
        nextSnapshotTimeNs = (Math.floorDiv(timeNs, intervalNs) + 1) * intervalNs;
        return true;
    }

    /**
     * @return true once the instrument has had a fill: periodic snapshots cover only such instruments.
     */
    boolean hasTraded(final int index)
    {
        return book.fills(index) > 0 || book.positionLots(index) != 0;
    }

    long positionLots(final int index)
    {
        return book.positionLots(index);
    }

    long costCash(final int index)
    {
        return book.costCash(index);
    }

    long realizedCash(final int index)
    {
        return book.realizedCash(index);
    }

    long feesCash(final int index)
    {
        return book.feesCash(index);
    }

    long markTicks(final int index)
    {
        return book.markTicks(index);
    }

    long fills(final int index)
    {
        return book.fills(index);
    }

    long boughtLots(final int index)
    {
        return book.boughtLots(index);
    }

    long soldLots(final int index)
    {
        return book.soldLots(index);
    }

    /**
     * @return unrealized PnL at the mark in cash units; 0 when flat or before the first mark (as the engine).
     */
    long unrealizedCash(final int index)
    {
        return book.unrealizedCash(index);
    }

    // ---- persistence ----------------------------------------------------------------------------------------

    /**
     * @return the bytes {@link #encode} needs at most.
     */
    int encodedLengthBound()
    {
        return 4 * Integer.BYTES + Long.BYTES + count * PER_INSTRUMENT_BYTES + orders.size() * PER_ORDER_BYTES;
    }

    /**
     * Write the state, little-endian: format, instrument count, per instrument the market-data times, mark and
     * position fields, the trading state, the next snapshot time, then the working orders.
     *
     * @return the encoded length.
     */
    int encode(final MutableDirectBuffer buffer)
    {
        int at = 0;
        buffer.putInt(at, FORMAT, ORDER);
        buffer.putInt(at + 4, count, ORDER);
        at += 8;
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(at, lastTickSourceTimeNs[i], ORDER);
            buffer.putLong(at + 8, lastBarSourceTimeNs[i], ORDER);
            buffer.putLong(at + 16, book.markTicks(i), ORDER);
            buffer.putLong(at + 24, book.positionLots(i), ORDER);
            buffer.putLong(at + 32, book.costCash(i), ORDER);
            buffer.putLong(at + 40, book.realizedCash(i), ORDER);
            buffer.putLong(at + 48, book.feesCash(i), ORDER);
            buffer.putLong(at + 56, book.boughtLots(i), ORDER);
            buffer.putLong(at + 64, book.soldLots(i), ORDER);
            buffer.putLong(at + 72, book.fills(i), ORDER);
            buffer.putByte(at + 80, hasQuote[i] ? (byte)1 : (byte)0);
            at += PER_INSTRUMENT_BYTES;
        }
        buffer.putInt(at, tradingState, ORDER);
        buffer.putLong(at + 4, nextSnapshotTimeNs, ORDER);
        buffer.putInt(at + 12, orders.size(), ORDER);
        at += 16;
        final Long2ObjectHashMap<WorkingOrder>.EntryIterator entries = orders.entrySet().iterator();
        while (entries.hasNext())
        {
            entries.next();
            final WorkingOrder order = entries.getValue();
            buffer.putLong(at, entries.getLongKey(), ORDER);
            buffer.putLong(at + 8, order.qtyLots, ORDER);
            buffer.putLong(at + 16, order.leavesQtyLots, ORDER);
            buffer.putLong(at + 24, order.cumQtyLots, ORDER);
            buffer.putInt(at + 32, order.instrumentIndex, ORDER);
            buffer.putByte(at + 36, order.side);
            buffer.putByte(at + 37, (byte)order.state);
            at += PER_ORDER_BYTES;
        }
        return at;
    }

    /**
     * Replace this state with one {@link #encode encoded} earlier.
     *
     * @throws IllegalStateException if the bytes are not a state of this format for this many instruments.
     */
    void decode(final DirectBuffer buffer, final int length)
    {
        if (length < 8 || buffer.getInt(0, ORDER) != FORMAT)
        {
            throw new IllegalStateException("the stored sink state has an unknown format");
        }
        if (buffer.getInt(4, ORDER) != count)
        {
            throw new IllegalStateException("the stored sink state is for " + buffer.getInt(4, ORDER) +
                " instruments, the configuration has " + count);
        }
        clear();
        int at = 8;
        for (int i = 0; i < count; i++)
        {
            lastTickSourceTimeNs[i] = buffer.getLong(at, ORDER);
            lastBarSourceTimeNs[i] = buffer.getLong(at + 8, ORDER);
            book.restore(i, buffer.getLong(at + 24, ORDER), buffer.getLong(at + 32, ORDER),
                buffer.getLong(at + 40, ORDER), buffer.getLong(at + 48, ORDER), buffer.getLong(at + 16, ORDER),
                buffer.getLong(at + 56, ORDER), buffer.getLong(at + 64, ORDER), buffer.getLong(at + 72, ORDER));
            hasQuote[i] = buffer.getByte(at + 80) != 0;
            at += PER_INSTRUMENT_BYTES;
        }
        tradingState = buffer.getInt(at, ORDER);
        nextSnapshotTimeNs = buffer.getLong(at + 4, ORDER);
        final int orderCount = buffer.getInt(at + 12, ORDER);
        at += 16;
        if (orderCount < 0 || at + (long)orderCount * PER_ORDER_BYTES != length)
        {
            throw new IllegalStateException("the stored sink state is truncated");
        }
        for (int i = 0; i < orderCount; i++)
        {
            final WorkingOrder order = pool.isEmpty() ? new WorkingOrder() : pool.poll();
            order.qtyLots = buffer.getLong(at + 8, ORDER);
            order.leavesQtyLots = buffer.getLong(at + 16, ORDER);
            order.cumQtyLots = buffer.getLong(at + 24, ORDER);
            order.instrumentIndex = buffer.getInt(at + 32, ORDER);
            order.side = buffer.getByte(at + 36);
            order.state = buffer.getByte(at + 37);
            orders.put(buffer.getLong(at, ORDER), order);
            at += PER_ORDER_BYTES;
        }
    }

    /**
     * A working order as far as fills are concerned.
     */
    private static final class WorkingOrder
    {
        int instrumentIndex;
        byte side;
        long qtyLots;
        long leavesQtyLots;
        long cumQtyLots;
        int state;
    }
}
