package io.easyquant.adapters.sink.postgres;

/**
 * The sink's schema ({@code easyquant}), by the Flyway migrations in {@code db/migration}. The sink applies them when
 * it first connects; tools and benchmarks can apply them ahead.
 */
public final class SinkSchema
{
    /** The PostgreSQL schema of the sink's tables. */
    public static final String NAME = RowEncoder.SCHEMA;

    private SinkSchema()
    {
    }

    /**
     * Bring the database's schema up to date; a no-op when it is.
     *
     * @param url     the JDBC URL.
     * @param context for the user, password and timeouts.
     * @return the number of migrations applied.
     */
    public static int migrate(final String url, final PostgresSinkContext context)
    {
        return SinkDatabase.migrate(SinkDatabase.dataSource(url, context));
    }
}
