package io.easyquant.adapters.feed.csv;

import io.easyquant.adapters.feed.RecordingMarketDataPublisher;
import io.easyquant.adapters.feed.RecordingMarketDataPublisher.Bar;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void shouldRejectANegativeDurationAsBadNumber()
    {
        final CsvParser parser = CsvParser.forHeader("timestamp,symbol,open,high,low,close,volume,duration_ms",
            INSTRUMENTS);

        assertEquals(CsvReject.BAD_NUMBER, parser.parse(7, "1000,ESZ4,1,1,1,1,1,-5", record));
        assertEquals("line 7, column duration_ms: '-5' is not a whole number of milliseconds from 0 to 2147483647",
            parser.rejectMessage());
    }

    @Test
    void shouldNameEveryReason()
    {
        assertEquals("crossed_quote", CsvReject.name(CsvReject.CROSSED_QUOTE));
        assertEquals("bad_side", CsvReject.name(CsvReject.COUNT - 1));
        assertEquals("unknown(99)", CsvReject.name(99));
    }
}
