package io.easyquant.ops.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.engine.state.RiskStateSource;
import io.easyquant.engine.state.StateMismatch;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A paper session mirrors its state into the maps under its data directory; {@code easyquant state} prints them; the
 * next session checks them against its own state at start and rebuilds what disagrees.
 */
class StateSessionTest
{
    @TempDir
    Path dir;

    @Test
    void shouldMirrorASessionPrintItAndRebuildWhatTheNextSessionDisagreesWith() throws Exception
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

        // The next session's engine starts flat (until recovery replays the journal): the maps disagree and are
        // rebuilt from the engine's state.
        final EngineRunner second = new EngineRunner(config, new SystemEpochNanoClock());
        second.start();
        try
        {
            final List<StateMismatch> mismatches = second.stateMismatches();
            assertFalse(mismatches.isEmpty());
            for (int i = 0; i < 3; i++)
            {
                final String name = "instrument " + i;
                assertEquals(book.fills(i) > 0, mismatches.stream()
                    .anyMatch(m -> m.map().equals("positions") && m.entry().equals(name)), mismatches.toString());
            }
        }
        finally
        {
            assertTrue(second.stop());
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
