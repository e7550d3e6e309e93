package io.easyquant.ops.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code easyquant journal dump}: one line per record, its journal index then the formatted record; {@code --from}
 * counts records of any type, {@code --type} filters, {@code --limit} caps the lines printed.
 */
class JournalDumpCommandTest
{
    private static final String QUOTE_0 = "#1 2024-01-02T03:04:05.000000000Z QUOTE src=100 instrument=1 " +
        "bid=6000000x25 ask=6000002x30 sourceTime=2024-01-02T03:04:04.999000000Z";
    private static final String TRADE_1 = "#2 2024-01-02T03:04:05.001000000Z TRADE src=100 instrument=1 " +
        "price=6000001 qty=5 aggressor=BUY tradeId=1 sourceTime=2024-01-02T03:04:05.000000000Z";
    private static final String ORDER_3 = "#3 2024-01-02T03:04:05.002000000Z ORDER src=0 clOrdId=1 intent=1 " +
        "instrument=1 side=BUY type=MARKET qty=5 price=0 cause=3";
    private static final String FILL_4 = "#4 2024-01-02T03:04:05.003000000Z EXECUTION_REPORT src=10 clOrdId=1 " +
        "execId=1 instrument=1 execType=FILL side=BUY last=6000002x5 leaves=0 cum=5 fee=150 rejectReason=0 " +
        "venueTime=2024-01-02T03:04:05.002500000Z";

    @TempDir
    Path dir;

    @Test
    void shouldPrintEveryRecordWithItsJournalIndex() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final SampleJournal sample = SampleJournal.write(journal);

        final InProcess.Result result = InProcess.execute("journal", "dump", "--journal", journal.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        final List<String> lines = result.out().lines().toList();
        assertEquals(7, lines.size(), result.out());
        assertEquals(sample.index(0) + " " + QUOTE_0, lines.get(0));
        assertEquals(sample.index(1) + " " + TRADE_1, lines.get(1));
        assertEquals(sample.index(3) + " " + ORDER_3, lines.get(3));
        assertEquals(sample.index(4) + " " + FILL_4, lines.get(4));
        for (int i = 0; i < lines.size(); i++)
        {
            assertTrue(lines.get(i).startsWith(sample.index(i) + " #"), lines.get(i));
        }
    }

    @Test
    void shouldStartAtTheNthRecordAndStopAfterTheLimit() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final SampleJournal sample = SampleJournal.write(journal);

        final InProcess.Result result = InProcess.execute(
            "journal", "dump", "--journal", journal.toString(), "--from", "1", "--limit", "3");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(sample.index(1) + " " + TRADE_1 + "\n" +
            sample.index(2) + " #3 2024-01-02T03:04:05.002000000Z QUOTE src=100 instrument=2 bid=300000x10 " +
            "ask=300005x12 sourceTime=2024-01-02T03:04:05.001000000Z\n" +
            sample.index(3) + " " + ORDER_3 + "\n", result.out());
    }

    @Test
    void shouldPrintOnlyTheTypesAskedForCaseInsensitively() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final SampleJournal sample = SampleJournal.write(journal);

        final InProcess.Result result = InProcess.execute(
            "journal", "dump", "--journal", journal.toString(), "--type", "order,EXECUTION_report");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(sample.index(3) + " " + ORDER_3 + "\n" + sample.index(4) + " " + FILL_4 + "\n", result.out());
    }

    @Test
    void shouldCountFromOverAllRecordsAndLimitTheMatchingOnes() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final SampleJournal sample = SampleJournal.write(journal);

        final InProcess.Result fromSecondQuote = InProcess.execute(
            "journal", "dump", "--journal", journal.toString(), "--type", "quote", "--from", "2");
        final InProcess.Result firstTwoTrades = InProcess.execute(
            "journal", "dump", "--journal", journal.toString(), "--type", "trade", "--type", "quote", "--limit", "2");
        final InProcess.Result none = InProcess.execute(
            "journal", "dump", "--journal", journal.toString(), "--limit", "0");
        final InProcess.Result pastTheEnd = InProcess.execute(
            "journal", "dump", "--journal", journal.toString(), "--from", "7");

        assertEquals(List.of(sample.index(2), sample.index(6)), indexes(fromSecondQuote.out()));
        assertEquals(List.of(sample.index(0), sample.index(1)), indexes(firstTwoTrades.out()));
        assertEquals("", none.out());
        assertEquals(0, none.exitCode());
        assertEquals("", pastTheEnd.out());
        assertEquals(0, pastTheEnd.exitCode());
    }

    @Test
    void shouldRejectAnUnknownTypeListingTheValidNames() throws Exception
    {
        final Path journal = dir.resolve("journal");
        SampleJournal.write(journal);

        final InProcess.Result result = InProcess.execute(
            "journal", "dump", "--journal", journal.toString(), "--type", "order,fill");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("Invalid value for option '--type' (T): 'fill' is not a record type; " +
            "expected one or more of trade, quote, bar, book_state, book_depth, signal, order_intent, risk_decision, " +
            "order, cancel, trading_state_change, execution_report, admin_command, timer_tick, market_data_dropped, " +
            "sequence_skip, comma-separated\n"), result.err());
        assertEquals("", result.out());
        assertNoStackTrace(result.err());
    }

    @Test
    void shouldRejectANegativeFromOrLimit() throws Exception
    {
        final Path journal = dir.resolve("journal");
        SampleJournal.write(journal);

        final InProcess.Result from = InProcess.execute("journal", "dump", "--journal", journal.toString(),
            "--from", "-1");
        final InProcess.Result limit = InProcess.execute("journal", "dump", "--journal", journal.toString(),
            "--limit", "-5");

        assertEquals(2, from.exitCode());
        assertTrue(from.err().startsWith("--from: expected a record count >= 0, got -1\n"), from.err());
        assertEquals(2, limit.exitCode());
        assertTrue(limit.err().startsWith("--limit: expected a record count >= 0, got -5\n"), limit.err());
    }

    @Test
    void shouldRejectAMissingDirectory()
    {
        final Path missing = dir.resolve("no-such-journal");

        final InProcess.Result result = InProcess.execute("journal", "dump", "--journal", missing.toString());

        assertEquals(2, result.exitCode());
        assertEquals("error: " + missing + ": no journal here (expected a directory of .cq4 files)\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void shouldStopAtDamageAndSayWhereOnStandardError() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final String damagedIndex;
        try (SampleJournal sample = SampleJournal.create(journal))
        {
            sample.quote(1, SampleJournal.T0_NS, 1, 6_000_000, 25, 6_000_002, 30);
            sample.damaged();
            sample.trade(2, SampleJournal.T0_NS + SampleJournal.MS, 1, 6_000_001, 5, (byte)1, 1);
            damagedIndex = sample.index(1);
        }

        final InProcess.Result result = InProcess.execute("journal", "dump", "--journal", journal.toString());

        assertEquals(2, result.exitCode(), result.err());
        assertEquals(1, result.out().lines().count(), "nothing at or after the damage is printed: " + result.out());
        assertTrue(result.out().contains(" " + QUOTE_0 + "\n"), result.out());
        assertTrue(result.err().startsWith("error: " + journal + ": damaged journal: checksum mismatch at index " +
            Long.decode(damagedIndex)), result.err());
    }

    @Test
    void shouldStopQuietlyWhenTheReaderOfTheOutputHasGone() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (SampleJournal sample = SampleJournal.create(journal))
        {
            for (int i = 0; i < 5_000; i++)
            {
                sample.quote(i, SampleJournal.T0_NS + i, 1, 100, 1, 101, 1);
            }
        }
        final ClosedPipe pipe = new ClosedPipe();

        final InProcess.Result result = InProcess.execute(
            new PrintStream(pipe, false, StandardCharsets.UTF_8), "journal", "dump", "--journal", journal.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        // The dump is some 700 KB; it stops after the first chunk it could not write.
        assertTrue(pipe.bytesRefused > 0 && pipe.bytesRefused <= LineOutput.CHUNK_CHARS + 1024,
            "bytes written after the reader had gone: " + pipe.bytesRefused);
    }

    private static List<String> indexes(final String out)
    {
        return out.lines().map(line -> line.substring(0, line.indexOf(' '))).toList();
    }

    /**
     * Standard output whose reader has gone: every write fails, as a write to a closed pipe does.
     */
    private static final class ClosedPipe extends OutputStream
    {
        long bytesRefused;

        @Override
        public void write(final int b) throws IOException
        {
            bytesRefused++;
            throw new IOException("Broken pipe");
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException
        {
            bytesRefused += length;
            throw new IOException("Broken pipe");
        }
    }
}
