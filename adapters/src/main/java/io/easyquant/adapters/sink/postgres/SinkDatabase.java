package io.easyquant.adapters.sink.postgres;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.journal.queue.JournalHeader;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The sink's connection and its statements. One instance per connection; after any failure the caller closes it and
 * opens a new one. Cold path except {@link #commitBatch}, which streams each table's rows with one COPY and moves the
 * checkpoint, in one transaction.
 *
 * <p>Not thread-safe: owned by the sink thread.
 */
final class SinkDatabase implements AutoCloseable
{
    /** The advisory lock class that keeps a journal to one sink at a time (the second key is the journal id). */
    private static final int LOCK_CLASS = 0x45515349;
    private static final String SCHEMA = RowEncoder.SCHEMA;

    private final Connection connection;
    private final CopyManager copy;
    private PreparedStatement updateCheckpoint;

    private SinkDatabase(final Connection connection) throws SQLException
    {
        this.connection = connection;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /**
     * A data source for the URL, with the credentials and timeouts of the context.
     */
    static PGSimpleDataSource dataSource(final String url, final PostgresSinkContext context)
    {
        final PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        if (context.user() != null)
        {
            dataSource.setUser(context.user());
        }
        if (context.password() != null)
        {
            dataSource.setPassword(context.password());
        }
        dataSource.setConnectTimeout(context.connectTimeoutSeconds());
        dataSource.setLoginTimeout(context.connectTimeoutSeconds());
        dataSource.setSocketTimeout(context.socketTimeoutSeconds());
        dataSource.setTcpKeepAlive(true);
        dataSource.setApplicationName("easyquant-sink");
        return dataSource;
    }

    static SinkDatabase connect(final PGSimpleDataSource dataSource) throws SQLException
    {
        final Connection connection = dataSource.getConnection();
        try
        {
            return new SinkDatabase(connection);
        }
        catch (final SQLException | RuntimeException ex)
        {
            connection.close();
            throw ex;
        }
    }

    /**
     * Bring the schema up to date with the migrations in {@code db/migration}; a no-op when it is.
     *
     * @return the number of migrations applied.
     */
    static int migrate(final PGSimpleDataSource dataSource)
    {
        final MigrateResult result = Flyway.configure(SinkDatabase.class.getClassLoader())
            .loggers("slf4j")
            .dataSource(dataSource)
            .schemas(SCHEMA)
            .locations("classpath:db/migration")
            .load()
            .migrate();
        return result.migrationsExecuted;
    }

    /**
     * Register the journal by name, or find it.
     *
     * @return the journal id.
     * @throws SinkException if a journal of that name was written with another configuration.
     */
    int registerJournal(final String name, final JournalHeader header) throws SQLException
    {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SCHEMA + ".journals " +
            "(name, kind, engine_version, config_digest) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING"))
        {
            insert.setString(1, name);
            insert.setString(2, header.kind());
            insert.setString(3, header.engineVersion());
            insert.setString(4, header.configDigest());
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT journal_id, config_digest FROM " + SCHEMA + ".journals WHERE name = ?"))
        {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery())
            {
                if (!rs.next())
                {
                    throw new SQLException("journal '" + name + "' vanished from " + SCHEMA + ".journals");
                }
                final int journalId = rs.getInt(1);
                final String digest = rs.getString(2);
                if (!digest.equals(header.configDigest()))
                {
                    throw new SinkException("the database holds rows of another journal named '" + name +
                        "' (configuration digest " + abbreviate(digest) + ", this journal's is " +
                        abbreviate(header.configDigest()) + "); give this journal another name " +
                        "(sink.postgres.journalName, or --name) or use another database");
                }
                return journalId;
            }
        }
    }

    private static String abbreviate(final String digest)
    {
        return digest.length() > 12 ? digest.substring(0, 12) + "..." : digest;
    }

    /**
     * Record the journal's instruments, and create its checkpoint row if there is none.
     */
    void registerInstrumentsAndCheckpoint(final int journalId, final Instruments instruments) throws SQLException
    {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SCHEMA + ".instruments " +
            "(journal_id, instrument_id, symbol, tick_size, lot_size, quote_currency) VALUES (?, ?, ?, ?, ?, ?) " +
            "ON CONFLICT (journal_id, instrument_id) DO NOTHING"))
        {
            for (int i = 0; i < instruments.count(); i++)
            {
                final Instrument instrument = instruments.at(i);
                insert.setInt(1, journalId);
                insert.setInt(2, instrument.id());
                insert.setString(3, instrument.symbol());
                insert.setBigDecimal(4, instrument.tickSize());
                insert.setBigDecimal(5, instrument.lotSize());
                insert.setString(6, instrument.quoteCurrency());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SCHEMA + ".sink_checkpoint " +
            "(journal_id, journal_index, records) VALUES (?, -1, 0) ON CONFLICT (journal_id) DO NOTHING"))
        {
            insert.setInt(1, journalId);
            insert.executeUpdate();
        }
    }

    /**
     * Take the journal's advisory lock for this session (released when the connection closes).
     *
     * @return false if another session holds it.
     */
    boolean tryLock(final int journalId) throws SQLException
    {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)"))
        {
            lock.setInt(1, LOCK_CLASS);
            lock.setInt(2, journalId);
            try (ResultSet rs = lock.executeQuery())
            {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * @return the journal's checkpoint.
     */
    Checkpoint checkpoint(final int journalId) throws SQLException
    {
        try (PreparedStatement select = connection.prepareStatement("SELECT journal_index, records, record_sequence, " +
            "record_time_ns, state FROM " + SCHEMA + ".sink_checkpoint WHERE journal_id = ?"))
        {
            select.setInt(1, journalId);
            try (ResultSet rs = select.executeQuery())
            {
                if (!rs.next())
                {
                    throw new SQLException("no checkpoint row for journal id " + journalId);
                }
                return new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBytes(5));
            }
        }
    }

    /**
     * From now on each batch is one transaction.
     */
    void beginBatches() throws SQLException
    {
        connection.setAutoCommit(false);
        updateCheckpoint = connection.prepareStatement("UPDATE " + SCHEMA + ".sink_checkpoint SET journal_index = ?, " +
            "records = ?, record_sequence = ?, record_time_ns = ?, state = ?, updated_at = now() " +
            "WHERE journal_id = ? AND journal_index = ?");
    }

    /**
     * In one transaction: COPY every table's rows, move the checkpoint from {@code fromIndex} to {@code toIndex},
     * commit. On an exception nothing is committed (or, if the connection broke during the commit itself, the outcome
     * is unknown: the caller reloads the checkpoint).
     *
     * @throws SinkException if the checkpoint was not at {@code fromIndex} (another writer moved it).
     */
    void commitBatch(
        final CopyRows[] tables,
        final int journalId,
        final long fromIndex,
        final long toIndex,
        final long records,
        final long recordSequence,
        final long recordTimeNs,
        final byte[] state,
        final int stateLength,
        final BatchHook hook,
        final long batch)
        throws SQLException
    {
        for (final CopyRows table : tables)
        {
            if (table.rows() > 0)
            {
                final int length = table.finish();
                final CopyIn in = copy.copyIn(table.copySql());
                try
                {
                    in.writeToCopy(table.array(), 0, length);
                    in.endCopy();
                }
                finally
                {
                    if (in.isActive())
                    {
                        in.cancelCopy();
                    }
                }
            }
        }
        updateCheckpoint.setLong(1, toIndex);
        updateCheckpoint.setLong(2, records);
        updateCheckpoint.setLong(3, recordSequence);
        updateCheckpoint.setLong(4, recordTimeNs);
        if (state == null)
        {
            updateCheckpoint.setNull(5, Types.BINARY);
        }
        else
        {
            updateCheckpoint.setBinaryStream(5, new ByteArrayInputStream(state, 0, stateLength), stateLength);
        }
        updateCheckpoint.setInt(6, journalId);
        updateCheckpoint.setLong(7, fromIndex);
        if (updateCheckpoint.executeUpdate() != 1)
        {
            throw new SinkException("the checkpoint of journal id " + journalId + " is no longer at index 0x" +
                Long.toHexString(fromIndex) + ": another sink wrote to it");
        }
        hook.beforeCommit(connection, batch);
        connection.commit();
    }

    /**
     * Roll back, ignoring errors (the connection may be gone).
     */
    void rollbackQuietly()
    {
        try
        {
            if (!connection.getAutoCommit())
            {
                connection.rollback();
            }
        }
        catch (final SQLException | RuntimeException ignored)
        {
            // The connection is closed next; the server rolls back an open transaction then.
        }
    }

    @Override
    public void close()
    {
        try
        {
            connection.close();
        }
        catch (final SQLException | RuntimeException ignored)
        {
            // Closing a broken connection: nothing more to do.
        }
    }

    /**
     * The sink's progress as stored.
     *
     * @param journalIndex   the last committed record's index, -1 before the first.
     * @param records        journal records committed in all.
     * @param recordSequence the sequence of the record at journalIndex.
     * @param recordTimeNs   its engine time.
     * @param state          the encoded {@link SinkState} after it, or null.
     */
    record Checkpoint(long journalIndex, long records, long recordSequence, long recordTimeNs, byte[] state)
    {
    }

    /**
     * Called inside each batch's transaction just before the commit: tests inject failures here.
     */
    @FunctionalInterface
    interface BatchHook
    {
        BatchHook NONE = (connection, batch) ->
        {
        };

        /**
         * @param batch the number of the batch since the sink started, from 1.
         */
        void beforeCommit(Connection connection, long batch) throws SQLException;
    }
}
