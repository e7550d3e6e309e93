package io.easyquant.ops.runtime;

import io.easyquant.adapters.venue.paper.PaperRejectReason;
import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalReader;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.replay.Replayer;
import io.easyquant.ops.replay.VerifyResult;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks what crash recovery promises over a data directory that {@code run} sessions (killed or not) wrote:
 * <ul>
 *   <li>no client order id reached the venue twice (the venue's own log, {@code <dataDir>/venue});</li>
 *   <li>no fill was applied twice: fill reports repeated in the journal are counted, and the full replay must have
 *       applied no more fills than there are distinct fill exec ids;</li>
 *   <li>no journaled order was lost: every ORDER in the journal reached the venue or was rejected by the venue's
 *       reconciliation as never received;</li>
 *   <li>the state each recovery restored ({@code <dataDir>/recovery/state-<sequence>.txt}) equals the state a full
 *       replay of the journal has at that session start, and the full replay verifies (outputs lost in a crash
 *       tolerated and counted, any other difference a mismatch).</li>
 * </ul>
 * Cold path; a tool.
 */
public final class ChaosCheck
{
    /**
     * The outcome.
     *
     * @param sessionStarts      sessions that started (SESSION_START inputs).
     * @param orders             ORDER records in the journal.
     * @param fills              fill reports (FILL, PARTIAL_FILL) in the journal.
     * @param duplicateClOrdIds  client order ids the venue received more than once, plus ORDER records in the
     *                           journal with an id used before.
     * @param repeatedReports    reports in the journal whose (source, exec id) came before: delivered twice, rejected
     *                           at ingest and not applied.
     * @param fillsAppliedTwice  fills applied beyond the distinct fill exec ids.
     * @param fillsNotApplied    distinct fill exec ids in the journal beyond the fills applied (a fill dropped, e.g.
     *                           arriving after its order was closed).
     * @param lostOrders         journaled orders the venue never received and that reconciliation did not reject.
     * @param reconciledRejects  orders rejected by reconciliation as never received.
     * @param statesCompared     recovery states compared with the replay.
     * @param mismatches         recovery states that differ, plus 1 if the replay diverged.
     * @param crashLost          outputs lost in crashes (tolerated).
     * @param firstMismatch      what differed first, or null.
     */
    public record Report(
        long sessionStarts,
        long orders,
        long fills,
        long duplicateClOrdIds,
        long repeatedReports,
        long fillsAppliedTwice,
        long fillsNotApplied,
        long lostOrders,
        long reconciledRejects,
        long statesCompared,
        long mismatches,
        long crashLost,
        String firstMismatch)
    {
        public boolean passed()
        {
            return duplicateClOrdIds == 0 && fillsAppliedTwice == 0 && fillsNotApplied == 0 && lostOrders == 0 &&
                mismatches == 0 && orders > 0;
        }

        /**
         * @return the one line the chaos script prints.
         */
        public String line(final long kills)
        {
            return "kill9: " + (passed() ? "PASS" : "FAIL") + " kills=" + kills + " sessions=" + sessionStarts +
                " orders=" + orders + " fills=" + fills + " duplicates=" + (duplicateClOrdIds + fillsAppliedTwice) +
                " lost=" + lostOrders + " dropped_fills=" + fillsNotApplied + " mismatches=" + mismatches +
                " states=" + statesCompared + " reconciled=" + reconciledRejects +
                " repeated_reports=" + repeatedReports + " crash_lost=" + crashLost;
        }
    }

    private ChaosCheck()
    {
    }

    /**
     * @param config  the configuration the sessions ran with (the journal's own).
     * @param dataDir the sessions' data directory.
     */
    public static Report check(final Configuration config, final Path dataDir) throws JournalException
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        final OrderCodec order = new OrderCodec();
        final ExecutionReportCodec report = new ExecutionReportCodec();

        final LongHashSet atVenue = new LongHashSet();
        long duplicates = 0;
        try (Journal venue = Journal.openForReading(dataDir.resolve(EngineRunner.VENUE_DIRECTORY));
            JournalReader reader = venue.newReader())
        {
            while (reader.next(record) > 0)
            {
                if (RecordHeader.templateId(record, 0) == RecordType.ORDER.code())
                {
                    order.wrap(record, 0);
                    if (!atVenue.add(order.clOrdId()))
                    {
                        duplicates++;
                    }
                }
            }
        }

        final LongHashSet journaledOrders = new LongHashSet();
        final LongHashSet reconciled = new LongHashSet();
        final Set<String> fillIds = new HashSet<>();
        final Set<String> reportIds = new HashSet<>();
        long orders = 0;
        long fills = 0;
        long repeatedReports = 0;
        try (Journal journal = Journal.openForReading(dataDir.resolve(EngineRunner.JOURNAL_DIRECTORY));
            JournalReader reader = journal.newReader())
        {
            while (reader.next(record) > 0)
            {
                final int templateId = RecordHeader.templateId(record, 0);
                if (templateId == RecordType.ORDER.code())
                {
                    order.wrap(record, 0);
                    orders++;
                    if (!journaledOrders.add(order.clOrdId()))
                    {
                        duplicates++;
                    }
                }
                else if (templateId == RecordType.EXECUTION_REPORT.code())
                {
                    report.wrap(record, 0);
                    final String id = RecordHeader.sourceId(record, 0) + ":" + report.execId();
                    if (!reportIds.add(id))
                    {
                        repeatedReports++;
                    }
                    if (ExecType.isFill(report.execType()))
                    {
                        fills++;
                        fillIds.add(id);
                    }
                    else if (report.execType() == ExecType.REJECTED &&
                        report.rejectReason() == PaperRejectReason.UNKNOWN_AFTER_RESTART)
                    {
                        reconciled.add(report.clOrdId());
                    }
                }
            }
        }
        long lost = 0;
        final LongHashSet.LongIterator ids = journaledOrders.iterator();
        while (ids.hasNext())
        {
            final long id = ids.nextValue();
            if (!atVenue.contains(id) && !reconciled.contains(id))
            {
                lost++;
            }
        }

        final Path states = dataDir.resolve(EngineRunner.RECOVERY_DIRECTORY);
        final long[] compared = {0};
        final long[] mismatches = {0};
        final String[] first = {null};
        final Replayer replayer = new Replayer(config, (sequence, engine) ->
        {
            final Path file = states.resolve(EngineRunner.stateFileName(sequence));
            if (!Files.exists(file))
            {
                return;
            }
            compared[0]++;
            final String replayed = EngineState.describe(config.instruments(), engine.execution(), engine.risk());
            final String recovered = read(file);
            if (!replayed.equals(recovered))
            {
                mismatches[0]++;
                if (first[0] == null)
                {
                    first[0] = "state at session start " + sequence + ": recovered\n" + recovered + "replayed\n" +
                        replayed;
                }
            }
        });
        final VerifyResult result;
        try (Journal journal = Journal.openForReading(dataDir.resolve(EngineRunner.JOURNAL_DIRECTORY)))
        {
            result = replayer.verify(journal);
        }
        if (!result.identical())
        {
            mismatches[0]++;
            if (first[0] == null)
            {
                first[0] = "replay diverged at index " + Long.toHexString(result.divergence().journalIndex()) +
                    ": expected " + result.divergence().expected() + ", actual " + result.divergence().actual();
            }
        }
        long appliedTwice = 0;
        long notApplied = 0;
        final DirectEngine last = replayer.lastEngine();
        if (last != null)
        {
            final long applied = last.counters().get(EngineCounters.FILLS) +
                last.counters().get(EngineCounters.PARTIAL_FILLS);
            appliedTwice = Math.max(0, applied - fillIds.size());
            notApplied = Math.max(0, fillIds.size() - applied);
        }
        return new Report(result.sessionStarts(), orders, fills, duplicates, repeatedReports, appliedTwice, notApplied,
            lost,
            reconciled.size(), compared[0], mismatches[0], result.crashLost(), first[0]);
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
