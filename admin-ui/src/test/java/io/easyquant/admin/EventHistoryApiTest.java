package io.easyquant.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.easyquant.journal.codec.RecordFormatter;
import io.easyquant.journal.codec.RecordType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.easyquant.admin.AdminFixture.VIEWER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/v1/events} continued into an {@link EventArchive}: when the server asks the archive, with which bounds,
 * how pages continue, and what it answers when the archive fails or hangs. The archive here is an in-memory list of
 * events an hour older than the fixture's journal; the database behind the real one is tested in adapters and ops.
 */
class EventHistoryApiTest
{
    private static final long HOUR_NS = TimeUnit.HOURS.toNanos(1);

    @TempDir
    Path dir;

    /**
     * Archived events: 12 in all, one every millisecond an hour before now, alternately order_sent (ORDER) and
     * risk_rejected (RISK_DECISION), in two journals.
     */
    private static final class ListArchive implements EventArchive
    {
        final List<ArchivedEvent> events = new ArrayList<>();
        final Map<String, RecordType> types = Map.of("order_sent", RecordType.ORDER, "risk_rejected",
            RecordType.RISK_DECISION);
        final List<Set<RecordType>> calls = new CopyOnWriteArrayList<>();

        ListArchive()
        {
            final long startNs = System.currentTimeMillis() * 1_000_000L - HOUR_NS;
            for (int i = 11; i >= 0; i--)
            {
                final int journal = i < 6 ? 1 : 2;
                events.add(new ArchivedEvent("session-" + journal, journal, 100 + i, i, startNs + i * 1_000_000L,
                    i % 2 == 0 ? "execution" : "risk", i % 2 == 0 ? "order_sent" : "risk_rejected",
                    "{\"n\": " + i + "}"));
            }
        }

        @Override
        public List<ArchivedEvent> before(final Key key, final long sinceNs, final int limit,
            final Set<RecordType> wanted)
        {
            calls.add(wanted == null ? Set.of() : wanted);
            final List<ArchivedEvent> page = new ArrayList<>();
            for (final ArchivedEvent event : events)
            {
                if (below(event.key(), key) && event.timeNs() >= sinceNs && page.size() < limit &&
                    (wanted == null || wanted.contains(types.get(event.event()))))
                {
                    page.add(event);
                }
            }
            return page;
        }

        private static boolean below(final Key a, final Key b)
        {
            if (a.timeNs() != b.timeNs())
            {
                return a.timeNs() < b.timeNs();
            }
            if (a.journalId() != b.journalId())
            {
                return a.journalId() < b.journalId();
            }
            return a.journalIndex() < b.journalIndex();
        }
    }

    private static JsonNode read(final AdminFixture fixture, final String path) throws Exception
    {
        final HttpResponse<String> response = fixture.get(path, VIEWER_SECRET);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return Json.parse(response.body());
    }

    @Test
    void shouldGiveACursorIntoTheArchiveAndPageThroughItWithoutLossOrRepeat() throws Exception
    {
        final ListArchive archive = new ListArchive();
        try (AdminFixture fixture = AdminFixture.withSources(dir, s -> s.archive(archive)))
        {
            fixture.trade();
            final JsonNode first = read(fixture, "/api/v1/events?limit=500");
            assertEquals("not consulted", first.get("history").asText());
            assertTrue(archive.calls.isEmpty(), "a first page never waits for the archive");
            final int journalEvents = first.get("events").size();
            assertTrue(journalEvents > 30, "the whole journal: " + journalEvents);
            first.get("events").forEach(e -> assertEquals("journal", e.get("origin").asText()));
            String cursor = first.get("nextCursor").asText();
            assertTrue(cursor.startsWith("pg:"), cursor);

            final List<Long> sequences = new ArrayList<>();
            final Set<String> seen = new HashSet<>();
            int pages = 0;
            while (cursor != null)
            {
                final JsonNode page = read(fixture, "/api/v1/events?limit=5&cursor=" + cursor);
                assertEquals("ok", page.get("history").asText());
                for (final JsonNode event : page.get("events"))
                {
                    assertEquals("postgres", event.get("origin").asText());
                    assertTrue(seen.add(event.get("journal").asText() + event.get("index").asText()), "no repeat");
                    sequences.add(event.get("sequence").asLong());
                }
                cursor = page.get("nextCursor").textValue();
                pages++;
            }
            assertEquals(List.of(11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L), sequences, "newest first, all");
            assertEquals(3, pages, "5 + 5 + 2");
        }
    }

    @Test
    void shouldFillAPageFromTheArchiveWhenPagingReachesTheJournalsStart() throws Exception
    {
        final ListArchive archive = new ListArchive();
        try (AdminFixture fixture = AdminFixture.withSources(dir, s -> s.archive(archive)))
        {
            fixture.trade();
            final JsonNode all = read(fixture, "/api/v1/events?limit=500&source=journal");
            final int journalEvents = all.get("events").size();
            assertNull(all.get("nextCursor").textValue(), "source=journal ends at the journal's start");
            final JsonNode oldest = all.get("events").get(journalEvents - 1);
            final JsonNode secondOldest = all.get("events").get(journalEvents - 2);

            final JsonNode page = read(fixture, "/api/v1/events?limit=5&type=order,risk_decision&cursor=" +
                secondOldest.get("index").asText());
            assertEquals("ok", page.get("history").asText());
            final JsonNode events = page.get("events");
            assertEquals(5, events.size());
            // The journal's own records from the cursor (the second oldest and the oldest, inclusive) that the type
            // filter keeps come first, then the archive's.
            final Set<String> kept = Set.of(RecordFormatter.typeName(RecordType.ORDER.code()),
                RecordFormatter.typeName(RecordType.RISK_DECISION.code()));
            final List<String> expectedFromJournal = new ArrayList<>();
            for (final JsonNode event : List.of(secondOldest, oldest))
            {
                if (kept.contains(event.get("type").asText()))
                {
                    expectedFromJournal.add(event.get("index").asText());
                }
            }
            final int fromJournal = expectedFromJournal.size();
            for (int i = 0; i < fromJournal; i++)
            {
                assertEquals("journal", events.get(i).get("origin").asText());
                assertEquals(expectedFromJournal.get(i), events.get(i).get("index").asText());
            }
            for (int i = fromJournal; i < 5; i++)
            {
                assertEquals("postgres", events.get(i).get("origin").asText());
            }
            assertEquals(List.of(Set.of(RecordType.ORDER, RecordType.RISK_DECISION)), archive.calls);
            assertTrue(Instant.parse(events.get(fromJournal).get("time").asText())
                .isBefore(Instant.parse(oldest.get("time").asText())), "only events older than the journal's");
            assertTrue(page.get("nextCursor").asText().startsWith("pg:"));
        }
    }

    @Test
    void shouldAnswerBeforeAndTypeFiltersFromTheArchive() throws Exception
    {
        final ListArchive archive = new ListArchive();
        try (AdminFixture fixture = AdminFixture.withSources(dir, s -> s.archive(archive)))
        {
            fixture.trade();
            final long before = (archive.events.get(5).timeNs()) / 1_000_000L;
            final JsonNode page = read(fixture, "/api/v1/events?before=" + before + "&type=order&limit=100");
            assertEquals("ok", page.get("history").asText());
            final List<Long> sequences = new ArrayList<>();
            page.get("events").forEach(e -> sequences.add(e.get("sequence").asLong()));
            assertEquals(List.of(4L, 2L, 0L), sequences, "orders older than the 7th event");
            assertEquals("order_sent", page.get("events").get(0).get("type").asText());
            assertEquals("{\"n\": 4}", page.get("events").get(0).get("line").asText());
            assertNull(page.get("nextCursor").textValue());

            final JsonNode postgres = read(fixture, "/api/v1/events?source=postgres&limit=3");
            assertEquals(3, postgres.get("events").size());
            assertEquals(11, postgres.get("events").get(0).get("sequence").asLong());

            archive.calls.clear();
            final JsonNode quotes = read(fixture, "/api/v1/events?source=postgres&type=quote");
            assertEquals(0, quotes.get("events").size());
            assertEquals("ok", quotes.get("history").asText());
            assertEquals(List.of(Set.of(RecordType.QUOTE)), archive.calls, "the archive decides what it keeps");
        }
    }

    @Test
    void shouldAnswerTheJournalPartWhenTheArchiveFails() throws Exception
    {
        final EventArchive down = (key, since, limit, types) ->
        {
            throw new SQLException("Connection to localhost:5432 refused.", "08001");
        };
        try (AdminFixture fixture = AdminFixture.withSources(dir, s -> s.archive(down)))
        {
            fixture.trade();
            final JsonNode all = read(fixture, "/api/v1/events?limit=500&source=journal");
            final String second = all.get("events").get(1).get("index").asText();

            final JsonNode page = read(fixture, "/api/v1/events?limit=500&cursor=" + second);
            assertEquals("unavailable: Connection to localhost:5432 refused.", page.get("history").asText());
            assertEquals(all.get("events").size() - 1, page.get("events").size(), "the journal's part");
            assertNull(page.get("nextCursor").textValue());
            final JsonNode postgres = read(fixture, "/api/v1/events?source=postgres");
            assertEquals(0, postgres.get("events").size());
            assertTrue(postgres.get("history").asText().startsWith("unavailable: "));
        }
    }

    @Test
    void shouldStopWaitingForAHungArchive() throws Exception
    {
        final CountDownLatch never = new CountDownLatch(1);
        final EventArchive hung = (key, since, limit, types) ->
        {
            never.await();
            return List.of();
        };
        try (AdminFixture fixture = AdminFixture.withSources(dir, s -> s.archive(hung).historyTimeoutMs(300)))
        {
            fixture.trade();
            for (int i = 0; i < 8; i++)
            {
                final long startNs = System.nanoTime();
                final JsonNode page = read(fixture, "/api/v1/events?source=postgres");
                final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                final String history = page.get("history").asText();
                assertTrue(history.equals("unavailable: PostgreSQL did not answer within 300 ms") ||
                    history.equals("unavailable: too many history queries at once; try again"), history);
                assertTrue(tookMs < 2_000, "answered in " + tookMs + " ms");
            }
            final JsonNode journal = read(fixture, "/api/v1/events?limit=5");
            assertEquals(5, journal.get("events").size(), "the journal view still answers");
            assertFalse(journal.get("history").asText().startsWith("unavailable"));
        }
    }

    @Test
    void shouldRefuseBadSourcesAndCursors() throws Exception
    {
        try (AdminFixture fixture = AdminFixture.withSources(dir, s -> s.archive(new ListArchive())))
        {
            final Map<String, String> bad = Map.of(
                "/api/v1/events?source=mysql", "source: expected auto, journal or postgres",
                "/api/v1/events?cursor=pg:soon", "cursor: expected a cursor as returned in nextCursor",
                "/api/v1/events?before=tomorrow", "before: expected an ISO-8601 instant",
                "/api/v1/events?source=journal&cursor=pg:1000", "cursor: 'pg:1000' continues in the archive");
            fixture.assertBadRequests(bad);
        }
    }

    @Test
    void shouldSayWhenNoArchiveIsConfigured() throws Exception
    {
        try (AdminFixture fixture = AdminFixture.start(dir))
        {
            fixture.trade();
            final JsonNode page = read(fixture, "/api/v1/events?limit=500");
            assertEquals("not configured", page.get("history").asText());
            assertNull(page.get("nextCursor").textValue());
            final JsonNode postgres = read(fixture, "/api/v1/events?source=postgres");
            assertEquals("not configured", postgres.get("history").asText());
            assertEquals(0, postgres.get("events").size());
        }
    }
}
