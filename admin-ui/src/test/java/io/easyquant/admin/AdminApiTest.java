package io.easyquant.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.easyquant.engine.metrics.EngineCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.easyquant.admin.AdminFixture.VIEWER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every read endpoint against a real engine that has traded (see {@link AdminFixture#trade()}): a filled BTC-USD
 * order, a resting one, and ETH-USD intents rejected by risk.
 */
class AdminApiTest
{
    @TempDir
    Path dir;

    private AdminFixture fixture;

    @BeforeEach
    void start() throws Exception
    {
        fixture = AdminFixture.start(dir);
        fixture.trade();
    }

    @AfterEach
    void stop()
    {
        fixture.close();
    }

    private JsonNode read(final String path) throws Exception
    {
        final HttpResponse<String> response = fixture.get(path, VIEWER_SECRET);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        return Json.parse(response.body());
    }

    @Test
    void shouldAnswerHealthWithoutAToken() throws Exception
    {
        final HttpResponse<String> response = fixture.get("/health", null);

        assertEquals(200, response.statusCode());
        assertEquals("up", Json.parse(response.body()).get("status").asText());
    }

    @Test
    void shouldBeReadyWhileThePipelineRunsAndTheAgentsBeat() throws Exception
    {
        final HttpResponse<String> response = fixture.get("/ready", null);

        assertEquals(200, response.statusCode(), response.body());
        final JsonNode ready = Json.parse(response.body());
        assertTrue(ready.get("ready").asBoolean());
        final List<String> names = new ArrayList<>();
        ready.get("checks").forEach(check -> names.add(check.get("name").asText()));
        assertEquals(List.of("pipeline", "journal-appends", "timer"), names);
    }

    @Test
    void shouldReportStatusWithStateCountsInstrumentsPnlAndTheCaller() throws Exception
    {
        final JsonNode status = read("/api/v1/status");

        assertEquals("test-engine", status.get("name").asText());
        assertEquals("ACTIVE", status.get("tradingState").asText());
        assertTrue(status.get("running").asBoolean());
        assertFalse(status.get("startedAt").isNull());
        assertEquals("vera", status.get("you").get("name").asText());
        assertEquals("viewer", status.get("you").get("role").asText());
        final EngineCounters counters = fixture.engine.counters();
        assertEquals(2, status.get("counts").get("orders_sent").asLong());
        assertEquals(counters.get(EngineCounters.FILLS), status.get("counts").get("fills").asLong());
        assertEquals(1, status.get("counts").get("working_orders").asLong());
        assertTrue(status.get("counts").get("risk_rejects").asLong() >= 1);
        assertEquals(2, status.get("instruments").size());
        assertEquals("BTC-USD", status.get("instruments").get(0).get("symbol").asText());
        assertEquals("-0.0100", status.get("instruments").get(0).get("position").asText());
        assertEquals("USD", status.get("pnl").get(0).get("currency").asText());
        assertEquals(1024, status.get("ring").get("size").asInt());
    }

    @Test
    void shouldReportPositionsWithAveragePriceAndPnl() throws Exception
    {
        final JsonNode positions = read("/api/v1/positions").get("positions");

        assertEquals(2, positions.size());
        final JsonNode btc = positions.get(0);
        assertEquals("BTC-USD", btc.get("symbol").asText());
        assertEquals("-0.0100", btc.get("position").asText());
        assertEquals(1, btc.get("fills").asLong());
        assertFalse(btc.get("averagePrice").isNull());
        assertTrue(positions.get(1).get("averagePrice").isNull(), "no position, no average price");
    }

    @Test
    void shouldListOpenOrdersAndRecentCompletedOnes() throws Exception
    {
        final JsonNode orders = read("/api/v1/orders");

        assertEquals(16, orders.get("workingCapacity").asInt());
        assertEquals(1, orders.get("open").size());
        final JsonNode open = orders.get("open").get(0);
        assertEquals(2, open.get("clOrdId").asLong());
        assertEquals("BTC-USD", open.get("symbol").asText());
        assertEquals("BUY", open.get("side").asText());
        assertEquals("ACKED", open.get("state").asText());
        assertEquals("0.0200", open.get("leaves").asText());
        assertEquals(1, orders.get("recent").size());
        assertEquals("FILLED", orders.get("recent").get(0).get("state").asText());
        assertEquals("0.0100", orders.get("recent").get(0).get("filled").asText());
    }

    @Test
    void shouldReportRiskLimitsUsageAndRecentRejections() throws Exception
    {
        final JsonNode risk = read("/api/v1/risk");

        assertEquals("ACTIVE", risk.get("tradingState").asText());
        assertEquals("0.1000", risk.get("limits").get(0).get("maxPosition").asText());
        assertEquals(10.0, risk.get("limits").get(0).get("positionUsedPercent").asDouble());
        assertEquals(1, risk.get("workingOrders").asInt());
        assertEquals(16, risk.get("maxWorkingOrders").asInt());
        final long maxPosition = risk.get("rejectionsByReason").get("max_position").asLong();
        assertTrue(maxPosition >= 1);
        final JsonNode rejection = risk.get("recentRejections").get(0);
        assertEquals("ETH-USD", rejection.get("symbol").asText());
        assertEquals("max_position", rejection.get("reason").asText());
        assertEquals("1.000", rejection.get("observed").asText());
        assertEquals("0.000", rejection.get("limit").asText());
        assertEquals(maxPosition, risk.get("recentRejections").size());
    }

    @Test
    void shouldReportLatencyPercentilesPerStageAndTickToTrade() throws Exception
    {
        final JsonNode latency = read("/api/v1/latency");

        assertEquals("us", latency.get("unit").asText());
        assertEquals(64, latency.get("sampleEvery").asInt());
        final List<String> names = new ArrayList<>();
        latency.get("series").forEach(series -> names.add(series.get("name").asText()));
        assertEquals(List.of("ring", "ingest", "features", "signal", "risk", "execution", "tick_to_trade"), names);
        final JsonNode tickToTrade = latency.get("series").get(6);
        assertEquals(2, tickToTrade.get("total").get("count").asLong(), "both orders were caused by quotes");
        assertTrue(tickToTrade.get("total").get("p99").asDouble() > 0);
        assertTrue(tickToTrade.get("window").get("max").asDouble() >= tickToTrade.get("window").get("p50").asDouble());
        assertTrue(latency.get("series").get(1).get("total").get("count").asLong() >= 1, "event 0 is sampled");
    }

    @Test
    void shouldListStagesAndAgentsWithThreadStateHeartbeatCountAndLag() throws Exception
    {
        final JsonNode processes = read("/api/v1/processes").get("processes");

        assertEquals(6, processes.size());
        for (int i = 0; i < 5; i++)
        {
            final JsonNode stage = processes.get(i);
            assertEquals("stage", stage.get("kind").asText());
            assertEquals("eq-pipeline-0", stage.get("thread").asText(), "single-thread layout");
            assertEquals("running", stage.get("state").asText());
            assertTrue(stage.get("processed").asLong() > 30);
            assertTrue(stage.get("heartbeatAgeMs").asLong() < 5_000);
            assertTrue(stage.get("lag").asLong() >= 0);
        }
        final JsonNode timer = processes.get(5);
        assertEquals("timer", timer.get("name").asText());
        assertEquals("agent", timer.get("kind").asText());
        assertEquals("running", timer.get("state").asText());
        assertTrue(timer.get("processed").asLong() > 0);
        assertTrue(timer.get("lag").isNull());
    }

    @Test
    void shouldPageJournalEventsNewestFirstWithCursor() throws Exception
    {
        final JsonNode first = read("/api/v1/events?limit=5");
        assertEquals(5, first.get("events").size());
        final long newest = first.get("events").get(0).get("sequence").asLong();
        long previous = Long.MAX_VALUE;
        for (final JsonNode event : first.get("events"))
        {
            assertTrue(event.get("sequence").asLong() <= previous, "newest first");
            previous = event.get("sequence").asLong();
            assertTrue(event.get("line").asText().startsWith("#" + event.get("sequence").asLong() + " "));
        }
        assertTrue(newest >= 33 + 3, "every quote and report is in the journal");

        final String cursor = first.get("nextCursor").asText();
        final JsonNode second = read("/api/v1/events?limit=5&cursor=" + cursor);
        assertEquals(5, second.get("events").size());
        final long lastOfFirst = Long.decode(first.get("events").get(4).get("index").asText());
        final long firstOfSecond = Long.decode(second.get("events").get(0).get("index").asText());
        assertEquals(cursor, second.get("events").get(0).get("index").asText(), "the cursor is the next to read");
        assertTrue(firstOfSecond < lastOfFirst, "the next page continues where the first ended");
        assertEquals(lastOfFirst - 1, firstOfSecond, "no record skipped (indices within a cycle are consecutive)");
    }

    @Test
    void shouldFilterEventsByTypeStageAndTime() throws Exception
    {
        final JsonNode orders = read("/api/v1/events?type=order&limit=100");
        assertEquals(2, orders.get("events").size());
        assertEquals("ORDER", orders.get("events").get(0).get("type").asText());
        assertEquals("execution", orders.get("events").get(0).get("stage").asText());
        assertNull(orders.get("nextCursor").textValue(), "the whole journal was read");

        final JsonNode risk = read("/api/v1/events?stage=risk&limit=100");
        risk.get("events").forEach(event -> assertEquals("risk", event.get("stage").asText()));
        assertTrue(risk.get("events").size() >= 6, "three intents and their decisions");

        final JsonNode several = read("/api/v1/events?type=ORDER,risk_decision&limit=100");
        several.get("events").forEach(event ->
            assertTrue(Map.of("ORDER", 1, "RISK_DECISION", 1).containsKey(event.get("type").asText())));

        final JsonNode future = read("/api/v1/events?since=2999-01-01T00:00:00Z");
        assertEquals(0, future.get("events").size());
        assertNull(future.get("nextCursor").textValue());
        final JsonNode sinceEpochMs = read("/api/v1/events?since=0&limit=1");
        assertEquals(1, sinceEpochMs.get("events").size());
    }

    @Test
    void shouldRefuseBadEventQueriesSayingWhatWasExpected() throws Exception
    {
        final Map<String, String> bad = Map.of(
            "/api/v1/events?type=bogus", "type: unknown record type 'bogus'",
            "/api/v1/events?stage=features", "stage: expected one of ingest, signal, risk, execution",
            "/api/v1/events?since=yesterday", "since: expected an ISO-8601 instant",
            "/api/v1/events?limit=0", "limit: expected an integer from 1 to 500",
            "/api/v1/events?limit=501", "limit: expected an integer from 1 to 500",
            "/api/v1/events?cursor=zz", "cursor: expected a journal index");
        fixture.assertBadRequests(bad);
    }

    @Test
    void shouldServeTheAdminPageWithoutAToken() throws Exception
    {
        final HttpResponse<String> page = fixture.get("/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<script src=\"app.js\""), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertEquals(200, fixture.get("/app.js", null).statusCode());
        assertEquals(200, fixture.get("/app.css", null).statusCode());
    }
}
