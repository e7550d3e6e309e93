package io.easyquant.ops.cli;

import io.easyquant.ops.TestConfigs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static io.easyquant.ops.Outputs.summaryCounter;
import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run} over a CSV quotes file with some malformed lines, in its own JVM: the bad lines are reported with
 * their line numbers and counted by reason, the good ones reach the engine, the run ends normally.
 */
@Tag("slow")
class CsvRunTest
{
    private static final int VALID_LINES = 20;

    @TempDir
    Path dir;

    @Test
    void shouldReportMalformedLinesAndProcessTheRest() throws Exception
    {
        final List<String> lines = new ArrayList<>();
        lines.add("timestamp,symbol,bid,bid_size,ask,ask_size");
        for (int i = 0; i < VALID_LINES; i++)
        {
            final String symbol = i % 2 == 0 ? "BTC-USD" : "ETH-USD";
            final String bid = i % 2 == 0 ? "60000." + (10 + i) : "3000." + (10 + i);
            final String ask = i % 2 == 0 ? "60000." + (60 + i) : "3000." + (60 + i);
            lines.add((1_700_000_000_000L + 100L * i) + "," + symbol + "," + bid + ",0.5," + ask + ",0.5");
        }
        lines.add(3, "1700000000250,BTC-USD,6O000.00,0.5,60000.50,0.5");      // line 4: a letter O in the bid
        lines.add(8, "1700000000750,XRP-USD,0.50,100,0.51,100");              // line 9: not a configured symbol
        lines.add(14, "1700000001350,BTC-USD,60010.00,0.5,60000.00,0.5");     // line 15: bid above ask
        TestConfigs.write(dir.resolve("quotes.csv"), String.join("\n", lines) + "\n");

        String yaml = TestConfigs.withFeeds(TestConfigs.paper(), "feeds:\n  - type: csv\n    path: quotes.csv\n");
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: data");
        yaml = edit(yaml, "statusIntervalSeconds: 5", "statusIntervalSeconds: 1");
        yaml = edit(yaml, "port: 8080", "port: 0");
        final Path config = TestConfigs.write(dir.resolve("csv.yaml"), yaml);

        try (EasyQuantProcess run = EasyQuantProcess.start("run-csv", "run", "--config", config.toString(),
            "--duration", "3s"))
        {
            final int exitCode = run.awaitExit(Duration.ofSeconds(30));

            final String out = run.stdout();
            final Path csv = dir.resolve("quotes.csv");
            assertEquals(0, exitCode, run.transcript());
            assertTrue(out.contains(csv + ": rejected (bad_number): line 4, column bid: '6O000.00' is not a decimal " +
                "number"), out);
            assertTrue(out.contains(csv + ": rejected (unknown_symbol): line 9, column symbol: 'XRP-USD' is not a " +
                "configured instrument"), out);
            assertTrue(out.contains(csv + ": rejected (crossed_quote): line 15, columns bid,ask: crossed quote"), out);
            assertTrue(out.contains("  feeds[0] csv quotes: lines 23, published 20, rejected 3 (unknown_symbol 1, " +
                "bad_number 1, crossed_quote 1), blank 0, publish_refusals 0\n"), out);
            assertTrue(summaryCounter(out, "events_in") >= VALID_LINES, out);
            assertEquals(0, summaryCounter(out, "ingest_rejects"), out);
            assertEquals(0, summaryCounter(out, "stage_errors"), out);
            assertNoStackTrace(out + run.stderr());
        }
    }
}
