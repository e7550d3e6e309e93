package io.easyquant.ops.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.easyquant.adapters.sink.postgres.EmbeddedPostgresServer;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.ops.SinkTables;
import io.easyquant.ops.TestConfigs;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.runtime.EngineRunner;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@code run} session with the Postgres sink and the admin server, after an earlier session wrote to the same
 * database: {@code /api/v1/events} answers history older than its own journal from PostgreSQL, every earlier order
 * exactly once across pages, says so when PostgreSQL goes away (without an error status or a hang), and
 * {@code /metrics} shows the sink's progress and its outage.
 */
@Tag("slow")
class SinkHistoryTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SECRET = "viewer-secret-0001";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldAnswerOldEventsFromPostgresAndShowTheSinkOnMetrics() throws Exception
    {
        final EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pg"), 0, dir.resolve("pg.log"));
        try
        {
            final Configuration earlierConfig = config("earlier", server.jdbcUrl());
            final EngineRunner earlier = new EngineRunner(earlierConfig, new SystemEpochNanoClock());
            earlier.start();
            try
            {
                await("orders in the earlier session",
                    () -> earlier.engine().counters().get(EngineCounters.ORDERS_SENT) >= 5);
            }
            finally
            {
                earlier.stop();
            }
            assertEquals(0, earlier.sink().status().lagRecords(), earlier.sinkStatusLine());
            final long earlierOrders =
                SinkTables.recordsByType(earlierConfig.dataDir().resolve("journal"))[RecordType.ORDER.code()];
            final String earlierJournal =
                earlierConfig.dataDir().resolve("journal").toAbsolutePath().normalize().toString();
            final Instant between = Instant.now();

            final EngineRunner runner = new EngineRunner(config("now", server.jdbcUrl()), new SystemEpochNanoClock());
            runner.start();
            try
            {
                final String base = runner.admin().url();
                await("the sink writes", () -> runner.sink().status().connected() && runner.sink().status().rows() > 0);
                final double rows = metric(base, "easyquant_sink_rows_total");
                assertEquals(1.0, metric(base, "easyquant_sink_up"));
                assertTrue(metric(base, "easyquant_sink_lag_records") >= 0);
                assertTrue(metric(base, "easyquant_sink_lag_seconds") >= 0);
                await("more rows on /metrics", () -> metric(base, "easyquant_sink_rows_total") > rows);
                final JsonNode status = get(base, "/api/v1/status").get("sink");
                assertTrue(status.get("up").asBoolean(), status.toString());
                assertTrue(status.get("rows").asLong() > 0, status.toString());
                assertTrue(status.get("lagRecords").asLong() >= 0, status.toString());

                final JsonNode first = get(base, "/api/v1/events?type=order&before=" + between.toEpochMilli() +
                    "&limit=3");
                assertEquals("ok", first.get("history").asText(), first.toString());
                assertEquals(Math.min(3, earlierOrders), first.get("events").size());

                final Set<String> seen = new HashSet<>();
                String cursor = "pg:" + (between.toEpochMilli() * 1_000_000L);
                while (cursor != null)
                {
                    final JsonNode page = get(base, "/api/v1/events?type=order&limit=4&cursor=" +
                        URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                    assertEquals("ok", page.get("history").asText());
                    for (final JsonNode event : page.get("events"))
                    {
                        assertEquals("postgres", event.get("origin").asText());
                        assertEquals(earlierJournal, event.get("journal").asText());
                        assertEquals("order_sent", event.get("type").asText());
                        assertTrue(Instant.parse(event.get("time").asText()).isBefore(between));
                        assertTrue(seen.add(event.get("index").asText()), "no order twice");
                    }
                    cursor = page.get("nextCursor").textValue();
                }
                assertEquals(earlierOrders, seen.size(), "every order of the earlier session");

                final JsonNode own = get(base, "/api/v1/events?limit=5");
                assertEquals("not consulted", own.get("history").asText());
                assertEquals("journal", own.get("events").get(0).get("origin").asText());

                server.close();
                final long startNs = System.nanoTime();
                final JsonNode down = get(base, "/api/v1/events?source=postgres&limit=5");
                final long tookMs = (System.nanoTime() - startNs) / 1_000_000L;
                assertTrue(down.get("history").asText().startsWith("unavailable: "), down.toString());
                assertEquals(0, down.get("events").size());
                assertTrue(tookMs < 3_000, "answered in " + tookMs + " ms");
                await("the sink is down on /metrics", () -> metric(base, "easyquant_sink_up") == 0.0 &&
                    metric(base, "easyquant_sink_failures_total") > 0);
                assertTrue(!get(base, "/api/v1/status").get("sink").get("up").asBoolean(), "down in status too");
                assertTrue(runner.engine().counters().get(EngineCounters.ORDERS_SENT) > 0);
            }
            finally
            {
                runner.stop();
            }
        }
        finally
        {
            server.close();
        }
    }

    private Configuration config(final String name, final String url) throws Exception
    {
        String yaml = TestConfigs.paper();
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: " + name);
        yaml = edit(yaml, "ringSize: 65536", "ringSize: 4096");
        yaml = edit(yaml, "ratePerSecond: 3000", "ratePerSecond: 20000");
        yaml = edit(yaml, "    # url: jdbc:postgresql://localhost:5432/easyquant\n", "    url: " + url + "\n" +
            "    maxRetryDelayMs: 200\n    stopTimeoutMs: 10000\n");
        yaml = edit(yaml, "maxBatchDelayMs: 200", "maxBatchDelayMs: 50");
        yaml = edit(yaml, "  port: 8080", "  port: 0");
        return new ConfigLoader(Map.of("EASYQUANT_ADMIN_TOKENS", "vera:viewer:" + SECRET))
            .load(TestConfigs.write(dir.resolve(name + ".yaml"), yaml));
    }

    private JsonNode get(final String base, final String path) throws Exception
    {
        final HttpResponse<String> response = http.send(request(base, path), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private double metric(final String base, final String name)
    {
        try
        {
            final HttpResponse<String> response = http.send(request(base, "/metrics"),
                HttpResponse.BodyHandlers.ofString());
            final Matcher value = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(response.body());
            if (!value.find())
            {
                fail(name + " is not on /metrics:\n" + response.body());
            }
            return Double.parseDouble(value.group(1));
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private static HttpRequest request(final String base, final String path)
    {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + SECRET).GET().build();
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
