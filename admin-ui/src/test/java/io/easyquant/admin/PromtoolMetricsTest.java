package io.easyquant.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.easyquant.admin.AdminFixture.VIEWER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code /metrics} after trading passes Prometheus's own linter, {@code promtool check metrics} (Debian's
 * {@code prometheus} package; ops/test.sh installs it when missing).
 */
class PromtoolMetricsTest
{
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @TempDir
    Path dir;

    @Test
    void shouldPassPromtoolCheckMetrics() throws Exception
    {
        if (!Files.isExecutable(PROMTOOL))
        {
            fail("this test needs " + PROMTOOL + ": apt-get install -y --no-install-recommends prometheus " +
                "(ops/test.sh installs it when missing)");
        }
        final String scrape;
        try (AdminFixture fixture = AdminFixture.start(dir))
        {
            fixture.trade();
            final HttpResponse<String> response = fixture.get("/metrics", VIEWER_SECRET);
            assertEquals(200, response.statusCode());
            scrape = response.body();
        }
        final Path file = Files.writeString(dir.resolve("metrics.txt"), scrape);
        final Process process = new ProcessBuilder(List.of(PROMTOOL.toString(), "check", "metrics"))
            .redirectInput(file.toFile()).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        assertEquals(0, process.exitValue(), "promtool check metrics:\n" + output);
        assertTrue(scrape.contains("easyquant_tick_to_trade_seconds_bucket{le=\"1.0E-7\"}") ||
            scrape.contains("easyquant_tick_to_trade_seconds_bucket{le=\"1e-07\"}"), "the histogram is there");
    }
}
