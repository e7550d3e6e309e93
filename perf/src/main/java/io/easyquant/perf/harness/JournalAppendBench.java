package io.easyquant.perf.harness;

import io.easyquant.journal.codec.MarketDataEncoder;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalContext;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.journal.queue.JournalWriter;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One journal append ({@link JournalWriter#append}) against its baseline, a bare Chronicle Queue appender writing the
 * same 72 bytes (a quote record) as one document to the same disk with the same roll cycle. Each round runs both,
 * alternating: a throughput pass ({@code events} appends, timed as a whole), then a latency pass ({@code events}
 * appends, each timed with two clock reads). The first round is warm-up and is not reported.
 */
final class JournalAppendBench
{
    private final PrintStream out;
    private final Path work;
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final byte[] bytes = record.byteArray();

    JournalAppendBench(final PrintStream out, final Path work)
    {
        this.out = out;
        this.work = work;
        new MarketDataEncoder().encodeQuote(record, 0, 100, 1, 1_700_000_000_000_000_000L, 6_000_000, 50,
            6_000_004, 50);
    }

    void run(final int events, final int rounds) throws JournalException
    {
        final Rates journalRates = new Rates();
        final Rates bareRates = new Rates();
        final Histogram journalLatency = Latencies.newHistogram();
        final Histogram bareLatency = Latencies.newHistogram();
        for (int round = 0; round <= rounds; round++)
        {
            final boolean measured = round > 0;
            final Path bareDirectory = Directories.fresh(work, "bare-queue-");
            try (SingleChronicleQueue queue = ChronicleQueue.singleBuilder(bareDirectory)
                .rollCycle(JournalContext.DEFAULT.rollCycle()).build();
                ExcerptAppender appender = queue.createAppender())
            {
                final long elapsedNs = bareAppends(appender, events, null);
                bareAppends(appender, events, measured ? bareLatency : null);
                if (measured)
                {
                    bareRates.add(events, elapsedNs);
                }
            }
            finally
            {
                Directories.deleteQuietly(bareDirectory);
            }

            final Path journalDirectory = Directories.fresh(work, "journal-");
            try (Journal journal = Journal.openForWriting(journalDirectory,
                JournalHeader.of("perf", "perf", "journal append benchmark", ""), JournalContext.DEFAULT))
            {
                final JournalWriter writer = journal.newWriter();
                final long elapsedNs = journalAppends(writer, events, null);
                journalAppends(writer, events, measured ? journalLatency : null);
                if (measured)
                {
                    journalRates.add(events, elapsedNs);
                }
            }
            finally
            {
                Directories.deleteQuietly(journalDirectory);
            }
        }

        out.println("### Journal append of one event");
        out.println();
        out.printf(Locale.ROOT, "A %d-byte quote record, %,d appends per pass, %d measured rounds alternating " +
            "(after one warm-up round), daily roll cycle, files under the harness's work directory.%n%n",
            QuoteCodec.LENGTH, events, rounds);
        out.println("| run | best | median | journal ÷ bare (median) |");
        out.println("|---|---:|---:|---:|");
        out.println("| JournalWriter.append | " + Rates.format(journalRates.best()) + " | " +
            Rates.format(journalRates.median()) + " | " + Rates.ratio(journalRates.median(), bareRates.median()) +
            " |");
        out.println("| baseline: bare Chronicle appender, same bytes | " + Rates.format(bareRates.best()) + " | " +
            Rates.format(bareRates.median()) + " | |");
        out.println();
        Latencies.header(out, "one append, timed alone");
        Latencies.row(out, "baseline: bare Chronicle appender", bareLatency);
        Latencies.row(out, "JournalWriter.append", journalLatency);
        Latencies.ratioRow(out, "**ratio** journal ÷ bare", journalLatency, bareLatency);
        out.println();
    }

    private long bareAppends(final ExcerptAppender appender, final int events, final Histogram latency)
    {
        final long startNs = System.nanoTime();
        for (int i = 0; i < events; i++)
        {
            RecordHeader.stamp(record, 0, i, startNs + i);
            final long beforeNs = latency == null ? 0 : System.nanoTime();
            try (DocumentContext document = appender.writingDocument())
            {
                document.wire().bytes().write(bytes, 0, QuoteCodec.LENGTH);
            }
            if (latency != null)
            {
                Latencies.record(latency, System.nanoTime() - beforeNs);
            }
        }
        return System.nanoTime() - startNs;
    }

    private long journalAppends(final JournalWriter writer, final int events, final Histogram latency)
    {
        final long startNs = System.nanoTime();
        for (int i = 0; i < events; i++)
        {
            RecordHeader.stamp(record, 0, i, startNs + i);
            final long beforeNs = latency == null ? 0 : System.nanoTime();
            writer.append(record, 0, QuoteCodec.LENGTH);
            if (latency != null)
            {
                Latencies.record(latency, System.nanoTime() - beforeNs);
            }
        }
        return System.nanoTime() - startNs;
    }
}
