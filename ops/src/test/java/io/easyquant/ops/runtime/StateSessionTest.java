package io.easyquant.ops.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.order.OrderTracker;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.engine.state.RiskStateSource;
import io.easyquant.engine.state.StateLayout;
import io.easyquant.engine.state.StateMismatch;
import io.easyquant.engine.state.StateStore;
import io.easyquant.ops.TestConfigs;
import io.easyquant.ops.cli.InProcess;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A paper session mirrors its state into the maps under its data directory; {@code easyquant state} prints them; the
 * next session, after its recovery replay, finds them equal to its state; maps that lost their content are named and
 * rebuilt from the journal's state.
 */
class StateSessionTest
{
    @TempDir
    Path dir;

    @Test
    void shouldMirrorASessionPrintItAgreeAfterRecoveryAndRebuildDamagedEntries() throws Exception
    {
        String yaml = TestConfigs.paper();
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: " + dir.resolve("data"));
        yaml = edit(yaml, "ratePerSecond: 3000", "ratePerSecond: 20000");
        yaml = edit(yaml, "fastPeriod: 20", "fastPeriod: 5");
        yaml = edit(yaml, "slowPeriod: 80", "slowPeriod: 20");
        yaml = edit(yaml, "    enabled: true", "    enabled: false");
        final Configuration config = new ConfigLoader().load(TestConfigs.write(dir.resolve("paper.yaml"), yaml));

        final EngineRunner first = new EngineRunner(config, new SystemEpochNanoClock());
        first.start();
        try
        {
            assertEquals(List.of(), first.stateMismatches(), "fresh maps agree with a fresh engine");
            final long deadlineNs = System.nanoTime() + 20_000_000_000L;
            while (first.engine().counters().get(EngineCounters.FILLS) < 50 && System.nanoTime() - deadlineNs < 0)
            {
                Thread.sleep(10);
            }
        }
        finally
        {
            assertTrue(first.stop(), "the ring drained");
        }
        final PositionBook book = first.engine().execution().positions();
        assertTrue(first.engine().counters().get(EngineCounters.FILLS) >= 50);
        assertThrows(IllegalStateException.class,
            () -> first.state().check(book, first.engine().execution().orders(), RiskStateSource.NONE));

        final InProcess.Result text = InProcess.execute("state", "--data", dir.resolve("data").toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("trading state  ACTIVE by engine"), text.out());
        assertTrue(text.out().contains("BTC-USD"), "symbols from the journaled configuration: " + text.out());

        final InProcess.Result json = InProcess.execute("state", "--data", dir.resolve("data").toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        final JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals(3, root.get("positions").size());
        long nonZero = 0;
        for (int i = 0; i < 3; i++)
        {
            final JsonNode position = root.get("positions").get(i);
            assertEquals(config.instruments().at(i).symbol(), position.get("instrument").asText());
            assertEquals(book.positionLots(i), position.get("position_lots").asLong());
            assertEquals(0, BigDecimal.valueOf(book.realizedCash(i), 8).compareTo(position.get("realized").decimalValue()),
                position.toString());
            assertEquals(book.fills(i), position.get("fills").asLong());
            assertEquals("ok", position.get("status").asText());
            nonZero += book.fills(i) > 0 ? 1 : 0;
        }
        assertTrue(nonZero > 0);
        assertEquals(first.engine().execution().orders().openOrders(), root.get("working_orders").size());

        // The next session replays the journal before it checks: the maps agree with it.
        final EngineRunner second = new EngineRunner(config, new SystemEpochNanoClock());
        second.start();
        try
        {
            assertEquals(List.of(), second.stateMismatches(), "the maps agree with the recovered engine");
            assertEquals(book.positionLots(0), second.engine().execution().positions().positionLots(0));
        }
        finally
        {
            assertTrue(second.stop());
        }

        // Maps that lost the sessions' positions (written flat here): the third session's check names every position
        // that had fills, rewrites it from the journal's state, and the maps then hold what the engine holds.
        final StateLayout layout =
            new StateLayout(config.instruments().count(), config.execution().maxWorkingOrders());
        try (StateStore damaged = StateStore.open(dir.resolve("data"), layout))
        {
            damaged.rebuild(new PositionBook(config.instruments()),
                new OrderTracker(config.execution().maxWorkingOrders(), config.instruments().count()),
                RiskStateSource.NONE, 0);
        }
        final EngineRunner third = new EngineRunner(config, new SystemEpochNanoClock());
        third.start();
        final PositionBook recovered;
        try
        {
            recovered = third.engine().execution().positions();
            final List<StateMismatch> mismatches = third.stateMismatches();
            for (int i = 0; i < 3; i++)
            {
                final String name = "instrument " + i;
                assertEquals(recovered.fills(i) > 0, mismatches.stream()
                    .anyMatch(m -> m.map().equals("positions") && m.entry().equals(name)), mismatches.toString());
            }
            assertTrue(mismatches.stream().anyMatch(m -> m.map().equals("risk-counters")), mismatches.toString());
        }
        finally
        {
            assertTrue(third.stop());
        }
        final JsonNode rebuilt = new ObjectMapper().readTree(
            InProcess.execute("state", "--data", dir.resolve("data").toString(), "--json").out());
        for (int i = 0; i < 3; i++)
        {
            final JsonNode position = rebuilt.get("positions").get(i);
            assertEquals(recovered.positionLots(i), position.get("position_lots").asLong(), position.toString());
            assertEquals(recovered.fills(i), position.get("fills").asLong(), position.toString());
        }
    }

    @Test
    void shouldExitWithUsageErrorWithoutState()
    {
        final InProcess.Result result = InProcess.execute("state", "--data", dir.toString());
        assertEquals(2, result.exitCode());
        assertEquals("error: " + dir + ": no state directory (state/)\n", result.err());
    }
}
