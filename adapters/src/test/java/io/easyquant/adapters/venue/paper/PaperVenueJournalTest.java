package io.easyquant.adapters.venue.paper;

import io.easyquant.adapters.venue.paper.RecordingExecutionReportPublisher.Report;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.queue.JournalContext;
import io.easyquant.journal.queue.JournalHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.easyquant.adapters.venue.paper.MarketInputs.BTC;
import static io.easyquant.adapters.venue.paper.MarketInputs.ETH;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The paper venue's own log: a venue rebuilt from it after its engine died holds the same book, continues its exec
 * ids, counts a client order id sent again, and reconciles with the engine's journal.
 */
class PaperVenueJournalTest
{
    private static final int VENUE_SOURCE_ID = 42;
    private static final long LATENCY_NS = 1_000;

    @TempDir
    Path dir;

    private final PaperVenueContext context =
        PaperVenueContext.builder().sourceId(VENUE_SOURCE_ID).latencyNs(LATENCY_NS).build();

    private PaperVenueJournal open() throws Exception
    {
        return PaperVenueJournal.open(dir.resolve("venue"),
            JournalHeader.of(PaperVenueJournal.KIND, "test", "venue: test", ""), JournalContext.DEFAULT,
            VENUE_SOURCE_ID);
    }

    @Test
    void shouldRebuildItsBookContinueItsExecIdsAndReconcile() throws Exception
    {
        final RecordingExecutionReportPublisher before = new RecordingExecutionReportPublisher();
        final List<Report> emitted;
        try (PaperVenueJournal log = open())
        {
            final PaperVenue venue = new PaperVenue(context, MarketInputs.instruments(), before, log);
            final MarketInputs inputs = new MarketInputs(venue);
            inputs.quote(100, BTC, 10_000, 10_002);
            venue.send(1, BTC, Side.BUY, OrderType.LIMIT, 5, 9_990, 200);
            venue.send(2, BTC, Side.SELL, OrderType.MARKET, 3, 0, 300);
            venue.send(3, ETH, Side.BUY, OrderType.LIMIT, 4, 500, 400);
            venue.onEndOfBatch(300 + LATENCY_NS);
            // Order 3 is still in flight when the engine dies.
            emitted = before.drain();
            assertEquals(3, emitted.size(), emitted.toString());
            assertEquals(2, venue.openOrders());
        }

        final RecordingExecutionReportPublisher after = new RecordingExecutionReportPublisher();
        try (PaperVenueJournal log = open())
        {
            final PaperVenue venue = new PaperVenue(context, MarketInputs.instruments(), after, log);
            assertEquals(2, venue.openOrders(), "order 1 working, order 3 in flight");
            assertEquals(4, venue.nextExecId(), "exec ids continue after the 3 logged");

            // The engine's journal has the first report only; it believes 1, 3 and 9 working (9 never sent).
            venue.reconcile(1, new long[] {1, 3, 9}, new int[] {BTC, ETH, ETH},
                new byte[] {Side.BUY, Side.BUY, Side.SELL}, 3, 1_000_000);
            final List<Report> reconciled = after.drain();
            assertEquals(emitted.subList(1, 3), reconciled.subList(0, 2), "the lost reports, as they were");
            assertEquals(3, reconciled.size(), reconciled.toString());
            final Report unknown = reconciled.get(2);
            assertEquals(9, unknown.clOrdId());
            assertEquals(ExecType.REJECTED, unknown.execType());
            assertEquals(PaperRejectReason.UNKNOWN_AFTER_RESTART, unknown.rejectReason());
            assertEquals(4, unknown.execId());
            assertEquals(2, venue.reportsRepublished());
            assertEquals(1, venue.unknownAfterRestart());

            // Order 3 arrives and order 1 fills on the next quote, with new exec ids.
            final MarketInputs inputs = new MarketInputs(venue);
            inputs.quote(2_000_000, ETH, 490, 499);
            inputs.quote(2_000_001, BTC, 9_980, 9_985);
            final List<Report> later = after.drain();
            assertEquals(List.of(5L, 6L, 7L), later.stream().map(Report::execId).toList(), later.toString());
            assertEquals(0, venue.openOrders());

            venue.send(2, BTC, Side.SELL, OrderType.MARKET, 3, 0, 3_000_000);
            assertEquals(1, venue.duplicateClOrdIds(), "client order id 2 was received before the restart");
        }

        try (PaperVenueJournal log = open())
        {
            final PaperVenue venue = new PaperVenue(context, MarketInputs.instruments(), after, log);
            assertEquals(1, venue.duplicateClOrdIds(), "counted from the log");
            assertEquals(0, venue.openOrders() - 1, "only the repeated order 2 is in flight");
        }
    }
}
