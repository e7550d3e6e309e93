package io.easyquant.engine.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the state maps under {@code <dataDir>/state/} from another process, while the engine runs or after it died:
 * opens them without recovery, writes nothing, and copies each entry under its seqlock (a copy is never half-written).
 */
public final class StateReader implements AutoCloseable
{
    private static final int SPINS = 100_000;

    private final StateMapFile positions;
    private final StateMapFile orders;
    private final StateMapFile counters;
    private final StateMapFile trading;
    private boolean closed;

    private StateReader(
        final StateMapFile positions,
        final StateMapFile orders,
        final StateMapFile counters,
        final StateMapFile trading)
    {
        this.positions = positions;
        this.orders = orders;
        this.counters = counters;
        this.trading = trading;
    }

    /**
     * @throws IOException if a map is missing, damaged or not a state map.
     */
    public static StateReader open(final Path dataDir) throws IOException
    {
        final Path directory = dataDir.resolve(StateStore.DIRECTORY);
        final List<StateMapFile> opened = new ArrayList<>();
        try
        {
            final StateMapFile positions =
                StateMapFile.openExisting(directory.resolve(StateStore.POSITIONS_FILE), StateStore.POSITIONS);
            opened.add(positions);
            final StateMapFile orders =
                StateMapFile.openExisting(directory.resolve(StateStore.ORDERS_FILE), StateStore.ORDERS);
            opened.add(orders);
            final StateMapFile counters = StateMapFile.openExisting(
                directory.resolve(StateStore.RISK_COUNTERS_FILE), StateStore.RISK_COUNTERS);
            opened.add(counters);
            final StateMapFile trading =
                StateMapFile.openExisting(directory.resolve(StateStore.TRADING_STATE_FILE), StateStore.TRADING_STATE);
            opened.add(trading);
            return new StateReader(positions, orders, counters, trading);
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
     * @return a copy of every map, entry by entry (entries are consistent one by one, not with each other).
     */
    public StateSnapshot snapshot()
    {
        if (closed)
        {
            throw new IllegalStateException("the state reader is closed");
        }
        final long[] copy = new long[2 + StateSlot.FIELDS];
        final List<StateSnapshot.Position> positionList = new ArrayList<>();
        for (int index = 0; index < positions.entries(); index++)
        {
            final String status = StateStore.statusName(positions.slot(index).read(copy, SPINS));
            positionList.add(new StateSnapshot.Position(index,
                field(copy, StateStore.POSITION_LOTS), field(copy, StateStore.POSITION_COST_CASH),
                field(copy, StateStore.POSITION_REALIZED_CASH), field(copy, StateStore.POSITION_FEES_CASH),
                field(copy, StateStore.POSITION_FILLS), copy[1], status));
        }
        final List<StateSnapshot.WorkingOrder> orderList = new ArrayList<>();
        for (int slot = 0; slot < orders.entries(); slot++)
        {
            final int result = orders.slot(slot).read(copy, SPINS);
            final long state = field(copy, StateStore.ORDER_STATE);
            if (result == StateSlot.CLEAN && !StateStore.isWorking(state))
            {
                continue;
            }
            orderList.add(new StateSnapshot.WorkingOrder(slot,
                field(copy, StateStore.ORDER_CL_ORD_ID), (int)field(copy, StateStore.ORDER_INSTRUMENT_INDEX),
                (int)field(copy, StateStore.ORDER_SIDE), (int)field(copy, StateStore.ORDER_TYPE),
                field(copy, StateStore.ORDER_QTY_LOTS), field(copy, StateStore.ORDER_LEAVES_LOTS),
                field(copy, StateStore.ORDER_CUM_LOTS), field(copy, StateStore.ORDER_LIMIT_PRICE_TICKS),
                (int)(state & 0xFF), (state & StateStore.CANCEL_REQUESTED_FLAG) != 0, copy[1],
                StateStore.statusName(result)));
        }
        final List<StateSnapshot.Counter> counterList = new ArrayList<>();
        final int capacity = (int)counters.extra();
        for (int key = 0; key < counters.entries(); key++)
        {
            final int result = counters.slot(key).read(copy, SPINS);
            final long value = field(copy, StateStore.COUNTER_VALUE);
            if (result == StateSlot.CLEAN && value == 0)
            {
                continue;
            }
            counterList.add(new StateSnapshot.Counter(key / capacity - 1, key % capacity, value, copy[1],
                StateStore.statusName(result)));
        }
        final int result = trading.slot(0).read(copy, SPINS);
        final StateSnapshot.Trading tradingState = new StateSnapshot.Trading(
            (int)field(copy, StateStore.TRADING_STATE_VALUE), (int)field(copy, StateStore.TRADING_STATE_ORIGIN),
            copy[1], StateStore.statusName(result));
        return new StateSnapshot(positionList, orderList, counterList, tradingState);
    }

    private static long field(final long[] copy, final int index)
    {
        return copy[2 + index];
    }

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
}
