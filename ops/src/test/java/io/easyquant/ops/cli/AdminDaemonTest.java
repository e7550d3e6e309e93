package io.easyquant.ops.cli;

import io.easyquant.ops.MonitoringFiles;
import io.easyquant.ops.TestConfigs;
import io.easyquant.ops.admin.LocalOperatorToken;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run} with its admin server, as a real daemon: tokens from the environment, the API answering on the logged
 * address, {@code easyquant kill} engaging and releasing the kill-switch through it, every command journaled with
 * the token's name, and a clean stop on SIGTERM.
 */
@Tag("slow")
class AdminDaemonTest
{
    private static final String OPERATOR_SECRET = "daemon-operator-secret";
    private static final String VIEWER_SECRET = "daemon-viewer-secret-1";
    private static final Pattern ADMIN_URL = Pattern.compile("admin server on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void shouldServeTheApiAndTakeTheKillSwitchFromTheCommandLine() throws Exception
    {
        final Map<String, String> environment = Map.of("EASYQUANT_ADMIN_TOKENS",
            "ops:operator:" + OPERATOR_SECRET + ",watch:viewer:" + VIEWER_SECRET);
        try (EasyQuantProcess daemon = EasyQuantProcess.start("run-admin", environment, "run", "--config",
            config().toString()))
        {
            final Matcher url = daemon.awaitOutput(ADMIN_URL, TIMEOUT);
            final String base = url.group(1);
            final HttpClient http = HttpClient.newHttpClient();

            assertEquals(200, get(http, base + "/ready", null).statusCode());
            final HttpResponse<String> status = get(http, base + "/api/v1/status", VIEWER_SECRET);
            assertEquals(200, status.statusCode(), status.body());
            assertTrue(status.body().contains("\"tradingState\":\"ACTIVE\""), status.body());
            assertTrue(status.body().contains("\"name\":\"paper\""), status.body());
            assertEquals(401, get(http, base + "/api/v1/status", "wrong-secret-0000000").statusCode());

            final HttpResponse<String> scrape = get(http, base + "/metrics", VIEWER_SECRET);
            assertEquals(200, scrape.statusCode());
            Files.writeString(dir.resolve("metrics.txt"), scrape.body());
            assertPromtoolAccepts(dir.resolve("metrics.txt"));
            for (final String name : MonitoringFiles.metricNames())
            {
                assertTrue(scrape.body().contains("\n" + name), "the alert rules and the dashboard query " + name +
                    ", which the daemon's /metrics lacks");
            }

            final Map<String, String> operator = Map.of("EASYQUANT_ADMIN_TOKEN", OPERATOR_SECRET);
            try (EasyQuantProcess kill = EasyQuantProcess.start("kill-engage", operator, "kill", "--engage",
                "--reason", "daemon test drill", "--url", base))
            {
                assertEquals(0, kill.awaitExit(TIMEOUT), kill.transcript());
                assertEquals("kill-switch engaged: the engine is HALTED\n", kill.stdout());
            }
            assertTrue(get(http, base + "/api/v1/status", VIEWER_SECRET).body()
                .contains("\"tradingState\":\"HALTED\""));

            try (EasyQuantProcess viewer = EasyQuantProcess.start("kill-viewer", Map.of("WATCH", VIEWER_SECRET),
                "kill", "--release", "--reason", "not allowed", "--url", base, "--token-env", "WATCH"))
            {
                assertEquals(1, viewer.awaitExit(TIMEOUT), viewer.transcript());
                assertTrue(viewer.stderr().startsWith("error: the admin server refused (HTTP 403): the operator " +
                    "role is required"), viewer.transcript());
            }

            try (EasyQuantProcess release = EasyQuantProcess.start("kill-release", operator, "kill", "--release",
                "--reason", "drill over", "--url", base))
            {
                assertEquals(0, release.awaitExit(TIMEOUT), release.transcript());
                assertEquals("kill-switch released: the engine is ACTIVE\n", release.stdout());
            }

            assertEquals(0, daemon.terminate(TIMEOUT), daemon.transcript());
            final String out = daemon.stdout();
            assertTrue(out.contains("KILL_ENGAGE by ops from 127.0.0.1: daemon test drill"), out);
            assertTrue(out.contains("KILL_RELEASE by ops from 127.0.0.1: drill over"), out);
            assertTrue(out.contains("admin server stopped"), out);
            assertNoStackTrace(out + daemon.stderr());
        }

        final InProcess.Result dump = InProcess.execute("journal", "dump", "--journal",
            dir.resolve("data/journal").toString(), "--type", "admin_command");
        assertEquals(0, dump.exitCode(), dump.err());
        assertTrue(dump.out().contains("ADMIN_COMMAND src=20 command=KILL_ENGAGE argument=0 origin=cli " +
            "principal=\"ops\" reason=\"daemon test drill\" remote=\"127.0.0.1\""), dump.out());
        assertTrue(dump.out().contains("command=KILL_RELEASE"), dump.out());

        final InProcess.Result transitions = InProcess.execute("journal", "dump", "--journal",
            dir.resolve("data/journal").toString(), "--type", "trading_state_change");
        assertEquals(0, transitions.exitCode(), transitions.err());
        assertTrue(transitions.out().contains("TRADING_STATE_CHANGE src=0 from=ACTIVE to=HALTED origin=cli rule=0 " +
            "command=KILL_ENGAGE"), transitions.out());
        assertTrue(transitions.out().contains("from=HALTED to=ACTIVE origin=cli rule=0 command=KILL_RELEASE"),
            transitions.out());
    }

    /**
     * With no token configured, {@code run} generates an operator token into the data directory (0600) and says so;
     * while another local process floods the server with wrong tokens, {@code kill --config} and
     * {@code trading-state --config} find that token and act within a second each.
     */
    @Test
    void shouldGenerateAnOperatorTokenThatTheCommandLineFindsAndUsesDuringABadTokenFlood() throws Exception
    {
        final Path data = dir.resolve("data");
        final Path tokenFile = data.resolve(LocalOperatorToken.FILE_NAME);
        final Path config = config();
        try (EasyQuantProcess daemon = EasyQuantProcess.start("run-generated-token", "run", "--config",
            config.toString()))
        {
            final String base = daemon.awaitOutput(ADMIN_URL, TIMEOUT).group(1);
            daemon.awaitOutput(Pattern.compile("generated an operator token \\('local-operator'\\) for this " +
                "session in " + Pattern.quote(tokenFile.toString()) + " \\(readable by its owner only\\)"), TIMEOUT);
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(tokenFile));
            final LocalOperatorToken.Entry entry = LocalOperatorToken.read(data);
            assertEquals(base, entry.url());
            assertEquals(64, entry.token().length());

            // Once before the flood, so that what is timed below is the server's answer, not this JVM loading the
            // command line's classes for the first time.
            final InProcess.Result warmUp = InProcess.execute("trading-state", "--active", "--reason", "warm-up",
                "--config", config.toString(), "--token-env", "EASYQUANT_NO_SUCH_VARIABLE");
            assertEquals(0, warmUp.exitCode(), warmUp.err());

            final HttpClient http = HttpClient.newHttpClient();
            final AtomicBoolean stop = new AtomicBoolean();
            final Map<Integer, Integer> answers = new ConcurrentHashMap<>();
            final List<Thread> flood = new ArrayList<>();
            for (int t = 0; t < 4; t++)
            {
                final Thread thread = new Thread(() ->
                {
                    for (int i = 0; i < 50_000 && !stop.get(); i++)
                    {
                        try
                        {
                            answers.merge(get(http, base + "/api/v1/status", "wrong-token-" + i).statusCode(), 1,
                                Integer::sum);
                        }
                        catch (final Exception ex)
                        {
                            answers.merge(-1, 1, Integer::sum);
                        }
                    }
                });
                thread.setDaemon(true);
                thread.start();
                flood.add(thread);
            }
            try
            {
                final long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
                while (answers.getOrDefault(429, 0) < 200)
                {
                    assertTrue(System.nanoTime() < deadlineNs, "the flood is slowed down: " + answers);
                    Thread.sleep(5);
                }

                long startNs = System.nanoTime();
                final InProcess.Result reducing = InProcess.execute("trading-state", "--reducing", "--reason",
                    "flood drill", "--config", config.toString(), "--token-env", "EASYQUANT_NO_SUCH_VARIABLE");
                final long reducingMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                startNs = System.nanoTime();
                final InProcess.Result kill = InProcess.execute("kill", "--engage", "--reason", "flood drill",
                    "--data", data.toString(), "--token-env", "EASYQUANT_NO_SUCH_VARIABLE");
                final long killMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                System.out.println("under the flood: trading-state " + reducingMs + " ms, kill " + killMs + " ms; " +
                    answers);
                assertEquals(0, reducing.exitCode(), reducing.err());
                assertEquals("trading state REDUCING: the engine is REDUCING\n", reducing.out());
                assertEquals(0, kill.exitCode(), kill.err());
                assertEquals("kill-switch engaged: the engine is HALTED\n", kill.out());
                assertTrue(reducingMs < 1_000, "trading-state took " + reducingMs + " ms");
                assertTrue(killMs < 1_000, "kill took " + killMs + " ms");
            }
            finally
            {
                stop.set(true);
                for (final Thread thread : flood)
                {
                    thread.join(TIMEOUT.toMillis());
                }
            }
            assertEquals(null, answers.get(200), answers.toString());

            assertEquals(0, daemon.terminate(TIMEOUT), daemon.transcript());
            assertTrue(daemon.stdout().contains("KILL_ENGAGE by local-operator from 127.0.0.1: flood drill"),
                daemon.stdout());
            assertNoStackTrace(daemon.stdout() + daemon.stderr());
        }
        assertFalse(Files.exists(tokenFile), "removed at a clean stop");

        final InProcess.Result gone = InProcess.execute("kill", "--engage", "--reason", "x", "--data",
            data.toString(), "--token-env", "EASYQUANT_NO_SUCH_VARIABLE");
        assertEquals(2, gone.exitCode());
        assertTrue(gone.err().startsWith("error: no token: EASYQUANT_NO_SUCH_VARIABLE is not set and " + tokenFile +
            " does not exist"), gone.err());
    }

    @Test
    void shouldRefuseToKillWithoutATokenOrAReachableServer()
    {
        final InProcess.Result noToken = InProcess.execute("kill", "--engage", "--reason", "x", "--token-env",
            "EASYQUANT_NO_SUCH_VARIABLE");
        assertEquals(2, noToken.exitCode());
        assertEquals("error: no token: set EASYQUANT_NO_SUCH_VARIABLE to an operator token of the admin server, or " +
            "give --config (or --data) of an engine on this host that generated one\n", noToken.err());

        final InProcess.Result both = InProcess.execute("kill", "--engage", "--release", "--reason", "x");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    private static void assertPromtoolAccepts(final Path metrics) throws Exception
    {
        final Process process = new ProcessBuilder(MonitoringFiles.PROMTOOL.toString(), "check", "metrics")
            .redirectInput(metrics.toFile()).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        assertEquals(0, process.exitValue(), "promtool check metrics on the daemon's /metrics:\n" + output);
    }

    private static HttpResponse<String> get(final HttpClient http, final String url, final String token)
        throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private Path config()
    {
        String yaml = TestConfigs.paper();
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: data");
        yaml = edit(yaml, "ringSize: 65536", "ringSize: 4096");
        yaml = edit(yaml, "port: 8080", "port: 0");
        return TestConfigs.write(dir.resolve("admin.yaml"), yaml);
    }
}
