package io.easyquant.ops.cli;

import io.easyquant.journal.codec.RecordFormatter;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.journal.queue.JournalReader;
import io.easyquant.ops.Main;
import io.easyquant.ops.TestConfigs;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code import} in process through {@link Main#execute}: the audit's counts and rejects file, the journal written
 * (read back record by record), instrument selection, and the usage errors that stop it before anything is written.
 * The configuration is {@link TestConfigs#MINIMAL}: BTC-USD (id 1, tick 0.01, lot 0.0001) and ETH-USD (id 2, tick
 * 0.01, lot 0.001).
 */
class ImportCommandTest
{
    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void writeConfiguration()
    {
        config = TestConfigs.write(dir.resolve("config.yaml"), TestConfigs.MINIMAL);
    }

    @Test
    void shouldCountEveryRejectReasonAndWriteEachRejectedLine() throws Exception
    {
        final Path csv = write("trades.csv",
            "timestamp,symbol,price,size,side",                          // 1
            "2024-01-01T00:00:00Z,BTC-USD,42000.50,0.5,buy",             // 2  imported #1
            "2024-01-01T00:00:00Z,ETH-USD,2200.10,1.5,sell",             // 3  imported #2
            "2024-01-01T00:00:01Z,BTC-USD,42000.50,0.5",                 // 4  wrong_column_count
            "2024-01-01 00:00:02,BTC-USD,42000.50,0.5,buy",              // 5  bad_timestamp
            "2024-01-01T00:00:02Z,DOGE-USD,0.08,100,buy",                // 6  unknown_symbol
            "2024-01-01T00:00:02Z,BTC-USD,4200O.50,0.5,buy",             // 7  bad_number
            "2024-01-01T00:00:02Z,BTC-USD,42000.505,0.5,buy",            // 8  not_a_tick_multiple
            "2024-01-01T00:00:02Z,BTC-USD,42000.50,0.00005,buy",         // 9  not_a_lot_multiple
            "2024-01-01T00:00:02Z,BTC-USD,0,0.5,buy",                    // 10 non_positive_price
            "2024-01-01T00:00:02Z,BTC-USD,42000.50,-0.5,buy",            // 11 negative_size
            "2024-01-01T00:00:02Z,BTC-USD,42000.50,0.5,hold",            // 12 bad_side
            "",                                                          // 13 blank
            "2024-01-01T00:00:00Z,BTC-USD,42000.50,0.5,buy",             // 14 duplicate of 2
            "2024-01-01T00:00:00Z,BTC-USD,42000.50,0.5,sell",            // 15 imported #3: same time, other side
            "2024-01-01T00:10:00Z,ETH-USD,2201.00,1,buy",                // 16 imported #4 after a 10m gap
            "2024-01-01T00:00:05Z,ETH-USD,2200.20,1,buy",                // 17 out_of_order: before 16
            "2024-01-01T00:00:05Z,BTC-USD,42001.00,0.25,\"buy\"",        // 18 bad_side, quotes in the raw line
            "1704067206000,BTC-USD,42001.00,0.25,b");                    // 19 imported #5 (epoch ms, 00:00:06)
        final Path journal = dir.resolve("data").resolve("trades");

        final Result result = execute("import", "--csv", csv.toString(), "--journal", journal.toString(),
            "--config", config.toString());

        final Path rejects = dir.resolve("data").resolve("trades-rejects.csv");
        assertEquals(0, result.exitCode, result.err);
        assertEquals("", result.err);
        assertEquals(
            "imported 5 records (trades) into " + journal + ": 2024-01-01T00:00:00Z .. 2024-01-01T00:10:00Z\n" +
            "  BTC-USD 3 records: 2024-01-01T00:00:00Z .. 2024-01-01T00:00:06Z\n" +
            "  ETH-USD 2 records: 2024-01-01T00:00:00Z .. 2024-01-01T00:10:00Z\n" +
            "rejected 12: wrong_column_count 1, bad_timestamp 1, unknown_symbol 1, bad_number 1, " +
            "not_a_tick_multiple 1, not_a_lot_multiple 1, non_positive_price 1, negative_size 1, bad_side 2, " +
            "duplicate 1, out_of_order 1 (written to " + rejects + " with line numbers)\n" +
            "skipped: blank 1, other_instrument 0\n" +
            "gaps longer than 5m: 1\n" +
            "  line 16 ETH-USD 2024-01-01T00:10:00Z after 10m\n",
            result.out);
        assertEquals(List.of(
            "line,reason,message,raw",
            "4,wrong_column_count,\"line 4: expected 5 columns (timestamp,symbol,price,size,side), got 4\"," +
                "\"2024-01-01T00:00:01Z,BTC-USD,42000.50,0.5\"",
            "5,bad_timestamp,\"line 5, column timestamp: '2024-01-01 00:00:02' is not epoch milliseconds or an " +
                "ISO-8601 UTC time such as 2024-01-02T03:04:05Z, from 1970 to 2262\"," +
                "\"2024-01-01 00:00:02,BTC-USD,42000.50,0.5,buy\"",
            "6,unknown_symbol,\"line 6, column symbol: 'DOGE-USD' is not a configured instrument\"," +
                "\"2024-01-01T00:00:02Z,DOGE-USD,0.08,100,buy\"",
            "7,bad_number,\"line 7, column price: '4200O.50' is not a decimal number\"," +
                "\"2024-01-01T00:00:02Z,BTC-USD,4200O.50,0.5,buy\"",
            "8,not_a_tick_multiple,\"line 8, column price: '42000.505' is not a whole number of ticks of 0.01\"," +
                "\"2024-01-01T00:00:02Z,BTC-USD,42000.505,0.5,buy\"",
            "9,not_a_lot_multiple,\"line 9, column size: '0.00005' is not a whole number of lots of 0.0001\"," +
                "\"2024-01-01T00:00:02Z,BTC-USD,42000.50,0.00005,buy\"",
            "10,non_positive_price,\"line 10, column price: '0' is not a positive price\"," +
                "\"2024-01-01T00:00:02Z,BTC-USD,0,0.5,buy\"",
            "11,negative_size,\"line 11, column size: '-0.5' is a negative size\"," +
                "\"2024-01-01T00:00:02Z,BTC-USD,42000.50,-0.5,buy\"",
            "12,bad_side,\"line 12, column side: 'hold' is not buy, sell, B or S\"," +
                "\"2024-01-01T00:00:02Z,BTC-USD,42000.50,0.5,hold\"",
            "14,duplicate,\"line 14: duplicate of line 2: BTC-USD at 2024-01-01T00:00:00Z with the same values\"," +
                "\"2024-01-01T00:00:00Z,BTC-USD,42000.50,0.5,buy\"",
            "17,out_of_order,\"line 17: out of order: ETH-USD at 2024-01-01T00:00:05Z is before the row of line 16 " +
                "at 2024-01-01T00:10:00Z\",\"2024-01-01T00:00:05Z,ETH-USD,2200.20,1,buy\"",
            "18,bad_side,\"line 18, column side: '\"\"buy\"\"' is not buy, sell, B or S\"," +
                "\"2024-01-01T00:00:05Z,BTC-USD,42001.00,0.25,\"\"buy\"\"\""),
            Files.readAllLines(rejects));
        assertEquals(List.of(
            "#1 2024-01-01T00:00:00.000000000Z TRADE src=100 instrument=1 price=4200050 qty=5000 aggressor=BUY " +
                "tradeId=2 sourceTime=2024-01-01T00:00:00.000000000Z",
            "#2 2024-01-01T00:00:00.000000000Z TRADE src=100 instrument=2 price=220010 qty=1500 aggressor=SELL " +
                "tradeId=3 sourceTime=2024-01-01T00:00:00.000000000Z",
            "#3 2024-01-01T00:00:00.000000000Z TRADE src=100 instrument=1 price=4200050 qty=5000 aggressor=SELL " +
                "tradeId=15 sourceTime=2024-01-01T00:00:00.000000000Z",
            "#4 2024-01-01T00:10:00.000000000Z TRADE src=100 instrument=2 price=220100 qty=1000 aggressor=BUY " +
                "tradeId=16 sourceTime=2024-01-01T00:10:00.000000000Z",
            "#5 2024-01-01T00:00:06.000000000Z TRADE src=100 instrument=1 price=4200100 qty=2500 aggressor=BUY " +
                "tradeId=19 sourceTime=2024-01-01T00:00:06.000000000Z"),
            records(journal));
        final JournalHeader header = header(journal);
        assertEquals("import", header.kind());
        assertEquals(BuildInfo.version(), header.engineVersion());
        assertEquals(TestConfigs.MINIMAL, header.configText());
        assertEquals("", header.sourceJournal());
    }

    @Test
    void shouldRejectAFarFutureRowAndAHugeFieldAndConvertOffsetsToUtc() throws Exception
    {
        final String huge = "1".repeat(16 * 1024 * 1024);
        final Path csv = write("trades.csv",
            "timestamp,symbol,price,size,side",                          // 1
            "2024-01-01T00:00:00Z,BTC-USD,42000.50,0.5,buy",             // 2  imported #1
            "2099-01-01T00:00:00Z,BTC-USD,42000.50,0.5,buy",             // 3  time_jump: the mark stays at line 2
            "2024-01-01T02:00:01+02:00,BTC-USD,42001.00,0.5,buy",        // 4  imported #2 at 00:00:01Z
            "2024-01-01T00:00:02Z,BTC-USD,42001.00," + huge + ",buy",    // 5  field_too_long
            "2023-12-31T19:00:03-05:00,BTC-USD,42001.00,0.25,sell");     // 6  imported #3 at 00:00:03Z
        final Path journal = dir.resolve("data").resolve("trades");

        final Result result = execute("import", "--csv", csv.toString(), "--journal", journal.toString(),
            "--config", config.toString());

        final Path rejects = dir.resolve("data").resolve("trades-rejects.csv");
        assertEquals(0, result.exitCode, result.err);
        assertEquals(
            "imported 3 records (trades) into " + journal + ": 2024-01-01T00:00:00Z .. 2024-01-01T00:00:03Z\n" +
            "rejected 2: field_too_long 1, time_jump 1 (written to " + rejects + " with line numbers)\n" +
            "gaps longer than 5m: 0\n",
            result.out);
        final List<String> rejected = Files.readAllLines(rejects);
        assertEquals(3, rejected.size());
        assertEquals("3,time_jump,\"line 3: time jump: BTC-USD at 2099-01-01T00:00:00Z is more than 2592000000 ms " +
            "(maxTimeJumpMs) after the row of line 2 at 2024-01-01T00:00:00Z\",\"2099-01-01T00:00:00Z,BTC-USD," +
            "42000.50,0.5,buy\"", rejected.get(1));
        assertTrue(rejected.get(2).startsWith("5,field_too_long,\"line 5, column size: '1111111111111111...' has " +
            "16777216 characters; expected at most 64\","), rejected.get(2).substring(0, 200));
        assertEquals(List.of(
            "#1 2024-01-01T00:00:00.000000000Z TRADE src=100 instrument=1 price=4200050 qty=5000 aggressor=BUY " +
                "tradeId=2 sourceTime=2024-01-01T00:00:00.000000000Z",
            "#2 2024-01-01T00:00:01.000000000Z TRADE src=100 instrument=1 price=4200100 qty=5000 aggressor=BUY " +
                "tradeId=4 sourceTime=2024-01-01T00:00:01.000000000Z",
            "#3 2024-01-01T00:00:03.000000000Z TRADE src=100 instrument=1 price=4200100 qty=2500 aggressor=SELL " +
                "tradeId=6 sourceTime=2024-01-01T00:00:03.000000000Z"),
            records(journal));
    }

    @Test
    void shouldImportOnlyTheNamedInstrumentAndSkipTheOthersWithoutJudgingThem() throws Exception
    {
        final Path csv = write("quotes.csv",
            "timestamp,symbol,bid,bid_size,ask,ask_size",                // 1
            "1704067200000,BTC-USD,42000.00,0.5,42000.50,0.25",          // 2  imported #1
            "1704067200000,ETH-USD,2200.00,1,2200.10,1",                 // 3  other instrument
            "1704067200000,ETH-USD,oops,1,2200.10,1",                    // 4  other instrument, malformed
            "1704067200000, DOGE-USD ,0.08,100,0.09,100",                // 5  other instrument, not configured
            "1704067200000,BTC-USD,42000.00,0.5,42000.50,0.25",          // 6  duplicate of 2
            "1704067200000,BTC-USD,42000.10,0.5,42000.50,0.25",          // 7  imported #2: same time, new bid
            "1704067201000,BTC-USD,42001.00,0.5,42000.50,0.25",          // 8  crossed_quote
            "1704067199000,BTC-USD,42000.10,0.5,42000.50,0.25",          // 9  out_of_order: before 7
            "garbage",                                                   // 10 wrong_column_count
            "1704067201000, BTC-USD ,42000.20,0.5,42000.20,0.25");       // 11 imported #3: locked, after 1s
        final Path journal = dir.resolve("quotes");
        final Path rejects = dir.resolve("audit").resolve("quotes-bad.csv");

        final Result result = execute("import", "--csv", csv.toString(), "--journal", journal.toString(),
            "--config", config.toString(), "--instrument", "BTC-USD", "--max-gap", "500ms",
            "--rejects", rejects.toString());

        assertEquals(0, result.exitCode, result.err);
        assertEquals("", result.err);
        assertEquals(
            "imported 3 records (quotes) into " + journal + ": 2024-01-01T00:00:00Z .. 2024-01-01T00:00:01Z\n" +
            "rejected 4: wrong_column_count 1, crossed_quote 1, duplicate 1, out_of_order 1 (written to " + rejects +
            " with line numbers)\n" +
            "skipped: blank 0, other_instrument 3\n" +
            "gaps longer than 500ms: 1\n" +
            "  line 11 BTC-USD 2024-01-01T00:00:01Z after 1s\n",
            result.out);
        assertEquals(List.of(
            "line,reason,message,raw",
            "6,duplicate,\"line 6: duplicate of line 2: BTC-USD at 2024-01-01T00:00:00Z with the same values\"," +
                "\"1704067200000,BTC-USD,42000.00,0.5,42000.50,0.25\"",
            "8,crossed_quote,\"line 8, columns bid,ask: crossed quote, bid 42001.00 above ask 42000.50\"," +
                "\"1704067201000,BTC-USD,42001.00,0.5,42000.50,0.25\"",
            "9,out_of_order,\"line 9: out of order: BTC-USD at 2023-12-31T23:59:59Z is before the row of line 7 at " +
                "2024-01-01T00:00:00Z\",\"1704067199000,BTC-USD,42000.10,0.5,42000.50,0.25\"",
            "10,wrong_column_count,\"line 10: expected 6 columns (timestamp,symbol,bid,bid_size,ask,ask_size), " +
                "got 1\",\"garbage\""),
            Files.readAllLines(rejects));
        assertEquals(List.of(
            "#1 2024-01-01T00:00:00.000000000Z QUOTE src=100 instrument=1 bid=4200000x5000 ask=4200050x2500 " +
                "sourceTime=2024-01-01T00:00:00.000000000Z",
            "#2 2024-01-01T00:00:00.000000000Z QUOTE src=100 instrument=1 bid=4200010x5000 ask=4200050x2500 " +
                "sourceTime=2024-01-01T00:00:00.000000000Z",
            "#3 2024-01-01T00:00:01.000000000Z QUOTE src=100 instrument=1 bid=4200020x5000 ask=4200020x2500 " +
                "sourceTime=2024-01-01T00:00:01.000000000Z"),
            records(journal));
    }

    @Test
    void shouldSupplyTheNamedInstrumentToAFileWithoutASymbolColumn() throws Exception
    {
        final Path csv = write("eth-bars.csv",
            "timestamp,open,high,low,close,volume,duration_ms",                  // 1
            "2024-01-01T00:00:00Z,2200.00,2210.00,2190.00,2205.00,10,60000",     // 2 imported #1
            "2024-01-01T00:01:00Z,2205.00,2206.00,2200.00,2201.00,5.5,60000",    // 3 imported #2
            "2024-01-01T00:01:00Z,2205.00,2206.00,2200.00,2201.00,5.5,60000",    // 4 duplicate of 3
            "2024-01-01T00:01:00Z,2201.00,2202.00,2199.00,2200.00,3,60000",      // 5 out_of_order: a second bar
            "2024-01-01T00:02:00Z,2200.00,2199.00,2190.00,2195.00,3,60000",      // 6 inconsistent_bar
            "2024-01-01T00:02:00Z,ETH-USD,2200.00,2201.00,2190.00,2195.00,3,60000", // 7 wrong_column_count
            "2024-01-01T02:03:00Z,2200.00,2201.00,2190.00,2195.00,3,");          // 8 imported #3 after 2h2m
        final Path journal = dir.resolve("eth");

        final Result result = execute("import", "--csv", csv.toString(), "--journal", journal.toString(),
            "--config", config.toString(), "--instrument", "ETH-USD", "--quiet");

        final Path rejects = dir.resolve("eth-rejects.csv");
        assertEquals(0, result.exitCode, result.err);
        assertEquals("", result.err);
        assertEquals(
            "imported 3 records (bars) into " + journal + ": 2024-01-01T00:00:00Z .. 2024-01-01T02:03:00Z\n" +
            "rejected 4: wrong_column_count 1, inconsistent_bar 1, duplicate 1, out_of_order 1 (written to " +
            rejects + " with line numbers)\n" +
            "gaps longer than 5m: 1\n" +
            "  line 8 ETH-USD 2024-01-01T02:03:00Z after 2h2m\n",
            result.out);
        assertEquals(List.of(
            "line,reason,message,raw",
            "4,duplicate,\"line 4: duplicate of line 3: ETH-USD at 2024-01-01T00:01:00Z with the same values\"," +
                "\"2024-01-01T00:01:00Z,2205.00,2206.00,2200.00,2201.00,5.5,60000\"",
            "5,out_of_order,\"line 5: out of order: ETH-USD at 2024-01-01T00:01:00Z is not after the bar of line 3 " +
                "at 2024-01-01T00:01:00Z\",\"2024-01-01T00:01:00Z,2201.00,2202.00,2199.00,2200.00,3,60000\"",
            "6,inconsistent_bar,\"line 6, columns open,high,low,close: inconsistent bar, high 2199.00 below " +
                "max(open, close) 2200.00\",\"2024-01-01T00:02:00Z,2200.00,2199.00,2190.00,2195.00,3,60000\"",
            "7,wrong_column_count,\"line 7: expected 7 columns (timestamp,open,high,low,close,volume,duration_ms), " +
                "got 8\",\"2024-01-01T00:02:00Z,ETH-USD,2200.00,2201.00,2190.00,2195.00,3,60000\""),
            Files.readAllLines(rejects));
        assertEquals(List.of(
            "#1 2024-01-01T00:00:00.000000000Z BAR src=100 instrument=2 " +
                "open=220000 high=221000 low=219000 close=220500 volume=10000 duration=60000ms " +
                "sourceTime=2024-01-01T00:00:00.000000000Z",
            "#2 2024-01-01T00:01:00.000000000Z BAR src=100 instrument=2 " +
                "open=220500 high=220600 low=220000 close=220100 volume=5500 duration=60000ms " +
                "sourceTime=2024-01-01T00:01:00.000000000Z",
            "#3 2024-01-01T02:03:00.000000000Z BAR src=100 instrument=2 " +
                "open=220000 high=220100 low=219000 close=219500 volume=3000 duration=0ms " +
                "sourceTime=2024-01-01T02:03:00.000000000Z"),
            records(journal));
    }

    @Test
    void shouldWriteAHeaderOnlyRejectsFileForACleanImport() throws Exception
    {
        final Path csv = write("clean.csv", "timestamp,symbol,price,size", "1704067200000,BTC-USD,42000,1");
        final Path journal = dir.resolve("clean");

        final Result result = execute("import", "--csv", csv.toString(), "--journal", journal.toString(),
            "--config", config.toString());

        assertEquals(0, result.exitCode, result.err);
        assertEquals(
            "imported 1 record (trades) into " + journal + ": 2024-01-01T00:00:00Z .. 2024-01-01T00:00:00Z\n" +
            "rejected 0\n" +
            "gaps longer than 5m: 0\n",
            result.out);
        assertEquals(List.of("line,reason,message,raw"), Files.readAllLines(dir.resolve("clean-rejects.csv")));
    }

    @Test
    void shouldRefuseAMissingCsvFile() throws Exception
    {
        final Path csv = dir.resolve("missing.csv");
        final Path journal = dir.resolve("j");

        final Result result = execute("import", "--csv", csv.toString(), "--journal", journal.toString(),
            "--config", config.toString());

        assertEquals(2, result.exitCode);
        assertEquals("error: " + csv + ": file not found\n", result.err);
        assertEquals("", result.out);
        assertNoStackTrace(result.err);
        assertNothingWritten(journal);
    }

    @Test
    void shouldRefuseADirectoryThatAlreadyHoldsAJournal() throws Exception
    {
        final Path csv = write("trades.csv", "timestamp,symbol,price,size", "1704067200000,BTC-USD,42000,1");
        final Path journal = dir.resolve("j");
        assertEquals(0, execute("import", "--csv", csv.toString(), "--journal", journal.toString(),
            "--config", config.toString()).exitCode);
        final List<String> before = records(journal);

        final Result again = execute("import", "--csv", csv.toString(), "--journal", journal.toString(),
            "--config", config.toString());

        assertEquals(2, again.exitCode);
        assertEquals("error: " + journal + ": already holds a journal; an import creates a new journal, so name a " +
            "new directory or move this one away\n", again.err);
        assertEquals("", again.out);
        assertNoStackTrace(again.err);
        assertEquals(before, records(journal));
    }

    @Test
    void shouldRefuseADirectoryWithOtherFiles() throws Exception
    {
        final Path csv = write("trades.csv", "timestamp,symbol,price,size", "1704067200000,BTC-USD,42000,1");
        final Path journal = Files.createDirectories(dir.resolve("j"));
        Files.writeString(journal.resolve("notes.txt"), "mine");

        final Result result = execute("import", "--csv", csv.toString(), "--journal", journal.toString(),
            "--config", config.toString());

        assertEquals(2, result.exitCode);
        assertEquals("error: " + journal + ": the directory is not empty; an import creates its journal in a new " +
            "or empty directory\n", result.err);
        assertFalse(Files.exists(dir.resolve("j-rejects.csv")));
    }

    @Test
    void shouldRefuseAnUnknownInstrumentNamingTheConfiguredOnes() throws Exception
    {
        final Path csv = write("trades.csv", "timestamp,symbol,price,size", "1704067200000,BTC-USD,42000,1");
        final Path journal = dir.resolve("j");

        final Result result = execute("import", "--csv", csv.toString(), "--journal", journal.toString(),
            "--config", config.toString(), "--instrument", "DOGE-USD");

        assertEquals(2, result.exitCode);
        assertEquals("error: --instrument DOGE-USD: not an instrument of " + config + "; configured: BTC-USD, " +
            "ETH-USD\n", result.err);
        assertNoStackTrace(result.err);
        assertNothingWritten(journal);
    }

    @Test
    void shouldExplainABadMaxGap() throws Exception
    {
        final Path csv = write("trades.csv", "timestamp,symbol,price,size", "1704067200000,BTC-USD,42000,1");
        final Path journal = dir.resolve("j");

        final Result result = execute("import", "--csv", csv.toString(), "--journal", journal.toString(),
            "--config", config.toString(), "--max-gap", "soon");

        assertEquals(2, result.exitCode);
        assertTrue(result.err.startsWith("Invalid value for option '--max-gap': 'soon' is not a duration; expected " +
            "a number with ms, s, m or h, e.g. 30s\n"), result.err);
        assertTrue(result.err.contains("Usage: easyquant import"), result.err);
        assertNoStackTrace(result.err);
        assertNothingWritten(journal);
    }

    @Test
    void shouldNameTheDefaultConfigurationWhenItIsMissing() throws Exception
    {
        final Path csv = write("trades.csv", "timestamp,symbol,price,size", "1704067200000,BTC-USD,42000,1");
        final Path journal = dir.resolve("j");
        assertFalse(Files.exists(ImportCommand.DEFAULT_CONFIG), "tests run in ops/, which has no config/");

        final Result result = execute("import", "--csv", csv.toString(), "--journal", journal.toString());

        assertEquals(2, result.exitCode);
        assertEquals("error: " + ImportCommand.DEFAULT_CONFIG + ": file not found (the default configuration; name " +
            "one with --config FILE)\n", result.err);
        assertNothingWritten(journal);
    }

    @Test
    void shouldAskForTheInstrumentOfAFileWithoutASymbolColumn() throws Exception
    {
        final Path csv = write("prices.csv", "timestamp,price,size", "1704067200000,42000,1");
        final Path journal = dir.resolve("j");

        final Result result = execute("import", "--csv", csv.toString(), "--journal", journal.toString(),
            "--config", config.toString());

        assertEquals(2, result.exitCode);
        assertEquals("error: " + csv + ": header 'timestamp,price,size' is not a CSV feed header; expected " +
            "'timestamp,symbol,open,high,low,close,volume[,duration_ms]' for bars, " +
            "'timestamp,symbol,price,size[,side]' for trades or " +
            "'timestamp,symbol,bid,bid_size,ask,ask_size' for quotes; a file without a symbol column needs the " +
            "instrument named with --instrument SYM\n", result.err);
        assertNothingWritten(journal);
    }

    private Path write(final String name, final String... lines)
    {
        return TestConfigs.write(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private static List<String> records(final Path journal) throws Exception
    {
        final List<String> records = new ArrayList<>();
        final RecordFormatter formatter = new RecordFormatter();
        final UnsafeBuffer into = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        try (Journal opened = Journal.openForReading(journal); JournalReader reader = opened.newReader())
        {
            while (reader.next(into) > 0)
            {
                records.add(formatter.format(into, 0));
            }
        }
        return records;
    }

    private static JournalHeader header(final Path journal) throws Exception
    {
        try (Journal opened = Journal.openForReading(journal))
        {
            return opened.header();
        }
    }

    /**
     * A refused import writes neither the journal nor the rejects file.
     */
    private static void assertNothingWritten(final Path journal) throws IOException
    {
        assertFalse(Files.exists(journal), journal + " was created");
        assertFalse(Files.exists(journal.resolveSibling(journal.getFileName() + "-rejects.csv")),
            "the rejects file was created");
    }

    static Result execute(final String... args)
    {
        final PrintStream stdout = System.out;
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        try
        {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            final int exitCode = Main.execute(args);
            System.out.flush();
            System.err.flush();
            return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    record Result(int exitCode, String out, String err)
    {
    }
}
