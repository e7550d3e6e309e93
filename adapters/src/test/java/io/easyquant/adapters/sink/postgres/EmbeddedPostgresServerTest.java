package io.easyquant.adapters.sink.postgres;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.easyquant.adapters.sink.postgres.TestPostgres.count;
import static io.easyquant.adapters.sink.postgres.TestPostgres.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded server keeps its data across restarts, and takes over a data directory whose server was left running
 * by a process that died.
 */
@Tag("slow")
class EmbeddedPostgresServerTest
{
    @TempDir
    Path dir;

    @Test
    void shouldKeepItsDataAcrossRestartsOnTheSamePort() throws Exception
    {
        final Path data = dir.resolve("postgres");
        final Path log = dir.resolve("postgres.log");
        final int port;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0, log))
        {
            port = server.port();
            assertEquals("jdbc:postgresql://localhost:" + port + "/easyquant?user=postgres", server.jdbcUrl());
            execute(server.jdbcUrl(), "CREATE TABLE kept (n int)");
            execute(server.jdbcUrl(), "INSERT INTO kept VALUES (1), (2)");
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, port, log))
        {
            assertEquals(2, count(server.jdbcUrl(), "SELECT count(*) FROM kept"));
        }
        assertTrue(Files.size(log) > 0, "the server's log");
    }

    @Test
    void shouldStopAServerLeftRunningOnItsDataDirectory() throws Exception
    {
        final Path data = dir.resolve("postgres");
        final Path log = dir.resolve("postgres.log");
        final EmbeddedPostgresServer abandoned = EmbeddedPostgresServer.start(data, 0, log);
        execute(abandoned.jdbcUrl(), "CREATE TABLE kept (n int)");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0, log))
        {
            assertEquals(0, count(server.jdbcUrl(), "SELECT count(*) FROM kept"));
        }
    }
}
