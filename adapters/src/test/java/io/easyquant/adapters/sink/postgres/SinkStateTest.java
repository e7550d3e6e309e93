package io.easyquant.adapters.sink.postgres;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradingState;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The sink's derived state follows the engine's rules (its positions are the engine's PositionBook): fills only for
 * working orders, marks from valid market data, trading state from valid commands; and it survives encoding.
 */
class SinkStateTest
{
    @Test
    void shouldApplyOnlyFillsOfWorkingOrdersWithinTheirQuantity()
    {
        final SinkState state = new SinkState(TestJournal.INSTRUMENTS);
        state.onOrder(7, 1, Side.BUY, 10);

        assertEquals(-1, state.onExecutionReport(8, 1, ExecType.FILL, Side.BUY, 10, 100, 0, 10, 0), "unknown order");
        assertEquals(-1, state.onExecutionReport(7, 1, ExecType.PARTIAL_FILL, Side.BUY, 11, 100, 0, 11, 0),
            "overfill");
        assertEquals(-1, state.onExecutionReport(7, 1, ExecType.FILL, Side.BUY, 4, 100, 6, 4, 0),
            "a fill that leaves quantity");
        assertEquals(-1, state.onExecutionReport(7, 99, ExecType.FILL, Side.BUY, 10, 100, 0, 10, 0),
            "unknown instrument");
        assertEquals(0, state.onExecutionReport(7, 1, ExecType.PARTIAL_FILL, Side.BUY, 4, 100, 6, 4, 1));
        assertEquals(0, state.onExecutionReport(7, 1, ExecType.FILL, Side.BUY, 6, 101, 0, 10, 1));
        assertEquals(-1, state.onExecutionReport(7, 1, ExecType.FILL, Side.BUY, 6, 101, 0, 10, 1), "repeated");
        assertEquals(10, state.positionLots(0));
        assertEquals(2, state.fills(0));
        assertEquals(0, state.workingOrders());
    }

    @Test
    void shouldLeaveThePositionUnchangedByAFillWhoseCostWouldPassTheLongRangeAsTheEngineDoes()
    {
        final SinkState state = new SinkState(TestJournal.INSTRUMENTS);
        final long maxTicks = TestJournal.INSTRUMENTS.at(0).maxPriceTicks();
        final long maxLots = TestJournal.INSTRUMENTS.at(0).maxQtyLots();
        for (int i = 1; i <= 10; i++)
        {
            state.onOrder(i, 1, Side.BUY, maxLots);
            assertEquals(i <= 9 ? 0 : -1, state.onExecutionReport(i, 1, ExecType.FILL, Side.BUY, maxLots, maxTicks,
                0, maxLots, 0), "fill " + i + " of 1e18 cash units each");
        }
        assertEquals(9 * maxLots, state.positionLots(0));
        assertEquals(9 * Instrument.MAX_NOTIONAL_CASH, state.costCash(0));
        assertEquals(9, state.fills(0));
        assertEquals(0, state.workingOrders(), "the order itself completed, as in the engine's order tracker");
    }

    @Test
    void shouldReplaceAWorkingOrderWhoseIdIsSentAgain()
    {
        final SinkState state = new SinkState(TestJournal.INSTRUMENTS);
        state.onOrder(1, 1, Side.BUY, 10);
        state.onOrder(1, 2, Side.SELL, 3);

        assertEquals(1, state.onExecutionReport(1, 2, ExecType.FILL, Side.SELL, 3, 100, 0, 3, 0));
        assertEquals(-3, state.positionLots(1));
        assertEquals(0, state.workingOrders());
    }

    @Test
    void shouldMarkAtTheMidOnceQuotedElseTheLastTradeOrBarClose()
    {
        final SinkState state = new SinkState(TestJournal.INSTRUMENTS);
        state.onBar(1, 1_000, 100, 110, 90, 105, 1);
        assertEquals(105, state.markTicks(0));
        state.onTrade(1, 10, 107, 1, Side.NONE);
        assertEquals(107, state.markTicks(0));
        state.onQuote(1, 20, 100, 1, 103, 1);
        assertEquals(101, state.markTicks(0));
        state.onTrade(1, 30, 200, 1, Side.BUY);
        assertEquals(101, state.markTicks(0), "trades do not mark once quoted");
        state.onQuote(1, 25, 110, 1, 112, 1);
        assertEquals(101, state.markTicks(0), "out of order");
        state.onQuote(1, 40, 112, 1, 110, 1);
        assertEquals(101, state.markTicks(0), "crossed");
        state.onQuote(1, 40, 110, 1, 112, 1);
        assertEquals(111, state.markTicks(0));
    }

    @Test
    void shouldChangeTradingStateAsTheEngineDoes()
    {
        final SinkState state = new SinkState(TestJournal.INSTRUMENTS);
        assertEquals(0, state.onAdminCommand(AdminCommandType.KILL_RELEASE, 0, CommandOrigin.CLI));
        assertEquals(TradingState.ACTIVE, state.onAdminCommand(AdminCommandType.KILL_ENGAGE, 0, CommandOrigin.API));
        assertEquals(0, state.onAdminCommand(AdminCommandType.SET_TRADING_STATE, 9, CommandOrigin.API), "bad state");
        assertEquals(0, state.onAdminCommand(AdminCommandType.KILL_RELEASE, 0, 77), "bad origin");
        assertEquals(TradingState.HALTED,
            state.onAdminCommand(AdminCommandType.SET_TRADING_STATE, TradingState.REDUCING, CommandOrigin.API));
        assertEquals(TradingState.REDUCING, state.tradingState());
        assertEquals(0, state.onAdminCommand(AdminCommandType.SESSION_START, 0, CommandOrigin.ENGINE), "no change");
        assertEquals(TradingState.REDUCING, state.tradingState());
    }

    @Test
    void shouldComeBackTheSameFromItsEncoding()
    {
        final SinkState state = new SinkState(TestJournal.INSTRUMENTS);
        state.onQuote(1, 20, 100, 1, 103, 1);
        state.onBar(2, 1_000, 100, 110, 90, 105, 1);
        state.onOrder(3, 1, Side.BUY, 10);
        state.onExecutionReport(3, 1, ExecType.PARTIAL_FILL, Side.BUY, 4, 100, 6, 4, 1);
        state.onOrder(4, 2, Side.SELL, 5);
        state.onAdminCommand(AdminCommandType.KILL_ENGAGE, 0, CommandOrigin.API);
        state.periodicSnapshotDue(1_234_567, 1_000);
        final ExpandableArrayBuffer first = new ExpandableArrayBuffer(256);
        final int length = state.encode(first);

        final SinkState copy = new SinkState(TestJournal.INSTRUMENTS);
        copy.decode(first, length);
        final ExpandableArrayBuffer second = new ExpandableArrayBuffer(256);
        assertEquals(length, copy.encode(second));
        final byte[] a = new byte[length];
        final byte[] b = new byte[length];
        first.getBytes(0, a);
        second.getBytes(0, b);
        assertArrayEquals(a, b);
        assertEquals(0, copy.onExecutionReport(3, 1, ExecType.FILL, Side.BUY, 6, 100, 0, 10, 1), "still working");
        assertEquals(10, copy.positionLots(0));
        assertEquals(TradingState.HALTED, copy.tradingState());

        final SinkState other = new SinkState(new io.easyquant.engine.instrument.Instruments(java.util.List.of(
            TestJournal.INSTRUMENTS.at(0))));
        assertThrows(IllegalStateException.class, () -> other.decode(first, length));
    }
}
