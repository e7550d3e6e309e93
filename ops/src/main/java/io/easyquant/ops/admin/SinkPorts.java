package io.easyquant.ops.admin;

import io.easyquant.adapters.sink.postgres.EmbeddedPostgresServer;
import io.easyquant.adapters.sink.postgres.EventHistory;
import io.easyquant.adapters.sink.postgres.PostgresSinkContext;
import io.easyquant.adapters.sink.postgres.SinkService;
import io.easyquant.adapters.sink.postgres.SinkStatus;
import io.easyquant.admin.AdminSources;
import io.easyquant.admin.EventArchive;
import io.easyquant.admin.SinkMetrics;
import io.easyquant.journal.codec.RecordType;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin server's ports over the Postgres sink: {@link SinkMetrics} from the running {@link SinkService}'s status,
 * and an {@link EventArchive} over the sink's events table through {@link EventHistory}. Both take the service from a
 * supplier, because the admin server is built before the sink starts (and the sink may never start): until it runs,
 * the metrics say it is down and the archive says why it cannot answer.
 */
public final class SinkPorts
{
    /**
     * The bound of each history query: below the admin server's wait for it
     * ({@link AdminSources#DEFAULT_HISTORY_TIMEOUT_MS}), so a slow query fails in PostgreSQL before the server stops
     * waiting, and an abandoned one ends soon after.
     */
    static final long STATEMENT_TIMEOUT_MS = AdminSources.DEFAULT_HISTORY_TIMEOUT_MS * 3 / 4;

    private SinkPorts()
    {
    }

    /**
     * Give the admin server the sink's metrics and its events archive.
     *
     * @param context the sink's configuration.
     * @param service the running sink, or null while it is not running.
     */
    public static AdminSources.Builder attach(final AdminSources.Builder sources, final PostgresSinkContext context,
        final Supplier<SinkService> service)
    {
        return sources.sink(new ServiceMetrics(service))
            .archive(new PostgresArchive(context, service, STATEMENT_TIMEOUT_MS));
    }

    /**
     * The sink's status as {@link SinkMetrics}.
     */
    static final class ServiceMetrics implements SinkMetrics
    {
        private final Supplier<SinkService> service;

        ServiceMetrics(final Supplier<SinkService> service)
        {
            this.service = service;
        }

        private SinkStatus status()
        {
            final SinkService running = service.get();
            return running == null ? null : running.status();
        }

        @Override
        public boolean up()
        {
            final SinkStatus status = status();
            return status != null && status.connected();
        }

        @Override
        public long lagRecords()
        {
            final SinkStatus status = status();
            return status == null ? -1 : status.lagRecords();
        }

        @Override
        public double lagSeconds()
        {
            final SinkStatus status = status();
            return status == null ? 0 : status.lagSeconds();
        }

        @Override
        public long records()
        {
            final SinkStatus status = status();
            return status == null ? 0 : status.records();
        }

        @Override
        public long rows()
        {
            final SinkStatus status = status();
            return status == null ? 0 : status.rows();
        }

        @Override
        public long failures()
        {
            final SinkStatus status = status();
            return status == null ? 0 : status.failures();
        }
    }

    /**
     * The sink's events table as an {@link EventArchive}: the configured URL, or the embedded server's once it runs.
     * Each query is bounded by the statement timeout, with connect and read timeouts derived from it
     * ({@link EventHistory#forSink(String, PostgresSinkContext, long)}).
     */
    static final class PostgresArchive implements EventArchive
    {
        private final PostgresSinkContext context;
        private final Supplier<SinkService> service;
        private final long statementTimeoutMs;
        private volatile Connected connected;

        PostgresArchive(final PostgresSinkContext context, final Supplier<SinkService> service,
            final long statementTimeoutMs)
        {
            this.context = context;
            this.service = service;
            this.statementTimeoutMs = statementTimeoutMs;
        }

        private record Connected(String url, EventHistory history)
        {
        }

        @Override
        public List<ArchivedEvent> before(final Key key, final long sinceNs, final int limit,
            final Set<RecordType> types) throws SQLException, IOException
        {
            final String[] selectors = selectors(types);
            if (selectors == null)
            {
                return List.of();
            }
            final EventHistory history = history();
            final long timeUs = Math.floorDiv(key.timeNs(), 1_000L);
            final Instant time = Instant.ofEpochSecond(Math.floorDiv(timeUs, 1_000_000L),
                Math.floorMod(timeUs, 1_000_000L) * 1_000L);
            final int wanted = Math.min(limit, EventHistory.MAX_LIMIT);
            final List<ArchivedEvent> events = new ArrayList<>();
            for (final EventHistory.Event event : history.queryBefore(time, key.journalId(), key.journalIndex(),
                wanted, selectors))
            {
                final long timeNs = event.time().getEpochSecond() * 1_000_000_000L + event.time().getNano();
                if (timeNs < sinceNs)
                {
                    break;
                }
                events.add(new ArchivedEvent(event.journal(), event.journalId(), event.journalIndex(),
                    event.sequence(), timeNs, event.stage(), event.event(), event.payload()));
            }
            return events;
        }

        /**
         * @return the event names and stages for the types (empty: every event), or null if none of the types has
         * events in the table.
         */
        private static String[] selectors(final Set<RecordType> types)
        {
            if (types == null)
            {
                return new String[0];
            }
            final Set<String> selectors = new LinkedHashSet<>();
            for (final RecordType type : types)
            {
                selectors.addAll(List.of(EventHistory.selectors(type)));
            }
            return selectors.isEmpty() ? null : selectors.toArray(new String[0]);
        }

        private EventHistory history() throws IOException
        {
            final String url = url();
            final Connected current = connected;
            if (current != null && current.url().equals(url))
            {
                return current.history();
            }
            final Connected fresh = new Connected(url, EventHistory.forSink(url, context, statementTimeoutMs));
            connected = fresh;
            return fresh.history();
        }

        private String url() throws IOException
        {
            if (context.url() != null)
            {
                return context.url();
            }
            final SinkService running = service.get();
            if (running == null)
            {
                throw new IOException("the Postgres sink is not running");
            }
            final EmbeddedPostgresServer embedded = running.embedded();
            if (embedded == null)
            {
                throw new IOException("the embedded PostgreSQL has not started yet");
            }
            return embedded.jdbcUrl();
        }
    }
}
