package io.easyquant.ops.cli;

import io.easyquant.adapters.exchange.FakeExchange;
import io.easyquant.ops.TestConfigs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static io.easyquant.ops.Outputs.summaryCounter;
import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shadow trading: {@code run} of the shipped {@code config/binance-local.yaml} and {@code config/coinbase-local.yaml}
 * (live feed, paper venue) against the fake exchange on a free loopback port, in its own JVM: it trades (fills > 0),
 * its books went LIVE, and {@code replay --verify} of its journal is identical.
 */
@Tag("slow")
class ShadowRunTest
{
    @TempDir
    Path dir;

    @Test
    void binanceShadowRunShouldTradeAndReplayIdentically() throws Exception
    {
        shadowRun(FakeExchange.Venue.BINANCE, "binance-local.yaml", "127.0.0.1:9555");
    }

    @Test
    void coinbaseShadowRunShouldTradeAndReplayIdentically() throws Exception
    {
        shadowRun(FakeExchange.Venue.COINBASE, "coinbase-local.yaml", "127.0.0.1:9556");
    }

    private void shadowRun(final FakeExchange.Venue venue, final String configName, final String address)
        throws Exception
    {
        try (FakeExchange exchange = FakeExchange.simulated(venue, 0).start())
        {
            String yaml = Files.readString(Path.of("../config/" + configName));
            yaml = yaml.replace(address, "127.0.0.1:" + exchange.port());
            yaml = edit(yaml, "dataDir: ../data/" + configName.replace(".yaml", ""), "dataDir: data");
            yaml = edit(yaml, "statusIntervalSeconds: 5", "statusIntervalSeconds: 1");
            yaml = edit(yaml, "port: 8081", "port: 0");
            yaml = edit(yaml, "    enabled: true\n    # url", "    enabled: false\n    # url");
            final Path config = TestConfigs.write(dir.resolve(configName), yaml);

            try (EasyQuantProcess run = EasyQuantProcess.start("run-" + venue.name().toLowerCase(), "run", "--config",
                config.toString(), "--duration", "12s"))
            {
                assertEquals(0, run.awaitExit(Duration.ofSeconds(90)), run.transcript());
                final String out = run.stdout();
                assertTrue(summaryCounter(out, "fills") > 0, out);
                assertEquals(0, summaryCounter(out, "ingest_rejects"), out);
                assertTrue(out.contains("book SYNCING -> LIVE (snapshot_applied)"), out);
                assertTrue(out.contains("-feed: connects 1, disconnects 0, resyncs 0, gaps 0, malformed_frames 0"),
                    out);
                assertNoStackTrace(out + run.stderr());
            }
        }
        final InProcess.Result replay = InProcess.execute("replay", "--journal", dir.resolve("data/journal").toString(),
            "--verify");
        assertEquals(0, replay.exitCode(), replay.out() + replay.err());
        assertTrue(replay.out().contains("identical"), replay.out());
    }
}
