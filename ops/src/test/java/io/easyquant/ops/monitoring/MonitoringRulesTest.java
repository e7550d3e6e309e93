package io.easyquant.ops.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.easyquant.ops.MonitoringFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped alert rules pass {@code promtool check rules} and their unit tests ({@code promtool test rules}: the
 * kill-switch, stale market data and low disk alerts fire when they should and not before); every query of the
 * Grafana dashboard is valid PromQL (checked by promtool as recording rules). That the metrics they name exist is
 * checked against a running daemon's scrape in {@code AdminDaemonTest}.
 */
class MonitoringRulesTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPassPromtoolCheckAndTestRules() throws Exception
    {
        final String check = MonitoringFiles.promtool(MonitoringFiles.DIRECTORY, "check", "rules",
            MonitoringFiles.RULES.getFileName().toString());
        assertTrue(check.contains("SUCCESS: 12 rules found"), check);
        final String tests = MonitoringFiles.promtool(MonitoringFiles.DIRECTORY, "test", "rules",
            MonitoringFiles.RULE_TESTS.getFileName().toString());
        assertTrue(tests.contains("SUCCESS"), tests);
    }

    @Test
    void shouldQueryOnlyValidPromQlFromTheDashboard() throws Exception
    {
        final JsonNode dashboard = new ObjectMapper().readTree(MonitoringFiles.DASHBOARD.toFile());
        assertEquals("easyquant", dashboard.get("uid").asText());
        final StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int queries = 0;
        for (final JsonNode panel : dashboard.get("panels"))
        {
            assertFalse(panel.get("targets").isEmpty(), panel.get("title").asText());
            for (final JsonNode target : panel.get("targets"))
            {
                final String expr = target.get("expr").asText().replace("$__rate_interval", "1m")
                    .replace("$instance", ".*");
                rules.append("      - record: dashboard:query_").append(queries++).append("\n        expr: '")
                    .append(expr.replace("'", "''")).append("'\n");
            }
        }
        assertTrue(queries >= 15, "queries: " + queries);
        Files.writeString(dir.resolve("dashboard-queries.yml"), rules);
        final String check = MonitoringFiles.promtool(dir, "check", "rules", "dashboard-queries.yml");
        assertTrue(check.contains("SUCCESS: " + queries + " rules found"), check);
    }
}
