package io.easyquant.ops.cli;

import io.easyquant.ops.TestConfigs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static io.easyquant.ops.Outputs.summaryCounter;
import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run} as a daemon in its own JVM, on a fast copy of the paper configuration: it trades, stops cleanly on
 * SIGTERM or when its duration is up, and prints the session summary.
 */
@Tag("slow")
class RunDaemonTest
{
    private static final Pattern STATUS_WITH_FILLS = Pattern.compile("status events=\\d+ orders=\\d+ fills=[1-9]");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void shouldStopCleanlyOnSigtermAndPrintTheSummary() throws Exception
    {
        try (EasyQuantProcess daemon = EasyQuantProcess.start("run-sigterm", "run", "--config", config().toString()))
        {
            daemon.awaitOutput(STATUS_WITH_FILLS, START_TIMEOUT);

            final int exitCode = daemon.terminate(STOP_TIMEOUT);

            final String out = daemon.stdout();
            assertEquals(0, exitCode, daemon.transcript());
            assertTrue(out.contains("stopping (signal): halting feeds, draining the ring"), daemon.transcript());
            assertSummaryWithFills(out);
            assertTrue(out.contains("  postgres sink       all written\n"), "the sink's final flush on SIGTERM\n" +
                daemon.transcript());
            assertTrue(out.contains("connect with: psql -h localhost -p "), daemon.transcript());
            assertNoStackTrace(out + daemon.stderr());
            assertTrue(Files.isDirectory(dir.resolve("data")), "dataDir is resolved against the configuration file");
            assertTrue(Files.isRegularFile(dir.resolve("data/postgres/PG_VERSION")), "the embedded server's data");
        }
    }

    @Test
    void shouldStopByItselfWhenTheDurationIsUp() throws Exception
    {
        try (EasyQuantProcess run = EasyQuantProcess.start("run-duration", "run", "--config", config().toString(),
            "--duration", "3s"))
        {
            final int exitCode = run.awaitExit(STOP_TIMEOUT);

            final String out = run.stdout();
            assertEquals(0, exitCode, run.transcript());
            assertTrue(out.contains("stopping (duration elapsed)"), run.transcript());
            assertTrue(STATUS_WITH_FILLS.matcher(out).find(), run.transcript());
            assertSummaryWithFills(out);
            assertNoStackTrace(out + run.stderr());
        }
    }

    @Test
    void shouldKeepTradingWhenTheSinkCannotReachItsDatabase() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        final String url = "jdbc:postgresql://localhost:" + port + "/easyquant";
        final Path config = TestConfigs.write(dir.resolve("no-db.yaml"), edit(Files.readString(config()),
            "    # url: jdbc:postgresql://localhost:5432/easyquant\n", "    url: " + url + "\n"));
        // Long enough for status lines with fills and the sink retrying even on a loaded machine.
        try (EasyQuantProcess run = EasyQuantProcess.start("run-no-db", "run", "--config", config.toString(),
            "--duration", "5s"))
        {
            final int exitCode = run.awaitExit(STOP_TIMEOUT);

            final String out = run.stdout();
            assertEquals(0, exitCode, run.transcript());
            assertTrue(out.contains("ERROR [postgres-sink] PostgresSink - postgres sink: cannot connect to " + url +
                ": Connection to localhost:" + port + " refused. Check that the hostname and port are correct and " +
                "that the postmaster is accepting TCP/IP connections; trading is not affected; the sink retries"),
                run.transcript());
            assertTrue(STATUS_WITH_FILLS.matcher(out).find(), run.transcript());
            assertTrue(out.contains("| sink RETRYING lag=?/0.0s rows=0 error: Connection to localhost:" + port),
                run.transcript());
            assertSummaryWithFills(out);
            assertTrue(summaryCounter(out, "orders_sent") > 0, out);
            assertTrue(out.contains("  postgres sink       unknown number of journal entries not written yet"), out);
            assertNoStackTrace(out + run.stderr());
        }
    }

    private static void assertSummaryWithFills(final String out)
    {
        assertTrue(out.contains("EasyQuant session summary\n"), out);
        assertTrue(summaryCounter(out, "events_in") > 0, out);
        assertTrue(summaryCounter(out, "fills") + summaryCounter(out, "partial_fills") > 0, out);
        assertEquals(0, summaryCounter(out, "stage_errors"), out);
        assertTrue(out.contains("  feeds[0] synthetic: published "), out);
    }

    /**
     * The paper configuration, faster: more events, a status line every second, data under the test's directory.
     */
    private Path config()
    {
        String yaml = TestConfigs.paper();
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: data");
        yaml = edit(yaml, "statusIntervalSeconds: 5", "statusIntervalSeconds: 1");
        yaml = edit(yaml, "ringSize: 65536", "ringSize: 4096");
        yaml = edit(yaml, "ratePerSecond: 3000", "ratePerSecond: 20000");
        yaml = edit(yaml, "port: 8080", "port: 0");
        return TestConfigs.write(dir.resolve("daemon.yaml"), yaml);
    }
}
