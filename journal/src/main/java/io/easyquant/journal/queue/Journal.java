package io.easyquant.journal.queue;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A journal: one Chronicle Queue in a directory, starting with a {@link JournalHeader}, then records of the event
 * schema in the order they were appended. The header is also kept beside the queue files ({@link #HEADER_FILE}), so a
 * journal whose oldest files were removed by retention still says what wrote it. Opened for writing with
 * {@link #openForWriting} (creates it, or checks an existing one was written with the same configuration) or for
 * reading with {@link #openForReading}.
 *
 * <p>Writers are per thread ({@link #newWriter()}); readers are independent ({@link #newReader()}). Close the
 * journal after its writers and readers.
 */
public final class Journal implements AutoCloseable
{
    /** The copy of the header beside the queue files. */
    public static final String HEADER_FILE = "journal-header.bin";
    /**
     * Chronicle's mapping chunk: a cycle file grows in steps of this (plus a quarter of overlap). Small enough that
     * the space reserved ahead of the writers ({@link JournalSpace}) is a few steps, not one 64 MiB default step.
     */
    public static final long BLOCK_SIZE = 4L << 20;

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final JournalHeader header;
    private final List<JournalWriter> writers = new ArrayList<>();
    private final JournalSpace space;

    private Journal(final Path directory, final SingleChronicleQueue queue, final JournalHeader header)
    {
        this.directory = directory;
        this.queue = queue;
        this.header = header;
        space = new JournalSpace(directory);
    }

    /**
     * Open a journal for appending, creating it with the header if it is empty.
     *
     * @throws JournalException if the directory cannot be used, the journal's format is unknown, or it was written
     *                          with a different configuration (different digest).
     */
    public static Journal openForWriting(final Path directory, final JournalHeader header, final JournalContext context)
        throws JournalException
    {
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new JournalException(directory + ": cannot create the journal directory: " + ex.getMessage(), ex);
        }
        final SingleChronicleQueue queue = build(directory, context, false);
        try
        {
            final JournalHeader existing = readHeader(directory, queue);
            if (existing == null)
            {
                final byte[] bytes = header.toBytes();
                writeSidecar(directory, bytes);
                try (ExcerptAppender appender = queue.createAppender())
                {
                    try (DocumentContext document = appender.writingDocument())
                    {
                        document.wire().bytes().write(bytes, 0, bytes.length);
                    }
                }
                return new Journal(directory, queue, header);
            }
            if (!existing.checksummed())
            {
                throw new JournalException(directory + ": the journal is of format " + existing.formatVersion() +
                    ", whose records carry no checksums; this engine appends only to journals of format " +
                    JournalHeader.FORMAT_VERSION + ". replay --verify, journal verify and journal dump still read " +
                    "it; start a new data directory to trade on");
            }
            if (!existing.configDigest().equals(header.configDigest()))
            {
                throw new JournalException(directory + ": the journal was written with another configuration " +
                    "(digest " + existing.configDigest() + ", now " + header.configDigest() + "); move it away or " +
                    "run with the configuration it was written with");
            }
            return new Journal(directory, queue, existing);
        }
        catch (final JournalException ex)
        {
            queue.close();
            throw ex;
        }
        catch (final RuntimeException | InternalError ex)
        {
            queue.close();
            throw new JournalException(directory + ": cannot read the journal's first entry (damaged?): " + ex, ex);
        }
        catch (final Throwable ex)
        {
            // Chronicle may throw checked exceptions undeclared: whatever it was, the queue must not leak.
            queue.close();
            throw ex;
        }
    }

    /**
     * Open an existing journal read-only.
     *
     * @throws JournalException if there is no journal there, or its header is missing or of an unknown format.
     */
    public static Journal openForReading(final Path directory) throws JournalException
    {
        if (!Files.isDirectory(directory) || !containsQueueFiles(directory))
        {
            throw new JournalException(directory + ": no journal here (expected a directory of .cq4 files)");
        }
        final SingleChronicleQueue queue = build(directory, JournalContext.DEFAULT, true);
        try
        {
            final JournalHeader header = readHeader(directory, queue);
            if (header == null)
            {
                throw new JournalException(directory + ": the journal is empty (no header)");
            }
            return new Journal(directory, queue, header);
        }
        catch (final JournalException ex)
        {
            queue.close();
            throw ex;
        }
        catch (final RuntimeException | InternalError ex)
        {
            queue.close();
            throw new JournalException(directory + ": cannot read the journal's first entry (damaged?): " + ex, ex);
        }
        catch (final Throwable ex)
        {
            // Chronicle may throw checked exceptions undeclared: whatever it was, the queue must not leak.
            queue.close();
            throw ex;
        }
    }

    private static boolean containsQueueFiles(final Path directory)
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static SingleChronicleQueue build(
        final Path directory, final JournalContext context, final boolean readOnly) throws JournalException
    {
        try
        {
            return ChronicleQueue.singleBuilder(directory)
                .rollCycle(context.rollCycle())
                .blockSize(BLOCK_SIZE)
                .readOnly(readOnly)
                .storeFileListener(
                    readOnly ? StoreFileListener.noOp() : new Retention(directory, context.retentionCycles()))
                .build();
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw new JournalException(directory + ": cannot open the queue files (damaged?): " + ex, ex);
        }
    }

    private static void writeSidecar(final Path directory, final byte[] bytes) throws JournalException
    {
        try
        {
            final Path temporary = directory.resolve(HEADER_FILE + ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, directory.resolve(HEADER_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new JournalException(directory + ": cannot write the journal header: " + ex.getMessage(), ex);
        }
    }

    /**
     * The header from the sidecar file, else from the queue's first entry; null for an empty journal.
     */
    private static JournalHeader readHeader(final Path directory, final SingleChronicleQueue queue)
        throws JournalException
    {
        final String where = directory.toString();
        final Path sidecar = directory.resolve(HEADER_FILE);
        if (Files.isRegularFile(sidecar))
        {
            try
            {
                final byte[] content = Files.readAllBytes(sidecar);
                return JournalHeader.decode(new UnsafeBuffer(content), 0, content.length, where);
            }
            catch (final IOException ex)
            {
                throw new JournalException(where + ": cannot read " + HEADER_FILE + ": " + ex.getMessage(), ex);
            }
        }
        try (ExcerptTailer tailer = queue.createTailer())
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    return null;
                }
                final Bytes<?> bytes = document.wire().bytes();
                final byte[] content = new byte[(int)bytes.readRemaining()];
                bytes.read(content, 0, content.length);
                return JournalHeader.decode(new UnsafeBuffer(content), 0, content.length, where);
            }
        }
    }

    public Path directory()
    {
        return directory;
    }

    public JournalHeader header()
    {
        return header;
    }

    /**
     * A writer for one thread. It binds to the thread of its first append.
     */
    public synchronized JournalWriter newWriter()
    {
        final JournalWriter writer = new JournalWriter(queue, space);
        writers.add(writer);
        return writer;
    }

    /**
     * The journal's disk space: its reserve and the gate every writer checks ({@link JournalSpace}).
     */
    public JournalSpace space()
    {
        return space;
    }

    /**
     * A reader positioned at the first record after the header.
     */
    public JournalReader newReader()
    {
        final JournalReader.SequenceRule rule;
        if (!header.checksummed() || !header.sourceJournal().isEmpty())
        {
            rule = JournalReader.SequenceRule.NONE;
        }
        else if (JournalHeader.KIND_VENUE_LOG.equals(header.kind()))
        {
            rule = JournalReader.SequenceRule.ALL;
        }
        else
        {
            rule = JournalReader.SequenceRule.INPUTS;
        }
        return new JournalReader(queue, directory.toString(), header.checksummed(), rule);
    }

    /**
     * @return the queue's roll cycle (how its files are cut and its indexes made).
     */
    public RollCycle rollCycle()
    {
        return queue.rollCycle();
    }

    SingleChronicleQueue queue()
    {
        return queue;
    }

    /**
     * @return the index of the last entry, or -1 if the journal is empty.
     */
    public long lastIndex()
    {
        return queue.lastIndex();
    }

    /**
     * @return the index of the first entry still on disk (the header, unless retention removed it), or
     * {@link Long#MAX_VALUE} if the journal is empty.
     */
    public long firstIndex()
    {
        return queue.firstIndex();
    }

    /**
     * Count entries (records, damaged entries and headers alike) without reading them: for progress and lag.
     *
     * @param fromIndex the index of an entry, counted.
     * @param toIndex   the index of a later entry, not counted.
     * @return the number of entries from {@code fromIndex} up to {@code toIndex}; 0 if {@code toIndex <= fromIndex}.
     */
    public long countEntries(final long fromIndex, final long toIndex)
    {
        return toIndex <= fromIndex ? 0 : queue.countExcerpts(fromIndex, toIndex);
    }

    /**
     * @return the size of the journal's files on disk, in bytes.
     */
    public long sizeOnDisk()
    {
        long size = 0;
        final File[] files = directory.toFile().listFiles();
        if (files != null)
        {
            for (final File file : files)
            {
                size += file.length();
            }
        }
        return size;
    }

    @Override
    public synchronized void close()
    {
        for (final JournalWriter writer : writers)
        {
            writer.close();
        }
        writers.clear();
        queue.close();
        space.close();
    }

    /**
     * Deletes cycle files older than the retention when a new cycle is acquired.
     */
    private static final class Retention implements StoreFileListener
    {
        private final Path directory;
        private final int retentionCycles;

        Retention(final Path directory, final int retentionCycles)
        {
            this.directory = directory;
            this.retentionCycles = retentionCycles;
        }

        @Override
        public boolean isActive()
        {
            return retentionCycles > 0;
        }

        @Override
        public void onAcquired(final int cycle, final File file)
        {
            if (retentionCycles <= 0)
            {
                return;
            }
            final File[] files = directory.toFile().listFiles((dir, name) -> name.endsWith(".cq4"));
            if (files == null || files.length <= retentionCycles + 1)
            {
                return;
            }
            Arrays.sort(files);
            for (int i = 0; i < files.length - retentionCycles - 1; i++)
            {
                if (!files[i].equals(file))
                {
                    files[i].delete();
                }
            }
        }

        @Override
        public void onReleased(final int cycle, final File file)
        {
        }
    }
}
