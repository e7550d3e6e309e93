package io.easyquant.perf.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Scratch directories of the harness and the benchmarks: journals and state maps they write and delete again.
 */
public final class Directories
{
    private Directories()
    {
    }

    /**
     * A new, empty directory under {@code parent}.
     */
    static Path fresh(final Path parent, final String prefix)
    {
        try
        {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, prefix);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Delete a directory tree, ignoring what cannot be deleted (a scratch directory: the next run does not need it
     * gone).
     */
    public static void deleteQuietly(final Path directory)
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException | UncheckedIOException ex)
        {
            System.err.println("perf: could not delete " + directory + ": " + ex.getMessage());
        }
    }

    /**
     * @return the total size of the regular files under {@code directory}, in bytes.
     */
    static long size(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
