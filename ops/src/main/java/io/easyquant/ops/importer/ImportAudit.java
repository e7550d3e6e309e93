package io.easyquant.ops.importer;

import io.easyquant.adapters.feed.csv.CsvReject;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.journal.codec.BarCodec;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.TradeCodec;
import org.agrona.DirectBuffer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The data-quality audit of an import: checks each well-formed row, as an encoded record, against the previous
 * accepted row of the same instrument, in file order.
 *
 * <ul>
 *   <li>{@link ImportReason#DUPLICATE}: the same timestamp and values (all fields but a trade's id, which is its
 *       line number). Checked first, so a repeated bar is a duplicate rather than out of order.</li>
 *   <li>{@link ImportReason#OUT_OF_ORDER}: an earlier timestamp; for bars also an equal one, as two bars of one
 *       instrument cannot open at the same time. Trades and quotes may share a timestamp.</li>
 *   <li>{@link ImportReason#TIME_JUMP}: more than the instrument's {@code maxTimeJumpMs} after the previous
 *       accepted row; the row does not become the previous one, so the rows after it are judged against the last
 *       plausible one.</li>
 *   <li>A gap: more than {@code maxGapNs} after the previous accepted row. Not a reject: the row is kept, the gap
 *       counted and the first {@link #MAX_LISTED_GAPS} listed.</li>
 * </ul>
 *
 * <p>Accepted rows also give each instrument's record count and time range. Single-threaded.
 */
public final class ImportAudit
{
    /** Gaps listed with their line numbers; the rest are only counted. */
    public static final int MAX_LISTED_GAPS = 5;

    /**
     * A gap found before an accepted row.
     *
     * @param lineNumber the row after the gap.
     * @param symbol     its instrument.
     * @param timeNs     its timestamp.
     * @param gapNs      the time since the previous accepted row of the instrument.
     */
    public record Gap(long lineNumber, String symbol, long timeNs, long gapNs)
    {
    }

    private final Instruments instruments;
    private final long maxGapNs;
    private final long[] accepted;
    private final long[] lastLine;
    private final long[] firstTimeNs;
    private final long[] lastTimeNs;
    private final byte[][] lastRecord;
    private final List<Gap> listedGaps = new ArrayList<>();
    private long gaps;
    private String message = "";

    /**
     * @param maxGapNs the longest time between consecutive rows of an instrument that is not a gap; positive.
     */
    public ImportAudit(final Instruments instruments, final long maxGapNs)
    {
        this.instruments = instruments;
        this.maxGapNs = maxGapNs;
        final int count = instruments.count();
        this.accepted = new long[count];
        this.lastLine = new long[count];
        this.firstTimeNs = new long[count];
        this.lastTimeNs = new long[count];
        this.lastRecord = new byte[count][RecordHeader.MAX_RECORD_LENGTH];
    }

    /**
     * Check a market-data record (trade, quote or bar) of a configured instrument, and if it is accepted make it the
     * instrument's previous row.
     *
     * @return {@link CsvReject#NONE} if accepted, else {@link ImportReason#DUPLICATE} or
     *         {@link ImportReason#OUT_OF_ORDER} with {@link #message()} naming both lines.
     */
    public int check(final long lineNumber, final DirectBuffer record, final int length)
    {
        final RecordType type = RecordType.get(RecordHeader.templateId(record, 0));
        final int instrumentOffset;
        final int timeOffset;
        final int valuesEnd;
        switch (type)
        {
            case TRADE:
                instrumentOffset = TradeCodec.INSTRUMENT_ID_OFFSET;
                timeOffset = TradeCodec.SOURCE_TIME_NS_OFFSET;
                valuesEnd = TradeCodec.TRADE_ID_OFFSET;
                break;
            case QUOTE:
                instrumentOffset = QuoteCodec.INSTRUMENT_ID_OFFSET;
                timeOffset = QuoteCodec.SOURCE_TIME_NS_OFFSET;
                valuesEnd = length;
                break;
            case BAR:
                instrumentOffset = BarCodec.INSTRUMENT_ID_OFFSET;
                timeOffset = BarCodec.SOURCE_TIME_NS_OFFSET;
                valuesEnd = length;
                break;
            default:
                throw new IllegalArgumentException("not a market-data record: " + type);
        }
        final int index = instruments.indexOf(record.getInt(instrumentOffset, RecordHeader.BYTE_ORDER));
        final long timeNs = record.getLong(timeOffset, RecordHeader.BYTE_ORDER);
        final String symbol = instruments.at(index).symbol();
        final byte[] previous = lastRecord[index];

        if (lastLine[index] > 0)
        {
            final long previousNs = lastTimeNs[index];
            if (timeNs == previousNs && sameValues(record, previous, RecordHeader.LENGTH, valuesEnd))
            {
                message = "line " + lineNumber + ": duplicate of line " + lastLine[index] + ": " + symbol + " at " +
                    time(timeNs) + " with the same values";
                return ImportReason.DUPLICATE;
            }
            if (timeNs < previousNs || (type == RecordType.BAR && timeNs == previousNs))
            {
                message = "line " + lineNumber + ": out of order: " + symbol + " at " + time(timeNs) + " is " +
                    (timeNs == previousNs ? "not after the bar" : "before the row") + " of line " + lastLine[index] +
                    " at " + time(previousNs);
                return ImportReason.OUT_OF_ORDER;
            }
            final Instrument instrument = instruments.at(index);
            if (instrument.isTimeJump(previousNs, timeNs))
            {
                message = "line " + lineNumber + ": time jump: " + symbol + " at " + time(timeNs) + " is more than " +
                    instrument.maxTimeJumpNs() / 1_000_000L + " ms (maxTimeJumpMs) after the row of line " +
                    lastLine[index] + " at " + time(previousNs);
                return ImportReason.TIME_JUMP;
            }
            final long gapNs = timeNs - previousNs;
            if (gapNs > maxGapNs)
            {
                if (listedGaps.size() < MAX_LISTED_GAPS)
                {
                    listedGaps.add(new Gap(lineNumber, symbol, timeNs, gapNs));
                }
                gaps++;
            }
        }
        else
        {
            firstTimeNs[index] = timeNs;
        }
        record.getBytes(0, previous, 0, length);
        lastLine[index] = lineNumber;
        lastTimeNs[index] = timeNs;
        accepted[index]++;
        return CsvReject.NONE;
    }

    private static boolean sameValues(final DirectBuffer record, final byte[] previous, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (record.getByte(i) != previous[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return what the last rejected row was rejected for, naming its line and the line it was compared with.
     */
    public String message()
    {
        return message;
    }

    /**
     * @param index the instrument's dense index in {@link Instruments}.
     * @return rows of the instrument accepted so far.
     */
    public long accepted(final int index)
    {
        return accepted[index];
    }

    /**
     * @return the timestamp of the instrument's first accepted row (its earliest); meaningless if none.
     */
    public long firstTimeNs(final int index)
    {
        return firstTimeNs[index];
    }

    /**
     * @return the timestamp of the instrument's last accepted row (its latest); meaningless if none.
     */
    public long lastTimeNs(final int index)
    {
        return lastTimeNs[index];
    }

    /**
     * @return gaps longer than the limit, over all instruments.
     */
    public long gaps()
    {
        return gaps;
    }

    /**
     * @return the first {@link #MAX_LISTED_GAPS} gaps, in file order.
     */
    public List<Gap> listedGaps()
    {
        return Collections.unmodifiableList(listedGaps);
    }

    /**
     * @return an instant in ISO-8601 UTC, e.g. {@code 2024-01-02T03:04:05Z}.
     */
    static String time(final long epochNs)
    {
        return Instant.ofEpochSecond(0, epochNs).toString();
    }
}
