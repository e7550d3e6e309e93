package io.easyquant.ops.cli;

import io.easyquant.ops.TestConfigs;
import io.easyquant.ops.TmpfsMount;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.runtime.ChaosCheck;
import io.easyquant.ops.runtime.LowDiskGuard;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.MarketDataDroppedCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A paper session on a small tmpfs that fills up (a filler file takes every free block): the low-disk rule halts
 * trading, market data is dropped, counted and journaled as one record, the JVM does not crash and SIGTERM drains
 * with exit 0; a start while the disk is still full is refused with exit 2 and a message saying what to do. Then the
 * filler is removed and the engine restarted twice (the kill-switch released through the admin
 * API, so both sessions trade): no client order id reaches the venue twice, every session is read, and
 * {@code replay --verify} is identical. Before the disk rules, the same run died in Chronicle's mapped write (an
 * InternalError or a crash of the JVM on tmpfs) and the restarts reused client order ids.
 *
 * <p>Needs root to mount the tmpfs; skipped with a message otherwise (CI runs as root).
 */
@Tag("slow")
class DiskFullTest
{
    private static final int DISK_MB = 96;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String OPERATOR_SECRET = "disk-full-operator-secret";
    private static final Map<String, String> TOKENS = Map.of("EASYQUANT_ADMIN_TOKENS", "ops:operator:" +
        OPERATOR_SECRET);
    private static final Pattern RUNNING = Pattern.compile(" running: ");
    private static final Pattern ADMIN_URL = Pattern.compile("admin server on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern TRADING = Pattern.compile("status events=\\d+ orders=[1-9]\\d* ");
    private static final Pattern HALTED_AND_DROPPING = Pattern.compile("state=HALTED dropped=[1-9]\\d*");
    private static final Pattern DROPPED_TOTAL = Pattern.compile("\\n  market_data_dropped +(\\d+)\\n");

    @TempDir
    Path dir;

    @Test
    void shouldHaltDropMarketDataAndDrainOnAFullDiskThenContinueSafelyAfterTwoRestarts() throws Exception
    {
        try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("disk"), DISK_MB))
        {
            final Path data = disk.path().resolve("data");
            final Path yaml = config(data);

            final long dropped;
            try (EasyQuantProcess run = EasyQuantProcess.start("disk-full", TOKENS, "run", "--config",
                yaml.toString()))
            {
                run.awaitOutput(RUNNING, TIMEOUT);
                run.awaitOutput(TRADING, TIMEOUT);
                assertTrue(disk.fill("filler") > 0);
                run.awaitOutput(HALTED_AND_DROPPING, TIMEOUT);
                assertEquals(0, run.terminate(TIMEOUT), "SIGTERM drains and exits 0\n" + run.transcript());
                final String out = run.stdout();
                for (final String crash : List.of("InternalError", "SIGSEGV", "SIGBUS", "fatal error", "ring full"))
                {
                    assertFalse(out.contains(crash), crash + "\n" + run.transcript());
                }
                assertTrue(out.contains("market data dropped while the disk was low"), run.transcript());
                final Matcher total = DROPPED_TOTAL.matcher(out);
                assertTrue(total.find(), run.transcript());
                dropped = Long.parseLong(total.group(1));
            }
            final SessionOne one = readSessionOne(data.resolve("journal"));
            assertTrue(one.lowDiskHalt.startsWith("low disk: "), one.lowDiskHalt);
            assertEquals(1, one.dropRecords, "one record for the whole period");
            assertEquals(dropped, one.droppedInRecord, "the record counts every drop of the session");
            assertTrue(dropped > 0);
            assertTrue(one.marketDataAfterHalt <= 1, "market data journaled after the halt: " +
                one.marketDataAfterHalt + " (at most one in flight from the one feed)");

            try (EasyQuantProcess full = EasyQuantProcess.start("disk-full-start", TOKENS, "run", "--config",
                yaml.toString(), "--duration", "3s"))
            {
                assertEquals(2, full.awaitExit(TIMEOUT), "a start on the full disk is refused\n" + full.transcript());
                assertTrue(full.stderr().contains("No space left on device (the disk is full: free space under " +
                    data + " and run again; the journal is intact)"), full.transcript());
            }

            Files.delete(disk.path().resolve("filler"));
            try (EasyQuantProcess run = EasyQuantProcess.start("disk-full-restart", TOKENS, "run", "--config",
                yaml.toString()))
            {
                final String url = run.awaitOutput(ADMIN_URL, TIMEOUT).group(1);
                run.awaitOutput(RUNNING, TIMEOUT);
                try (EasyQuantProcess release = EasyQuantProcess.start("disk-full-release",
                    Map.of("EASYQUANT_ADMIN_TOKEN", OPERATOR_SECRET), "kill", "--release", "--reason",
                    "disk space freed", "--url", url))
                {
                    assertEquals(0, release.awaitExit(TIMEOUT), release.transcript());
                }
                awaitOrdersInLastSession(data.resolve("journal"));
                assertEquals(0, run.terminate(TIMEOUT), run.transcript());
            }
            try (EasyQuantProcess run = EasyQuantProcess.start("disk-full-restart-2", TOKENS, "run", "--config",
                yaml.toString(), "--duration", "3s"))
            {
                assertEquals(0, run.awaitExit(TIMEOUT), run.transcript());
            }
            assertTrue(ordersInLastSession(data.resolve("journal")) > 0, "the last session traded too");

            final Configuration config = new ConfigLoader().load(yaml);
            final ChaosCheck.Report report = ChaosCheck.check(config, data);
            assertTrue(report.passed(), report.line(0) + "\n" + report.firstMismatch());
            assertEquals(0, report.duplicateClOrdIds(), report.line(0));
            assertEquals(3, report.sessionStarts(), "every session read: " + report.line(0));
            assertEquals(3, report.statesCompared(), report.line(0));

            final InProcess.Result verify = InProcess.execute("replay", "--journal", data.resolve("journal").toString(),
                "--verify");
            assertEquals(0, verify.exitCode(), verify.out() + verify.err());
            assertTrue(verify.out().contains("session starts: 3\n"), verify.out());
            assertTrue(verify.out().endsWith("identical\n"), verify.out());
        }
    }

    /**
     * config/paper.yaml on the small disk: a feed fast enough to trade at once, the limits raised to match (as the
     * kill -9 chaos round does), the low-disk threshold at 16 MB (a reserve of 8 MiB per journal), the admin server on
     * a free port, no Postgres sink.
     */
    private Path config(final Path data) throws Exception
    {
        String yaml = TestConfigs.paper();
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: " + data);
        yaml = edit(yaml, "ratePerSecond: 3000", "ratePerSecond: 5000");
        yaml = edit(yaml, "fastPeriod: 20", "fastPeriod: 5");
        yaml = edit(yaml, "slowPeriod: 80", "slowPeriod: 20");
        yaml = edit(yaml, "maxMessagesPerWindow: 20 ", "maxMessagesPerWindow: 400 ");
        yaml = edit(yaml, "maxMessagesPerWindow: 50 ", "maxMessagesPerWindow: 1000 ");
        yaml = edit(yaml, "maxFills: 200 ", "maxFills: 5000 ");
        yaml = edit(yaml, "maxConsecutiveLosses: 500 ", "maxConsecutiveLosses: 100000 ");
        yaml = edit(yaml, "statusIntervalSeconds: 5", "statusIntervalSeconds: 1");
        yaml = edit(yaml, "minFreeDiskMb: 512", "minFreeDiskMb: 16");
        yaml = edit(yaml, "  postgres:\n    enabled: true", "  postgres:\n    enabled: false");
        yaml = edit(yaml, "port: 8080", "port: 0");
        assertEquals(8L << 20, LowDiskGuard.reserveBytes(16L << 20));
        return TestConfigs.write(dir.resolve("disk.yaml"), yaml);
    }

    private record SessionOne(String lowDiskHalt, long dropRecords, long droppedInRecord, long marketDataAfterHalt)
    {
    }

    private static SessionOne readSessionOne(final Path journalDir) throws Exception
    {
        String halt = null;
        long dropRecords = 0;
        long droppedInRecord = 0;
        long marketDataAfterHalt = 0;
        final AdminCommandCodec command = new AdminCommandCodec();
        final MarketDataDroppedCodec dropped = new MarketDataDroppedCodec();
        for (final UnsafeBuffer record : records(journalDir))
        {
            final RecordType type = RecordType.get(RecordHeader.templateId(record, 0));
            if (type == RecordType.ADMIN_COMMAND)
            {
                command.wrap(record, 0);
                if (command.command() == AdminCommandType.KILL_ENGAGE &&
                    LowDiskGuard.PRINCIPAL.equals(command.principal()) && halt == null)
                {
                    halt = command.reason();
                }
            }
            else if (type == RecordType.MARKET_DATA_DROPPED)
            {
                dropRecords++;
                droppedInRecord += dropped.<MarketDataDroppedCodec>wrap(record, 0).dropped();
            }
            else if (type != null && type.isMarketData() && halt != null)
            {
                marketDataAfterHalt++;
            }
        }
        if (halt == null)
        {
            fail("no KILL_ENGAGE from the low-disk rule in " + journalDir);
        }
        return new SessionOne(halt, dropRecords, droppedInRecord, marketDataAfterHalt);
    }

    private static void awaitOrdersInLastSession(final Path journalDir) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        while (ordersInLastSession(journalDir) < 5)
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                fail("no orders within " + TIMEOUT + " after the kill-switch was released");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static long ordersInLastSession(final Path journalDir) throws Exception
    {
        long orders = 0;
        final AdminCommandCodec command = new AdminCommandCodec();
        for (final UnsafeBuffer record : records(journalDir))
        {
            final int templateId = RecordHeader.templateId(record, 0);
            if (templateId == RecordType.ADMIN_COMMAND.code() &&
                command.<AdminCommandCodec>wrap(record, 0).command() == AdminCommandType.SESSION_START)
            {
                orders = 0;
            }
            else if (templateId == RecordType.ORDER.code())
            {
                orders++;
            }
        }
        return orders;
    }

    private static List<UnsafeBuffer> records(final Path journalDir) throws Exception
    {
        final List<UnsafeBuffer> records = new ArrayList<>();
        try (Journal journal = Journal.openForReading(journalDir); JournalReader reader = journal.newReader())
        {
            final UnsafeBuffer into = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            int length;
            while ((length = reader.next(into)) > 0)
            {
                final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
                copy.putBytes(0, into, 0, length);
                records.add(copy);
            }
        }
        return records;
    }
}
