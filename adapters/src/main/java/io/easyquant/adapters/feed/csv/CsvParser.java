package io.easyquant.adapters.feed.csv;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.journal.codec.Side;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the lines of one CSV feed file, whose kind ({@link CsvKind}) is fixed by its header. Pure: no I/O, no
 * clock; a line goes in, a {@link CsvRecord} or a {@link CsvReject} reason comes out.
 *
 * <p>Format: comma-separated, no quoting, whitespace around values ignored. Column 1 {@code timestamp} is epoch
 * milliseconds (digits only) or an ISO-8601 instant with {@code Z} or an offset ({@code 2024-01-02T03:04:05Z},
 * {@code 2024-01-02T05:04:05+02:00}; fractional seconds up to nanoseconds allowed), converted to UTC; a time without
 * a zone or offset is rejected. Column 2 {@code symbol} names a configured instrument, case-sensitively. Prices and
 * sizes are plain decimals (optional sign, digits, optional fraction; no exponent) converted exactly to the
 * instrument's ticks and lots. A timestamp, price or size longer than {@link #MAX_NUMBER_LENGTH} characters is
 * rejected as {@link CsvReject#FIELD_TOO_LONG} before any conversion. An optional {@code side} column takes buy,
 * sell, B or S in any case, or nothing for an unknown aggressor. An optional {@code duration_ms} column takes a
 * non-negative whole number of milliseconds, or nothing for 0. A trade's {@code tradeId} is its line number in the
 * file, as the file carries none.
 *
 * <p>A file of one instrument may leave out the {@code symbol} column when the reader names the instrument
 * ({@link #forHeader(String, Instruments, String)}); messages still name the columns as above.
 *
 * <p>Checks run column by column, left to right, then across columns (crossed quote, inconsistent bar); the first
 * failure decides the reason, and {@link #rejectMessage()} names the line number, the column and the value.
 *
 * <p>Not thread-safe. It allocates a little per line for the symbol and the decimals (this is a file reader, not
 * the hot path) and more for a reject message.
 */
public final class CsvParser
{
    private static final int TIMESTAMP_COLUMN = 0;
    private static final int SYMBOL_COLUMN = 1;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_EPOCH_MS = Long.MAX_VALUE / NANOS_PER_MILLI;
    private static final long MAX_EPOCH_SECOND = Long.MAX_VALUE / NANOS_PER_SECOND;
    private static final int MAX_EPOCH_MS_DIGITS = 18;
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);
    /**
     * The most characters a timestamp, price, size or duration may have (after trimming). A longer field is rejected
     * before it is converted, so a huge one costs time linear in its length (to find its end), never the quadratic
     * cost of converting a huge decimal.
     */
    public static final int MAX_NUMBER_LENGTH = 64;

    private final CsvKind kind;
    private final Instruments instruments;
    private final Instrument fixedInstrument;
    private final List<String> columnNames;
    private final List<String> fileColumnNames;
    private final int columnCount;
    private final int fileColumnCount;
    private final boolean hasOptionalColumn;
    private final int[] fieldStart;
    private final int[] fieldEnd;
    private final long[] ohlcTicks = new long[4];
    private char[] scratch = new char[32];

    private String rejectMessage = "";
    private long parsedLong;
    private BigDecimal parsedDecimal;

    /**
     * @param columnCount     columns of the canonical header, symbol included.
     * @param fixedInstrument the instrument of every line of a file without a symbol column, else null.
     */
    private CsvParser(
        final CsvKind kind, final int columnCount, final Instruments instruments, final Instrument fixedInstrument)
    {
        this.kind = kind;
        this.instruments = instruments;
        this.fixedInstrument = fixedInstrument;
        this.columnCount = columnCount;
        this.fileColumnCount = fixedInstrument == null ? columnCount : columnCount - 1;
        this.hasOptionalColumn = columnCount > kind.requiredColumns().size();
        final List<String> names = new ArrayList<>(kind.requiredColumns());
        if (hasOptionalColumn)
        {
            names.add(kind.optionalColumn());
        }
        this.columnNames = List.copyOf(names);
        if (fixedInstrument != null)
        {
            names.remove(SYMBOL_COLUMN);
        }
        this.fileColumnNames = List.copyOf(names);
        this.fieldStart = new int[columnCount];
        this.fieldEnd = new int[columnCount];
    }

    /**
     * Recognise the file's kind from its header line. Names are matched case-insensitively with surrounding
     * whitespace ignored; a leading byte-order mark is ignored.
     *
     * @throws IllegalArgumentException naming the header found and the header expected, if it is not one of
     *                                  {@link CsvKind}'s.
     */
    public static CsvParser forHeader(final String headerLine, final Instruments instruments)
    {
        return forHeader(headerLine, instruments, null);
    }

    /**
     * Recognise the file's kind from its header line, as {@link #forHeader(String, Instruments)} does; in addition,
     * if {@code defaultSymbol} is given, a header without the {@code symbol} column (otherwise the same) is accepted
     * and every line of the file is of that instrument. A header with a symbol column is read as usual.
     *
     * @param defaultSymbol a configured symbol, or null to require the symbol column.
     * @throws IllegalArgumentException naming the header found and the header expected, or the default symbol if it
     *                                  is not configured.
     */
    public static CsvParser forHeader(
        final String headerLine, final Instruments instruments, final String defaultSymbol)
    {
        final Instrument fixed = defaultSymbol == null ? null : instruments.bySymbol(defaultSymbol);
        if (defaultSymbol != null && fixed == null)
        {
            throw new IllegalArgumentException("symbol '" + defaultSymbol + "' is not a configured instrument");
        }
        final String header = headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine;
        final List<String> columns = new ArrayList<>();
        for (final String name : header.split(",", -1))
        {
            columns.add(name.trim().toLowerCase(Locale.ROOT));
        }
        for (final CsvKind kind : CsvKind.values())
        {
            if (kind.matches(columns))
            {
                return new CsvParser(kind, columns.size(), instruments, null);
            }
        }
        if (fixed == null)
        {
            throw new IllegalArgumentException("header '" + header.trim() + "' is not a CSV feed header; expected " +
                expectedHeaders(columns));
        }
        final List<String> withSymbol = new ArrayList<>(columns);
        withSymbol.add(SYMBOL_COLUMN, "symbol");
        for (final CsvKind kind : CsvKind.values())
        {
            if (kind.matches(withSymbol))
            {
                return new CsvParser(kind, withSymbol.size(), instruments, fixed);
            }
        }
        throw new IllegalArgumentException("header '" + header.trim() + "' is not a CSV feed header; expected " +
            expectedHeaders(withSymbol) + " (the symbol column may be left out)");
    }

    private static String expectedHeaders(final List<String> columns)
    {
        for (final CsvKind kind : CsvKind.values())
        {
            if (columns.size() > 2 && columns.get(2).equals(kind.requiredColumns().get(2)))
            {
                return "'" + kind.expectedHeader() + "' for " + kind.description();
            }
        }
        final StringBuilder expected = new StringBuilder();
        final CsvKind[] kinds = CsvKind.values();
        for (int i = 0; i < kinds.length; i++)
        {
            expected.append(i == 0 ? "" : i == kinds.length - 1 ? " or " : ", ")
                .append('\'').append(kinds[i].expectedHeader()).append("' for ").append(kinds[i].description());
        }
        return expected.toString();
    }

    public CsvKind kind()
    {
        return kind;
    }

    /**
     * @return false if the file leaves out the symbol column and every line is of the default instrument.
     */
    public boolean hasSymbolColumn()
    {
        return fixedInstrument == null;
    }

    /**
     * @return the column names of this file, canonical and in order; {@code symbol} is included even when the file
     * leaves it out.
     */
    public List<String> columnNames()
    {
        return columnNames;
    }

    /**
     * Parse one data line.
     *
     * @param lineNumber the line's number in the file (the header is line 1), used in messages and as trade id.
     * @param line       the line without its terminator.
     * @param out        filled with the record when the line is accepted; unspecified otherwise.
     * @return {@link CsvReject#NONE} if the line was accepted, otherwise the reason, with
     *         {@link #rejectMessage()} describing it.
     */
    public int parse(final long lineNumber, final String line, final CsvRecord out)
    {
        final int fields = split(line);
        if (fields != fileColumnCount)
        {
            return reject(CsvReject.WRONG_COLUMN_COUNT, "line " + lineNumber + ": expected " + fileColumnCount +
                " columns (" + String.join(",", fileColumnNames) + "), got " + fields);
        }

        final int reason = parseTimestamp(lineNumber, line);
        if (reason != CsvReject.NONE)
        {
            return reason;
        }
        final long sourceTimeNs = parsedLong;

        final Instrument instrument =
            fixedInstrument != null ? fixedInstrument : instruments.bySymbol(field(line, SYMBOL_COLUMN));
        if (instrument == null)
        {
            return reject(CsvReject.UNKNOWN_SYMBOL, lineNumber, SYMBOL_COLUMN, line, "is not a configured instrument");
        }

        switch (kind)
        {
            case TRADE:
                return parseTrade(lineNumber, line, instrument, sourceTimeNs, out);
            case QUOTE:
                return parseQuote(lineNumber, line, instrument, sourceTimeNs, out);
            default:
                return parseBar(lineNumber, line, instrument, sourceTimeNs, out);
        }
    }

    /**
     * @return the message of the last reject: line number, column and value. Empty before the first reject.
     */
    public String rejectMessage()
    {
        return rejectMessage;
    }

    private int parseTrade(
        final long lineNumber,
        final String line,
        final Instrument instrument,
        final long sourceTimeNs,
        final CsvRecord out)
    {
        int reason = parsePrice(lineNumber, line, 2, instrument);
        if (reason != CsvReject.NONE)
        {
            return reason;
        }
        final long priceTicks = parsedLong;
        reason = parseSize(lineNumber, line, 3, instrument);
        if (reason != CsvReject.NONE)
        {
            return reason;
        }
        final long qtyLots = parsedLong;
        byte side = Side.NONE;
        if (hasOptionalColumn)
        {
            reason = parseSide(lineNumber, line, 4);
            if (reason != CsvReject.NONE)
            {
                return reason;
            }
            side = (byte)parsedLong;
        }
        out.trade(instrument.id(), sourceTimeNs, priceTicks, qtyLots, side, lineNumber);
        return CsvReject.NONE;
    }

    private int parseQuote(
        final long lineNumber,
        final String line,
        final Instrument instrument,
        final long sourceTimeNs,
        final CsvRecord out)
    {
        int reason = parsePrice(lineNumber, line, 2, instrument);
        if (reason != CsvReject.NONE)
        {
            return reason;
        }
        final long bidTicks = parsedLong;
        reason = parseSize(lineNumber, line, 3, instrument);
        if (reason != CsvReject.NONE)
        {
            return reason;
        }
        final long bidLots = parsedLong;
        reason = parsePrice(lineNumber, line, 4, instrument);
        if (reason != CsvReject.NONE)
        {
            return reason;
        }
        final long askTicks = parsedLong;
        reason = parseSize(lineNumber, line, 5, instrument);
        if (reason != CsvReject.NONE)
        {
            return reason;
        }
        final long askLots = parsedLong;
        if (bidTicks > askTicks)
        {
            return reject(CsvReject.CROSSED_QUOTE, "line " + lineNumber + ", columns bid,ask: crossed quote, bid " +
                field(line, 2) + " above ask " + field(line, 4));
        }
        out.quote(instrument.id(), sourceTimeNs, bidTicks, bidLots, askTicks, askLots);
        return CsvReject.NONE;
    }

    private int parseBar(
        final long lineNumber,
        final String line,
        final Instrument instrument,
        final long sourceTimeNs,
        final CsvRecord out)
    {
        final long[] ohlc = ohlcTicks;
        for (int i = 0; i < 4; i++)
        {
            final int reason = parsePrice(lineNumber, line, 2 + i, instrument);
            if (reason != CsvReject.NONE)
            {
                return reason;
            }
            ohlc[i] = parsedLong;
        }
        int reason = parseSize(lineNumber, line, 6, instrument);
        if (reason != CsvReject.NONE)
        {
            return reason;
        }
        final long volumeLots = parsedLong;
        int durationMs = 0;
        if (hasOptionalColumn)
        {
            reason = parseDurationMs(lineNumber, line, 7);
            if (reason != CsvReject.NONE)
            {
                return reason;
            }
            durationMs = (int)parsedLong;
        }

        final long open = ohlc[0];
        final long high = ohlc[1];
        final long low = ohlc[2];
        final long close = ohlc[3];
        final String problem;
        if (low > high)
        {
            problem = "low " + field(line, 4) + " above high " + field(line, 3);
        }
        else if (high < Math.max(open, close))
        {
            problem = "high " + field(line, 3) + " below max(open, close) " +
                (open > close ? field(line, 2) : field(line, 5));
        }
        else if (low > Math.min(open, close))
        {
            problem = "low " + field(line, 4) + " above min(open, close) " +
                (open < close ? field(line, 2) : field(line, 5));
        }
        else
        {
            problem = null;
        }
        if (problem != null)
        {
            return reject(CsvReject.INCONSISTENT_BAR,
                "line " + lineNumber + ", columns open,high,low,close: inconsistent bar, " + problem);
        }
        out.bar(instrument.id(), sourceTimeNs, durationMs, open, high, low, close, volumeLots);
        return CsvReject.NONE;
    }

    /**
     * Sets {@link #parsedLong} to nanoseconds since the epoch.
     */
    private int parseTimestamp(final long lineNumber, final String line)
    {
        final int start = fieldStart[TIMESTAMP_COLUMN];
        final int end = fieldEnd[TIMESTAMP_COLUMN];
        if (end - start > MAX_NUMBER_LENGTH)
        {
            return rejectTooLong(lineNumber, TIMESTAMP_COLUMN, line);
        }
        if (isDigits(line, start, end))
        {
            if (end - start <= MAX_EPOCH_MS_DIGITS)
            {
                final long epochMs = Long.parseLong(line, start, end, 10);
                if (epochMs <= MAX_EPOCH_MS)
                {
                    parsedLong = epochMs * NANOS_PER_MILLI;
                    return CsvReject.NONE;
                }
            }
        }
        else if (end > start)
        {
            try
            {
                final Instant instant = Instant.parse(line.substring(start, end));
                if (instant.getEpochSecond() >= 0 && instant.getEpochSecond() < MAX_EPOCH_SECOND)
                {
                    parsedLong = instant.getEpochSecond() * NANOS_PER_SECOND + instant.getNano();
                    return CsvReject.NONE;
                }
            }
            catch (final DateTimeParseException ex)
            {
                // reported below with the line number and the value, which the exception's message lacks
            }
        }
        return reject(CsvReject.BAD_TIMESTAMP, lineNumber, TIMESTAMP_COLUMN, line,
            "is not epoch milliseconds or an ISO-8601 UTC time such as 2024-01-02T03:04:05Z, from 1970 to 2262");
    }

    /**
     * Sets {@link #parsedLong} to the price in ticks.
     */
    private int parsePrice(final long lineNumber, final String line, final int column, final Instrument instrument)
    {
        if (fieldEnd[column] - fieldStart[column] > MAX_NUMBER_LENGTH)
        {
            return rejectTooLong(lineNumber, column, line);
        }
        if (!parseDecimal(line, column))
        {
            return reject(CsvReject.BAD_NUMBER, lineNumber, column, line, "is not a decimal number");
        }
        final BigDecimal price = parsedDecimal;
        if (price.signum() <= 0)
        {
            return reject(CsvReject.NON_POSITIVE_PRICE, lineNumber, column, line, "is not a positive price");
        }
        if (price.remainder(instrument.tickSize()).signum() != 0)
        {
            return reject(CsvReject.NOT_A_TICK_MULTIPLE, lineNumber, column, line,
                "is not a whole number of ticks of " + instrument.tickSize().toPlainString());
        }
        return toUnits(lineNumber, line, column, price, instrument.tickSize());
    }

    /**
     * Sets {@link #parsedLong} to the size in lots.
     */
    private int parseSize(final long lineNumber, final String line, final int column, final Instrument instrument)
    {
        if (fieldEnd[column] - fieldStart[column] > MAX_NUMBER_LENGTH)
        {
            return rejectTooLong(lineNumber, column, line);
        }
        if (!parseDecimal(line, column))
        {
            return reject(CsvReject.BAD_NUMBER, lineNumber, column, line, "is not a decimal number");
        }
        final BigDecimal size = parsedDecimal;
        if (size.signum() < 0)
        {
            return reject(CsvReject.NEGATIVE_SIZE, lineNumber, column, line, "is a negative size");
        }
        if (size.remainder(instrument.lotSize()).signum() != 0)
        {
            return reject(CsvReject.NOT_A_LOT_MULTIPLE, lineNumber, column, line,
                "is not a whole number of lots of " + instrument.lotSize().toPlainString());
        }
        return toUnits(lineNumber, line, column, size, instrument.lotSize());
    }

    private int toUnits(
        final long lineNumber, final String line, final int column, final BigDecimal value, final BigDecimal unit)
    {
        final BigDecimal units = value.divideToIntegralValue(unit);
        if (units.compareTo(MAX_LONG) > 0)
        {
            return reject(CsvReject.BAD_NUMBER, lineNumber, column, line, "is too large");
        }
        parsedLong = units.longValue();
        return CsvReject.NONE;
    }

    /**
     * Sets {@link #parsedLong} to a {@link Side} code.
     */
    private int parseSide(final long lineNumber, final String line, final int column)
    {
        final int start = fieldStart[column];
        final int length = fieldEnd[column] - start;
        if (length == 0)
        {
            parsedLong = Side.NONE;
        }
        else if (matchesIgnoreCase(line, start, length, "buy") || matchesIgnoreCase(line, start, length, "b"))
        {
            parsedLong = Side.BUY;
        }
        else if (matchesIgnoreCase(line, start, length, "sell") || matchesIgnoreCase(line, start, length, "s"))
        {
            parsedLong = Side.SELL;
        }
        else
        {
            return reject(CsvReject.BAD_SIDE, lineNumber, column, line, "is not buy, sell, B or S");
        }
        return CsvReject.NONE;
    }

    /**
     * Sets {@link #parsedLong} to the duration in milliseconds.
     */
    private int parseDurationMs(final long lineNumber, final String line, final int column)
    {
        final int start = fieldStart[column];
        final int end = fieldEnd[column];
        if (start == end)
        {
            parsedLong = 0;
            return CsvReject.NONE;
        }
        if (isDigits(line, start, end) && end - start <= 10)
        {
            final long durationMs = Long.parseLong(line, start, end, 10);
            if (durationMs <= Integer.MAX_VALUE)
            {
                parsedLong = durationMs;
                return CsvReject.NONE;
            }
        }
        return reject(CsvReject.BAD_NUMBER, lineNumber, column, line,
            "is not a whole number of milliseconds from 0 to " + Integer.MAX_VALUE);
    }

    /**
     * Sets {@link #parsedDecimal} if the field is {@code [+-]digits[.digits]} or {@code [+-].digits}.
     *
     * @return false if it is not.
     */
    private boolean parseDecimal(final String line, final int column)
    {
        final int start = fieldStart[column];
        final int end = fieldEnd[column];
        int i = start;
        if (i < end && (line.charAt(i) == '-' || line.charAt(i) == '+'))
        {
            i++;
        }
        int digits = 0;
        boolean seenPoint = false;
        for (; i < end; i++)
        {
            final char c = line.charAt(i);
            if (c >= '0' && c <= '9')
            {
                digits++;
            }
            else if (c == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                return false;
            }
        }
        if (digits == 0)
        {
            return false;
        }
        final int length = end - start;
        if (scratch.length < length)
        {
            scratch = new char[Math.max(length, 2 * scratch.length)];
        }
        line.getChars(start, end, scratch, 0);
        parsedDecimal = new BigDecimal(scratch, 0, length);
        return true;
    }

    /**
     * Record the field boundaries, trimmed of spaces and tabs, of up to {@link #columnCount} fields, by canonical
     * column: in a file without a symbol column, the file's second field is the canonical third.
     *
     * @return the number of fields in the line.
     */
    private int split(final String line)
    {
        final int length = line.length();
        int fields = 0;
        int start = 0;
        while (true)
        {
            int end = line.indexOf(',', start);
            final boolean last = end < 0;
            if (last)
            {
                end = length;
            }
            final int column = fixedInstrument == null || fields < SYMBOL_COLUMN ? fields : fields + 1;
            if (column < columnCount)
            {
                int s = start;
                int e = end;
                while (s < e && isBlank(line.charAt(s)))
                {
                    s++;
                }
                while (e > s && isBlank(line.charAt(e - 1)))
                {
                    e--;
                }
                fieldStart[column] = s;
                fieldEnd[column] = e;
            }
            fields++;
            if (last)
            {
                return fields;
            }
            start = end + 1;
        }
    }

    private String field(final String line, final int column)
    {
        return line.substring(fieldStart[column], fieldEnd[column]);
    }

    private int reject(
        final int reason, final long lineNumber, final int column, final String line, final String problem)
    {
        return reject(reason, "line " + lineNumber + ", column " + columnNames.get(column) + ": '" +
            field(line, column) + "' " + problem);
    }

    /**
     * Reject a field longer than {@link #MAX_NUMBER_LENGTH}, quoting only its start.
     */
    private int rejectTooLong(final long lineNumber, final int column, final String line)
    {
        final int start = fieldStart[column];
        final int length = fieldEnd[column] - start;
        return reject(CsvReject.FIELD_TOO_LONG, "line " + lineNumber + ", column " + columnNames.get(column) + ": '" +
            line.substring(start, start + 16) + "...' has " + length + " characters; expected at most " +
            MAX_NUMBER_LENGTH);
    }

    private int reject(final int reason, final String message)
    {
        rejectMessage = message;
        return reason;
    }

    private static boolean isBlank(final char c)
    {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigits(final String line, final int start, final int end)
    {
        if (start == end)
        {
            return false;
        }
        for (int i = start; i < end; i++)
        {
            final char c = line.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesIgnoreCase(final String line, final int start, final int length, final String word)
    {
        return length == word.length() && line.regionMatches(true, start, word, 0, length);
    }
}
