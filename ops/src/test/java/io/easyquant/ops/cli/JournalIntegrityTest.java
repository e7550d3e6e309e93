package io.easyquant.ops.cli;

import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalReader;
import io.easyquant.ops.TestConfigs;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.runtime.EngineRunner;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A damaged journal never leads to a reused order id, a lost session or a silently wrong state: one recorded paper
 * session, copied once per kind of damage, each copy damaged from outside as a disk or a person would, then given to
 * {@code run}. Each must be refused with exit 2 and a message naming what is wrong and where, before any state is
 * written; {@code journal verify} must say the same; {@code journal repair} is the only way past, and after it no
 * client order id is ever sent twice and the journal verifies and replays identical.
 */
@Tag("slow")
class JournalIntegrityTest
{
    @TempDir
    static Path dir;

    private static Path recorded;

    @BeforeAll
    static void recordASession() throws Exception
    {
        recorded = dir.resolve("recorded/data");
        final Configuration config = new ConfigLoader().load(config("recorded"));
        final EngineRunner session = new EngineRunner(config, new SystemEpochNanoClock());
        session.start();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (session.engine().counters().get(EngineCounters.FILLS) < 40 && System.nanoTime() < deadlineNs)
        {
            Thread.sleep(20);
        }
        assertTrue(session.stop());
        assertTrue(session.engine().counters().get(EngineCounters.FILLS) >= 40, "the session filled orders");
    }

    /**
     * config/paper.yaml made fast and self-contained: a data directory beside it ({@code <name>/data}), no admin
     * server, no sink. The text is the same for every copy (the journal's header holds its digest).
     */
    private static Path config(final String name) throws Exception
    {
        String yaml = TestConfigs.paper();
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: data");
        yaml = edit(yaml, "ratePerSecond: 3000", "ratePerSecond: 20000");
        yaml = edit(yaml, "fastPeriod: 20", "fastPeriod: 5");
        yaml = edit(yaml, "slowPeriod: 80", "slowPeriod: 20");
        yaml = edit(yaml, "  postgres:\n    enabled: true", "  postgres:\n    enabled: false");
        yaml = edit(yaml, "admin:\n  enabled: true", "admin:\n  enabled: false");
        Files.createDirectories(dir.resolve(name));
        return TestConfigs.write(dir.resolve(name).resolve("easyquant.yaml"), yaml);
    }

    /**
     * A copy of the recorded session's data directory with its own configuration.
     */
    private static Path copy(final String name) throws Exception
    {
        final Path target = dir.resolve(name).resolve("data");
        try (Stream<Path> files = Files.walk(recorded))
        {
            for (final Path source : (Iterable<Path>)files::iterator)
            {
                if (source.getFileName().toString().equals(EngineRunner.LOCK_FILE))
                {
                    continue;
                }
                final Path to = target.resolve(recorded.relativize(source).toString());
                if (Files.isDirectory(source))
                {
                    Files.createDirectories(to);
                }
                else
                {
                    Files.copy(source, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return config(name);
    }

    @Test
    void shouldRefuseABitFlippedInTheMiddleThenRepairWithoutReusingAnyId() throws Exception
    {
        final Path yaml = copy("flipped");
        final Path journal = dir.resolve("flipped/data/journal");
        final Located quote = locate(journal, nth(RecordType.QUOTE, count(journal, RecordType.QUOTE) / 2));
        final String stateBefore = state("flipped/data");
        final long highestJournaled = highestClOrdId(journal);
        flipByte(journal, quote.filePosition + QuoteCodec.BID_TICKS_OFFSET);

        final InProcess.Result run = InProcess.execute("run", "--config", yaml.toString(), "--duration", "1s");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("refusing to trade: " + journal + ": damaged journal: checksum mismatch at " +
            "index " + quote.index + " (0x" + Long.toHexString(quote.index) + ") in " + journal + "/"), run.err());
        assertTrue(run.err().contains(".cq4: stored "), run.err());
        assertTrue(run.err().contains("journal repair --journal " + journal + " --truncate-at " + quote.index),
            run.err());
        assertEquals(stateBefore, state("flipped/data"), "no state was written");
        final InProcess.Result verify = InProcess.execute("journal", "verify", "--journal", journal.toString());
        assertEquals(2, verify.exitCode());
        assertTrue(verify.err().contains("checksum mismatch at index " + quote.index), verify.err());

        final Set<Long> idsBefore = clOrdIdsAtVenue(dir.resolve("flipped/data/venue"));
        final InProcess.Result repair = InProcess.execute("journal", "repair", "--journal", journal.toString(),
            "--truncate-at", "0x" + Long.toHexString(quote.index));
        assertEquals(0, repair.exitCode(), repair.err());
        assertTrue(repair.out().contains("repaired: kept "), repair.out());
        assertEquals(0, InProcess.execute("journal", "verify", "--journal", journal.toString()).exitCode());
        try (Stream<Path> kept = Files.list(dir.resolve("flipped/data")))
        {
            assertEquals(1, kept.filter(path -> path.getFileName().toString().startsWith("journal.cut-")).count(),
                "the original is kept beside the journal");
        }

        final InProcess.Result again = InProcess.execute("run", "--config", yaml.toString(), "--duration", "3s");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(0, InProcess.execute("journal", "verify", "--journal", journal.toString()).exitCode());
        final List<Long> sent = new ArrayList<>(clOrdIdsAtVenue(dir.resolve("flipped/data/venue")));
        sent.removeAll(idsBefore);
        assertTrue(!sent.isEmpty(), "the repaired session traded");
        for (final long id : sent)
        {
            assertTrue(id > highestJournaled, "client order id " + id + " was used before the repair (up to " +
                highestJournaled + ")");
        }
        assertNoIdTwiceAtVenue(dir.resolve("flipped/data/venue"));
        final InProcess.Result replay = InProcess.execute("replay", "--journal", journal.toString(), "--verify");
        assertEquals(0, replay.exitCode(), replay.out() + replay.err());
        assertTrue(replay.out().endsWith("identical\n"), replay.out());
    }

    @Test
    void shouldRefuseAReplayThatDecidesOtherwiseThanTheJournalSays() throws Exception
    {
        final Path yaml = copy("halved");
        final Path journal = dir.resolve("halved/data/journal");
        // A quote early in the session, its bid halved and its checksum made to match: only the replay can tell.
        final Located quote = locate(journal, nth(RecordType.QUOTE, count(journal, RecordType.QUOTE) / 10));
        final UnsafeBuffer record = new UnsafeBuffer(quote.bytes);
        record.putLong(QuoteCodec.BID_TICKS_OFFSET, record.getLong(QuoteCodec.BID_TICKS_OFFSET) / 2);
        rewrite(journal, quote, quote.bytes);
        final String stateBefore = state("halved/data");
        final long lastIndexBefore = lastIndex(journal);
        assertEquals(0, InProcess.execute("journal", "verify", "--journal", journal.toString()).exitCode(),
            "the record checks: this is not damage to the bytes");

        final InProcess.Result run = InProcess.execute("run", "--config", yaml.toString(), "--duration", "1s");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("the recovery replay decided otherwise than the journal says"), run.err());
        assertTrue(run.err().contains("Nothing was written and no state was changed"), run.err());
        assertEquals(stateBefore, state("halved/data"), "the state maps were not overwritten");
        assertEquals(lastIndexBefore, lastIndex(journal), "nothing was appended");
        final InProcess.Result replay = InProcess.execute("replay", "--journal", journal.toString(), "--verify");
        assertEquals(1, replay.exitCode(), "replay --verify sees the same divergence: " + replay.out());
    }

    @Test
    void shouldRefuseAFillWhoseFeeChangedByOneUnit() throws Exception
    {
        final Path yaml = copy("fee");
        final Path journal = dir.resolve("fee/data/journal");
        final Located fill = locate(journal, nth(RecordType.EXECUTION_REPORT, 3));
        final UnsafeBuffer record = new UnsafeBuffer(fill.bytes);
        final ExecutionReportCodec report = new ExecutionReportCodec().wrap(record, 0);
        report.feeCash(report.feeCash() + 1);
        overwrite(journal, fill.filePosition, fill.bytes);

        final InProcess.Result run = InProcess.execute("run", "--config", yaml.toString(), "--duration", "1s");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("checksum mismatch at index " + fill.index), run.err());
        assertTrue(run.err().contains("a EXECUTION_REPORT record as it reads now"), run.err());
    }

    @Test
    void shouldRefuseACutLastRecordRatherThanReadZeros() throws Exception
    {
        final Path yaml = copy("cut");
        final Path journal = dir.resolve("cut/data/journal");
        final Located last = locate(journal, record -> true, true);
        final byte[] zeros = new byte[last.bytes.length - RecordHeader.LENGTH];
        overwrite(journal, last.filePosition + RecordHeader.LENGTH, zeros);

        final InProcess.Result run = InProcess.execute("run", "--config", yaml.toString(), "--duration", "1s");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("checksum mismatch at index " + last.index), run.err());
        final InProcess.Result replay = InProcess.execute("replay", "--journal", journal.toString(), "--verify");
        assertTrue(replay.exitCode() != 0, "replay --verify does not call it identical: " + replay.out());
        assertTrue(replay.err().contains("checksum mismatch"), replay.err());
    }

    @Test
    void shouldRefuseADamagedVenueLog() throws Exception
    {
        final Path yaml = copy("venue");
        final Path venue = dir.resolve("venue/data/venue");
        final Located report = locate(venue, nth(RecordType.EXECUTION_REPORT, 5));
        flipByte(venue, report.filePosition + RecordHeader.LENGTH + 8);

        final InProcess.Result run = InProcess.execute("run", "--config", yaml.toString(), "--duration", "1s");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(venue + ": damaged journal: checksum mismatch at index " + report.index),
            run.err());
    }

    @Test
    void shouldRefuseAJournalHeaderWhoseConfigurationWasChanged() throws Exception
    {
        final Path yaml = copy("header");
        final Path sidecar = dir.resolve("header/data/journal").resolve(Journal.HEADER_FILE);
        final byte[] bytes = Files.readAllBytes(sidecar);
        final int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("ratePerSecond: 20000");
        bytes[at + "ratePerSecond: ".length()] = '9';
        Files.write(sidecar, bytes);

        final InProcess.Result run = InProcess.execute("run", "--config", yaml.toString(), "--duration", "1s");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("the journal header is damaged"), run.err());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /**
     * A record as journaled: its index, its bytes, and where they sit in the queue file.
     */
    private record Located(long index, byte[] bytes, Path file, long filePosition)
    {
    }

    private static Predicate<UnsafeBuffer> nth(final RecordType type, final long n)
    {
        final long[] seen = {0};
        return record -> RecordHeader.templateId(record, 0) == type.code() && seen[0]++ == n;
    }

    private static long count(final Path journal, final RecordType type) throws Exception
    {
        long count = 0;
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        try (Journal opened = Journal.openForReading(journal); JournalReader reader = opened.newReader())
        {
            while (reader.next(record) > 0)
            {
                if (RecordHeader.templateId(record, 0) == type.code())
                {
                    count++;
                }
            }
        }
        return count;
    }

    private static Located locate(final Path journal, final Predicate<UnsafeBuffer> which) throws Exception
    {
        return locate(journal, which, false);
    }

    private static Located locate(final Path journal, final Predicate<UnsafeBuffer> which, final boolean last)
        throws Exception
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        byte[] found = null;
        long index = -1;
        try (Journal opened = Journal.openForReading(journal); JournalReader reader = opened.newReader())
        {
            int length;
            while ((length = reader.next(record)) > 0)
            {
                if (which.test(record))
                {
                    found = new byte[length];
                    record.getBytes(0, found);
                    index = reader.index();
                    if (!last)
                    {
                        break;
                    }
                }
            }
        }
        assertTrue(found != null, "no such record in " + journal);
        final Path file = queueFile(journal);
        return new Located(index, found, file, find(Files.readAllBytes(file), found));
    }

    private static Path queueFile(final Path journal) throws IOException
    {
        try (Stream<Path> files = Files.list(journal))
        {
            final List<Path> queues = files.filter(file -> file.toString().endsWith(".cq4")).sorted().toList();
            assertEquals(1, queues.size(), "one roll cycle: " + queues);
            return queues.get(0);
        }
    }

    private static long find(final byte[] content, final byte[] pattern)
    {
        outer:
        for (int i = 0; i + pattern.length <= content.length; i++)
        {
            for (int j = 0; j < pattern.length; j++)
            {
                if (content[i + j] != pattern[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("record not found in its queue file");
    }

    private static void flipByte(final Path journal, final long position) throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(queueFile(journal).toFile(), "rw"))
        {
            file.seek(position);
            final int value = file.read();
            file.seek(position);
            file.write(value ^ 0x01);
        }
    }

    private static void overwrite(final Path journal, final long position, final byte[] bytes) throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(queueFile(journal).toFile(), "rw"))
        {
            file.seek(position);
            file.write(bytes);
        }
    }

    /**
     * Overwrite a record and its checksum, as a deliberate edit would: it still checks.
     */
    private static void rewrite(final Path journal, final Located record, final byte[] bytes) throws IOException
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        final int checksum = (int)crc.getValue();
        final byte[] withChecksum = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, withChecksum, 0, bytes.length);
        for (int i = 0; i < 4; i++)
        {
            withChecksum[bytes.length + i] = (byte)(checksum >>> (8 * i));
        }
        overwrite(journal, record.filePosition, withChecksum);
    }

    private static String state(final String name)
    {
        final InProcess.Result state = InProcess.execute("state", "--data", dir.resolve(name).toString(), "--json");
        assertEquals(0, state.exitCode(), state.err());
        return state.out();
    }

    private static long lastIndex(final Path journal) throws Exception
    {
        try (Journal opened = Journal.openForReading(journal))
        {
            return opened.lastIndex();
        }
    }

    private static long highestClOrdId(final Path journal) throws Exception
    {
        long highest = 0;
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        final OrderCodec order = new OrderCodec();
        try (Journal opened = Journal.openForReading(journal); JournalReader reader = opened.newReader())
        {
            while (reader.next(record) > 0)
            {
                if (RecordHeader.templateId(record, 0) == RecordType.ORDER.code())
                {
                    highest = Math.max(highest, order.<OrderCodec>wrap(record, 0).clOrdId());
                }
            }
        }
        return highest;
    }

    private static Set<Long> clOrdIdsAtVenue(final Path venue) throws Exception
    {
        return new HashSet<>(ordersAtVenue(venue));
    }

    private static List<Long> ordersAtVenue(final Path venue) throws Exception
    {
        final List<Long> ids = new ArrayList<>();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        final OrderCodec order = new OrderCodec();
        try (Journal opened = Journal.openForReading(venue); JournalReader reader = opened.newReader())
        {
            while (reader.next(record) > 0)
            {
                if (RecordHeader.templateId(record, 0) == RecordType.ORDER.code())
                {
                    ids.add(order.<OrderCodec>wrap(record, 0).clOrdId());
                }
            }
        }
        return ids;
    }

    private static void assertNoIdTwiceAtVenue(final Path venue) throws Exception
    {
        final List<Long> ids = ordersAtVenue(venue);
        assertEquals(ids.size(), new HashSet<>(ids).size(), "a client order id reached the venue twice");
    }
}
