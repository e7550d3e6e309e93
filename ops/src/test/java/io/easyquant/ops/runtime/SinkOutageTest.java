package io.easyquant.ops.runtime;

import io.easyquant.adapters.sink.postgres.EmbeddedPostgresServer;
import io.easyquant.adapters.sink.postgres.SinkStatus;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.ops.SinkTables;
import io.easyquant.ops.TestConfigs;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A paper session whose PostgreSQL goes away and comes back: the engine trades on throughout, the sink shows its lag
 * and catches up, and the database ends with every journaled record exactly once and the engine's positions.
 */
@Tag("slow")
class SinkOutageTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration OUTAGE = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void shouldKeepTradingThroughADatabaseOutageAndWriteEveryRecordOnceAfterIt() throws Exception
    {
        final Path pgData = dir.resolve("pg");
        final Path pgLog = dir.resolve("pg.log");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(pgData, 0, pgLog);
        final int port = server.port();
        final String url = server.jdbcUrl();
        final Configuration config = new ConfigLoader().load(config(url));
        final EngineRunner runner = new EngineRunner(config, new SystemEpochNanoClock());
        final EngineCounters counters = runner.engine().counters();
        try
        {
            runner.start();
            final SinkStatus status = runner.sink().status();
            await("the sink writes", () -> status.rows() > 0);

            server.close();
            final long outageStartNs = System.nanoTime();
            final long ordersBefore = counters.get(EngineCounters.ORDERS_SENT);
            await("the sink notices the outage", () -> status.state() == SinkStatus.State.RETRYING);
            await("an outage of " + OUTAGE.toSeconds() + " s", () -> System.nanoTime() - outageStartNs >=
                OUTAGE.toNanos());
            final long ordersDuringOutage = counters.get(EngineCounters.ORDERS_SENT) - ordersBefore;
            final long lagRecords = status.lagRecords();
            final double lagSeconds = status.lagSeconds();
            assertTrue(runner.sinkStatusLine().startsWith("RETRYING lag=" + lagRecords / 1000),
                runner.sinkStatusLine());

            server = EmbeddedPostgresServer.start(pgData, port, pgLog);
            await("the sink catches up", () -> status.connected() && status.lagSeconds() < 1.0);

            assertTrue(ordersDuringOutage > 0, "orders during the outage: " + ordersDuringOutage);
            assertTrue(lagRecords > 1_000, "lag during the outage: " + lagRecords);
            assertTrue(lagSeconds >= 1.0, "lag during the outage: " + lagSeconds + " s");
        }
        finally
        {
            runner.stop();
        }
        try
        {
            assertEquals(0, runner.sink().status().lagRecords(), runner.sinkStatusLine());
            assertEquals(0, counters.get(EngineCounters.PUBLISH_REFUSALS), "the engine never waited for the sink");
            assertEquals(0, counters.get(EngineCounters.STAGE_ERRORS));
            final long orders = SinkTables.assertEveryRecordOnce(config.dataDir().resolve("journal"), url);
            assertEquals(counters.get(EngineCounters.ORDERS_SENT), orders);
            assertPositionsAsTheEngine(url, config, counters);
        }
        finally
        {
            server.close();
        }
    }

    private static void assertPositionsAsTheEngine(
        final String url, final Configuration config, final EngineCounters counters) throws Exception
    {
        try (Connection connection = DriverManager.getConnection(url);
            Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT DISTINCT ON (instrument_id) instrument_id, position_lots, " +
                "realized_cash, fees_cash, fills FROM easyquant.position_snapshots ORDER BY instrument_id, " +
                "journal_index DESC"))
        {
            int instruments = 0;
            while (rs.next())
            {
                final int index = config.instruments().indexOf(rs.getInt(1));
                final String symbol = config.instruments().at(index).symbol();
                assertEquals(counters.instrument(index, EngineCounters.POSITION_LOTS), rs.getLong(2), symbol);
                assertEquals(counters.instrument(index, EngineCounters.REALIZED_CASH), rs.getLong(3), symbol);
                assertEquals(counters.instrument(index, EngineCounters.FEES_CASH), rs.getLong(4), symbol);
                assertEquals(counters.instrument(index, EngineCounters.INSTRUMENT_FILLS), rs.getLong(5), symbol);
                instruments++;
            }
            assertEquals(config.instruments().count(), instruments);
        }
    }

    private Path config(final String url)
    {
        String yaml = TestConfigs.paper();
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: data");
        yaml = edit(yaml, "ringSize: 65536", "ringSize: 4096");
        yaml = edit(yaml, "ratePerSecond: 3000", "ratePerSecond: 20000");
        yaml = edit(yaml, "    # url: jdbc:postgresql://localhost:5432/easyquant\n", "    url: " + url + "\n" +
            "    maxRetryDelayMs: 200\n");
        yaml = edit(yaml, "maxBatchDelayMs: 200", "maxBatchDelayMs: 50");
        return TestConfigs.write(dir.resolve("outage.yaml"), yaml);
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
            Thread.sleep(20);
        }
    }
}
