package io.easyquant.engine.state;

import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.order.Order;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.TradingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The maps as another reader sees them: while the writer has them open, from another process while it writes, and
 * with nothing there.
 */
class StateReaderTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldReadWhatTheStagesWroteWhileTheStoreIsOpen() throws IOException
    {
        try (StateStore store = StateStore.open(dataDir, StatePipeline.layout()))
        {
            final StatePipeline pipeline = new StatePipeline(3, StatePipeline.executionOnly(store));
            for (int i = 0; i < 10_000 || (pipeline.engine().execution().orders().openOrders() == 0 && i < 100_000); i++)
            {
                pipeline.step();
            }
            store.riskRecorder().counter(-1, 5, 77, 900);
            store.riskRecorder().counter(1, 0, -3, 901);
            store.riskRecorder().tradingState(TradingState.HALTED, CommandOrigin.API, 902);

            try (StateReader reader = StateReader.open(dataDir))
            {
                final StateSnapshot snapshot = reader.snapshot();
                final DirectEngine engine = pipeline.engine();
                final PositionBook book = engine.execution().positions();
                assertEquals(2, snapshot.positions().size());
                for (final StateSnapshot.Position position : snapshot.positions())
                {
                    final int index = position.instrumentIndex();
                    assertEquals("ok", position.status());
                    assertEquals(book.positionLots(index), position.positionLots());
                    assertEquals(book.costCash(index), position.costCash());
                    assertEquals(book.realizedCash(index), position.realizedCash());
                    assertEquals(book.feesCash(index), position.feesCash());
                    assertEquals(book.fills(index), position.fills());
                    assertTrue(position.tag() > 0);
                }
                final List<Long> working = new ArrayList<>();
                for (int slot = 0; slot < StatePipeline.MAX_WORKING_ORDERS; slot++)
                {
                    final Order order = engine.execution().orders().workingAt(slot);
                    if (order != null)
                    {
                        working.add(order.clOrdId());
                    }
                }
                final List<Long> read = new ArrayList<>();
                for (final StateSnapshot.WorkingOrder order : snapshot.orders())
                {
                    assertEquals("ok", order.status());
                    final Order live = engine.execution().orders().find(order.clOrdId());
                    assertEquals(live.slot(), order.slot());
                    assertEquals(live.leavesQtyLots(), order.leavesQtyLots());
                    assertEquals(live.state(), order.state());
                    read.add(order.clOrdId());
                }
                assertEquals(working, read);
                assertEquals(List.of(
                    new StateSnapshot.Counter(-1, 5, 77, 900, "ok"), new StateSnapshot.Counter(1, 0, -3, 901, "ok")),
                    snapshot.counters());
                assertEquals(new StateSnapshot.Trading(TradingState.HALTED, CommandOrigin.API, 902, "ok"),
                    snapshot.tradingState());
            }
        }
    }

    @Test
    void shouldReadConsistentEntriesFromAnotherProcessWhileItWrites() throws Exception
    {
        final Process child = StateKillTest.startChild(dataDir, dataDir.resolve("steps"));
        try
        {
            final BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            try (StateReader reader = StateReader.open(dataDir))
            {
                long lastFills = -1;
                for (int i = 0; i < 50; i++)
                {
                    final StateSnapshot snapshot = reader.snapshot();
                    long fills = 0;
                    for (final StateSnapshot.Position position : snapshot.positions())
                    {
                        assertEquals("ok", position.status(), position.toString());
                        fills += position.fills();
                    }
                    for (final StateSnapshot.WorkingOrder order : snapshot.orders())
                    {
                        assertEquals("ok", order.status(), order.toString());
                        assertEquals(order.qtyLots(), order.leavesQtyLots() + order.cumQtyLots(), order.toString());
                    }
                    assertTrue(fills >= lastFills, "fills never go back: " + fills + " after " + lastFills);
                    lastFills = fills;
                    Thread.sleep(5);
                }
                assertTrue(lastFills > 0);
            }
        }
        finally
        {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldRefuseADirectoryWithoutMaps()
    {
        final IOException error = assertThrows(IOException.class, () -> StateReader.open(dataDir));
        assertTrue(error.getMessage().contains("positions.cmap: no such state map"), error.getMessage());
    }
}
