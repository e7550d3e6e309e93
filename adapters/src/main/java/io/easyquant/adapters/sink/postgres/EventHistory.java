package io.easyquant.adapters.sink.postgres;

import io.easyquant.journal.codec.RecordType;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the engine's events back from the sink's {@code events} table: the history behind an events view once it is
 * older than the journal tail the view holds (the admin server's {@code /api/v1/events}). Uses the
 * {@code events_time} index (a B-tree on time; a type filter is applied to the rows it selects).
 *
 * <p>Paging back through history is by the key (time, journal id, journal index), so events that share a
 * microsecond are neither skipped nor repeated between pages
 * ({@link #queryBefore(Instant, int, long, int, String...)}).
 *
 * <p>Thread-safe: each query takes a connection from the data source.
 */
public final class EventHistory
{
    /** The most events one query returns. */
    public static final int MAX_LIMIT = 10_000;

    private static final String SELECT = "SELECT j.name, e.journal_id, e.journal_index, e.seq, e.time, e.stage, " +
        "e.event, e.instrument_id, e.payload::text FROM " + RowEncoder.SCHEMA + ".events e JOIN " + RowEncoder.SCHEMA +
        ".journals j ON j.journal_id = e.journal_id ";
    private static final String TYPES = "AND (cardinality(?::text[]) = 0 OR e.event = ANY(?::text[]) OR " +
        "e.stage = ANY(?::text[])) ";
    private static final String SINCE = SELECT + "WHERE e.time >= ? " + TYPES +
        "ORDER BY e.time, e.journal_id, e.journal_index LIMIT ?";
    private static final String BEFORE = SELECT + "WHERE (e.time, e.journal_id, e.journal_index) < (?, ?, ?) " +
        TYPES + "ORDER BY e.time DESC, e.journal_id DESC, e.journal_index DESC LIMIT ?";

    private final DataSource dataSource;

    public EventHistory(final DataSource dataSource)
    {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Events for the sink's database.
     *
     * @param url     the JDBC URL, as the sink's.
     * @param context for the user, password and timeouts.
     */
    public static EventHistory forSink(final String url, final PostgresSinkContext context)
    {
        return new EventHistory(SinkDatabase.dataSource(url, context));
    }

    /**
     * Events for the sink's database, each query bounded: the server cancels a statement that runs longer than
     * {@code statementTimeoutMs} ({@code statement_timeout}); connecting and logging in give up after that time
     * rounded up to whole seconds (at most the sink's connect timeout), and every network read one second after it,
     * so a query against a server that is down or hung fails, never hangs.
     */
    public static EventHistory forSink(final String url, final PostgresSinkContext context,
        final long statementTimeoutMs)
    {
        if (statementTimeoutMs < 1)
        {
            throw new IllegalArgumentException("statementTimeoutMs: expected at least 1, got " + statementTimeoutMs);
        }
        final PGSimpleDataSource dataSource = SinkDatabase.dataSource(url, context);
        final int seconds = (int)Math.min(Integer.MAX_VALUE, (statementTimeoutMs + 999) / 1000);
        dataSource.setConnectTimeout(Math.min(seconds, context.connectTimeoutSeconds()));
        dataSource.setLoginTimeout(Math.min(seconds, context.connectTimeoutSeconds()));
        dataSource.setSocketTimeout(seconds + 1);
        dataSource.setOptions("-c statement_timeout=" + statementTimeoutMs);
        dataSource.setApplicationName("easyquant-history");
        return new EventHistory(dataSource);
    }

    /**
     * The names and stages under which the sink stores records of a journal type in the events table (an argument
     * for {@code types}); empty for the types it keeps in other tables only (market data, timer ticks).
     */
    public static String[] selectors(final RecordType type)
    {
        switch (type)
        {
            case SIGNAL:
                return new String[] {EventNames.SIGNAL};
            case ORDER_INTENT:
                return new String[] {EventNames.ORDER_INTENT};
            case RISK_DECISION:
                return new String[] {EventNames.RISK_ACCEPTED, EventNames.RISK_REJECTED};
            case ORDER:
                return new String[] {EventNames.ORDER_SENT};
            case CANCEL:
                return new String[] {EventNames.CANCEL_SENT};
            case EXECUTION_REPORT:
                return new String[] {EventNames.STAGE_VENUE};
            case ADMIN_COMMAND:
                return new String[] {EventNames.STAGE_ADMIN};
            case TRADING_STATE_CHANGE:
                return new String[] {EventNames.TRADING_STATE};
            default:
                return new String[0];
        }
    }

    /**
     * Events at or after {@code since}, oldest first.
     *
     * @param since from this engine time, inclusive.
     * @param limit the most events to return, 1 to {@link #MAX_LIMIT}.
     * @param types event names ({@code order_sent}, {@code fill}, {@code risk_rejected}, {@code kill_engage}, ...)
     *              or stages ({@code signal}, {@code risk}, {@code execution}, {@code venue}, {@code admin}); none
     *              for every event.
     */
    public List<Event> query(final Instant since, final int limit, final String... types) throws SQLException
    {
        return run(SINCE, since, limit, types);
    }

    /**
     * Events before {@code until}, newest first: paging back through history.
     */
    public List<Event> queryBefore(final Instant until, final int limit, final String... types) throws SQLException
    {
        return queryBefore(until, Integer.MIN_VALUE, Long.MIN_VALUE, limit, types);
    }

    /**
     * Events before the key ({@code time}, {@code journalId}, {@code journalIndex}), newest first: the next page
     * after an event is {@code queryBefore(event.time(), event.journalId(), event.journalIndex(), ...)}.
     */
    public List<Event> queryBefore(final Instant time, final int journalId, final long journalIndex, final int limit,
        final String... types) throws SQLException
    {
        return run(BEFORE, time, new long[] {journalId, journalIndex}, limit, types);
    }

    private List<Event> run(final String sql, final Instant time, final int limit, final String... types)
        throws SQLException
    {
        return run(sql, time, null, limit, types);
    }

    private List<Event> run(final String sql, final Instant time, final long[] key, final int limit,
        final String... types) throws SQLException
    {
        Objects.requireNonNull(time, "time");
        if (limit < 1 || limit > MAX_LIMIT)
        {
            throw new IllegalArgumentException("limit: expected 1 to " + MAX_LIMIT + ", got " + limit);
        }
        final List<Event> events = new ArrayList<>(Math.min(limit, 256));
        try (Connection connection = dataSource.getConnection();
            PreparedStatement select = connection.prepareStatement(sql))
        {
            final Array typeArray = connection.createArrayOf("text", types);
            int parameter = 1;
            select.setObject(parameter++, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
            if (key != null)
            {
                select.setInt(parameter++, (int)key[0]);
                select.setLong(parameter++, key[1]);
            }
            select.setArray(parameter++, typeArray);
            select.setArray(parameter++, typeArray);
            select.setArray(parameter++, typeArray);
            select.setInt(parameter, limit);
            try (ResultSet rs = select.executeQuery())
            {
                while (rs.next())
                {
                    final int id = rs.getInt(8);
                    final Integer instrumentId = rs.wasNull() ? null : id;
                    events.add(new Event(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6), rs.getString(7),
                        instrumentId, rs.getString(9)));
                }
            }
        }
        return events;
    }

    /**
     * One engine event.
     *
     * @param journal      the journal's name.
     * @param journalId    the journal's id in this database (part of the paging key).
     * @param journalIndex the record's Chronicle index.
     * @param sequence     its engine sequence.
     * @param time         its engine time, to the microsecond.
     * @param stage        signal, risk, execution, venue or admin.
     * @param event        the event's name.
     * @param instrumentId its instrument, or null.
     * @param payload      its fields as a JSON object.
     */
    public record Event(
        String journal,
        int journalId,
        long journalIndex,
        long sequence,
        Instant time,
        String stage,
        String event,
        Integer instrumentId,
        String payload)
    {
    }
}
