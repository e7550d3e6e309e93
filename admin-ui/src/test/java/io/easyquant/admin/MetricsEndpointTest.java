package io.easyquant.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.easyquant.engine.metrics.EngineCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.easyquant.admin.AdminFixture.VIEWER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /metrics is the Prometheus text format (checked rule by rule by {@link PrometheusText}) and says what the engine's
 * counters say.
 */
class MetricsEndpointTest
{
    @TempDir
    Path dir;

    @Test
    void shouldExposeTheEnginesNumbersInTheTextFormat() throws Exception
    {
        try (AdminFixture fixture = AdminFixture.start(dir))
        {
            fixture.trade();

            final HttpResponse<String> response = fixture.get("/metrics", VIEWER_SECRET);

            assertEquals(200, response.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElse(""));
            final Map<String, PrometheusText.Family> metrics = PrometheusText.parse(response.body());
            final EngineCounters counters = fixture.engine.counters();

            assertEquals("counter", metrics.get("easyquant_orders_sent_total").type());
            assertEquals(2.0, value(metrics, "easyquant_orders_sent_total", Map.of()));
            assertEquals(counters.get(EngineCounters.FILLS), (long)value(metrics, "easyquant_fills_total", Map.of()));
            assertEquals(0.0, value(metrics, "easyquant_venue_rejects_total", Map.of()));
            assertEquals(24.0 + 9, value(metrics, "easyquant_events_in_total", Map.of("type", "quote")),
                "the quotes the fixture published");
            assertEquals((double)counters.riskRejects(4),
                value(metrics, "easyquant_risk_rejections_total", Map.of("reason", "max_position")));
            assertTrue(value(metrics, "easyquant_risk_rejections_total", Map.of("reason", "max_position")) >= 1);

            assertEquals("gauge", metrics.get("easyquant_position").type());
            assertEquals(-0.01, value(metrics, "easyquant_position", Map.of("instrument", "BTC-USD")), 1e-12);
            assertEquals(1.0, value(metrics, "easyquant_trading_state", Map.of("state", "ACTIVE")));
            assertEquals(0.0, value(metrics, "easyquant_trading_state", Map.of("state", "HALTED")));
            assertEquals(1.0, value(metrics, "easyquant_working_orders", Map.of()));
            assertEquals(1024.0, value(metrics, "easyquant_ring_size", Map.of()));
            assertTrue(value(metrics, "easyquant_ring_remaining_capacity", Map.of()) > 1000);
            assertTrue(value(metrics, "easyquant_journal_size_bytes", Map.of()) > 0);
            assertTrue(metrics.containsKey("easyquant_pnl"));
            assertTrue(metrics.containsKey("easyquant_stage_lag_events"));
            assertTrue(metrics.containsKey("easyquant_stage_heartbeat_age_seconds"));

            assertEquals("histogram", metrics.get("easyquant_tick_to_trade_seconds").type());
            assertEquals(2.0, value(metrics, "easyquant_tick_to_trade_seconds_count", Map.of()));
            assertEquals(2.0, value(metrics, "easyquant_tick_to_trade_seconds_bucket", Map.of("le", "+Inf")));
            assertEquals(0.0, value(metrics, "easyquant_tick_to_trade_seconds_bucket", Map.of("le", "1.0E-7")),
                "nothing takes 100 ns from publish to the venue");
            assertEquals(2.0, value(metrics, "easyquant_tick_to_trade_seconds_bucket", Map.of("le", "10.0")));
            assertTrue(value(metrics, "easyquant_tick_to_trade_seconds_sum", Map.of()) > 0);
            assertEquals(26, metrics.get("easyquant_tick_to_trade_seconds").samples().stream()
                .filter(sample -> sample.name().endsWith("_bucket")).count(), "100 ns to 10 s, and +Inf");
            assertEquals("histogram", metrics.get("easyquant_stage_latency_seconds").type());
            assertTrue(value(metrics, "easyquant_stage_latency_seconds_count", Map.of("stage", "risk")) >= 1);
            assertTrue(metrics.get("easyquant_stage_latency_seconds").help().contains("sampled: one event in 64"));

            assertEquals(1.0, value(metrics, "easyquant_build_info", Map.of("version", "0.0-test", "java_version",
                Runtime.version().toString())));
            assertEquals(0.01 / 0.1, value(metrics, "easyquant_risk_limit_usage_ratio",
                Map.of("limit", "max_position", "instrument", "BTC-USD")), 1e-9);
            assertEquals(1.0 / 16, value(metrics, "easyquant_risk_limit_usage_ratio",
                Map.of("limit", "max_open_orders", "instrument", "")), 1e-9);
            assertEquals((double)counters.instrument(0, EngineCounters.INSTRUMENT_FILLS),
                value(metrics, "easyquant_instrument_fills_total", Map.of("instrument", "BTC-USD")));
            assertTrue(value(metrics, "easyquant_last_event_age_seconds", Map.of()) >= 0);
            for (final String jvm : List.of("jvm_memory_used_bytes", "jvm_threads_current", "jvm_gc_collection_seconds",
                "process_cpu_seconds_total", "jvm_runtime_info"))
            {
                assertTrue(metrics.containsKey(jvm), jvm + " in " + metrics.keySet());
            }
        }
    }

    /**
     * A sink whose numbers the test sets.
     */
    private static final class SettableSink implements SinkMetrics
    {
        volatile boolean up;
        volatile long lag = -1;
        volatile double lagSeconds;
        volatile long records;
        volatile long rows;
        volatile long failures;

        @Override
        public boolean up()
        {
            return up;
        }

        @Override
        public long lagRecords()
        {
            return lag;
        }

        @Override
        public double lagSeconds()
        {
            return lagSeconds;
        }

        @Override
        public long records()
        {
            return records;
        }

        @Override
        public long rows()
        {
            return rows;
        }

        @Override
        public long failures()
        {
            return failures;
        }
    }

    @Test
    void shouldExportTheSinksProgressOnMetricsAndStatusAsItChanges() throws Exception
    {
        final SettableSink sink = new SettableSink();
        try (AdminFixture fixture = AdminFixture.withSources(dir, s -> s.sink(sink)))
        {
            Map<String, PrometheusText.Family> metrics = scrape(fixture);
            assertEquals("gauge", metrics.get("easyquant_sink_up").type());
            assertEquals(0.0, value(metrics, "easyquant_sink_up", Map.of()));
            assertEquals(-1.0, value(metrics, "easyquant_sink_lag_records", Map.of()), "unknown before it connects");
            assertEquals(0.0, value(metrics, "easyquant_sink_rows_total", Map.of()));

            sink.up = true;
            sink.lag = 812;
            sink.lagSeconds = 4.25;
            sink.records = 1_000;
            sink.rows = 1_700;
            sink.failures = 3;
            metrics = scrape(fixture);
            assertEquals(1.0, value(metrics, "easyquant_sink_up", Map.of()));
            assertEquals(812.0, value(metrics, "easyquant_sink_lag_records", Map.of()));
            assertEquals("gauge", metrics.get("easyquant_sink_lag_seconds").type());
            assertEquals(4.25, value(metrics, "easyquant_sink_lag_seconds", Map.of()));
            assertEquals("counter", metrics.get("easyquant_sink_rows_total").type());
            assertEquals(1_000.0, value(metrics, "easyquant_sink_records_total", Map.of()));
            assertEquals(1_700.0, value(metrics, "easyquant_sink_rows_total", Map.of()));
            assertEquals(3.0, value(metrics, "easyquant_sink_failures_total", Map.of()));

            final HttpResponse<String> status = fixture.get("/api/v1/status", VIEWER_SECRET);
            final JsonNode statusSink = Json.parse(status.body()).get("sink");
            assertTrue(statusSink.get("up").asBoolean(), status.body());
            assertEquals(812, statusSink.get("lagRecords").asLong());
            assertEquals(4.25, statusSink.get("lagSeconds").asDouble());
            assertEquals(1_700, statusSink.get("rows").asLong());
            assertEquals(3, statusSink.get("failures").asLong());
        }
    }

    @Test
    void shouldExportNoSinkMetricsWithoutASink() throws Exception
    {
        try (AdminFixture fixture = AdminFixture.start(dir))
        {
            final Map<String, PrometheusText.Family> metrics = scrape(fixture);
            assertTrue(metrics.keySet().stream().noneMatch(name -> name.startsWith("easyquant_sink_")),
                metrics.keySet().toString());
            final HttpResponse<String> status = fixture.get("/api/v1/status", VIEWER_SECRET);
            assertTrue(Json.parse(status.body()).get("sink").isNull(), status.body());
        }
    }

    static Map<String, PrometheusText.Family> scrape(final AdminFixture fixture) throws Exception
    {
        final HttpResponse<String> response = fixture.get("/metrics", VIEWER_SECRET);
        assertEquals(200, response.statusCode());
        return PrometheusText.parse(response.body());
    }

    static double value(final Map<String, PrometheusText.Family> metrics, final String sample,
        final Map<String, String> labels)
    {
        for (final PrometheusText.Family family : metrics.values())
        {
            for (final PrometheusText.Sample s : family.samples())
            {
                if (s.name().equals(sample) && s.labels().equals(labels))
                {
                    return s.value();
                }
            }
        }
        throw new AssertionError("no sample " + sample + labels);
    }
}
