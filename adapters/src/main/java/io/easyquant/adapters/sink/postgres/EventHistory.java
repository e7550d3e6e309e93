package io.easyquant.adapters.sink.postgres;

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
 * <p>Thread-safe: each query takes a connection from the data source.
 */
public final class EventHistory
{
    /** The most events one query returns. */
    public static final int MAX_LIMIT = 10_000;

    private static final String SELECT = "SELECT j.name, e.journal_index, e.seq, e.time, e.stage, e.event, " +
        "e.instrument_id, e.payload::text FROM " + RowEncoder.SCHEMA + ".events e JOIN " + RowEncoder.SCHEMA +
        ".journals j ON j.journal_id = e.journal_id ";
    private static final String TYPES = "AND (cardinality(?::text[]) = 0 OR e.event = ANY(?::text[]) OR " +
        "e.stage = ANY(?::text[])) ";
    private static final String SINCE = SELECT + "WHERE e.time >= ? " + TYPES +
        "ORDER BY e.time, e.journal_id, e.journal_index LIMIT ?";
    private static final String BEFORE = SELECT + "WHERE e.time < ? " + TYPES +
        "ORDER BY e.time DESC, e.journal_id DESC, e.journal_index DESC LIMIT ?";

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
        return run(BEFORE, until, limit, types);
    }

    private List<Event> run(final String sql, final Instant time, final int limit, final String... types)
        throws SQLException
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
            select.setObject(1, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
            select.setArray(2, typeArray);
            select.setArray(3, typeArray);
            select.setArray(4, typeArray);
            select.setInt(5, limit);
            try (ResultSet rs = select.executeQuery())
            {
                while (rs.next())
                {
                    final int id = rs.getInt(7);
                    final Integer instrumentId = rs.wasNull() ? null : id;
                    events.add(new Event(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6),
                        instrumentId, rs.getString(8)));
                }
            }
        }
        return events;
    }

    /**
     * One engine event.
     *
     * @param journal      the journal's name.
     * @param journalIndex the record's Chronicle index.
     * @param sequence     its engine sequence.
     * @param time         its engine time (microseconds).
     * @param stage        signal, risk, execution, venue or admin.
     * @param event        the event's name.
     * @param instrumentId its instrument, or null.
     * @param payload      its fields as a JSON object.
     */
    public record Event(
        String journal,
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
