package io.easyquant.admin;

import io.easyquant.journal.codec.RecordFormatter;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The journal part of the events view: the journal read backward from its end (or from a cursor), newest first,
 * filtered and paged, and the parsing of the view's query parameters. Each event is the record's header fields and
 * {@link RecordFormatter}'s line.
 *
 * <p>Filters: {@code stage} (the stage that wrote the record: {@code ingest} for inputs, {@code signal},
 * {@code risk} for intents and decisions, {@code execution} for orders and cancels), {@code type} (record type names,
 * comma-separated, any case), {@code since} (an ISO-8601 instant or epoch milliseconds: reading stops at the first
 * record older than it), {@code before} (same forms: records at or after it are skipped). A page holds at most
 * {@code limit} events ({@link #MAX_LIMIT}); reading also stops after {@link #MAX_SCANNED} records, so a narrow filter
 * over a long journal answers quickly with a cursor to continue. {@code nextCursor} is the journal index to pass as
 * {@code cursor} for the next (older) page, null at the end. {@link EventsView} continues into an archive below the
 * journal's first record.
 *
 * <p>Thread-safe: each query opens its own reader.
 */
final class JournalEvents
{
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_SCANNED = 100_000;
    /** The prefix of a cursor into the archive: {@code pg:<timeNs>} or {@code pg:<timeNs>:<journalId>:<index>}. */
    static final String ARCHIVE_CURSOR = "pg:";

    private static final List<String> STAGES = List.of("ingest", "signal", "risk", "execution");

    private final Journal journal;

    JournalEvents(final Journal journal)
    {
        this.journal = journal;
    }

    /**
     * A query parameter was not understood; the message says what was expected.
     */
    static final class BadQuery extends Exception
    {
        BadQuery(final String message)
        {
            super(message);
        }
    }

    /**
     * Where a query reads: {@code auto} (the journal, and the archive below its first record when the request pages
     * there), {@code journal} only, or {@code postgres} (the archive) only.
     */
    enum Source
    {
        AUTO, JOURNAL, POSTGRES
    }

    /**
     * One event of either part. {@code origin} is {@code journal} or {@code postgres}; {@code journal} names the
     * archived event's journal (null for the journal's own); {@code source} is the record's source id (null for
     * archived events); {@code line} is the formatted record, or the archived event's JSON payload.
     */
    record Event(String origin, String journal, String index, long sequence, String time, String type, String stage,
        Integer source, String line)
    {
    }

    /**
     * A page of the events view. {@code history}: {@code "ok"} (the archive answered), {@code "not consulted"},
     * {@code "not configured"} or {@code "unavailable: <why>"}.
     */
    record Page(List<Event> events, String nextCursor, long scanned, String history)
    {
    }

    /**
     * The parsed query.
     *
     * @param stage         the stage filter, or null.
     * @param types         the record types to keep, or null for all.
     * @param sinceNs       the oldest engine time to include.
     * @param beforeNs      only events older than this engine time ({@link Long#MAX_VALUE}: no bound).
     * @param limit         the page size.
     * @param cursor        the journal index to continue from, or null.
     * @param archiveCursor the archive key to continue from, or null.
     * @param source        where to read.
     */
    record Query(String stage, Set<RecordType> types, long sinceNs, long beforeNs, int limit, Long cursor,
        EventArchive.Key archiveCursor, Source source)
    {
        boolean keeps(final int templateId)
        {
            return (types == null || types.contains(RecordType.get(templateId))) &&
                (stage == null || stage.equals(stageOf(templateId)));
        }

        /**
         * @return the record types both filters keep, or null for every type.
         */
        Set<RecordType> archiveTypes()
        {
            if (stage == null && types == null)
            {
                return null;
            }
            final Set<RecordType> kept = EnumSet.noneOf(RecordType.class);
            for (final RecordType type : RecordType.values())
            {
                if (keeps(type.code()))
                {
                    kept.add(type);
                }
            }
            return kept;
        }
    }

    /**
     * The journal's part of a page.
     *
     * @param reachedStart  reading ended at the journal's first record (not at {@code since} or a page limit).
     * @param oldestTimeNs  the engine time of the journal's first record, or {@link Long#MAX_VALUE} if it is empty.
     */
    record Part(List<Event> events, String nextCursor, long scanned, boolean reachedStart, long oldestTimeNs)
    {
    }

    static Query parse(final String stage, final String types, final String since, final String before,
        final String limit, final String cursor, final String source) throws BadQuery
    {
        final String text = cursor == null ? "" : cursor.trim();
        final boolean archive = text.toLowerCase(Locale.ROOT).startsWith(ARCHIVE_CURSOR);
        final String beforeText = before == null || before.isBlank() ? null : before;
        final Source from = source(source);
        if (archive && from == Source.JOURNAL)
        {
            throw new BadQuery("cursor: '" + text + "' continues in the archive; it cannot be read with " +
                "source=journal");
        }
        return new Query(stage(stage), types(types), time("since", since, Long.MIN_VALUE),
            time("before", beforeText, Long.MAX_VALUE), limit(limit), archive ? null : cursor(cursor),
            archive ? archiveCursor(text) : null, from);
    }

    /**
     * Read the journal's part of a page.
     */
    Part read(final Query query)
    {
        final List<Event> events = new ArrayList<>();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        final long oldestTimeNs = oldestTimeNs(record);
        if (oldestTimeNs == Long.MAX_VALUE || oldestTimeNs >= query.beforeNs())
        {
            return new Part(events, null, 0, true, oldestTimeNs);
        }
        final RecordFormatter formatter = new RecordFormatter();
        long scanned = 0;
        boolean end = false;
        boolean reachedStart = false;
        String nextCursor = null;
        try (JournalReader reader = journal.newReader().backward())
        {
            if (query.cursor() == null)
            {
                reader.toEnd();
            }
            else if (!reader.moveToIndex(query.cursor()))
            {
                return new Part(events, null, 0, false, oldestTimeNs);
            }
            while (events.size() < query.limit() && scanned < MAX_SCANNED)
            {
                if (reader.next(record) < 0)
                {
                    end = true;
                    reachedStart = true;
                    break;
                }
                scanned++;
                final long timeNs = RecordHeader.timeNs(record, 0);
                if (timeNs < query.sinceNs())
                {
                    end = true;
                    break;
                }
                final int templateId = RecordHeader.templateId(record, 0);
                if (timeNs < query.beforeNs() && query.keeps(templateId))
                {
                    events.add(new Event("journal", null, "0x" + Long.toHexString(reader.index()),
                        RecordHeader.sequence(record, 0), EngineViews.time(timeNs),
                        RecordFormatter.typeName(templateId), stageOf(templateId), RecordHeader.sourceId(record, 0),
                        formatter.format(record, 0)));
                }
            }
            if (!end)
            {
                nextCursor = "0x" + Long.toHexString(reader.nextIndex());
            }
        }
        return new Part(events, nextCursor, scanned, reachedStart, oldestTimeNs);
    }

    private long oldestTimeNs(final UnsafeBuffer record)
    {
        try (JournalReader reader = journal.newReader())
        {
            return reader.next(record) < 0 ? Long.MAX_VALUE : RecordHeader.timeNs(record, 0);
        }
    }

    static String stageOf(final int templateId)
    {
        final RecordType type = RecordType.get(templateId);
        if (type == null || type.isInput())
        {
            return "ingest";
        }
        switch (type)
        {
            case SIGNAL:
                return "signal";
            case ORDER_INTENT:
            case RISK_DECISION:
                return "risk";
            default:
                return "execution";
        }
    }

    private static String stage(final String value) throws BadQuery
    {
        if (value == null || value.isBlank())
        {
            return null;
        }
        final String stage = value.trim().toLowerCase(Locale.ROOT);
        if (!STAGES.contains(stage))
        {
            throw new BadQuery("stage: expected one of " + String.join(", ", STAGES) + ", got '" + value + "'");
        }
        return stage;
    }

    private static Set<RecordType> types(final String value) throws BadQuery
    {
        if (value == null || value.isBlank())
        {
            return null;
        }
        final Set<RecordType> codes = EnumSet.noneOf(RecordType.class);
        for (final String name : value.split(","))
        {
            final String wanted = name.trim().toUpperCase(Locale.ROOT);
            RecordType found = null;
            for (final RecordType type : RecordType.values())
            {
                if (type.name().equals(wanted))
                {
                    found = type;
                }
            }
            if (found == null)
            {
                final StringJoiner names = new StringJoiner(", ");
                for (final RecordType type : RecordType.values())
                {
                    names.add(type.name().toLowerCase(Locale.ROOT));
                }
                throw new BadQuery("type: unknown record type '" + name.trim() + "'; expected one of " + names);
            }
            codes.add(found);
        }
        return codes;
    }

    private static long time(final String name, final String value, final long absent) throws BadQuery
    {
        if (value == null || value.isBlank())
        {
            return absent;
        }
        final String text = value.trim();
        try
        {
            if (text.chars().allMatch(Character::isDigit))
            {
                return Math.multiplyExact(Long.parseLong(text), 1_000_000L);
            }
            final Instant instant = Instant.parse(text);
            try
            {
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
            }
            catch (final ArithmeticException beyondNanos)
            {
                return instant.getEpochSecond() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
            }
        }
        catch (final DateTimeException | ArithmeticException | NumberFormatException ex)
        {
            throw new BadQuery(name + ": expected an ISO-8601 instant (2024-01-02T03:04:05Z) or epoch milliseconds, " +
                "got '" + value + "'");
        }
    }

    private static int limit(final String value) throws BadQuery
    {
        if (value == null || value.isBlank())
        {
            return DEFAULT_LIMIT;
        }
        try
        {
            final int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT)
            {
                return limit;
            }
        }
        catch (final NumberFormatException ex)
        {
            // Reported below with the expected range.
        }
        throw new BadQuery("limit: expected an integer from 1 to " + MAX_LIMIT + ", got '" + value + "'");
    }

    private static Long cursor(final String value) throws BadQuery
    {
        if (value == null || value.isBlank())
        {
            return null;
        }
        final String text = value.trim().toLowerCase(Locale.ROOT);
        try
        {
            return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new BadQuery("cursor: expected a journal index as returned in nextCursor, got '" + value + "'");
        }
    }

    private static EventArchive.Key archiveCursor(final String text) throws BadQuery
    {
        final String[] parts = text.substring(ARCHIVE_CURSOR.length()).split(":", -1);
        try
        {
            if (parts.length == 1)
            {
                return EventArchive.Key.before(Long.parseLong(parts[0]));
            }
            if (parts.length == 3)
            {
                return new EventArchive.Key(Long.parseLong(parts[0]), Integer.parseInt(parts[1]),
                    Long.parseLong(parts[2]));
            }
        }
        catch (final NumberFormatException ex)
        {
            // Reported below.
        }
        throw new BadQuery("cursor: expected a cursor as returned in nextCursor (a journal index, or pg:...), got '" +
            text + "'");
    }

    static String archiveCursor(final EventArchive.Key key)
    {
        return key.journalId() == Integer.MIN_VALUE && key.journalIndex() == Long.MIN_VALUE ?
            ARCHIVE_CURSOR + key.timeNs() :
            ARCHIVE_CURSOR + key.timeNs() + ":" + key.journalId() + ":" + key.journalIndex();
    }

    private static Source source(final String value) throws BadQuery
    {
        if (value == null || value.isBlank())
        {
            return Source.AUTO;
        }
        switch (value.trim().toLowerCase(Locale.ROOT))
        {
            case "auto":
                return Source.AUTO;
            case "journal":
                return Source.JOURNAL;
            case "postgres":
                return Source.POSTGRES;
            default:
                throw new BadQuery("source: expected auto, journal or postgres, got '" + value + "'");
        }
    }
}
