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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The events view: the journal read backward from its end (or from a cursor), newest first, filtered and paged. Each
 * event is the record's header fields and {@link RecordFormatter}'s line.
 *
 * <p>Filters: {@code stage} (the stage that wrote the record: {@code ingest} for inputs, {@code signal},
 * {@code risk} for intents and decisions, {@code execution} for orders and cancels), {@code type} (record type names,
 * comma-separated, any case), {@code since} (an ISO-8601 instant or epoch milliseconds: reading stops at the first
 * record older than it). A page holds at most {@code limit} events ({@link #MAX_LIMIT}); reading also stops after
 * {@link #MAX_SCANNED} records, so a narrow filter over a long journal answers quickly with a cursor to continue.
 * {@code nextCursor} is the journal index to pass as {@code cursor} for the next (older) page, null at the end.
 *
 * <p>Thread-safe: each query opens its own reader.
 */
final class JournalEvents
{
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_SCANNED = 100_000;

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

    record Event(String index, long sequence, String time, String type, String stage, int source, String line)
    {
    }

    record Page(List<Event> events, String nextCursor, long scanned)
    {
    }

    Page query(final String stage, final String types, final String since, final String limit, final String cursor)
        throws BadQuery
    {
        final String stageFilter = stage(stage);
        final Set<Integer> typeFilter = types(types);
        final long sinceNs = since(since);
        final int max = limit(limit);
        final Long from = cursor(cursor);

        final List<Event> events = new ArrayList<>();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        final RecordFormatter formatter = new RecordFormatter();
        long scanned = 0;
        boolean end = false;
        String nextCursor = null;
        try (JournalReader reader = journal.newReader().backward())
        {
            if (from == null)
            {
                reader.toEnd();
            }
            else if (!reader.moveToIndex(from))
            {
                return new Page(events, null, 0);
            }
            while (events.size() < max && scanned < MAX_SCANNED)
            {
                if (reader.next(record) < 0)
                {
                    end = true;
                    break;
                }
                scanned++;
                final long timeNs = RecordHeader.timeNs(record, 0);
                if (timeNs < sinceNs)
                {
                    end = true;
                    break;
                }
                final int templateId = RecordHeader.templateId(record, 0);
                final String recordStage = stageOf(templateId);
                if ((typeFilter == null || typeFilter.contains(templateId)) &&
                    (stageFilter == null || stageFilter.equals(recordStage)))
                {
                    events.add(new Event("0x" + Long.toHexString(reader.index()), RecordHeader.sequence(record, 0),
                        EngineViews.time(timeNs), RecordFormatter.typeName(templateId), recordStage,
                        RecordHeader.sourceId(record, 0), formatter.format(record, 0)));
                }
            }
            if (!end)
            {
                nextCursor = "0x" + Long.toHexString(reader.nextIndex());
            }
        }
        return new Page(events, nextCursor, scanned);
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

    private static Set<Integer> types(final String value) throws BadQuery
    {
        if (value == null || value.isBlank())
        {
            return null;
        }
        final Set<Integer> codes = new LinkedHashSet<>();
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
            codes.add(found.code());
        }
        return codes;
    }

    private static long since(final String value) throws BadQuery
    {
        if (value == null || value.isBlank())
        {
            return Long.MIN_VALUE;
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
            throw new BadQuery("since: expected an ISO-8601 instant (2024-01-02T03:04:05Z) or epoch milliseconds, " +
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
}
