package io.easyquant.ops.cli;

import io.easyquant.ops.TestConfigs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code easyquant state} against a daemon in its own JVM: while it trades, after it was killed with SIGKILL, and the
 * next run opening the killed run's maps with recovery and finding them equal to its recovered state.
 */
@Tag("slow")
class StateDaemonTest
{
    private static final Pattern STATUS_WITH_FILLS = Pattern.compile("status events=\\d+ orders=\\d+ fills=[1-9]");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void shouldPrintTheStateWhileRunningAndAfterAKillAndRecoverTheMapsOnTheNextRun() throws Exception
    {
        String yaml = TestConfigs.paper();
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: data");
        yaml = edit(yaml, "statusIntervalSeconds: 5", "statusIntervalSeconds: 1");
        yaml = edit(yaml, "ringSize: 65536", "ringSize: 4096");
        yaml = edit(yaml, "ratePerSecond: 3000", "ratePerSecond: 20000");
        yaml = edit(yaml, "port: 8080", "port: 0");
        yaml = edit(yaml, "    enabled: true", "    enabled: false");
        final Path config = TestConfigs.write(dir.resolve("daemon.yaml"), yaml);
        final String data = dir.resolve("data").toString();

        try (EasyQuantProcess daemon = EasyQuantProcess.start("state-run", "run", "--config", config.toString()))
        {
            daemon.awaitOutput(STATUS_WITH_FILLS, TIMEOUT);
            final InProcess.Result running = InProcess.execute("state", "--data", data);
            assertEquals(0, running.exitCode(), running.err());
            assertTrue(running.out().startsWith("trading state  ACTIVE by engine"), running.out());
            assertTrue(running.out().contains("\n  BTC-USD "), running.out());
            assertFalse(running.out().contains(" torn") || running.out().contains(" corrupt"), running.out());
        }

        final InProcess.Result killed = InProcess.execute("state", "--data", data, "--json");
        assertEquals(0, killed.exitCode(), killed.err());
        assertTrue(killed.out().contains("\"positions\""), killed.out());

        try (EasyQuantProcess next = EasyQuantProcess.start("state-rerun", "run", "--config", config.toString(),
            "--duration", "2s"))
        {
            assertEquals(0, next.awaitExit(TIMEOUT), next.transcript());
            final String out = next.stdout();
            for (final String map : new String[] {"positions", "orders", "risk-counters", "trading-state"})
            {
                assertTrue(out.contains("state: opened " + dir.resolve("data/state/" + map + ".cmap") +
                    " ") && out.contains(" with recovery"), map + "\n" + next.transcript());
            }
            assertFalse(out.contains("moved aside"), next.transcript());
            // The recovery replay gives the killed run's state: the maps agree with it.
            final List<String> disagreeing = out.lines()
                .filter(line -> line.contains("state: disagrees with the journal")).toList();
            // Or, where the kill came between an input's journaling and its effect (or tore an entry), the entries
            // that step writes disagree and are rewritten.
            if (disagreeing.isEmpty())
            {
                assertTrue(out.contains("state: the maps agree with the journal's state"), next.transcript());
            }
            else
            {
                assertTrue(out.contains("state: rewrote "), next.transcript());
            }
            assertTrue(out.contains("recovered ") && out.contains(" journaled inputs"), next.transcript());
            assertNoStackTrace(out + next.stderr());
        }
    }
}
