package io.easyquant.adapters.sink.postgres;

import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalHeader;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.easyquant.adapters.sink.postgres.TestPostgres.count;
import static io.easyquant.adapters.sink.postgres.TestPostgres.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The sink against a real PostgreSQL (embedded): every journaled record lands in its table exactly once, also when
 * transactions fail, connections die mid-batch and sinks are killed and restarted; wrong journals and bad
 * credentials are refused with clear messages.
 */
@Tag("slow")
class PostgresSinkTest
{
    private static final int BATCH = 40;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryRecordOnceIntoItsTable() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.cycles(60);
            final PostgresSink sink = sink(journal.journal(), url, context().build());

            drain(sink);

            assertRowsMatch(url, journal);
            assertEquals(journal.records(), sink.status().records());
            assertEquals(0, sink.status().lagRecords());
            assertEquals(0, sink.status().failures());
            assertEquals(SinkStatus.State.STOPPED, sink.status().state());
            assertEquals(journal.journal().lastIndex(), count(url,
                "SELECT journal_index FROM easyquant.sink_checkpoint"));
            assertEquals(journal.records(), count(url, "SELECT records FROM easyquant.sink_checkpoint"));
            assertEquals(2, count(url, "SELECT count(*) FROM easyquant.instruments"));
        }
    }

    @Test
    void shouldStoreValuesAsJournaledWithTextKeptToPrintableAscii() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.cycles(8);
            drain(sink(journal.journal(), url, context().build()));

            assertEquals(1, count(url, "SELECT count(*) FROM easyquant.orders WHERE cl_ord_id = 1 AND side = 'BUY' " +
                "AND order_type = 'MARKET' AND qty_lots = 10 AND instrument_id = 1 AND " +
                "time = '2024-01-02T03:04:05.003Z'"));
            assertEquals(1, count(url, "SELECT count(*) FROM easyquant.risk_decisions WHERE NOT accepted AND " +
                "reason = 'max_order_qty' AND observed = 1000000 AND limit_value = 100 AND intent_id = 2"));
            assertEquals(1, count(url, "SELECT count(*) FROM easyquant.admin_actions WHERE command = 'KILL_ENGAGE' " +
                "AND principal = 'alice \"ops\"' AND reason = 'why\\not? caf? 0?' AND origin = 'api'"));
            assertEquals(1, count(url, "SELECT count(*) FROM easyquant.trading_state_changes WHERE " +
                "from_state = 'ACTIVE' AND to_state = 'HALTED' AND command = 'KILL_ENGAGE'"));
            assertEquals(1, count(url, "SELECT count(*) FROM easyquant.trading_state_changes WHERE " +
                "to_state = 'HALTED' AND principal = 'alice \"ops\"' AND origin = 'api'"));
            assertEquals(1, count(url, "SELECT count(*) FROM easyquant.events WHERE event = 'kill_engage' AND " +
                "payload->>'principal' = 'alice \"ops\"'"));
            assertEquals(1, count(url, "SELECT count(*) FROM easyquant.events WHERE event = 'trading_state' AND " +
                "payload->>'toState' = 'HALTED' AND payload->>'origin' = 'api'"));
            assertEquals(1, count(url, "SELECT count(*) FROM easyquant.events WHERE event = 'signal' AND " +
                "payload->'score' = 'null'::jsonb"));
            assertEquals(1, count(url, "SELECT count(*) FROM easyquant.fills WHERE cl_ord_id = 1 AND " +
                "exec_type = 'PARTIAL_FILL' AND qty = 0.0005 AND price = 60000.00 AND fee = 0.00000015"));
        }
    }

    @Test
    void shouldCommitEachRecordOnceWhenTransactionsFailAndAreRetried() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.cycles(60);
            final Set<Long> failing = Set.of(2L, 3L, 7L);
            final PostgresSink sink = new PostgresSink(context().build(), journal.journal(), url,
                SystemNanoClock.INSTANCE, (connection, batch) ->
                {
                    if (failing.contains(batch))
                    {
                        throw new SQLException("injected failure in batch " + batch);
                    }
                });

            drain(sink);

            assertRowsMatch(url, journal);
            assertTrue(sink.status().failures() >= failing.size(),
                "every injected failure was met: " + sink.status().failures());
        }
    }

    @Test
    void shouldCommitEachRecordOnceWhenTheConnectionDiesInsideTheTransaction() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.cycles(60);
            final PostgresSink sink = new PostgresSink(context().build(), journal.journal(), url,
                SystemNanoClock.INSTANCE, (connection, batch) ->
                {
                    if (batch == 4 || batch == 9)
                    {
                        try (Statement statement = connection.createStatement())
                        {
                            statement.execute("SELECT pg_terminate_backend(pg_backend_pid())");
                        }
                    }
                });

            drain(sink);

            assertRowsMatch(url, journal);
            assertEquals(2, sink.status().failures());
        }
    }

    @Test
    void shouldResumeFromTheCheckpointWhenASinkDiesMidBatch() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.cycles(60);
            final AtomicReference<Connection> open = new AtomicReference<>();
            final PostgresSink first = new PostgresSink(context().build(), journal.journal(), url,
                SystemNanoClock.INSTANCE, (connection, batch) ->
                {
                    if (batch == 5)
                    {
                        open.set(connection);
                        throw new SimulatedCrash();
                    }
                });
            assertThrows(SimulatedCrash.class, () -> drain(first));
            // The process is gone: its connection closes with the transaction open, and nothing of batch 5 remains.
            open.get().close();
            assertEquals(4 * BATCH, count(url, "SELECT records FROM easyquant.sink_checkpoint"));

            final PostgresSink second = sink(journal.journal(), url, context().build());
            drain(second);

            assertRowsMatch(url, journal);
            assertEquals(journal.records() - 4 * BATCH, second.status().records());
        }
    }

    @Test
    void shouldFollowAJournalThatGrowsAndGoOnAfterARestart() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.cycles(15);
            final PostgresSink sink = sink(journal.journal(), url, context().build());
            workUntilCaughtUp(sink, journal.journal());
            journal.cycles(15);
            workUntilCaughtUp(sink, journal.journal());
            drain(sink);
            journal.cycles(15);

            drain(sink(journal.journal(), url, context().build()));

            assertRowsMatch(url, journal);
        }
    }

    @Test
    void shouldTakePeriodicPositionSnapshotsInEngineTime() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.cycles(50);
            drain(sink(journal.journal(), url, context().positionSnapshotIntervalMs(30).build()));

            // Cycle n is at T0 + 3 ms * (n + 1) and T0 is 20 ms past a multiple of 30 ms: the 50 cycles fall into 6
            // intervals of 30 ms. The first snapshots nothing (no fill yet), the other five both instruments.
            assertEquals(5, count(url, "SELECT count(DISTINCT journal_index) FROM easyquant.position_snapshots " +
                "WHERE trigger = 'periodic'"));
            assertEquals(10, count(url, "SELECT count(*) FROM easyquant.position_snapshots WHERE " +
                "trigger = 'periodic'"));
            assertEquals(journal.fills(), count(url, "SELECT count(*) FROM easyquant.position_snapshots WHERE " +
                "trigger = 'fill'"));
        }
    }

    @Test
    void shouldRefuseToContinueRowsFromAnotherJournalOfTheSameName() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        final PostgresSinkContext named = context().journalName("paper").build();
        try (TestJournal journal = TestJournal.create(dir.resolve("first")))
        {
            journal.cycles(5);
            drain(sink(journal.journal(), url, named));
        }
        final long rows = count(url, "SELECT count(*) FROM easyquant.events");
        try (TestJournal other = TestJournal.create(dir.resolve("second"), TestJournal.T0_NS + 1))
        {
            other.cycles(7);
            final PostgresSink sink = sink(other.journal(), url, named);

            workUntilFailed(sink);

            assertTrue(sink.status().lastError().contains("does not hold the record the database's checkpoint for " +
                "'paper' names"), sink.status().lastError());
            assertEquals(SinkStatus.State.RETRYING, sink.status().state());
        }
        final JournalHeader otherConfig = JournalHeader.of("live", "test", "another configuration\n", "");
        try (Journal journal = Journal.openForWriting(dir.resolve("third"), otherConfig,
            io.easyquant.journal.queue.JournalContext.DEFAULT))
        {
            final PostgresSink sink = sink(journal, url, named);

            workUntilFailed(sink);

            assertTrue(sink.status().lastError().startsWith("the database holds rows of another journal named " +
                "'paper'"), sink.status().lastError());
        }
        assertEquals(rows, count(url, "SELECT count(*) FROM easyquant.events"));
    }

    @Test
    void shouldLetOnlyOneSinkWriteAJournal() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.cycles(5);
            final PostgresSink first = sink(journal.journal(), url, context().build());
            first.doWork();
            assertEquals(SinkStatus.State.CONNECTED, first.status().state());
            final PostgresSink second = sink(journal.journal(), url, context().build());

            workUntilFailed(second);

            assertTrue(second.status().lastError().startsWith("another sink is writing journal"),
                second.status().lastError());
            drain(first);
            assertRowsMatch(url, journal);
        }
    }

    @Test
    void shouldReportAWrongPasswordClearlyAndConnectWithTheRightOne() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        execute(url, "CREATE ROLE trader LOGIN PASSWORD 'right'");
        execute(url, "GRANT ALL ON DATABASE " + url.substring(url.lastIndexOf('/') + 1, url.indexOf('?')) +
            " TO trader");
        requirePasswords(url);
        final String traderUrl = url.substring(0, url.indexOf('?'));
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.cycles(5);
            final PostgresSink wrong = sink(journal.journal(), traderUrl,
                context().user("trader").password("wrong").build());

            workUntilFailed(wrong);

            assertEquals("FATAL: password authentication failed for user \"trader\"", wrong.status().lastError());
            assertEquals(-1, wrong.status().lagRecords());
            assertEquals(SinkStatus.State.RETRYING, wrong.status().state());

            final PostgresSink right = sink(journal.journal(), traderUrl,
                context().user("trader").password("right").build());
            drain(right);
            assertRowsMatch(url, journal);
        }
    }

    @Test
    void shouldReportAServerThatCannotBeReachedAndRetryWithBackoff() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.cycles(3);
            final PostgresSink sink = sink(journal.journal(), "jdbc:postgresql://localhost:" + port + "/nowhere",
                context().build());

            workUntilFailed(sink);

            assertTrue(sink.status().lastError().startsWith("Connection to localhost:" + port + " refused."),
                sink.status().lastError());
            assertTrue(sink.status().line().startsWith("RETRYING lag=?/0.0s rows=0 error: Connection to"),
                sink.status().line());
            final long failures = sink.status().failures();
            sink.requestStop(TIMEOUT_NS);
            sink.doWork();
            assertEquals(failures + 1, sink.status().failures(), "the final flush tries once more");
            assertThrows(AgentTerminationException.class, sink::doWork, "and then stops without the database");
            sink.onClose();
            assertEquals(SinkStatus.State.STOPPED, sink.status().state());
        }
    }

    @Test
    void shouldReadEventsBackByTimeAndType() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.cycles(20);
            final PostgresSinkContext context = context().build();
            drain(sink(journal.journal(), url, context));
            final EventHistory history = EventHistory.forSink(url, context);

            final var fills = history.query(java.time.Instant.EPOCH, 5, "fill", "partial_fill");
            assertEquals(5, fills.size());
            assertEquals("partial_fill", fills.get(0).event());
            assertEquals("venue", fills.get(0).stage());
            assertEquals(1, fills.get(0).instrumentId());
            assertTrue(fills.get(0).payload().contains("\"lastQtyLots\": 5"), fills.get(0).payload());
            for (int i = 1; i < fills.size(); i++)
            {
                assertTrue(fills.get(i).journalIndex() > fills.get(i - 1).journalIndex());
            }
            final var admin = history.queryBefore(java.time.Instant.parse("2100-01-01T00:00:00Z"), 10, "admin");
            assertEquals(3, admin.size());
            assertEquals("kill_engage", admin.get(2).event());
            assertNull(admin.get(0).instrumentId());
            assertTrue(admin.get(0).time().isAfter(admin.get(1).time()));
            assertEquals(journal.events(), history.query(java.time.Instant.EPOCH, 10_000).size());
        }
    }

    @Test
    void shouldPageBackThroughEveryEventOnceByKey() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.cycles(20);
            final PostgresSinkContext context = context().build();
            drain(sink(journal.journal(), url, context));
            final EventHistory history = EventHistory.forSink(url, context, 2_000);

            final Set<Long> seen = new HashSet<>();
            var page = history.queryBefore(java.time.Instant.parse("2100-01-01T00:00:00Z"), 7);
            EventHistory.Event previous = null;
            while (!page.isEmpty())
            {
                for (final EventHistory.Event event : page)
                {
                    assertTrue(seen.add(event.journalIndex()), "no event twice: " + event);
                    if (previous != null)
                    {
                        assertTrue(!event.time().isAfter(previous.time()), "newest first");
                    }
                    previous = event;
                }
                final EventHistory.Event last = page.get(page.size() - 1);
                page = history.queryBefore(last.time(), last.journalId(), last.journalIndex(), 7);
            }
            assertEquals(journal.events(), seen.size(), "every event, although many share a microsecond");
            assertTrue(journal.events() > 7 * 10);

            assertEquals(2, EventHistory.selectors(RecordType.RISK_DECISION).length);
            assertEquals(0, EventHistory.selectors(RecordType.QUOTE).length);
            assertEquals(List.of("trading_state"), List.of(EventHistory.selectors(RecordType.TRADING_STATE_CHANGE)));
            final var orders = history.queryBefore(java.time.Instant.parse("2100-01-01T00:00:00Z"), 10_000,
                EventHistory.selectors(RecordType.ORDER));
            assertEquals(journal.records(RecordType.ORDER), orders.size());
        }
    }

    @Test
    void shouldBoundAHistoryQueryByItsStatementTimeout() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.cycles(2);
            final PostgresSinkContext context = context().build();
            drain(sink(journal.journal(), url, context));
            final EventHistory history = EventHistory.forSink(url, context, 300);
            try (Connection locker = DriverManager.getConnection(url);
                Statement statement = locker.createStatement())
            {
                locker.setAutoCommit(false);
                statement.execute("LOCK TABLE easyquant.events IN ACCESS EXCLUSIVE MODE");
                final long startNs = System.nanoTime();
                final SQLException error = assertThrows(SQLException.class,
                    () -> history.queryBefore(java.time.Instant.parse("2100-01-01T00:00:00Z"), 10));
                final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                assertTrue(error.getMessage().contains("statement timeout"), error.getMessage());
                assertTrue(tookMs < 3_000, "gave up after " + tookMs + " ms");
                locker.rollback();
            }
            assertEquals(journal.events(), history.query(java.time.Instant.EPOCH, 10_000).size());
        }
    }

    @Test
    void shouldGiveUpOnAServerThatNeverAnswers() throws Exception
    {
        try (ServerSocket silent = new ServerSocket(0))
        {
            final Thread acceptor = new Thread(() ->
            {
                try
                {
                    final java.net.Socket held = silent.accept();
                    Thread.sleep(30_000);
                    held.close();
                }
                catch (final java.io.IOException | InterruptedException ignored)
                {
                    // The test is over.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            final EventHistory history = EventHistory.forSink("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() +
                "/easyquant", context().build(), 500);
            final long startNs = System.nanoTime();
            assertThrows(SQLException.class, () -> history.queryBefore(java.time.Instant.EPOCH, 10));
            final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertTrue(tookMs < 5_000, "gave up after " + tookMs + " ms");
            acceptor.interrupt();
        }
    }

    private static PostgresSinkContext.Builder context()
    {
        return PostgresSinkContext.builder()
            .instruments(TestJournal.INSTRUMENTS)
            .batchSize(BATCH)
            .maxBatchDelayMs(1)
            .positionSnapshotIntervalMs(0)
            .minRetryDelayMs(1)
            .maxRetryDelayMs(20)
            .ticks(true);
    }

    private static PostgresSink sink(final Journal journal, final String url, final PostgresSinkContext context)
    {
        return new PostgresSink(context, journal, url, SystemNanoClock.INSTANCE);
    }

    /**
     * Run the sink's duty cycle until it has written the whole journal and stopped.
     */
    private static void drain(final PostgresSink sink)
    {
        sink.requestDrain(TIMEOUT_NS);
        final long deadlineNs = System.nanoTime() + TIMEOUT_NS + TimeUnit.SECONDS.toNanos(5);
        try
        {
            while (System.nanoTime() - deadlineNs < 0)
            {
                sink.doWork();
            }
            fail("the sink did not stop: " + sink.status().line());
        }
        catch (final AgentTerminationException expected)
        {
            sink.onClose();
        }
        assertEquals(0, sink.status().lagRecords(), sink.status().line());
    }

    private static void workUntilCaughtUp(final PostgresSink sink, final Journal journal)
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
        while (sink.status().checkpointIndex() != journal.lastIndex())
        {
            sink.doWork();
            if (System.nanoTime() - deadlineNs >= 0)
            {
                fail("the sink did not catch up: " + sink.status().line());
            }
        }
    }

    private static void workUntilFailed(final PostgresSink sink)
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
        while (sink.status().failures() == 0)
        {
            sink.doWork();
            if (System.nanoTime() - deadlineNs >= 0)
            {
                fail("the sink did not fail: " + sink.status().line());
            }
        }
    }

    /**
     * Every table holds exactly the rows of the journal's records: counts per type, no repeated index, and positions
     * equal to the engine's PositionBook over the same fills.
     */
    static void assertRowsMatch(final String url, final TestJournal journal) throws SQLException
    {
        assertTable(url, "orders", journal.records(RecordType.ORDER));
        assertTable(url, "execution_reports", journal.records(RecordType.EXECUTION_REPORT));
        assertTable(url, "cancels", journal.records(RecordType.CANCEL));
        assertTable(url, "order_intents", journal.records(RecordType.ORDER_INTENT));
        assertTable(url, "risk_decisions", journal.records(RecordType.RISK_DECISION));
        assertTable(url, "signals", journal.records(RecordType.SIGNAL));
        assertTable(url, "admin_actions", journal.records(RecordType.ADMIN_COMMAND));
        assertTable(url, "bars", journal.records(RecordType.BAR));
        assertTable(url, "trades", journal.records(RecordType.TRADE));
        assertTable(url, "quotes", journal.records(RecordType.QUOTE));
        assertTable(url, "events", journal.events());
        assertTable(url, "trading_state_changes", journal.stateChanges());
        assertEquals(journal.fills(), count(url, "SELECT count(*) FROM easyquant.position_snapshots WHERE " +
            "trigger = 'fill'"));
        assertEquals(journal.records(), count(url, "SELECT records FROM easyquant.sink_checkpoint"));

        final PositionBook expected = journal.positions();
        try (Connection connection = DriverManager.getConnection(url);
            Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT DISTINCT ON (instrument_id) instrument_id, position_lots, " +
                "cost_cash, realized_cash, fees_cash, fills, unrealized_cash FROM easyquant.position_snapshots " +
                "ORDER BY instrument_id, journal_index DESC"))
        {
            final Set<Integer> seen = new HashSet<>();
            while (rs.next())
            {
                final int index = TestJournal.INSTRUMENTS.indexOf(rs.getInt(1));
                seen.add(index);
                final String at = "instrument " + rs.getInt(1);
                assertEquals(expected.positionLots(index), rs.getLong(2), at);
                assertEquals(expected.costCash(index), rs.getLong(3), at);
                assertEquals(expected.realizedCash(index), rs.getLong(4), at);
                assertEquals(expected.feesCash(index), rs.getLong(5), at);
                assertEquals(expected.fills(index), rs.getLong(6), at);
                assertEquals(expected.unrealizedCash(index), rs.getLong(7), at);
            }
            assertEquals(Set.of(0, 1), seen);
        }
    }

    private static void assertTable(final String url, final String table, final long expected) throws SQLException
    {
        assertEquals(expected, count(url, "SELECT count(*) FROM easyquant." + table), table);
        assertEquals(expected, count(url, "SELECT count(DISTINCT (journal_id, journal_index)) FROM easyquant." + table),
            table + ": distinct indexes");
    }

    /**
     * Make the server ask every user but postgres for a password (the embedded server trusts everyone).
     */
    private static void requirePasswords(final String url) throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(url);
            Statement statement = connection.createStatement())
        {
            statement.execute("CREATE TEMP TABLE hba_lines (line text)");
            statement.execute("INSERT INTO hba_lines VALUES ('local all all trust'), " +
                "('host all postgres 127.0.0.1/32 trust'), ('host all postgres ::1/128 trust'), " +
                "('host all all 127.0.0.1/32 scram-sha-256'), ('host all all ::1/128 scram-sha-256')");
            statement.execute("COPY hba_lines TO '" + hbaFile(statement) + "'");
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    private static String hbaFile(final Statement statement) throws SQLException
    {
        try (ResultSet rs = statement.executeQuery("SHOW hba_file"))
        {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Stands for the process dying between the COPYs and the commit.
     */
    private static final class SimulatedCrash extends Error
    {
        private static final long serialVersionUID = 1L;
    }
}
