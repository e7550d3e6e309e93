package io.easyquant.ops.importer;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rows an import rejected, as CSV: a header {@value #HEADER}, then one row per rejected line in file order. The
 * message and the raw line are always quoted (RFC 4180: in double quotes, a quote inside doubled), so a raw line's
 * commas and quotes survive; line numbers count the header of the imported file as line 1. UTF-8, LF line ends.
 */
public final class RejectsFile implements AutoCloseable
{
    public static final String HEADER = "line,reason,message,raw";

    private final Writer writer;
    private long rows;

    /**
     * Write the header to {@code writer}, which the file then owns.
     */
    public RejectsFile(final Writer writer) throws IOException
    {
        this.writer = writer;
        writer.write(HEADER);
        writer.write('\n');
    }

    /**
     * Create (or replace) the file and write its header.
     */
    public static RejectsFile create(final Path path) throws IOException
    {
        return new RejectsFile(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
    }

    /**
     * @param reason an {@link ImportReason} code.
     */
    public void write(final long lineNumber, final int reason, final String message, final String rawLine)
        throws IOException
    {
        writer.write(Long.toString(lineNumber));
        writer.write(',');
        writer.write(ImportReason.name(reason));
        writer.write(',');
        writer.write(quote(message));
        writer.write(',');
        writer.write(quote(rawLine));
        writer.write('\n');
        rows++;
    }

    /**
     * @return rows written, the header not counted.
     */
    public long rows()
    {
        return rows;
    }

    static String quote(final String value)
    {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException
    {
        writer.close();
    }
}
