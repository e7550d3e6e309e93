package io.easyquant.ops.cli;

import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CancelCodec;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.TradingState;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalContext;
import io.easyquant.journal.queue.JournalDamageException;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.journal.queue.JournalReader;
import io.easyquant.journal.queue.JournalWriter;
import io.easyquant.ops.TestConfigs;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.runtime.ChaosCheck;
import io.easyquant.ops.runtime.EngineRunner;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash recovery end to end, with real journals in temporary directories and the real paper venue: sessions of
 * {@code run} stopped cleanly, killed with SIGKILL in their own JVM, halted, and torn mid-append; after each restart
 * the state must equal a full replay's ({@link ChaosCheck}), no client order id may reach the venue twice, no fill
 * may be applied twice, and {@code replay --verify} of the whole multi-session journal must say identical.
 */
@Tag("slow")
class RecoveryTest
{
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern RUNNING = Pattern.compile(" running: ");

    @TempDir
    Path dir;

    /**
     * config/paper.yaml made fast (many orders a second) and self-contained: a data directory in the test's
     * directory, no admin server, no Postgres sink, thread-per-stage (inputs and outputs journaled by different
     * threads, so a kill can leave inputs without their outputs).
     */
    private Path config(final String venueLatency) throws Exception
    {
        String yaml = TestConfigs.paper();
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: " + dir.resolve("data"));
        yaml = edit(yaml, "layout: auto", "layout: thread-per-stage");
        yaml = edit(yaml, "ratePerSecond: 3000", "ratePerSecond: 20000");
        yaml = edit(yaml, "fastPeriod: 20", "fastPeriod: 5");
        yaml = edit(yaml, "slowPeriod: 80", "slowPeriod: 20");
        yaml = edit(yaml, "latencyMs: 2", "latencyMs: " + venueLatency);
        yaml = edit(yaml, "  postgres:\n    enabled: true", "  postgres:\n    enabled: false");
        yaml = edit(yaml, "admin:\n  enabled: true", "admin:\n  enabled: false");
        return TestConfigs.write(dir.resolve("recovery.yaml"), yaml);
    }

    @Test
    void shouldRestoreTheStateOfAFullReplayAfterACleanStopAndAKill9() throws Exception
    {
        final Path yaml = config("2");
        try (EasyQuantProcess clean = EasyQuantProcess.start("recovery-clean", "run", "--config", yaml.toString(),
            "--duration", "2s"))
        {
            assertEquals(0, clean.awaitExit(EXIT_TIMEOUT), clean.transcript());
        }
        try (EasyQuantProcess killed = EasyQuantProcess.start("recovery-killed", "run", "--config", yaml.toString()))
        {
            killed.awaitOutput(RUNNING, UP_TIMEOUT);
            Thread.sleep(1500);
            // close() is SIGKILL on a running process: no shutdown hook, no drain.
        }
        try (EasyQuantProcess again = EasyQuantProcess.start("recovery-again", "run", "--config", yaml.toString(),
            "--duration", "2s"))
        {
            assertEquals(0, again.awaitExit(EXIT_TIMEOUT), again.transcript());
            assertTrue(again.stdout().contains("recovered "), again.transcript());
        }

        final Configuration config = new ConfigLoader().load(yaml);
        final ChaosCheck.Report report = ChaosCheck.check(config, dir.resolve("data"));
        assertTrue(report.passed(), report.line(1) + "\n" + report.firstMismatch());
        assertEquals(3, report.sessionStarts());
        assertEquals(3, report.statesCompared(), "a recovered state per start, each equal to the replay's");
        assertTrue(report.orders() > 100, report.line(1));
        assertTrue(report.fills() > 100, report.line(1));

        final InProcess.Result verify = InProcess.execute("replay", "--journal", dir.resolve("data/journal").toString(), "--verify");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        assertTrue(verify.out().contains("session starts: 3\n"), verify.out());
        assertTrue(verify.out().endsWith("identical\n"), verify.out());
        assertIdsIncreaseAcrossSessions(dir.resolve("data/journal"));
    }

    @Test
    void shouldComeBackHaltedAndCancelEveryWorkingOrderAgain() throws Exception
    {
        // A slow venue: orders stay in flight long enough to be working when the engine halts and stops.
        final Configuration config = new ConfigLoader().load(config("400"));
        final EngineRunner first = new EngineRunner(config, new SystemEpochNanoClock());
        first.start();
        awaitCounter(first, EngineCounters.ORDERS_SENT, 10);
        assertTrue(first.engine().newPublisher().publishAdminCommand(0, AdminCommandType.KILL_ENGAGE, 0,
            CommandOrigin.CLI, "ops", "recovery test", "127.0.0.1", true));
        awaitCounter(first, EngineCounters.CANCELS_SENT, 1);
        assertTrue(first.stop());
        assertEquals(TradingState.HALTED, first.engine().execution().tradingState());

        final EngineRunner second = new EngineRunner(config, new SystemEpochNanoClock());
        second.start();
        Thread.sleep(1500);
        assertTrue(second.stop());
        assertEquals(TradingState.HALTED, second.engine().execution().tradingState(), "HALTED survives a restart");
        assertEquals(TradingState.HALTED, second.engine().risk().tradingState());
        assertEquals(0, second.engine().execution().orders().openOrders(), "every working order was cancelled");

        final long sessionStart = second.recovery().nextSequence();
        final String recovered = Files.readString(dir.resolve("data/recovery")
            .resolve(EngineRunner.stateFileName(sessionStart)));
        final long working = recovered.lines().filter(line -> line.startsWith("working ")).count();
        assertTrue(working > 0, "orders were working at the restart:\n" + recovered);
        final SessionRecords after = SessionRecords.read(dir.resolve("data/journal"), sessionStart);
        assertEquals(working, after.cancelsCausedBySessionStart, "each working order's cancel is sent again");
        assertEquals(0, after.orders, "a HALTED engine sends no order");

        final ChaosCheck.Report report = ChaosCheck.check(config, dir.resolve("data"));
        assertTrue(report.passed(), report.line(0) + "\n" + report.firstMismatch());
        assertEquals(2, report.statesCompared());
    }

    @Test
    void shouldSkipATornAppendAndLoseNothingWrittenAfterIt() throws Exception
    {
        final Configuration config = new ConfigLoader().load(config("2"));
        final EngineRunner first = new EngineRunner(config, new SystemEpochNanoClock());
        first.start();
        awaitCounter(first, EngineCounters.ORDERS_SENT, 20);
        assertTrue(first.stop());
        final long firstOrders = first.engine().counters().get(EngineCounters.ORDERS_SENT);
        tearLastAppend(dir.resolve("data/journal"));

        final EngineRunner second = new EngineRunner(config, new SystemEpochNanoClock());
        second.start();
        // The counters include what the recovery replayed.
        final long recoveredOrders = second.engine().counters().get(EngineCounters.ORDERS_SENT);
        awaitCounter(second, EngineCounters.ORDERS_SENT, recoveredOrders + 20);
        assertTrue(second.stop());

        final ChaosCheck.Report report = ChaosCheck.check(config, dir.resolve("data"));
        assertTrue(report.passed(), report.line(0) + "\n" + report.firstMismatch());
        assertEquals(2, report.sessionStarts(), "the second session's records follow the torn entry");
        assertTrue(report.orders() >= firstOrders + 20, report.line(0));
    }

    @Test
    void shouldRefuseASecondSessionOnTheSameDataDirectory() throws Exception
    {
        final Configuration config = new ConfigLoader().load(config("2"));
        final EngineRunner first = new EngineRunner(config, new SystemEpochNanoClock());
        try
        {
            final IOException refused = assertThrows(IOException.class,
                () -> new EngineRunner(config, new SystemEpochNanoClock()));
            assertTrue(refused.getMessage().contains("in use by another running session"), refused.getMessage());
        }
        finally
        {
            first.start();
            assertTrue(first.stop());
        }
        final EngineRunner next = new EngineRunner(config, new SystemEpochNanoClock());
        next.start();
        assertTrue(next.stop(), "the lock is free again once a session stopped");
    }

    @Test
    void shouldFreeTheDataDirectoryWhenASessionCannotBeBuiltOrStarted() throws Exception
    {
        // A feed file gone between the configuration's check and the run fails the session's construction after its
        // lock, journal, venue log and state maps were opened; once the file is back, the same directory opens.
        final Path feedFile = dir.resolve("quotes.csv");
        Files.writeString(feedFile, "timestamp,symbol,price,size\n");
        final Configuration csv = new ConfigLoader().load(TestConfigs.write(dir.resolve("csv.yaml"),
            TestConfigs.withFeeds(Files.readString(config("2")), "feeds:\n  - type: csv\n    path: " + feedFile + "\n")));
        Files.delete(feedFile);
        final IOException notBuilt = assertThrows(IOException.class,
            () -> new EngineRunner(csv, new SystemEpochNanoClock()));
        assertTrue(notBuilt.getMessage().contains(feedFile.toString()), notBuilt.getMessage());
        Files.writeString(feedFile, "timestamp,symbol,price,size\n");
        final EngineRunner rebuilt = new EngineRunner(csv, new SystemEpochNanoClock());
        rebuilt.start();
        assertTrue(rebuilt.stop(), "the failed construction released the data directory");

        // An admin port in use fails the start after the recovery; once it is free, the same directory starts.
        final String busyYaml = edit(edit(edit(Files.readString(config("2")), "dataDir: " + dir.resolve("data"),
            "dataDir: " + dir.resolve("data-admin")), "admin:\n  enabled: false", "admin:\n  enabled: true"),
            "port: 8080", "port: PORT");
        final int port;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = taken.getLocalPort();
            final EngineRunner notStarted = new EngineRunner(new ConfigLoader().load(TestConfigs.write(
                dir.resolve("admin.yaml"), busyYaml.replace("port: PORT", "port: " + port))), new SystemEpochNanoClock());
            assertThrows(IllegalStateException.class, notStarted::start);
        }
        final EngineRunner next = new EngineRunner(new ConfigLoader().load(dir.resolve("admin.yaml")),
            new SystemEpochNanoClock());
        next.start();
        awaitCounter(next, EngineCounters.ORDERS_SENT, 5);
        assertTrue(next.stop(), "the failed start released the lock, the journal and the state maps");
    }

    @Test
    void shouldRefuseAJournalWhoseInputSequenceGoesBackAndAJournalOfFormatOne() throws Exception
    {
        final Configuration config = new ConfigLoader().load(config("2"));
        final EngineRunner first = new EngineRunner(config, new SystemEpochNanoClock());
        first.start();
        awaitCounter(first, EngineCounters.ORDERS_SENT, 5);
        assertTrue(first.stop());
        // As a journal written before sessions continued their sequence: the same session again, from sequence 0.
        final Path journalDir = dir.resolve("data/journal");
        final List<byte[]> records = new ArrayList<>();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        final JournalHeader header;
        try (Journal journal = Journal.openForReading(journalDir); JournalReader reader = journal.newReader())
        {
            header = journal.header();
            int length;
            while ((length = reader.next(record)) > 0)
            {
                final byte[] bytes = new byte[length];
                record.getBytes(0, bytes);
                records.add(bytes);
            }
        }
        try (Journal journal = Journal.openForWriting(journalDir, header, JournalContext.DEFAULT);
            JournalWriter writer = journal.newWriter())
        {
            for (final byte[] bytes : records)
            {
                writer.append(new UnsafeBuffer(bytes), 0, bytes.length);
            }
        }

        final EngineRunner second = new EngineRunner(config, new SystemEpochNanoClock());
        final JournalDamageException refused = assertThrows(JournalDamageException.class, second::start);
        assertEquals(JournalDamageException.Fault.SEQUENCE_GAP, refused.fault(), refused.getMessage());
        final EngineRunner third = new EngineRunner(config, new SystemEpochNanoClock());
        assertThrows(JournalDamageException.class, third::start, "the refusal released the data directory");

        // A journal of format 1 (no checksums, sessions that restarted at 0) is read, never continued.
        Files.write(journalDir.resolve(Journal.HEADER_FILE), new JournalHeader(1, header.kind(),
            header.engineVersion(), header.configDigest(), header.configText(), header.sourceJournal()).toBytes());
        final JournalException legacy = assertThrows(JournalException.class,
            () -> new EngineRunner(config, new SystemEpochNanoClock()));
        assertTrue(legacy.getMessage().contains("is of format 1, whose records carry no checksums"),
            legacy.getMessage());
    }

    private static void awaitCounter(final EngineRunner runner, final int counter, final long atLeast)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (runner.engine().counters().get(counter) < atLeast)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "counter " + counter + " stayed below " + atLeast);
            Thread.sleep(10);
        }
    }

    /**
     * Client order ids never repeat and every session's first order takes an id above every earlier one.
     */
    private static void assertIdsIncreaseAcrossSessions(final Path journalDir) throws Exception
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        final OrderCodec order = new OrderCodec();
        long highest = 0;
        long orders = 0;
        try (Journal journal = Journal.openForReading(journalDir); JournalReader reader = journal.newReader())
        {
            while (reader.next(record) > 0)
            {
                if (RecordHeader.templateId(record, 0) == RecordType.ORDER.code())
                {
                    order.wrap(record, 0);
                    assertTrue(order.clOrdId() > highest, "clOrdId " + order.clOrdId() + " after " + highest);
                    highest = order.clOrdId();
                    orders++;
                }
            }
        }
        assertTrue(orders > 0);
    }

    /**
     * Start an append in another JVM ({@link TornAppend}) and SIGKILL it mid-entry, as a kill -9 of the engine would.
     */
    private static void tearLastAppend(final Path journal) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : System.getProperty("easyquant.jvm.flags", BuildInfo.jvmFlags()).trim().split("\\s+"))
        {
            if (!flag.isEmpty())
            {
                command.add(flag);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TornAppend.class.getName(),
            journal.toString()));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = out.readLine()) != null && !line.equals("torn"))
            {
                assertTrue(process.isAlive(), line);
            }
            assertEquals("torn", line);
        }
        finally
        {
            process.destroyForcibly();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        }
    }

    /**
     * What the journal holds from a session start on.
     */
    private static final class SessionRecords
    {
        long orders;
        long cancelsCausedBySessionStart;

        static SessionRecords read(final Path journalDir, final long sessionStart) throws Exception
        {
            final SessionRecords records = new SessionRecords();
            final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            final AdminCommandCodec command = new AdminCommandCodec();
            final CancelCodec cancel = new CancelCodec();
            boolean started = false;
            try (Journal journal = Journal.openForReading(journalDir); JournalReader reader = journal.newReader())
            {
                while (reader.next(record) > 0)
                {
                    final int templateId = RecordHeader.templateId(record, 0);
                    if (templateId == RecordType.ADMIN_COMMAND.code() &&
                        RecordHeader.sequence(record, 0) == sessionStart)
                    {
                        command.wrap(record, 0);
                        started = command.command() == AdminCommandType.SESSION_START;
                    }
                    else if (started && templateId == RecordType.ORDER.code())
                    {
                        records.orders++;
                    }
                    else if (started && templateId == RecordType.CANCEL.code())
                    {
                        cancel.wrap(record, 0);
                        if (cancel.causeSequence() == sessionStart)
                        {
                            records.cancelsCausedBySessionStart++;
                        }
                    }
                }
            }
            assertTrue(started, "no SESSION_START at sequence " + sessionStart);
            return records;
        }
    }
}
