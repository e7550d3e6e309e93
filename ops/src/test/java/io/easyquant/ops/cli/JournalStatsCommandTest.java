package io.easyquant.ops.cli;

import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code easyquant journal stats}: the header, records by type and their totals, first and last record time and
 * index, the damage found (if any) and size, as aligned lines; bad journals exit 2 with one error line.
 */
class JournalStatsCommandTest
{
    private static final Pattern SIZE_LINE =
        Pattern.compile("size on disk        \\d+\\.\\d [KMG]iB \\((\\d+) bytes\\)\n");

    @TempDir
    Path dir;

    @Test
    void shouldSummariseTheHeaderAndTheRecordsByType() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final SampleJournal sample = SampleJournal.write(journal);

        final InProcess.Result result = InProcess.execute("journal", "stats", "--journal", journal.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        assertEquals(
            "journal             " + journal + "\n" +
            "kind                live\n" +
            "engine version      test\n" +
            "format version      2\n" +
            "config digest       " + JournalHeader.digest("x: 1\n") + "\n" +
            "records             7\n" +
            "  TRADE             2\n" +
            "  QUOTE             3\n" +
            "  BAR               0\n" +
            "  BOOK_STATE        0\n" +
            "  BOOK_DEPTH        0\n" +
            "  SIGNAL            0\n" +
            "  ORDER_INTENT      0\n" +
            "  RISK_DECISION     0\n" +
            "  ORDER             1\n" +
            "  CANCEL            0\n" +
            "  TRADING_STATE_CHANGE 0\n" +
            "  EXECUTION_REPORT  1\n" +
            "  ADMIN_COMMAND     0\n" +
            "  TIMER_TICK        0\n" +
            "  MARKET_DATA_DROPPED 0\n" +
            "  SEQUENCE_SKIP     0\n" +
            "  inputs            6\n" +
            "  outputs           1\n" +
            "first time          2024-01-02T03:04:05.000000000Z\n" +
            "last time           2024-01-02T03:04:05.005000000Z\n" +
            "first index         " + sample.index(0) + "\n" +
            "last index          " + sample.index(6) + "\n" +
            "damage              none found\n",
            withoutSizeLine(result.out()));
        assertEquals(sizeOfFiles(journal), sizeInBytes(result.out()));
    }

    @Test
    void shouldRightAlignCountsStopAtDamageAndNameTheSourceJournal() throws Exception
    {
        final Path journal = dir.resolve("backtest");
        try (SampleJournal sample = SampleJournal.create(
            journal, JournalHeader.of("backtest", "test", "x: 1\n", "data/paper/journal")))
        {
            for (int i = 0; i < 12; i++)
            {
                sample.quote(i, SampleJournal.T0_NS + i * SampleJournal.MS, 1, 100, 1, 101, 1);
            }
            sample.damaged();
            sample.trade(12, SampleJournal.T0_NS + 12 * SampleJournal.MS, 1, 100, 1, (byte)1, 1);
        }

        final InProcess.Result result = InProcess.execute("journal", "stats", "--journal", journal.toString());
        final String out = result.out();

        assertEquals(2, result.exitCode(), "damage exits 2: " + result.err());
        assertTrue(result.err().contains("checksum mismatch at index"), result.err());
        assertTrue(out.contains("kind                backtest\n"), out);
        assertTrue(out.contains("source journal      data/paper/journal\n"), out);
        assertTrue(out.contains(
            "records             12\n" +
            "  TRADE              0\n" +
            "  QUOTE             12\n" +
            "  BAR                0\n"), out);
        assertTrue(out.contains("  inputs            12\n  outputs            0\n"), out);
        assertTrue(out.contains("last time           2024-01-02T03:04:05.011000000Z\n"), out);
        assertTrue(out.contains("damage              checksum mismatch at index 0x"), out);
    }

    @Test
    void shouldShowAJournalWithNoRecords() throws Exception
    {
        final Path journal = dir.resolve("journal");
        SampleJournal.create(journal).close();

        final InProcess.Result result = InProcess.execute("journal", "stats", "--journal", journal.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("records             0\n  TRADE             0\n"), result.out());
        assertTrue(result.out().contains(
            "first time          -\n" +
            "last time           -\n" +
            "first index         -\n" +
            "last index          -\n" +
            "damage              none found\n"), result.out());
    }

    @Test
    void shouldRejectAMissingDirectory()
    {
        final Path missing = dir.resolve("no-such-journal");

        final InProcess.Result result = InProcess.execute("journal", "stats", "--journal", missing.toString());

        assertEquals(2, result.exitCode());
        assertEquals("error: " + missing + ": no journal here (expected a directory of .cq4 files)\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void shouldRejectADirectoryThatIsNotAJournal() throws Exception
    {
        final Path notAJournal = Files.createDirectories(dir.resolve("not-a-journal"));
        Files.writeString(notAJournal.resolve("20240102F.cq4"), "not a queue file");

        final InProcess.Result result = InProcess.execute("journal", "stats", "--journal", notAJournal.toString());

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("error: " + notAJournal + ": cannot read the journal: "), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertNoStackTrace(result.err());
    }

    @Test
    void shouldRejectAnUnknownFormatVersion() throws Exception
    {
        final Path journal = dir.resolve("journal");
        SampleJournal.write(journal);
        final JournalHeader future = new JournalHeader(99, "live", "9", SampleJournal.HEADER.configDigest(), "", "");
        Files.write(journal.resolve(Journal.HEADER_FILE), future.toBytes());

        final InProcess.Result result = InProcess.execute("journal", "stats", "--journal", journal.toString());

        assertEquals(2, result.exitCode());
        assertEquals("error: " + journal + ": journal format version 99 is not supported; this engine reads " +
            "versions 1 to 2\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void shouldRequireTheJournalOption()
    {
        final InProcess.Result result = InProcess.execute("journal", "stats");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("Missing required option: '--journal=DIR'"), result.err());
        assertTrue(result.err().contains("Usage: easyquant journal stats"), result.err());
    }

    @Test
    void shouldRequireASubcommand()
    {
        final InProcess.Result result = InProcess.execute("journal");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("a subcommand is required: stats, dump"), result.err());
        assertNoStackTrace(result.err());
    }

    private static String withoutSizeLine(final String out)
    {
        final Matcher matcher = SIZE_LINE.matcher(out);
        assertTrue(matcher.find() && matcher.end() == out.length(), "no size line at the end of:\n" + out);
        return out.substring(0, matcher.start());
    }

    private static long sizeInBytes(final String out)
    {
        final Matcher matcher = SIZE_LINE.matcher(out);
        assertTrue(matcher.find(), out);
        return Long.parseLong(matcher.group(1));
    }

    private static long sizeOfFiles(final Path directory)
    {
        long size = 0;
        for (final File file : directory.toFile().listFiles())
        {
            size += file.length();
        }
        return size;
    }
}
