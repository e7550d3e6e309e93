package io.easyquant.ops.cli;

import io.easyquant.adapters.feed.synthetic.SyntheticFeed;
import io.easyquant.adapters.sink.postgres.EmbeddedPostgresServer;
import io.easyquant.ops.SinkTables;
import io.easyquant.ops.TestConfigs;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.runtime.EngineRunner;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code sink --journal DIR --url URL}: backfills a database from a journal a paper run wrote, exactly once, also
 * when the sink process is killed mid-way and run again; unreachable databases and bad journals are reported.
 */
@Tag("slow")
class SinkCommandTest
{
    private static final Pattern RECORDS_WRITTEN = Pattern.compile("(?m)^records written +(\\d+)$");

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path serverDir;

    private static EmbeddedPostgresServer server;

    @TempDir
    Path dir;

    /** A new database per test, on one server for the class. */
    private String url;

    @BeforeAll
    static void startServer() throws Exception
    {
        server = EmbeddedPostgresServer.start(serverDir.resolve("pg"), 0, serverDir.resolve("pg.log"));
    }

    @AfterAll
    static void stopServer()
    {
        server.close();
    }

    @BeforeEach
    void createDatabase() throws Exception
    {
        final String name = "sink_command_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
            Statement statement = connection.createStatement())
        {
            statement.execute("CREATE DATABASE " + name);
        }
        url = "jdbc:postgresql://localhost:" + server.port() + "/" + name + "?user=" + EmbeddedPostgresServer.USER;
    }

    @Test
    void shouldWriteAJournalOnceAndNothingTheSecondTime() throws Exception
    {
        final Path journal = paperJournal(20_000);

        final InProcess.Result first = InProcess.execute("sink", "--journal", journal.toString(), "--url",
            url, "--quiet");

        assertEquals(0, first.exitCode(), first.out() + first.err());
        final long orders = SinkTables.assertEveryRecordOnce(journal, url);
        assertTrue(orders > 0, "orders: " + orders);
        assertTrue(first.out().contains("lag                0 entries, 0.0 s"), first.out());
        assertTrue(first.out().contains("journal            " + journal.toAbsolutePath().normalize()), first.out());

        final InProcess.Result second = InProcess.execute("sink", "--journal", journal.toString(), "--url",
            url, "--quiet");

        assertEquals(0, second.exitCode(), second.out() + second.err());
        assertTrue(second.out().contains("records written    0\n"), second.out());
        SinkTables.assertEveryRecordOnce(journal, url);
    }

    @Test
    void shouldWriteEveryRecordOnceWhenTheSinkIsKilledMidwayAndRunAgain() throws Exception
    {
        final Path journal = paperJournal(30_000);
        final long total = total(journal);

        final EasyQuantProcess sink = EasyQuantProcess.start("sink-kill", "sink", "--journal", journal.toString(),
            "--url", url, "--batch-size", "20", "--quiet");
        try
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (checkpointRecords() < total / 5)
            {
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    fail("the sink wrote nothing within 60 s\n" + sink.transcript());
                }
                Thread.sleep(20);
            }
        }
        finally
        {
            // SIGKILL: no shutdown hook, no final flush; the open transaction dies with the connection.
            sink.close();
        }
        final long written = checkpointRecords();
        assertTrue(written < total, "killed mid-way: " + written + " of " + total);

        final InProcess.Result rerun = InProcess.execute("sink", "--journal", journal.toString(), "--url",
            url, "--quiet");

        assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
        final java.util.regex.Matcher matcher = RECORDS_WRITTEN.matcher(rerun.out());
        assertTrue(matcher.find(), rerun.out());
        assertEquals(total - written, Long.parseLong(matcher.group(1)));
        SinkTables.assertEveryRecordOnce(journal, url);
    }

    @Test
    void shouldFollowAJournalUntilSigtermThenStopCleanly() throws Exception
    {
        final Path journal = paperJournal(5_000);
        final long total = total(journal);

        try (EasyQuantProcess sink = EasyQuantProcess.start("sink-follow", "sink", "--journal", journal.toString(),
            "--url", url, "--follow"))
        {
            sink.awaitOutput(Pattern.compile("writing journal .* from its start"), Duration.ofSeconds(30));
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (checkpointRecords() < total)
            {
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    fail("the sink did not write the journal within 30 s\n" + sink.transcript());
                }
                Thread.sleep(20);
            }

            final int exitCode = sink.terminate(Duration.ofSeconds(30));

            assertEquals(0, exitCode, sink.transcript());
            assertTrue(sink.stdout().contains("records written    " + total + "\n"), sink.transcript());
            assertNoStackTrace(sink.stdout() + sink.stderr());
        }
        SinkTables.assertEveryRecordOnce(journal, url);
    }

    @Test
    void shouldGiveUpOnADatabaseThatCannotBeReachedWithAClearMessage() throws Exception
    {
        final Path journal = paperJournal(2_000);
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }

        final InProcess.Result result = InProcess.execute("sink", "--journal", journal.toString(), "--url",
            "jdbc:postgresql://localhost:" + port + "/eq", "--retry-for", "1s", "--quiet");

        assertEquals(1, result.exitCode(), result.out() + result.err());
        assertTrue(result.err().contains("error: postgres sink: Connection to localhost:" + port + " refused. " +
            "Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections " +
            "(gave up after 1s)"), result.err());
        assertNoStackTrace(result.err());
    }

    @Test
    void shouldRefuseADirectoryWithoutAJournal()
    {
        final InProcess.Result result = InProcess.execute("sink", "--journal", dir.toString(), "--url",
            url);

        assertEquals(2, result.exitCode());
        assertEquals("error: " + dir + ": no journal here (expected a directory of .cq4 files)\n", result.err());
    }

    private long checkpointRecords()
    {
        try
        {
            return SinkTables.count(url, "SELECT records FROM easyquant.sink_checkpoint");
        }
        catch (final SQLException notYet)
        {
            return 0;
        }
    }

    private static long total(final Path journal) throws Exception
    {
        long total = 0;
        for (final long count : SinkTables.recordsByType(journal))
        {
            total += count;
        }
        return total;
    }

    /**
     * A journal of a paper session with the sink off: a synthetic feed of {@code events} quotes and trades.
     */
    private Path paperJournal(final int events) throws Exception
    {
        String yaml = TestConfigs.paper();
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: data");
        yaml = edit(yaml, "ringSize: 65536", "ringSize: 4096");
        yaml = edit(yaml, "ratePerSecond: 3000", "ratePerSecond: 50000\n    maxEvents: " + events);
        yaml = edit(yaml, "    enabled: true\n", "    enabled: false\n");
        final Configuration config = new ConfigLoader().load(TestConfigs.write(dir.resolve("paper.yaml"), yaml));
        final EngineRunner runner = new EngineRunner(config, new SystemEpochNanoClock());
        runner.start();
        final SyntheticFeed feed = (SyntheticFeed)runner.feeds().get(0);
        final long deadlineNs = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!feed.isDone() && System.nanoTime() - deadlineNs < 0)
        {
            Thread.sleep(10);
        }
        assertTrue(runner.stop());
        return config.dataDir().resolve("journal");
    }
}
