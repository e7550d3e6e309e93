package io.easyquant.ops.cli;

import io.easyquant.ops.TestConfigs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void shouldRefuseToKillWithoutATokenOrAReachableServer()
    {
        final InProcess.Result noToken = InProcess.execute("kill", "--engage", "--reason", "x", "--token-env",
            "EASYQUANT_NO_SUCH_VARIABLE");
        assertEquals(2, noToken.exitCode());
        assertEquals("error: no token: set EASYQUANT_NO_SUCH_VARIABLE to an operator token of the admin server\n",
            noToken.err());

        final InProcess.Result both = InProcess.execute("kill", "--engage", "--release", "--reason", "x");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
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
