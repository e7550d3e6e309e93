package io.easyquant.admin;

import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.TradingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.easyquant.admin.AdminFixture.OPERATOR_SECRET;
import static io.easyquant.admin.AdminFixture.VIEWER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kill-switch cannot be locked out: while another local process floods the server with wrong tokens (the
 * throttle engaged, its failures delayed and refused), the operator's token still engages the kill-switch within a
 * second, a viewer still reads and Prometheus still scrapes, and the failures are counted on {@code /metrics}.
 */
class LockOutTest
{
    private static final long WITHIN_NS = TimeUnit.SECONDS.toNanos(1);

    @TempDir
    Path dir;

    private AdminFixture fixture;

    @AfterEach
    void stop()
    {
        if (fixture != null)
        {
            fixture.close();
        }
    }

    @Test
    void shouldEngageTheKillSwitchWithinASecondWhileWrongTokensFloodTheServer() throws Exception
    {
        fixture = AdminFixture.start(dir);
        final Map<String, PrometheusText.Family> metrics;
        try (BadTokenFlood flood = BadTokenFlood.start(fixture.server.url(), 4))
        {
            flood.awaitAnswers(429, 200, Duration.ofSeconds(30));

            final HttpResponse<String> read = fixture.get("/api/v1/status", VIEWER_SECRET);
            assertEquals(200, read.statusCode(), read.body());
            final HttpResponse<String> scrape = fixture.get("/metrics", VIEWER_SECRET);
            assertEquals(200, scrape.statusCode());

            final long startNs = System.nanoTime();
            final HttpResponse<String> engage = fixture.post("/api/v1/kill-switch", OPERATOR_SECRET,
                "{\"action\":\"engage\",\"reason\":\"drill under a flood\"}");
            final long tookNs = System.nanoTime() - startNs;
            assertEquals(200, engage.statusCode(), engage.body());
            assertTrue(tookNs < WITHIN_NS, "the kill-switch took " + TimeUnit.NANOSECONDS.toMillis(tookNs) + " ms");
            assertEquals(TradingState.HALTED, fixture.engine.counters().get(EngineCounters.TRADING_STATE));

            flood.awaitAnswers(429, flood.answers(429) + 100, Duration.ofSeconds(30));
            assertEquals(0, flood.answers(200), flood.toString());
        }
        // The flood has stopped; the failures still held by the throttle are answered within its delay.
        final AccessCounters access = fixture.server.access().counters();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (access.failures(AccessCounters.Failure.BAD_TOKEN) + access.failures(AccessCounters.Failure.NO_TOKEN) !=
            access.refusals(AccessCounters.Refusal.THROTTLED) + access.refusals(AccessCounters.Refusal.UNAUTHENTICATED))
        {
            assertTrue(System.nanoTime() < deadlineNs, "every failure is answered");
            AdminFixture.sleep(5);
        }
        metrics = MetricsEndpointTest.scrape(fixture);
        final double bad = MetricsEndpointTest.value(metrics, "easyquant_admin_auth_failures_total",
            Map.of("reason", "bad_token"));
        final double none = MetricsEndpointTest.value(metrics, "easyquant_admin_auth_failures_total",
            Map.of("reason", "no_token"));
        final double throttled = MetricsEndpointTest.value(metrics, "easyquant_admin_refusals_total",
            Map.of("reason", "throttled"));
        final double unauthenticated = MetricsEndpointTest.value(metrics, "easyquant_admin_refusals_total",
            Map.of("reason", "unauthenticated"));
        assertTrue(throttled >= 300, "throttled " + throttled);
        assertTrue(none > 0 && bad > none, "bad " + bad + ", none " + none);
        assertEquals(bad + none, throttled + unauthenticated, 0.0, "every failure is refused once, 401 or 429");
        assertTrue(MetricsEndpointTest.value(metrics, "easyquant_admin_auth_failures_delayed_total", Map.of()) >= 1);

        final List<AdminCommandCodec> commands = KillSwitchApiTest.journaledCommands(fixture);
        assertEquals(1, commands.size(), "the flood's releases never got in");
        assertEquals(AdminCommandType.KILL_ENGAGE, commands.get(0).command());
        assertEquals(AdminFixture.OPERATOR, commands.get(0).principal());
    }
}
