package io.easyquant.adapters.feed.csv;

import io.easyquant.adapters.feed.Pacing;
import io.easyquant.engine.feed.MarketDataPublisher;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A market-data feed that reads a CSV file of bars, trades or quotes (see {@link CsvParser} for the format) line by
 * line and publishes each valid line as one record. The file is opened and its header checked in the constructor,
 * so a missing file or a wrong header fails at start-up.
 *
 * <p>Bad data never stops the run: a malformed line is counted by {@link CsvReject reason}, reported to the
 * {@link RejectListener} with its line number and skipped. Blank lines are skipped and counted as
 * {@link #blankLines()}. Bytes that are not UTF-8 are decoded as U+FFFD and so end up in a rejected line.
 *
 * <p>Pacing: with {@code ratePerSecond} 0 each {@code doWork()} handles up to {@code maxBurst} lines as fast as the
 * publisher takes them. Otherwise record {@code k} (counting from 1) is published no earlier than
 * {@code k / ratePerSecond} seconds after the first {@code doWork()}, by the injected clock, read once per pass;
 * the record's {@code sourceTimeNs} is always the file's timestamp. If the publisher refuses a record (ring full
 * after its bounded wait), the refusal is counted and the same record is retried on the next pass.
 *
 * <p>When the file ends, or the feed is closed, {@link #isDone()} is true and {@code doWork()} returns 0. An I/O
 * error while reading ends the feed the same way and is thrown once from {@code doWork()} for the agent's error
 * handler.
 *
 * <p>Threading: {@code doWork()} runs on one agent thread; the counters and {@link #isDone()} may be read from any
 * thread.
 */
public final class CsvFeed implements Agent, AutoCloseable
{
    /**
     * Told about each rejected line, on the feed's thread.
     */
    @FunctionalInterface
    public interface RejectListener
    {
        /**
         * @param lineNumber the line's number in the file; the header is line 1.
         * @param reason     a {@link CsvReject} code.
         * @param message    what is wrong, naming the line number, the column and the value.
         * @param rawLine    the line as read, without its terminator.
         */
        void onReject(long lineNumber, int reason, String message, String rawLine);
    }

    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final Path path;
    private final int sourceId;
    private final long ratePerSecond;
    private final int maxBurst;
    private final MarketDataPublisher publisher;
    private final RejectListener rejectListener;
    private final EpochNanoClock clock;
    private final BufferedReader reader;
    private final CsvParser parser;
    private final CsvRecord record = new CsvRecord();

    private final AtomicLong linesRead = new AtomicLong();
    private final AtomicLong blankLines = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLongArray rejectedByReason = new AtomicLongArray(CsvReject.COUNT);
    private final AtomicLong publishRefusals = new AtomicLong();
    private volatile boolean done;

    private long lineNumber;
    private long publishedCount;
    private long startNs = NOT_STARTED;
    private boolean hasPendingRecord;

    /**
     * Open the file and read its header.
     *
     * @param clock paces publishing when {@code ratePerSecond} is positive; unused otherwise.
     * @throws IOException              naming the path, if the file cannot be opened or read.
     * @throws IllegalArgumentException naming the path, the header found and the header expected, if the file is
     *                                  empty or its header is not a CSV feed header.
     */
    public CsvFeed(
        final CsvFeedContext context,
        final MarketDataPublisher publisher,
        final RejectListener rejectListener,
        final EpochNanoClock clock) throws IOException
    {
        this.path = context.path();
        this.sourceId = context.sourceId();
        this.ratePerSecond = context.ratePerSecond();
        this.maxBurst = context.maxBurst();
        this.publisher = publisher;
        this.rejectListener = rejectListener;
        this.clock = clock;

        final BufferedReader reader;
        final String header;
        try
        {
            // InputStreamReader replaces malformed bytes instead of throwing: bad bytes are bad data, not a failure.
            reader = new BufferedReader(new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new IOException("cannot open CSV feed file " + path + ": " + describe(ex), ex);
        }
        try
        {
            header = reader.readLine();
        }
        catch (final IOException ex)
        {
            closeQuietly(reader);
            throw new IOException("cannot read CSV feed file " + path + ": " + describe(ex), ex);
        }
        if (header == null)
        {
            closeQuietly(reader);
            throw new IllegalArgumentException(path + ": the file is empty; expected a header line");
        }
        try
        {
            this.parser = CsvParser.forHeader(header, context.instruments());
        }
        catch (final IllegalArgumentException ex)
        {
            closeQuietly(reader);
            throw new IllegalArgumentException(path + ": " + ex.getMessage(), ex);
        }
        this.reader = reader;
        this.lineNumber = 1;
    }

    /**
     * A listener for the command line: logs each reject as a warning naming the file, up to {@code maxLogged}
     * of them, then one warning that further rejects are only counted.
     */
    public static RejectListener logWarnings(final Logger logger, final Path path, final long maxLogged)
    {
        return new RejectListener()
        {
            private long logged;

            @Override
            public void onReject(final long lineNumber, final int reason, final String message, final String rawLine)
            {
                if (logged < maxLogged)
                {
                    logger.warn("{}: rejected ({}): {}", path, CsvReject.name(reason), message);
                }
                else if (logged == maxLogged)
                {
                    logger.warn("{}: more than {} lines rejected; further rejects are counted, not logged",
                        path, maxLogged);
                }
                logged++;
            }
        };
    }

    /**
     * Handle up to {@code maxBurst} lines: publish the valid ones that are due, reject the malformed ones.
     *
     * @return the number of lines finished in this pass (published, rejected or blank).
     * @throws IOException naming the path, once, if reading fails; the feed is then done.
     */
    @Override
    public int doWork() throws IOException
    {
        if (done)
        {
            return 0;
        }
        final boolean paced = ratePerSecond > 0;
        final long nowNs = paced ? clock.nanoTime() : 0;
        if (paced && startNs == NOT_STARTED)
        {
            startNs = nowNs;
        }

        int workCount = 0;
        while (workCount < maxBurst)
        {
            if (hasPendingRecord)
            {
                if (paced && Pacing.scheduledTimeNs(startNs, publishedCount + 1, ratePerSecond) > nowNs)
                {
                    break;
                }
                if (!record.publishTo(publisher, sourceId))
                {
                    publishRefusals.lazySet(publishRefusals.get() + 1);
                    break;
                }
                hasPendingRecord = false;
                published.lazySet(++publishedCount);
                workCount++;
                continue;
            }

            final String line = readLine();
            if (line == null)
            {
                close();
                break;
            }
            lineNumber++;
            linesRead.lazySet(linesRead.get() + 1);
            if (line.isBlank())
            {
                blankLines.lazySet(blankLines.get() + 1);
                workCount++;
                continue;
            }
            final int reason = parser.parse(lineNumber, line, record);
            if (reason == CsvReject.NONE)
            {
                hasPendingRecord = true;
            }
            else
            {
                rejected.lazySet(rejected.get() + 1);
                rejectedByReason.lazySet(reason, rejectedByReason.get(reason) + 1);
                rejectListener.onReject(lineNumber, reason, parser.rejectMessage(), line);
                workCount++;
            }
        }
        return workCount;
    }

    @Override
    public String roleName()
    {
        return "feed-csv";
    }

    /**
     * Close the file; the feed is then done. Idempotent.
     */
    @Override
    public void onClose()
    {
        close();
    }

    /**
     * Close the file; the feed is then done. Idempotent.
     */
    @Override
    public void close()
    {
        done = true;
        closeQuietly(reader);
    }

    /**
     * @return the kind of file, from its header.
     */
    public CsvKind kind()
    {
        return parser.kind();
    }

    /**
     * @return true once the file has been read to its end (every valid line published) or the feed was closed.
     */
    public boolean isDone()
    {
        return done;
    }

    /**
     * @return lines read after the header, blank ones included.
     */
    public long linesRead()
    {
        return linesRead.get();
    }

    public long blankLines()
    {
        return blankLines.get();
    }

    public long published()
    {
        return published.get();
    }

    /**
     * @return malformed lines, over all reasons.
     */
    public long rejected()
    {
        return rejected.get();
    }

    /**
     * @param reason a {@link CsvReject} code.
     * @return malformed lines rejected for that reason.
     */
    public long rejected(final int reason)
    {
        return rejectedByReason.get(reason);
    }

    /**
     * @return times the publisher refused a record (each refused record is retried).
     */
    public long publishRefusals()
    {
        return publishRefusals.get();
    }

    private String readLine() throws IOException
    {
        try
        {
            return reader.readLine();
        }
        catch (final IOException ex)
        {
            close();
            throw new IOException("cannot read CSV feed file " + path + " after line " + lineNumber + ": " +
                describe(ex), ex);
        }
    }


    private static String describe(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        return ex.toString();
    }

    private static void closeQuietly(final BufferedReader reader)
    {
        try
        {
            reader.close();
        }
        catch (final IOException ex)
        {
            // nothing was written, so nothing can be lost by a failed close
        }
    }
}
