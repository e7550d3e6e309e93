package io.easyquant.perf;

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
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One journal append of a 72-byte quote record ({@link JournalWriter#append}), beside its baseline in the same run: a
 * bare Chronicle Queue appender writing the same bytes as one document, same roll cycle, same disk. Sample time:
 * compare the percentiles. Journals go under {@code java.io.tmpdir} and are deleted after the trial. Expected 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JournalAppendBenchmark
{
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private Path journalDirectory;
    private Path bareDirectory;
    private Journal journal;
    private JournalWriter writer;
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException, JournalException
    {
        new MarketDataEncoder().encodeQuote(record, 0, 100, 1, 1_700_000_000_000_000_000L, 6_000_000, 50,
            6_000_004, 50);
        journalDirectory = Files.createTempDirectory("eq-jmh-journal-");
        bareDirectory = Files.createTempDirectory("eq-jmh-bare-");
        journal = Journal.openForWriting(journalDirectory,
            JournalHeader.of("perf", "perf", "journal append benchmark", ""), JournalContext.DEFAULT);
        writer = journal.newWriter();
        queue = ChronicleQueue.singleBuilder(bareDirectory).rollCycle(JournalContext.DEFAULT.rollCycle()).build();
        appender = queue.createAppender();
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        appender.close();
        queue.close();
        journal.close();
        delete(journalDirectory);
        delete(bareDirectory);
    }

    @Benchmark
    public long journalWriterAppend()
    {
        RecordHeader.stamp(record, 0, ++sequence, sequence);
        writer.append(record, 0, QuoteCodec.LENGTH);
        return sequence;
    }

    @Benchmark
    public long bareChronicleAppend()
    {
        RecordHeader.stamp(record, 0, ++sequence, sequence);
        try (DocumentContext document = appender.writingDocument())
        {
            document.wire().bytes().write(record.byteArray(), 0, QuoteCodec.LENGTH);
        }
        return sequence;
    }

    private static void delete(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
