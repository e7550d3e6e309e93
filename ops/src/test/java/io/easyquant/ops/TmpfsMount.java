package io.easyquant.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A small tmpfs mounted for one test, the file system on which a full disk is real: only root may mount, so elsewhere
 * the test is skipped with a message saying so. Unmounted on close.
 */
public final class TmpfsMount implements AutoCloseable
{
    private final Path mountPoint;

    private TmpfsMount(final Path mountPoint)
    {
        this.mountPoint = mountPoint;
    }

    public static TmpfsMount mount(final Path mountPoint, final int sizeMb) throws IOException, InterruptedException
    {
        final Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        assumeTrue(Integer.valueOf(0).equals(uid), "skipped: mounting a small tmpfs to fill needs root (uid " + uid +
            ")");
        Files.createDirectories(mountPoint);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + sizeMb + "m", "tmpfs", mountPoint.toString()) == 0,
            "skipped: mount -t tmpfs failed on " + mountPoint);
        return new TmpfsMount(mountPoint);
    }

    public Path path()
    {
        return mountPoint;
    }

    /**
     * Write zeros to a file until the file system is full.
     *
     * @return the bytes written.
     */
    public long fill(final String name) throws IOException
    {
        final byte[] chunk = new byte[1 << 16];
        long written = 0;
        try (var out = Files.newOutputStream(mountPoint.resolve(name)))
        {
            while (true)
            {
                out.write(chunk);
                written += chunk.length;
            }
        }
        catch (final IOException full)
        {
            if (Files.getFileStore(mountPoint).getUsableSpace() > chunk.length)
            {
                throw full;
            }
            return written;
        }
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            if (run("umount", mountPoint.toString()) != 0 && run("umount", "-l", mountPoint.toString()) != 0)
            {
                throw new IOException("could not unmount " + mountPoint);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unmounting " + mountPoint, ex);
        }
    }

    private static int run(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
