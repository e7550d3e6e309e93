package io.easyquant.adapters.feed.csv;

import io.easyquant.adapters.feed.RecordingMarketDataPublisher;
import io.easyquant.adapters.feed.RecordingMarketDataPublisher.Bar;
import io.easyquant.adapters.feed.RecordingMarketDataPublisher.Trade;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.journal.codec.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvParserTest
{
    private static final Instruments INSTRUMENTS = new Instruments(List.of(
        new Instrument(2, "ESZ4", new BigDecimal("0.25"), BigDecimal.ONE, "USD")));

    private final CsvRecord record = new CsvRecord();

    @Test
    void shouldParseIntoTheReusableRecordWithoutIo()
    {
        final CsvParser parser = CsvParser.forHeader("\uFEFFtimestamp,symbol,open,high,low,close,volume,duration_ms",
            INSTRUMENTS);
        final RecordingMarketDataPublisher publisher = new RecordingMarketDataPublisher();

        assertEquals(CsvReject.NONE, parser.parse(2, "1000,ESZ4,1,2,0.5,1.5,+3,60000", record));
        assertTrue(record.publishTo(publisher, 9));

        assertEquals(List.of("timestamp", "symbol", "open", "high", "low", "close", "volume", "duration_ms"),
            parser.columnNames());
        assertEquals(List.of(new Bar(9, 2, 1_000_000_000L, 60_000, 4, 8, 2, 6, 3)), publisher.published());
    }

    @Test
    void shouldRejectNumbersTooLargeForTicksAsBadNumber()
    {
        final CsvParser parser = CsvParser.forHeader("timestamp,symbol,price,size", INSTRUMENTS);

        assertEquals(CsvReject.BAD_NUMBER, parser.parse(4, "1000,ESZ4,9223372036854775808,1", record));
        assertEquals("line 4, column price: '9223372036854775808' is too large", parser.rejectMessage());
    }

    @Test
    void shouldRejectTimestampsOutsideTheNanosecondEpochRange()
    {
        final CsvParser parser = CsvParser.forHeader("timestamp,symbol,price,size", INSTRUMENTS);

        assertEquals(CsvReject.BAD_TIMESTAMP, parser.parse(2, "1969-12-31T23:59:59Z,ESZ4,1,1", record));
        assertEquals(CsvReject.BAD_TIMESTAMP, parser.parse(3, "2263-01-01T00:00:00Z,ESZ4,1,1", record));
        assertEquals(CsvReject.BAD_TIMESTAMP, parser.parse(4, "9223372036855,ESZ4,1,1", record));
        assertEquals(CsvReject.BAD_TIMESTAMP, parser.parse(5, "2024-01-02T03:04:05,ESZ4,1,1", record));
        assertEquals(CsvReject.NONE, parser.parse(6, "9223372036854,ESZ4,1,1", record));
        assertEquals(9_223_372_036_854_000_000L, record.sourceTimeNs());
    }

    @Test
    void shouldConvertAnIsoTimestampWithAnOffsetToUtc()
    {
        final CsvParser parser = CsvParser.forHeader("timestamp,symbol,price,size", INSTRUMENTS);

        assertEquals(CsvReject.NONE, parser.parse(2, "2024-01-02T03:04:05Z,ESZ4,1,1", record));
        final long utcNs = record.sourceTimeNs();
        assertEquals(1_704_164_645_000_000_000L, utcNs);
        assertEquals(CsvReject.NONE, parser.parse(3, "2024-01-02T05:04:05+02:00,ESZ4,1,1", record));
        assertEquals(utcNs, record.sourceTimeNs(), "+02:00 is two hours ahead of UTC");
        assertEquals(CsvReject.NONE, parser.parse(4, "2024-01-02T01:04:05.25-02:00,ESZ4,1,1", record));
        assertEquals(utcNs + 250_000_000L, record.sourceTimeNs());
        assertEquals(CsvReject.NONE, parser.parse(5, "2024-01-02T03:04:05+00:00,ESZ4,1,1", record));
        assertEquals(utcNs, record.sourceTimeNs());
        assertEquals(CsvReject.BAD_TIMESTAMP, parser.parse(6, "2024-01-02T05:04:05+0200,ESZ4,1,1", record),
            "an offset without its colon is not ISO-8601's extended form");
    }

    @Test
    void shouldRejectANumericFieldLongerThanTheBoundAtOnce()
    {
        final CsvParser trades = CsvParser.forHeader("timestamp,symbol,price,size", INSTRUMENTS);
        final String sixtyFour = "1" + "0".repeat(CsvParser.MAX_NUMBER_LENGTH - 4) + ".25";
        assertEquals(CsvParser.MAX_NUMBER_LENGTH, sixtyFour.length());
        assertEquals(CsvReject.BAD_NUMBER, trades.parse(2, "1000,ESZ4," + sixtyFour + ",1", record),
            "64 characters are read (and are too large for ticks)");
        assertEquals(CsvReject.FIELD_TOO_LONG, trades.parse(3, "1000,ESZ4,0" + sixtyFour + ",1", record));
        assertEquals("line 3, column price: '0100000000000000...' has 65 characters; expected at most 64",
            trades.rejectMessage());

        final String huge = "9".repeat(16 * 1024 * 1024);
        assertEquals(CsvReject.FIELD_TOO_LONG, trades.parse(4, "1000,ESZ4,1," + huge, record));
        assertEquals("line 4, column size: '9999999999999999...' has 16777216 characters; expected at most 64",
            trades.rejectMessage());
        assertEquals(CsvReject.FIELD_TOO_LONG, trades.parse(5, "1000,ESZ4,0." + huge + ",1", record));
        assertEquals(CsvReject.FIELD_TOO_LONG, trades.parse(6, huge + ",ESZ4,1,1", record));
        assertEquals(CsvReject.FIELD_TOO_LONG, trades.parse(7, "2024-01-02T03:04:05." + huge + "Z,ESZ4,1,1", record));
        assertEquals("line 7, column timestamp: '2024-01-02T03:04...' has 16777237 characters; expected at most 64",
            trades.rejectMessage());

        final CsvParser bars = CsvParser.forHeader("timestamp,symbol,open,high,low,close,volume", INSTRUMENTS);
        assertEquals(CsvReject.FIELD_TOO_LONG, bars.parse(8, "1000,ESZ4,1,1,1,1," + huge, record));
        assertEquals(CsvReject.NONE, trades.parse(9, "1000,ESZ4,1.25,3", record), "the parser goes on");
    }

    @Test
    void shouldRejectANegativeDurationAsBadNumber()
    {
        final CsvParser parser = CsvParser.forHeader("timestamp,symbol,open,high,low,close,volume,duration_ms",
            INSTRUMENTS);

        assertEquals(CsvReject.BAD_NUMBER, parser.parse(7, "1000,ESZ4,1,1,1,1,1,-5", record));
        assertEquals("line 7, column duration_ms: '-5' is not a whole number of milliseconds from 0 to 2147483647",
            parser.rejectMessage());
    }

    @Test
    void shouldReadAFileWithoutASymbolColumnAsTheDefaultInstrument()
    {
        final CsvParser parser = CsvParser.forHeader("timestamp, price, size, side", INSTRUMENTS, "ESZ4");
        final RecordingMarketDataPublisher publisher = new RecordingMarketDataPublisher();

        assertEquals(CsvReject.NONE, parser.parse(2, "1000,4500.25,3,buy", record));
        assertTrue(record.publishTo(publisher, 9));
        assertEquals(CsvReject.NON_POSITIVE_PRICE, parser.parse(3, "2000,-1,3,buy", record));
        assertEquals("line 3, column price: '-1' is not a positive price", parser.rejectMessage());
        assertEquals(CsvReject.WRONG_COLUMN_COUNT, parser.parse(4, "3000,ESZ4,4500.25,3,buy", record));
        assertEquals("line 4: expected 4 columns (timestamp,price,size,side), got 5", parser.rejectMessage());

        assertEquals(CsvKind.TRADE, parser.kind());
        assertFalse(parser.hasSymbolColumn());
        assertEquals(List.of(new Trade(9, 2, 1_000_000_000L, 18_001, 3, Side.BUY, 2)), publisher.published());
    }

    @Test
    void shouldStillReadTheSymbolColumnWhenADefaultSymbolIsGiven()
    {
        final CsvParser parser = CsvParser.forHeader("timestamp,symbol,price,size", INSTRUMENTS, "ESZ4");

        assertEquals(CsvReject.UNKNOWN_SYMBOL, parser.parse(2, "1000,NQZ4,4500.25,3", record));
        assertEquals(CsvReject.NONE, parser.parse(3, "1000,ESZ4,4500.25,3", record));
        assertTrue(parser.hasSymbolColumn());
    }

    @Test
    void shouldRefuseAHeaderWithoutSymbolUnlessADefaultIsGiven()
    {
        final IllegalArgumentException noDefault = assertThrows(IllegalArgumentException.class,
            () -> CsvParser.forHeader("timestamp,bid,bid_size,ask,ask_size", INSTRUMENTS));
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> CsvParser.forHeader("timestamp,bid,bid_size,ask,ask_size", INSTRUMENTS, "NQZ4"));
        final IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
            () -> CsvParser.forHeader("timestamp,bid,ask", INSTRUMENTS, "ESZ4"));

        assertTrue(noDefault.getMessage().startsWith("header 'timestamp,bid,bid_size,ask,ask_size' is not a CSV " +
            "feed header; expected"), noDefault.getMessage());
        assertEquals("symbol 'NQZ4' is not a configured instrument", unknown.getMessage());
        assertEquals("header 'timestamp,bid,ask' is not a CSV feed header; expected " +
            "'timestamp,symbol,bid,bid_size,ask,ask_size' for quotes (the symbol column may be left out)",
            wrong.getMessage());
    }

    @Test
    void shouldNameEveryReason()
    {
        assertEquals("crossed_quote", CsvReject.name(CsvReject.CROSSED_QUOTE));
        assertEquals("bad_side", CsvReject.name(CsvReject.BAD_SIDE));
        assertEquals("field_too_long", CsvReject.name(CsvReject.COUNT - 1));
        assertEquals("unknown(99)", CsvReject.name(99));
    }
}
