package io.easyquant.adapters.sink.postgres;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.easyquant.adapters.sink.postgres.TestPostgres.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Flyway migrations: they build the schema in an empty database, and running them again changes nothing.
 */
@Tag("slow")
class SinkSchemaTest
{
    @Test
    void shouldMigrateAnEmptyDatabaseAndDoNothingTheSecondTime() throws Exception
    {
        final String url = TestPostgres.newDatabase();
        final PostgresSinkContext context = PostgresSinkContext.builder().instruments(TestJournal.INSTRUMENTS).build();

        final int applied = SinkDatabase.migrate(SinkDatabase.dataSource(url, context));

        assertTrue(applied >= 1, "applied " + applied);
        assertEquals(16, count(url, "SELECT count(*) FROM information_schema.tables WHERE table_schema = " +
            "'easyquant' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'"));
        assertEquals(2, count(url, "SELECT count(*) FROM information_schema.views WHERE table_schema = 'easyquant'"));
        final long history = count(url, "SELECT count(*) FROM easyquant.flyway_schema_history");
        final long indexes = count(url, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'easyquant'");

        assertEquals(0, SinkDatabase.migrate(SinkDatabase.dataSource(url, context)));

        assertEquals(history, count(url, "SELECT count(*) FROM easyquant.flyway_schema_history"));
        assertEquals(indexes, count(url, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'easyquant'"));
    }
}
