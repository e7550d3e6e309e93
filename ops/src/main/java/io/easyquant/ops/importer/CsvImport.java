package io.easyquant.ops.importer;

import io.easyquant.adapters.feed.csv.CsvKind;
import io.easyquant.adapters.feed.csv.CsvParser;
import io.easyquant.adapters.feed.csv.CsvRecord;
import io.easyquant.adapters.feed.csv.CsvReject;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.journal.RecordSink;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * One CSV file of bars, trades or quotes (the CSV feed's format, see {@link CsvParser}) being imported: {@link #open}
 * reads and checks its header, {@link #run} reads every line once, in order, and sorts each into exactly one of
 * imported, rejected (by reason, into the {@link RejectsFile}), blank, or of another instrument.
 *
 * <p>Instrument selection: with no symbol, every configured instrument is imported and an unconfigured symbol is
 * rejected ({@code unknown_symbol}). With a symbol and a file that has a symbol column, only that instrument's rows
 * are imported; a row whose second field names anything else is skipped as another instrument's before any check,
 * as its quality is not this import's concern. With a symbol and a file without a symbol column, every row is of that
 * instrument.
 *
 * <p>Not thread-safe; the file is read once.
 */
public final class CsvImport implements AutoCloseable
{
    private static final int READ_BUFFER_CHARS = 1 << 16;

    private final Path path;
    private final Instruments instruments;
    private final String onlySymbol;
    private final CountingInputStream in;
    private final BufferedReader reader;
    private final CsvParser parser;
    private final long sizeBytes;
    private long lineNumber = 1;

    private CsvImport(
        final Path path,
        final Instruments instruments,
        final String onlySymbol,
        final CountingInputStream in,
        final BufferedReader reader,
        final CsvParser parser,
        final long sizeBytes)
    {
        this.path = path;
        this.instruments = instruments;
        this.onlySymbol = onlySymbol;
        this.in = in;
        this.reader = reader;
        this.parser = parser;
        this.sizeBytes = sizeBytes;
    }

    /**
     * Open the file and read its header.
     *
     * @param symbol a configured symbol to import alone, or null for every configured instrument.
     * @throws IOException              naming the path, if the file cannot be opened or read.
     * @throws IllegalArgumentException naming the path, if the file is empty or its header is not a CSV feed header.
     */
    public static CsvImport open(final Path path, final Instruments instruments, final String symbol)
        throws IOException
    {
        if (Files.isDirectory(path))
        {
            throw new IOException(path + ": is a directory; expected a CSV file of bars, trades or quotes");
        }
        final long sizeBytes;
        final CountingInputStream in;
        try
        {
            sizeBytes = Files.size(path);
            in = new CountingInputStream(Files.newInputStream(path));
        }
        catch (final IOException ex)
        {
            throw new IOException(path + ": " + describe(ex), ex);
        }
        // InputStreamReader replaces malformed bytes instead of throwing: bad bytes are bad data, not a failure.
        final BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), READ_BUFFER_CHARS);
        try
        {
            final String header = reader.readLine();
            if (header == null)
            {
                throw new IllegalArgumentException(path + ": the file is empty; expected a header line");
            }
            final CsvParser parser = parser(path, header, instruments, symbol);
            return new CsvImport(
                path, instruments, parser.hasSymbolColumn() ? symbol : null, in, reader, parser, sizeBytes);
        }
        catch (final IOException ex)
        {
            reader.close();
            throw new IOException(path + ": cannot read the file: " + describe(ex), ex);
        }
        catch (final IllegalArgumentException ex)
        {
            reader.close();
            throw ex;
        }
    }

    private static CsvParser parser(
        final Path path, final String header, final Instruments instruments, final String symbol)
    {
        try
        {
            return CsvParser.forHeader(header, instruments, symbol);
        }
        catch (final IllegalArgumentException ex)
        {
            String hint = "";
            if (symbol == null)
            {
                try
                {
                    CsvParser.forHeader(header, instruments, instruments.at(0).symbol());
                    hint = "; a file without a symbol column needs the instrument named with --instrument SYM";
                }
                catch (final IllegalArgumentException notEvenWithASymbol)
                {
                    // the header is wrong in another way; the parser's message says how
                }
            }
            throw new IllegalArgumentException(path + ": " + ex.getMessage() + hint, ex);
        }
    }

    /**
     * @return the kind of file, from its header.
     */
    public CsvKind kind()
    {
        return parser.kind();
    }

    /**
     * @return the file's size in bytes when it was opened.
     */
    public long sizeBytes()
    {
        return sizeBytes;
    }

    /**
     * Read the rest of the file: each accepted row goes to {@code journal} as one record (see
     * {@link ImportPublisher}), each rejected one to {@code rejects}.
     *
     * @param sourceId      stamped on every record.
     * @param maxGapNs      the longest time between consecutive rows of an instrument that is not reported as a gap.
     * @param progressBytes told the bytes read so far, after each line.
     * @throws IOException naming the path and the line, if reading the file or writing the rejects fails.
     */
    public ImportResult run(
        final RecordSink journal,
        final int sourceId,
        final long maxGapNs,
        final RejectsFile rejects,
        final LongConsumer progressBytes) throws IOException
    {
        final ImportAudit audit = new ImportAudit(instruments, maxGapNs);
        final ImportPublisher publisher =
            new ImportPublisher((record, length) -> audit.check(lineNumber, record, length), journal);
        final CsvRecord record = new CsvRecord();
        final long[] rejected = new long[ImportReason.COUNT];
        long blank = 0;
        long otherInstrument = 0;
        while (true)
        {
            final String line = readLine();
            if (line == null)
            {
                break;
            }
            lineNumber++;
            progressBytes.accept(in.count);
            if (line.isBlank())
            {
                blank++;
                continue;
            }
            if (onlySymbol != null && isOtherInstrument(line))
            {
                otherInstrument++;
                continue;
            }
            int reason = parser.parse(lineNumber, line, record);
            final String message;
            if (reason == CsvReject.NONE)
            {
                if (record.publishTo(publisher, sourceId))
                {
                    continue;
                }
                reason = publisher.lastReason();
                message = audit.message();
            }
            else
            {
                message = parser.rejectMessage();
            }
            rejected[reason]++;
            rejects.write(lineNumber, reason, message, line);
        }
        return new ImportResult(parser.kind(), instruments, audit, publisher.appended(), rejected, blank,
            otherInstrument);
    }

    /**
     * @return true if the line's second field, trimmed of spaces and tabs as the parser trims, is not the symbol. A
     * line with a single field has no symbol and is left to the parser to reject.
     */
    private boolean isOtherInstrument(final String line)
    {
        final int first = line.indexOf(',');
        if (first < 0)
        {
            return false;
        }
        int end = line.indexOf(',', first + 1);
        if (end < 0)
        {
            end = line.length();
        }
        int start = first + 1;
        while (start < end && isBlank(line.charAt(start)))
        {
            start++;
        }
        while (end > start && isBlank(line.charAt(end - 1)))
        {
            end--;
        }
        return end - start != onlySymbol.length() || !line.startsWith(onlySymbol, start);
    }

    private static boolean isBlank(final char c)
    {
        return c == ' ' || c == '\t';
    }

    private String readLine() throws IOException
    {
        try
        {
            return reader.readLine();
        }
        catch (final IOException ex)
        {
            throw new IOException(path + ": cannot read the file after line " + lineNumber + ": " + describe(ex), ex);
        }
    }

    private static String describe(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "file not found";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        return ex.getMessage() == null ? ex.toString() : ex.getMessage();
    }

    @Override
    public void close() throws IOException
    {
        reader.close();
    }

    /**
     * Counts the bytes read through it, for progress.
     */
    private static final class CountingInputStream extends FilterInputStream
    {
        private long count;

        CountingInputStream(final InputStream in)
        {
            super(in);
        }

        @Override
        public int read() throws IOException
        {
            final int b = super.read();
            if (b >= 0)
            {
                count++;
            }
            return b;
        }

        @Override
        public int read(final byte[] bytes, final int offset, final int length) throws IOException
        {
            final int n = super.read(bytes, offset, length);
            if (n > 0)
            {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(final long n) throws IOException
        {
            final long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
