package io.easyquant.journal.queue;

import net.openhft.posix.PosixAPI;

import java.io.File;
import java.nio.file.Path;

/**
 * The disk space of one journal: a reserve of blocks allocated ahead of its writers, and the gate that refuses appends
 * once that reserve is spent.
 *
 * <p>Why a reserve: Chronicle Queue grows a cycle file with {@code setLength} (a sparse extension) and writes through
 * a memory mapping, so a page is given a disk block only when a write first touches it. On a full file system that
 * touch is a fault inside the mapped write (an {@code InternalError} on ext4, a crash of the JVM on tmpfs), not an
 * {@code IOException}. {@link #maintainReserve(long)}, called off the hot path, keeps the newest cycle file allocated
 * (Linux {@code fallocate} with {@code FALLOC_FL_KEEP_SIZE}: blocks past the end of the file, no data touched, so it
 * never races a writer) up to its size plus the reserve. Chronicle writes only below the file's size and grows it in
 * {@link Journal#BLOCK_SIZE} steps, so while the allocated end is at least one block past the size every write lands
 * on an allocated block, whatever else fills the disk. When the disk is full the reserve cannot be renewed; the
 * writers then live on it (the low-disk rule has halted trading and stopped journaling market data by then), and when
 * less than a block of it is left the owner calls {@link #refuse(boolean)}: every append then throws
 * {@link JournalSpaceException} instead of touching an unallocated page.
 *
 * <p>The table store beside the cycle files ({@code metadata.cq4t}, also mapped and written in place) is allocated
 * within its size at the first {@link #maintainReserve(long)}.
 *
 * <p>{@link #checkAppend()} is what a writer calls first: one volatile read. Everything else runs on one maintaining
 * thread.
 */
public final class JournalSpace implements AutoCloseable
{
    private static final int O_RDWR = 2;
    private static final int FALLOC_FL_KEEP_SIZE = 1;

    private final Path directory;
    private final JournalSpaceException refusal;
    private volatile boolean refusing;
    private volatile long reserveAhead = -1;

    private File file;
    private int fd = -1;
    private long allocatedEnd;
    private boolean tableStoresAllocated;

    JournalSpace(final Path directory)
    {
        this.directory = directory;
        refusal = new JournalSpaceException(directory + ": appends refused: the disk is full and the journal's " +
            "reserve is spent; free space under " + directory + " (trading is halted)");
    }

    /**
     * @return true if this platform can allocate blocks ahead ({@code fallocate}); without it there is no reserve and
     * only the free-space threshold protects the journal.
     */
    public static boolean canReserve()
    {
        return !PosixAPI.posix().getClass().getName().contains(".noop.");
    }

    /**
     * Called by every writer before an append.
     *
     * @throws JournalSpaceException if appends are refused ({@link #refuse(boolean)}).
     */
    public void checkAppend()
    {
        if (refusing)
        {
            throw refusal;
        }
    }

    /**
     * Refuse every append from now on (true) or accept them again (false).
     */
    public void refuse(final boolean refuse)
    {
        refusing = refuse;
    }

    public boolean refusing()
    {
        return refusing;
    }

    /**
     * Allocate the newest cycle file up to its size plus {@code reserveBytes} (as far as the file system allows).
     * From one thread, off the hot path: a directory listing, a stat and, when the file grew, one {@code fallocate}.
     *
     * @return the bytes allocated past the newest file's end ({@link #reserveAhead()}); -1 if nothing could be
     * allocated for it.
     */
    public long maintainReserve(final long reserveBytes)
    {
        if (!tableStoresAllocated)
        {
            tableStoresAllocated = allocateTableStores();
        }
        final File newest = newestCycleFile();
        if (newest == null)
        {
            return reserveAhead;
        }
        if (!newest.equals(file))
        {
            closeFile();
            file = newest;
            fd = PosixAPI.posix().open(newest.getAbsolutePath(), O_RDWR, 0);
            allocatedEnd = 0;
        }
        final long size = newest.length();
        if (fd >= 0)
        {
            final long target = size + reserveBytes;
            if (allocatedEnd < target && PosixAPI.posix().fallocate(fd, FALLOC_FL_KEEP_SIZE, allocatedEnd,
                target - allocatedEnd) == 0)
            {
                allocatedEnd = target;
            }
            // A full disk: take what is left, a piece at a time.
            final long piece = Journal.BLOCK_SIZE / 4;
            while (allocatedEnd < target &&
                PosixAPI.posix().fallocate(fd, FALLOC_FL_KEEP_SIZE, allocatedEnd, piece) == 0)
            {
                allocatedEnd += piece;
            }
        }
        final long ahead = fd >= 0 && allocatedEnd > 0 ? allocatedEnd - size : -1;
        reserveAhead = ahead;
        return ahead;
    }

    /**
     * @return the bytes allocated past the end of the newest cycle file at the last {@link #maintainReserve(long)}
     * (negative: writes may reach unallocated pages), or -1 before the first.
     */
    public long reserveAhead()
    {
        return reserveAhead;
    }

    public Path directory()
    {
        return directory;
    }

    /**
     * Chronicle's table store ({@code metadata.cq4t}) is mapped too and written in place (locks, the last cycle): its
     * holes are allocated once, within its size.
     */
    private boolean allocateTableStores()
    {
        final File[] stores = directory.toFile().listFiles((dir, name) -> name.endsWith(".cq4t"));
        if (stores == null)
        {
            return false;
        }
        boolean allocated = true;
        for (final File store : stores)
        {
            final int storeFd = PosixAPI.posix().open(store.getAbsolutePath(), O_RDWR, 0);
            if (storeFd < 0)
            {
                allocated = false;
                continue;
            }
            try
            {
                allocated &= PosixAPI.posix().fallocate(storeFd, FALLOC_FL_KEEP_SIZE, 0, store.length()) == 0;
            }
            finally
            {
                PosixAPI.posix().close(storeFd);
            }
        }
        return allocated;
    }

    private File newestCycleFile()
    {
        final File[] files = directory.toFile().listFiles((dir, name) -> name.endsWith(".cq4"));
        File newest = null;
        if (files != null)
        {
            for (final File candidate : files)
            {
                if (newest == null || candidate.getName().compareTo(newest.getName()) > 0)
                {
                    newest = candidate;
                }
            }
        }
        return newest;
    }

    private void closeFile()
    {
        if (fd >= 0)
        {
            PosixAPI.posix().close(fd);
            fd = -1;
        }
        file = null;
    }

    /**
     * Close the file descriptor the reserve keeps; call from the maintaining thread once it stopped.
     */
    @Override
    public void close()
    {
        closeFile();
    }
}
