package io.easyquant.admin;

import io.easyquant.journal.codec.RecordType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /api/v1/events}: the journal's events, newest first, continued into an {@link EventArchive} (the
 * Postgres sink's events table) for history older than the journal's first record.
 *
 * <p>Which part answers ({@code source}): {@code journal} reads only the journal; {@code postgres} only the archive;
 * {@code auto} (the default) reads the journal and, when the request pages into the past (a {@code cursor} or a
 * {@code before}) and reading reaches the journal's first record with room left on the page, fills the rest from
 * the archive, with events older than that first record only (so nothing appears twice). A first page without a
 * cursor never waits for the archive: when it reaches the journal's start its {@code nextCursor} is an archive
 * cursor ({@code pg:...}) that continues there.
 *
 * <p>Archive calls run on at most {@link #ARCHIVE_THREADS} threads of their own and are abandoned after the history
 * timeout: a database that is down, slow or hung gives the journal's part with {@code "history": "unavailable: ..."},
 * never an error status and never a request that hangs. {@code history} is otherwise {@code ok},
 * {@code not consulted} or {@code not configured}.
 *
 * <p>Thread-safe.
 */
final class EventsView implements AutoCloseable
{
    static final int ARCHIVE_THREADS = 2;
    private static final int ARCHIVE_QUEUE = 4;

    private final JournalEvents journal;
    private final EventArchive archive;
    private final long timeoutMs;
    private final ThreadPoolExecutor executor;

    /**
     * @param journal   the journal's part, or null when the engine keeps no journal.
     * @param archive   the archive, or null when there is none.
     * @param timeoutMs the longest a request waits for the archive.
     * @param threads   makes the archive's threads.
     */
    EventsView(final JournalEvents journal, final EventArchive archive, final long timeoutMs,
        final ThreadFactory threads)
    {
        this.journal = journal;
        this.archive = archive;
        this.timeoutMs = timeoutMs;
        if (archive == null)
        {
            executor = null;
        }
        else
        {
            executor = new ThreadPoolExecutor(ARCHIVE_THREADS, ARCHIVE_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(ARCHIVE_QUEUE), threads, new ThreadPoolExecutor.AbortPolicy());
            executor.allowCoreThreadTimeOut(true);
        }
    }

    /**
     * @return true if there is anything to read (a journal or an archive).
     */
    boolean available()
    {
        return journal != null || archive != null;
    }

    JournalEvents.Page query(final JournalEvents.Query query) throws InterruptedException
    {
        final List<JournalEvents.Event> events = new ArrayList<>();
        final boolean fromArchive = query.archiveCursor() != null || query.source() == JournalEvents.Source.POSTGRES;
        if (fromArchive || journal == null)
        {
            final EventArchive.Key key = query.archiveCursor() != null ? query.archiveCursor() :
                EventArchive.Key.before(query.beforeNs());
            return fromArchive(query, key, events, 0);
        }
        final JournalEvents.Part part = journal.read(query);
        events.addAll(part.events());
        final boolean archiveBelow = part.reachedStart() && query.source() == JournalEvents.Source.AUTO &&
            part.oldestTimeNs() > query.sinceNs();
        if (!archiveBelow)
        {
            return new JournalEvents.Page(events, part.nextCursor(), part.scanned(),
                archive == null ? "not configured" : "not consulted");
        }
        if (archive == null)
        {
            return new JournalEvents.Page(events, null, part.scanned(), "not configured");
        }
        final EventArchive.Key below = EventArchive.Key.before(Math.min(part.oldestTimeNs(), query.beforeNs()));
        final boolean paging = query.cursor() != null || query.beforeNs() != Long.MAX_VALUE;
        if (!paging || events.size() >= query.limit())
        {
            return new JournalEvents.Page(events, JournalEvents.archiveCursor(below), part.scanned(), "not consulted");
        }
        return fromArchive(query, below, events, part.scanned());
    }

    private JournalEvents.Page fromArchive(final JournalEvents.Query query, final EventArchive.Key key,
        final List<JournalEvents.Event> events, final long scanned) throws InterruptedException
    {
        if (archive == null)
        {
            return new JournalEvents.Page(events, null, scanned, "not configured");
        }
        final int wanted = query.limit() - events.size();
        final Set<RecordType> types = query.archiveTypes();
        if (types != null && types.isEmpty() || wanted <= 0)
        {
            return new JournalEvents.Page(events, null, scanned, "ok");
        }
        final List<EventArchive.ArchivedEvent> archived;
        final Future<List<EventArchive.ArchivedEvent>> call;
        try
        {
            call = executor.submit(() -> archive.before(key, query.sinceNs(), wanted, types));
        }
        catch (final RejectedExecutionException ex)
        {
            return new JournalEvents.Page(events, null, scanned,
                "unavailable: too many history queries at once; try again");
        }
        try
        {
            archived = call.get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            call.cancel(true);
            return new JournalEvents.Page(events, null, scanned,
                "unavailable: PostgreSQL did not answer within " + timeoutMs + " ms");
        }
        catch (final ExecutionException ex)
        {
            return new JournalEvents.Page(events, null, scanned, "unavailable: " + message(ex.getCause()));
        }
        for (final EventArchive.ArchivedEvent event : archived)
        {
            events.add(new JournalEvents.Event("postgres", event.journal(), "0x" +
                Long.toHexString(event.journalIndex()), event.sequence(), EngineViews.time(event.timeNs()),
                event.event(), event.stage(), null, event.payload()));
        }
        final String next = archived.size() < wanted ? null :
            JournalEvents.archiveCursor(archived.get(archived.size() - 1).key());
        return new JournalEvents.Page(events, next, scanned, "ok");
    }

    private static String message(final Throwable error)
    {
        Throwable cause = error;
        while (cause.getMessage() == null && cause.getCause() != null && cause.getCause() != cause)
        {
            cause = cause.getCause();
        }
        final String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return text.lines().findFirst().orElse(text);
    }

    @Override
    public void close()
    {
        if (executor != null)
        {
            executor.shutdownNow();
        }
    }
}
