package io.easyquant.adapters.feed.csv;

import io.easyquant.adapters.feed.ManualEpochNanoClock;
import io.easyquant.adapters.feed.RecordingMarketDataPublisher;
import io.easyquant.adapters.feed.RecordingMarketDataPublisher.Bar;
import io.easyquant.adapters.feed.RecordingMarketDataPublisher.Quote;
import io.easyquant.adapters.feed.RecordingMarketDataPublisher.Trade;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.journal.codec.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvFeedTest
{
    private static final int SOURCE_ID = 3;
    private static final int BTC = 1;
    private static final int ES = 2;
    private static final long MS = 1_000_000L;
    /** 2024-01-02T03:04:05Z. */
    private static final long T0_MS = 1_704_164_645_000L;
    private static final long T0_NS = T0_MS * MS;

    private static final Instruments INSTRUMENTS = new Instruments(List.of(
        new Instrument(BTC, "BTCUSD", new BigDecimal("0.5"), new BigDecimal("0.001"), "USD"),
        new Instrument(ES, "ESZ4", new BigDecimal("0.25"), BigDecimal.ONE, "USD")));

    @TempDir
    Path dir;

    private final RecordingMarketDataPublisher publisher = new RecordingMarketDataPublisher();
    private final List<Reject> rejects = new ArrayList<>();
    private final ManualEpochNanoClock clock = new ManualEpochNanoClock(T0_NS);

    private record Reject(long lineNumber, int reason, String message, String rawLine)
    {
    }

    @Test
    void shouldPublishBarsWithEpochMillisecondTimestamps() throws IOException
    {
        final CsvFeed feed = feed(file("bars.csv",
            "timestamp,symbol,open,high,low,close,volume",
            T0_MS + ",BTCUSD,42000,42010.5,41990,42005,1.25",
            (T0_MS + 60_000) + ",ESZ4,4500.25,4501,4499.75,4500.5,12"));

        runToEnd(feed);

        assertEquals(CsvKind.BAR, feed.kind());
        assertEquals(List.of(
            new Bar(SOURCE_ID, BTC, T0_NS, 0, 84_000, 84_021, 83_980, 84_010, 1_250),
            new Bar(SOURCE_ID, ES, T0_NS + 60_000 * MS, 0, 18_001, 18_004, 17_999, 18_002, 12)),
            publisher.published());
        assertCounts(feed, 2, 2, 0, 0);
    }

    @Test
    void shouldPublishBarsWithDurationAndIsoTimestamps() throws IOException
    {
        final CsvFeed feed = feed(file("bars-duration.csv",
            "timestamp,symbol,open,high,low,close,volume,duration_ms",
            "2024-01-02T03:04:05Z,ESZ4,4500,4500,4500,4500,0,60000",
            "2024-01-02T03:05:05Z,ESZ4,4500,4502,4499,4501,7,"));

        runToEnd(feed);

        assertEquals(List.of(
            new Bar(SOURCE_ID, ES, T0_NS, 60_000, 18_000, 18_000, 18_000, 18_000, 0),
            new Bar(SOURCE_ID, ES, T0_NS + 60_000 * MS, 0, 18_000, 18_008, 17_996, 18_004, 7)),
            publisher.published());
    }

    @Test
    void shouldPublishTradesWithoutSideAsUnknownAggressor() throws IOException
    {
        final CsvFeed feed = feed(file("trades.csv",
            "timestamp,symbol,price,size",
            "2024-01-02T03:04:05Z,BTCUSD,42000.5,0.002",
            "2024-01-02T03:04:05.123Z,ESZ4,4500.25,3"));

        runToEnd(feed);

        assertEquals(CsvKind.TRADE, feed.kind());
        assertEquals(List.of(
            new Trade(SOURCE_ID, BTC, T0_NS, 84_001, 2, Side.NONE, 2),
            new Trade(SOURCE_ID, ES, T0_NS + 123 * MS, 18_001, 3, Side.NONE, 3)),
            publisher.published());
    }

    @Test
    void shouldPublishTradesWithSideInAnyCase() throws IOException
    {
        final CsvFeed feed = feed(file("trades-side.csv",
            "timestamp,symbol,price,size,side",
            T0_MS + ",BTCUSD,42000.5,0.002,buy",
            (T0_MS + 1) + ",BTCUSD,42000,0.001,S",
            (T0_MS + 2) + ",ESZ4,4500.25,3,SELL",
            (T0_MS + 3) + ",ESZ4,4500.25,4, b ",
            (T0_MS + 4) + ",ESZ4,4500.25,5,"));

        runToEnd(feed);

        assertEquals(List.of(
            new Trade(SOURCE_ID, BTC, T0_NS, 84_001, 2, Side.BUY, 2),
            new Trade(SOURCE_ID, BTC, T0_NS + MS, 84_000, 1, Side.SELL, 3),
            new Trade(SOURCE_ID, ES, T0_NS + 2 * MS, 18_001, 3, Side.SELL, 4),
            new Trade(SOURCE_ID, ES, T0_NS + 3 * MS, 18_001, 4, Side.BUY, 5),
            new Trade(SOURCE_ID, ES, T0_NS + 4 * MS, 18_001, 5, Side.NONE, 6)),
            publisher.published());
    }

    @Test
    void shouldPublishQuotesWithAHeaderInAnyCaseAndSpacing() throws IOException
    {
        final CsvFeed feed = feed(file("quotes.csv",
            " TIMESTAMP , symbol ,Bid,BID_SIZE, ask ,Ask_Size",
            "2024-01-02T03:04:05.123456789Z,BTCUSD,41999.5,1.5,42000,0.75",
            T0_MS + ", ESZ4 ,4500,10,4500.25,0",
            T0_MS + ",ESZ4,4500,10,4500,1"));

        runToEnd(feed);

        assertEquals(CsvKind.QUOTE, feed.kind());
        assertEquals(List.of(
            new Quote(SOURCE_ID, BTC, T0_NS + 123_456_789L, 83_999, 1_500, 84_000, 750),
            new Quote(SOURCE_ID, ES, T0_NS, 18_000, 10, 18_001, 0),
            new Quote(SOURCE_ID, ES, T0_NS, 18_000, 10, 18_000, 1)),
            publisher.published());
    }

    @Test
    void shouldRejectMalformedTradeLinesByReasonAndStillPublishTheGoodOnes() throws IOException
    {
        final CsvFeed feed = feed(file("bad-trades.csv",
            "timestamp,symbol,price,size,side",
            T0_MS + ",BTCUSD,42000,0.001,buy",       // 2 good
            T0_MS + ",BTCUSD,42000,0.001",           // 3 WRONG_COLUMN_COUNT
            T0_MS + ",BTCUSD,42000,0.001,buy,x",     // 4 WRONG_COLUMN_COUNT
            "yesterday,BTCUSD,42000,0.001,buy",      // 5 BAD_TIMESTAMP
            "2024-01-02 03:04:05,BTCUSD,42000,0.001,buy", // 6 BAD_TIMESTAMP (no T, no zone)
            T0_MS + ",ETHUSD,2000,0.001,buy",        // 7 UNKNOWN_SYMBOL
            T0_MS + ",BTCUSD,4.2e4,0.001,buy",       // 8 BAD_NUMBER
            T0_MS + ",BTCUSD,42000,,buy",            // 9 BAD_NUMBER (empty)
            T0_MS + ",BTCUSD,42000.25,0.001,buy",    // 10 NOT_A_TICK_MULTIPLE
            T0_MS + ",BTCUSD,42000,0.0005,buy",      // 11 NOT_A_LOT_MULTIPLE
            T0_MS + ",BTCUSD,0,0.001,buy",           // 12 NON_POSITIVE_PRICE
            T0_MS + ",BTCUSD,-1,0.001,buy",          // 13 NON_POSITIVE_PRICE
            T0_MS + ",BTCUSD,42000,-0.001,buy",      // 14 NEGATIVE_SIZE
            T0_MS + ",BTCUSD,42000,0.001,long",      // 15 BAD_SIDE
            (T0_MS + 1) + ",ESZ4,4500,2,sell",       // 16 good
            "",
            "   "));

        runToEnd(feed);

        assertEquals(List.of(
            new Trade(SOURCE_ID, BTC, T0_NS, 84_000, 1, Side.BUY, 2),
            new Trade(SOURCE_ID, ES, T0_NS + MS, 18_000, 2, Side.SELL, 16)),
            publisher.published());
        assertCounts(feed, 17, 2, 13, 2);
        assertEquals(2, feed.rejected(CsvReject.WRONG_COLUMN_COUNT));
        assertEquals(2, feed.rejected(CsvReject.BAD_TIMESTAMP));
        assertEquals(1, feed.rejected(CsvReject.UNKNOWN_SYMBOL));
        assertEquals(2, feed.rejected(CsvReject.BAD_NUMBER));
        assertEquals(1, feed.rejected(CsvReject.NOT_A_TICK_MULTIPLE));
        assertEquals(1, feed.rejected(CsvReject.NOT_A_LOT_MULTIPLE));
        assertEquals(2, feed.rejected(CsvReject.NON_POSITIVE_PRICE));
        assertEquals(1, feed.rejected(CsvReject.NEGATIVE_SIZE));
        assertEquals(1, feed.rejected(CsvReject.BAD_SIDE));
        assertEquals(0, feed.rejected(CsvReject.CROSSED_QUOTE));
        assertEquals(0, feed.rejected(CsvReject.INCONSISTENT_BAR));

        assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L),
            rejects.stream().map(Reject::lineNumber).toList());
        for (final Reject reject : rejects)
        {
            assertTrue(reject.message().matches("line " + reject.lineNumber() + "[,:] .*"), reject.message());
        }
        assertEquals(new Reject(3, CsvReject.WRONG_COLUMN_COUNT,
            "line 3: expected 5 columns (timestamp,symbol,price,size,side), got 4", T0_MS + ",BTCUSD,42000,0.001"),
            rejects.get(0));
        assertEquals("line 5, column timestamp: 'yesterday' is not epoch milliseconds or an ISO-8601 UTC time " +
            "such as 2024-01-02T03:04:05Z, from 1970 to 2262", rejects.get(2).message());
        assertEquals("line 7, column symbol: 'ETHUSD' is not a configured instrument", rejects.get(4).message());
        assertEquals("line 8, column price: '4.2e4' is not a decimal number", rejects.get(5).message());
        assertEquals("line 10, column price: '42000.25' is not a whole number of ticks of 0.5",
            rejects.get(7).message());
        assertEquals("line 11, column size: '0.0005' is not a whole number of lots of 0.001",
            rejects.get(8).message());
        assertEquals("line 12, column price: '0' is not a positive price", rejects.get(9).message());
        assertEquals("line 14, column size: '-0.001' is a negative size", rejects.get(11).message());
        assertEquals("line 15, column side: 'long' is not buy, sell, B or S", rejects.get(12).message());
    }

    @Test
    void shouldRejectCrossedQuoteWithLineNumber() throws IOException
    {
        final CsvFeed feed = feed(file("crossed.csv",
            "timestamp,symbol,bid,bid_size,ask,ask_size",
            T0_MS + ",ESZ4,4500.25,1,4500,1",
            T0_MS + ",ESZ4,4500,1,4500.25,1"));

        runToEnd(feed);

        assertEquals(List.of(new Quote(SOURCE_ID, ES, T0_NS, 18_000, 1, 18_001, 1)), publisher.published());
        assertEquals(1, feed.rejected(CsvReject.CROSSED_QUOTE));
        assertEquals(List.of(new Reject(2, CsvReject.CROSSED_QUOTE,
            "line 2, columns bid,ask: crossed quote, bid 4500.25 above ask 4500", T0_MS + ",ESZ4,4500.25,1,4500,1")),
            rejects);
    }

    @Test
    void shouldRejectInconsistentBarsWithLineNumber() throws IOException
    {
        final CsvFeed feed = feed(file("inconsistent.csv",
            "timestamp,symbol,open,high,low,close,volume",
            T0_MS + ",ESZ4,4500,4499,4498,4498.5,1",     // high below open
            T0_MS + ",ESZ4,4500,4502,4501,4501.5,1",     // low above open
            T0_MS + ",ESZ4,4500,4500,4501,4500,1",       // low above high
            T0_MS + ",ESZ4,4500,4502,4499,4501,1"));

        runToEnd(feed);

        assertEquals(List.of(new Bar(SOURCE_ID, ES, T0_NS, 0, 18_000, 18_008, 17_996, 18_004, 1)),
            publisher.published());
        assertEquals(3, feed.rejected(CsvReject.INCONSISTENT_BAR));
        assertEquals(List.of(
            "line 2, columns open,high,low,close: inconsistent bar, high 4499 below max(open, close) 4500",
            "line 3, columns open,high,low,close: inconsistent bar, low 4501 above min(open, close) 4500",
            "line 4, columns open,high,low,close: inconsistent bar, low 4501 above high 4500"),
            rejects.stream().map(Reject::message).toList());
    }

    @Test
    void shouldRejectBytesThatAreNotUtf8AsData() throws IOException
    {
        final Path path = dir.resolve("latin1.csv");
        Files.write(path, ("timestamp,symbol,price,size\n" + T0_MS + ",BTC\u00e9,42000,0.001\n" +
            T0_MS + ",BTCUSD,42000,0.001\n").getBytes(StandardCharsets.ISO_8859_1));
        final CsvFeed feed = feed(path);

        runToEnd(feed);

        assertEquals(1, feed.published());
        assertEquals(1, feed.rejected(CsvReject.UNKNOWN_SYMBOL));
    }

    @Test
    void shouldFailAtStartWithTheExpectedHeaderWhenTheHeaderIsUnknown() throws IOException
    {
        final Path path = file("unknown.csv", "time,ticker,px", T0_MS + ",BTCUSD,42000");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> feed(path));

        assertEquals(path + ": header 'time,ticker,px' is not a CSV feed header; expected " +
            "'timestamp,symbol,open,high,low,close,volume[,duration_ms]' for bars, " +
            "'timestamp,symbol,price,size[,side]' for trades or " +
            "'timestamp,symbol,bid,bid_size,ask,ask_size' for quotes", ex.getMessage());
    }

    @Test
    void shouldNameTheHeaderOfTheKindThatAHeaderWithAMissingOrExtraColumnResembles() throws IOException
    {
        final Path missing = file("missing.csv", "timestamp,symbol,price");
        final Path extra = file("extra.csv", "timestamp,symbol,bid,bid_size,ask,ask_size,venue");

        assertEquals(missing + ": header 'timestamp,symbol,price' is not a CSV feed header; expected " +
            "'timestamp,symbol,price,size[,side]' for trades",
            assertThrows(IllegalArgumentException.class, () -> feed(missing)).getMessage());
        assertEquals(extra + ": header 'timestamp,symbol,bid,bid_size,ask,ask_size,venue' is not a CSV feed " +
            "header; expected 'timestamp,symbol,bid,bid_size,ask,ask_size' for quotes",
            assertThrows(IllegalArgumentException.class, () -> feed(extra)).getMessage());
    }

    @Test
    void shouldFailAtStartNamingThePathWhenTheFileIsMissing()
    {
        final Path path = dir.resolve("no-such.csv");

        final IOException ex = assertThrows(IOException.class, () -> feed(path));

        assertEquals("cannot open CSV feed file " + path + ": no such file", ex.getMessage());
    }

    @Test
    void shouldFailAtStartNamingThePathWhenTheFileIsEmpty() throws IOException
    {
        final Path path = file("empty.csv");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> feed(path));

        assertEquals(path + ": the file is empty; expected a header line", ex.getMessage());
    }

    @Test
    void shouldRetryARefusedRecordWithoutLosingIt() throws IOException
    {
        final CsvFeed feed = feed(file("refused.csv",
            "timestamp,symbol,price,size",
            T0_MS + ",ESZ4,4500,1",
            T0_MS + ",ESZ4,4500.25,2"));
        publisher.refuseNext(1);

        assertEquals(0, feed.doWork());
        assertEquals(1, feed.publishRefusals());
        assertTrue(publisher.published().isEmpty());
        runToEnd(feed);

        assertEquals(List.of(
            new Trade(SOURCE_ID, ES, T0_NS, 18_000, 1, Side.NONE, 2),
            new Trade(SOURCE_ID, ES, T0_NS, 18_001, 2, Side.NONE, 3)),
            publisher.published());
        assertEquals(1, feed.publishRefusals());
        assertCounts(feed, 2, 2, 0, 0);
    }

    @Test
    void shouldHandleAtMostMaxBurstLinesPerPass() throws IOException
    {
        final Path path = file("burst.csv",
            "timestamp,symbol,price,size",
            T0_MS + ",ESZ4,4500,1",
            T0_MS + ",ESZ4,bad,1",
            T0_MS + ",ESZ4,4500,1",
            "",
            T0_MS + ",ESZ4,4500,1");
        final CsvFeed feed = new CsvFeed(
            new CsvFeedContext(SOURCE_ID, path, 0, INSTRUMENTS, 2), publisher, this::onReject, clock);

        assertEquals(2, feed.doWork());
        assertEquals(2, feed.doWork());
        assertFalse(feed.isDone());
        assertEquals(1, feed.doWork());
        assertTrue(feed.isDone());
        assertEquals(0, feed.doWork());
        assertCounts(feed, 5, 3, 1, 1);
    }

    @Test
    void shouldPaceRecordsAtTheConfiguredRate() throws IOException
    {
        final Path path = file("paced.csv",
            "timestamp,symbol,price,size",
            T0_MS + ",ESZ4,4500,1",
            T0_MS + ",ESZ4,4500,2",
            T0_MS + ",ESZ4,4500,3");
        final CsvFeed feed = new CsvFeed(
            new CsvFeedContext(SOURCE_ID, path, 2, INSTRUMENTS), publisher, this::onReject, clock);

        assertEquals(0, feed.doWork());
        clock.advanceMs(499);
        assertEquals(0, feed.doWork());
        clock.advanceMs(1);
        assertEquals(1, feed.doWork());
        clock.advanceMs(1_000);
        assertEquals(2, feed.doWork());
        assertEquals(0, feed.doWork());

        assertTrue(feed.isDone());
        assertEquals(3, feed.published());
        assertEquals("feed-csv", feed.roleName());
    }

    @Test
    void shouldRejectOutOfRangeContextValuesNamingTheField()
    {
        final Path path = dir.resolve("x.csv");

        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new CsvFeedContext(0, path, 0, INSTRUMENTS)).getMessage().startsWith("sourceId:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new CsvFeedContext(1, path, -1, INSTRUMENTS)).getMessage().startsWith("ratePerSecond:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new CsvFeedContext(1, null, 0, INSTRUMENTS)).getMessage().startsWith("path:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new CsvFeedContext(1, path, 0, INSTRUMENTS, 0)).getMessage().startsWith("maxBurst:"));
    }

    private CsvFeed feed(final Path path) throws IOException
    {
        return new CsvFeed(new CsvFeedContext(SOURCE_ID, path, 0, INSTRUMENTS), publisher, this::onReject, clock);
    }

    private void onReject(final long lineNumber, final int reason, final String message, final String rawLine)
    {
        rejects.add(new Reject(lineNumber, reason, message, rawLine));
    }

    private static void runToEnd(final CsvFeed feed) throws IOException
    {
        for (int pass = 0; pass < 100 && !feed.isDone(); pass++)
        {
            feed.doWork();
        }
        assertTrue(feed.isDone(), "feed did not finish in 100 passes");
        assertEquals(0, feed.doWork());
    }

    private static void assertCounts(
        final CsvFeed feed, final long linesRead, final long published, final long rejected, final long blankLines)
    {
        assertEquals(linesRead, feed.linesRead(), "linesRead");
        assertEquals(published, feed.published(), "published");
        assertEquals(rejected, feed.rejected(), "rejected");
        assertEquals(blankLines, feed.blankLines(), "blankLines");
    }

    private Path file(final String name, final String... lines) throws IOException
    {
        final Path path = dir.resolve(name);
        Files.write(path, List.of(lines), StandardCharsets.UTF_8);
        return path;
    }
}
