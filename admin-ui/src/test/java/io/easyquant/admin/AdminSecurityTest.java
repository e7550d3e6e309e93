package io.easyquant.admin;

import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.TradingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.easyquant.admin.AdminFixture.ALLOWED_ORIGIN;
import static io.easyquant.admin.AdminFixture.OPERATOR_SECRET;
import static io.easyquant.admin.AdminFixture.VIEWER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The negative cases of ../shared/RELIABILITY.md's admin endpoint security, each followed by a check that the engine's
 * state did not change and no command was journaled.
 */
class AdminSecurityTest
{
    private static final String ENGAGE = "{\"action\":\"engage\",\"reason\":\"attack\"}";
    private static final List<String> READS = List.of("/metrics", "/api/v1/status", "/api/v1/positions",
        "/api/v1/orders", "/api/v1/risk", "/api/v1/latency", "/api/v1/events", "/api/v1/processes");

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

    private AdminFixture start() throws Exception
    {
        fixture = AdminFixture.start(dir);
        return fixture;
    }

    private void assertStillActiveAndNothingJournaled()
    {
        assertEquals(TradingState.ACTIVE, fixture.engine.counters().get(EngineCounters.TRADING_STATE));
        assertEquals(List.of(), KillSwitchApiTest.journaledCommands(fixture));
    }

    private static void assertRefusal(final int status, final HttpResponse<String> response, final String message)
    {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(Json.parse(response.body()).get("error").asText().contains(message), response.body());
    }

    @Test
    void shouldAnswer401WithoutATokenOnEveryReadAndStateChange() throws Exception
    {
        start();
        for (final String path : READS)
        {
            final HttpResponse<String> response = fixture.get(path, null);
            assertRefusal(401, response, "a valid bearer token is required (no token)");
            assertEquals("Bearer realm=\"easyquant\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
        }
        assertRefusal(401, fixture.post("/api/v1/kill-switch", null, ENGAGE), "no token");
        assertRefusal(401, fixture.post("/api/v1/trading-state", null,
            "{\"state\":\"HALTED\",\"reason\":\"x\"}"), "no token");
        assertStillActiveAndNothingJournaled();
    }

    @Test
    void shouldAnswer401ToAWrongTokenOrScheme() throws Exception
    {
        start();
        assertRefusal(401, fixture.get("/api/v1/status", "not-a-token-at-all"), "bad token");
        assertRefusal(401, fixture.post("/api/v1/kill-switch", OPERATOR_SECRET + "x", ENGAGE), "bad token");
        final HttpResponse<String> basic = fixture.send(fixture.request("/api/v1/status", null)
            .header("Authorization", "Basic " + OPERATOR_SECRET).GET().build());
        assertRefusal(401, basic, "bad token");
        final HttpResponse<String> query = fixture.get("/api/v1/status?token=" + VIEWER_SECRET, null);
        assertRefusal(401, query, "no token");
        assertStillActiveAndNothingJournaled();
    }

    @Test
    void shouldAcceptTheBearerSchemeInAnyCase() throws Exception
    {
        start();
        final HttpResponse<String> response = fixture.send(fixture.request("/api/v1/status", null)
            .header("Authorization", "bearer " + VIEWER_SECRET).GET().build());
        assertEquals(200, response.statusCode());
    }

    @Test
    void shouldAnswer403WhenAViewerTriesToChangeState() throws Exception
    {
        start();
        assertRefusal(403, fixture.post("/api/v1/kill-switch", VIEWER_SECRET, ENGAGE),
            "the operator role is required; token 'vera' is a viewer");
        assertRefusal(403, fixture.post("/api/v1/trading-state", VIEWER_SECRET,
            "{\"state\":\"HALTED\",\"reason\":\"x\"}"), "operator role is required");
        assertStillActiveAndNothingJournaled();
    }

    @Test
    void shouldNeverChangeStateOnGetEvenWithAnOperatorToken() throws Exception
    {
        start();
        final HttpResponse<String> kill = fixture.get("/api/v1/kill-switch?action=engage&reason=x", OPERATOR_SECRET);
        assertRefusal(405, kill, "method not allowed");
        assertRefusal(405, fixture.get("/api/v1/trading-state?state=HALTED&reason=x", OPERATOR_SECRET),
            "method not allowed");
        for (final String path : READS)
        {
            assertEquals(200, fixture.get(path, OPERATOR_SECRET).statusCode(), path);
        }
        for (final String method : List.of("PUT", "DELETE", "PATCH"))
        {
            final HttpResponse<String> response = fixture.send(fixture.request("/api/v1/kill-switch", OPERATOR_SECRET)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(ENGAGE)).build());
            assertEquals(405, response.statusCode(), method);
        }
        assertStillActiveAndNothingJournaled();
    }

    @Test
    void shouldRefuseAForeignOriginAndLeaveTheStateAlone() throws Exception
    {
        start();
        final HttpResponse<String> post = fixture.send(fixture.request("/api/v1/kill-switch", OPERATOR_SECRET)
            .header("Content-Type", "application/json")
            .header("Origin", "http://evil.example")
            .POST(HttpRequest.BodyPublishers.ofString(ENGAGE)).build());
        assertRefusal(403, post, "origin not allowed");
        assertTrue(post.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

        final HttpResponse<String> preflight = fixture.send(fixture.request("/api/v1/kill-switch", null)
            .header("Origin", "http://evil.example")
            .header("Access-Control-Request-Method", "POST")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertRefusal(403, preflight, "origin not allowed");

        final HttpResponse<String> read = fixture.send(fixture.request("/api/v1/status", VIEWER_SECRET)
            .header("Origin", "null").GET().build());
        assertRefusal(403, read, "origin not allowed");
        assertStillActiveAndNothingJournaled();
    }

    @Test
    void shouldAllowTheServersOwnOriginAndTheCorsAllowList() throws Exception
    {
        start();
        final HttpResponse<String> same = fixture.send(fixture.request("/api/v1/kill-switch", OPERATOR_SECRET)
            .header("Content-Type", "application/json")
            .header("Origin", fixture.server.url())
            .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"engage\",\"reason\":\"from the page\"}"))
            .build());
        assertEquals(200, same.statusCode(), same.body());
        assertTrue(same.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "same origin needs no CORS");

        final HttpResponse<String> preflight = fixture.send(fixture.request("/api/v1/status", null)
            .header("Origin", ALLOWED_ORIGIN)
            .header("Access-Control-Request-Method", "GET")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(204, preflight.statusCode());
        assertEquals(ALLOWED_ORIGIN, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("Authorization, Content-Type",
            preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""));

        final HttpResponse<String> read = fixture.send(fixture.request("/api/v1/status", VIEWER_SECRET)
            .header("Origin", ALLOWED_ORIGIN).GET().build());
        assertEquals(200, read.statusCode());
        assertEquals(ALLOWED_ORIGIN, read.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(read.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(), "never credentials");
        assertEquals("Origin", read.headers().firstValue("Vary").orElse(""));
    }

    @Test
    void shouldRefuseAForgedHostAndLeaveTheStateAlone() throws Exception
    {
        start();
        final int port = fixture.server.port();
        for (final String host : List.of("evil.example:" + port, "127.0.0.1:1", "127.0.0.2:" + port, "", "evil"))
        {
            final String response = RawHttp.send(port, "POST /api/v1/kill-switch HTTP/1.1\r\nHost: " + host + "\r\n" +
                "Authorization: Bearer " + OPERATOR_SECRET + "\r\nContent-Type: application/json\r\n", ENGAGE);
            assertEquals(host.isEmpty() ? 400 : 403, RawHttp.status(response), host + ": " + response);
        }
        final String read = RawHttp.send(port, "GET /api/v1/status HTTP/1.1\r\nHost: rebound.example:" + port +
            "\r\nAuthorization: Bearer " + VIEWER_SECRET + "\r\n", "");
        assertEquals(403, RawHttp.status(read), read);
        assertTrue(read.contains("host not allowed"), read);
        final String page = RawHttp.send(port, "GET / HTTP/1.1\r\nHost: rebound.example:" + port + "\r\n", "");
        assertEquals(403, RawHttp.status(page), "not even the page is served under a foreign name");
        final String localhost = RawHttp.send(port, "GET /api/v1/status HTTP/1.1\r\nHost: localhost:" + port +
            "\r\nAuthorization: Bearer " + VIEWER_SECRET + "\r\n", "");
        assertEquals(200, RawHttp.status(localhost), "localhost names the loopback address");
        assertStillActiveAndNothingJournaled();
    }

    @Test
    void shouldSlowDownFailedAuthenticationsButNeverRefuseAValidToken() throws Exception
    {
        final long delayMs = 2_000;
        fixture = AdminFixture.start(dir, b -> b.authFailureLimit(3)
            .authFailureDelayNs(TimeUnit.MILLISECONDS.toNanos(delayMs)));
        for (int i = 0; i < 3; i++)
        {
            assertRefusal(401, fixture.get("/api/v1/status", "guess-" + i), "bad token");
        }

        final long startNs = System.nanoTime();
        assertRefusal(401, fixture.get("/api/v1/status", "guess-4"), "bad token");
        assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(delayMs), "past the limit, late");

        final CompletableFuture<HttpResponse<String>> waiting = fixture.http.sendAsync(
            fixture.request("/api/v1/status", "guess-5").GET().build(), HttpResponse.BodyHandlers.ofString());
        final AuthFailureThrottle throttle = fixture.server.access().throttle();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!throttle.isWaiting("127.0.0.1"))
        {
            assertTrue(System.nanoTime() < deadlineNs, "the fifth failure is held");
            AdminFixture.sleep(1);
        }
        final HttpResponse<String> limited = fixture.get("/api/v1/status", "guess-6");
        assertRefusal(429, limited, "too many failed authentications");
        assertEquals(Long.toString(delayMs / 1000), limited.headers().firstValue("Retry-After").orElse(""));
        assertEquals(200, fixture.get("/api/v1/status", VIEWER_SECRET).statusCode(), "a valid token passes");
        assertEquals(200, fixture.get("/health", null).statusCode(), "public routes stay up");
        final HttpResponse<String> engage = fixture.post("/api/v1/kill-switch", OPERATOR_SECRET, ENGAGE);
        assertEquals(200, engage.statusCode(), engage.body());
        assertEquals(TradingState.HALTED, fixture.engine.counters().get(EngineCounters.TRADING_STATE));
        assertRefusal(401, waiting.get(10, TimeUnit.SECONDS), "bad token");

        final Map<String, PrometheusText.Family> metrics = MetricsEndpointTest.scrape(fixture);
        assertEquals(6, MetricsEndpointTest.value(metrics, "easyquant_admin_auth_failures_total",
            Map.of("reason", "bad_token")));
        assertEquals(0, MetricsEndpointTest.value(metrics, "easyquant_admin_auth_failures_total",
            Map.of("reason", "no_token")));
        assertEquals(2, MetricsEndpointTest.value(metrics, "easyquant_admin_auth_failures_delayed_total", Map.of()));
        assertEquals(5, MetricsEndpointTest.value(metrics, "easyquant_admin_refusals_total",
            Map.of("reason", "unauthenticated")));
        assertEquals(1, MetricsEndpointTest.value(metrics, "easyquant_admin_refusals_total",
            Map.of("reason", "throttled")));
    }

    @Test
    void shouldRefuseMalformedStateChangesWith4xx() throws Exception
    {
        start();
        final Map<String, Integer> bodies = Map.of(
            "{\"action\":\"explode\",\"reason\":\"x\"}", 400,
            "{\"action\":\"engage\"}", 400,
            "{\"action\":\"engage\",\"reason\":\"   \"}", 400,
            "{\"action\":\"engage\",\"reason\":\"" + "x".repeat(81) + "\"}", 400,
            "{\"action\":\"engage\",\"reason\":\"caf\u00e9\"}", 400,
            "{\"action\":\"engage\",\"reason\":\"x\",\"force\":true}", 400,
            "not json", 400,
            "[1,2]", 400);
        for (final Map.Entry<String, Integer> entry : bodies.entrySet())
        {
            assertEquals(entry.getValue(), fixture.post("/api/v1/kill-switch", OPERATOR_SECRET, entry.getKey())
                .statusCode(), entry.getKey());
        }
        assertEquals(400, fixture.post("/api/v1/trading-state", OPERATOR_SECRET,
            "{\"state\":\"PANIC\",\"reason\":\"x\"}").statusCode());
        final HttpResponse<String> form = fixture.send(fixture.request("/api/v1/kill-switch", OPERATOR_SECRET)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("action=engage&reason=x")).build());
        assertRefusal(415, form, "expected a JSON body");
        final HttpResponse<String> large = fixture.post("/api/v1/kill-switch", OPERATOR_SECRET,
            "{\"action\":\"engage\",\"reason\":\"" + "x".repeat(20_000) + "\"}");
        assertEquals(413, large.statusCode());
        assertStillActiveAndNothingJournaled();
    }

    @Test
    void shouldTakeOnlyTheJsonMediaTypeAndNameTheProblemWithoutJavaNames() throws Exception
    {
        start();
        for (final String type : List.of("application/jsonp", "application/json-seq", "application/json+evil",
            "application/json; charset=latin1", "text/json", "application/jsonx; charset=utf-8"))
        {
            final HttpResponse<String> response = fixture.send(fixture.request("/api/v1/kill-switch", OPERATOR_SECRET)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(ENGAGE)).build());
            assertRefusal(415, response, "expected a JSON body (Content-Type: application/json)");
        }
        for (final String type : List.of("application/json; charset=utf-8", "Application/JSON", "application/json;" +
            "charset=\"UTF-8\""))
        {
            final HttpResponse<String> response = fixture.send(fixture.request("/api/v1/trading-state",
                OPERATOR_SECRET).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"PANIC\",\"reason\":\"x\"}")).build());
            assertRefusal(400, response, "state: expected ACTIVE, REDUCING or HALTED");
        }

        final Map<String, String> bodies = Map.of(
            "{\"action\":\"engage\",\"reason\":\"x\",\"force\":true}", "unknown field 'force'",
            "not json", "not valid JSON at line 1, column ",
            "[1,2]", "not a JSON object",
            "{\"action\":{\"a\":1},\"reason\":\"x\"}", "field 'action' has the wrong type (expected a string)",
            "{\"action\":\"engage\",", "not valid JSON");
        for (final Map.Entry<String, String> entry : bodies.entrySet())
        {
            final HttpResponse<String> response = fixture.post("/api/v1/kill-switch", OPERATOR_SECRET, entry.getKey());
            assertRefusal(400, response, "expected a JSON object with only the documented fields (action, reason): " +
                entry.getValue());
            final String error = Json.parse(response.body()).get("error").asText();
            assertFalse(error.matches("(?s).*(class |\\$|io\\.easyquant|com\\.fasterxml|Exception|Record|Request).*"),
                error);
        }
        assertStillActiveAndNothingJournaled();
    }

    @Test
    void shouldNeverSetACookie() throws Exception
    {
        start();
        for (final String path : List.of("/", "/health", "/ready", "/api/v1/status", "/metrics"))
        {
            assertTrue(fixture.get(path, VIEWER_SECRET).headers().firstValue("Set-Cookie").isEmpty(), path);
        }
        final HttpResponse<String> post = fixture.post("/api/v1/trading-state", OPERATOR_SECRET,
            "{\"state\":\"REDUCING\",\"reason\":\"x\"}");
        assertFalse(post.headers().firstValue("Set-Cookie").isPresent());
    }

    @Test
    void shouldAnswerEveryCallWith401WhenNoTokenIsConfigured() throws Exception
    {
        fixture = AdminFixture.start(dir, b -> b.tokens(List.of()));
        assertRefusal(401, fixture.get("/api/v1/status", VIEWER_SECRET), "no token is configured on this server");
        assertEquals(200, fixture.get("/health", null).statusCode());
    }
}
