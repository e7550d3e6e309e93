package io.easyquant.adapters.sink.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL for the sink tests of this JVM (started on first use, stopped at exit), and a fresh
 * database per test.
 */
final class TestPostgres
{
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres()
    {
    }

    static synchronized EmbeddedPostgres server()
    {
        if (server == null)
        {
            try
            {
                server = EmbeddedPostgres.builder().start();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        return server;
    }

    /**
     * @return the JDBC URL of a new, empty database.
     */
    static String newDatabase() throws SQLException
    {
        final String name = "sink_test_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
            Statement statement = connection.createStatement())
        {
            statement.execute("CREATE DATABASE " + name);
        }
        return server().getJdbcUrl(EmbeddedPostgresServer.USER, name);
    }

    static long count(final String url, final String sql) throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(url);
            Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery(sql))
        {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void execute(final String url, final String sql) throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(url);
            Statement statement = connection.createStatement())
        {
            statement.execute(sql);
        }
    }
}
