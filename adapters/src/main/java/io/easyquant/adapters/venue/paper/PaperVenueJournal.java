package io.easyquant.adapters.venue.paper;

import io.easyquant.journal.codec.CancelCodec;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalContext;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.journal.queue.JournalReader;
import io.easyquant.journal.queue.JournalSpace;
import io.easyquant.journal.queue.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * A {@link PaperVenueLog} in its own Chronicle Queue journal (the project's {@link Journal}, header kind
 * {@value #KIND}), e.g. {@code <dataDir>/venue}: so the paper venue's book outlives a kill -9 of the engine, and
 * {@code easyquant journal dump} shows what the venue received and answered. Records use the journal's codecs: an
 * ORDER per order received (the venue's time in the header, {@code intentId = clOrdId}), a CANCEL per cancel request,
 * an EXECUTION_REPORT per report emitted (header time = the report's venue time). The header sequence counts the
 * log's records, one after another (a reader refuses a jump that a repair's sequence skip does not declare). Every
 * record carries a checksum; a damaged log is refused when the venue opens it, like the engine journal. A torn last
 * record after a kill is the end of the log, like the engine journal's.
 *
 * <p>Appends come from the venue's thread only; each append is one Chronicle write, no allocation.
 */
public final class PaperVenueJournal implements PaperVenueLog, AutoCloseable
{
    /** The header kind of a venue log. */
    public static final String KIND = JournalHeader.KIND_VENUE_LOG;

    private final Journal journal;
    private final JournalWriter writer;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final OrderCodec order = new OrderCodec();
    private final CancelCodec cancel = new CancelCodec();
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final int sourceId;
    private long nextSequence;

    private PaperVenueJournal(final Journal journal, final int sourceId)
    {
        this.journal = journal;
        this.writer = journal.newWriter();
        this.sourceId = sourceId;
    }

    /**
     * Open (or create) the venue's log.
     *
     * @param header   the header to create it with (kind {@value #KIND}); an existing log must have the same
     *                 configuration digest.
     * @param sourceId the venue's source id, put on every record.
     */
    public static PaperVenueJournal open(
        final Path directory, final JournalHeader header, final JournalContext context, final int sourceId)
        throws JournalException
    {
        final PaperVenueJournal log = new PaperVenueJournal(Journal.openForWriting(directory, header, context),
            sourceId);
        log.nextSequence = log.nextSequenceAfterLastRecord();
        return log;
    }

    /**
     * Read the whole log (checking every record, so a damaged log stops the venue from starting) and return the
     * sequence the next record takes: one after the last, or the one a repair's sequence skip declares.
     */
    private long nextSequenceAfterLastRecord()
    {
        try (JournalReader reader = journal.newReader())
        {
            final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            while (reader.next(record) > 0)
            {
                continue;
            }
            return reader.lastInputSequence() + 1;
        }
    }

    @Override
    public void onOrder(
        final long clOrdId,
        final int instrumentId,
        final byte side,
        final byte orderType,
        final long qtyLots,
        final long limitPriceTicks,
        final long nowNs)
    {
        order.wrapForEncode(buffer, 0, sourceId);
        order.instrumentId(instrumentId)
            .side(side)
            .orderType(orderType)
            .clOrdId(clOrdId)
            .intentId(clOrdId)
            .qtyLots(qtyLots)
            .limitPriceTicks(limitPriceTicks)
            .causeSequence(0);
        append(order.encodedLength(), nowNs);
    }

    @Override
    public void onCancel(final long clOrdId, final int instrumentId, final long nowNs)
    {
        cancel.wrapForEncode(buffer, 0, sourceId);
        cancel.instrumentId(instrumentId).reasonCode(0).clOrdId(clOrdId).causeSequence(0).leavesQtyLots(0);
        append(cancel.encodedLength(), nowNs);
    }

    @Override
    public void onReport(
        final int instrumentId,
        final long clOrdId,
        final long execId,
        final byte execType,
        final byte side,
        final long lastQtyLots,
        final long lastPriceTicks,
        final long leavesQtyLots,
        final long cumQtyLots,
        final long feeCash,
        final long venueTimeNs,
        final int rejectReason)
    {
        report.wrapForEncode(buffer, 0, sourceId);
        report.instrumentId(instrumentId)
            .execType(execType)
            .side(side)
            .clOrdId(clOrdId)
            .execId(execId)
            .lastQtyLots(lastQtyLots)
            .lastPriceTicks(lastPriceTicks)
            .leavesQtyLots(leavesQtyLots)
            .cumQtyLots(cumQtyLots)
            .feeCash(feeCash)
            .venueTimeNs(venueTimeNs)
            .rejectReason(rejectReason);
        append(report.encodedLength(), venueTimeNs);
    }

    private void append(final int length, final long timeNs)
    {
        RecordHeader.stamp(buffer, 0, nextSequence, timeNs);
        writer.append(buffer, 0, length);
        // Only once written: a refused append (a full disk) must leave no gap in the log's sequence.
        nextSequence++;
    }

    /**
     * The log's disk space: the reserve ahead of its writer and its refusal gate ({@link JournalSpace}).
     */
    public JournalSpace space()
    {
        return journal.space();
    }

    @Override
    public void replay(final Visitor visitor)
    {
        read(Long.MIN_VALUE, visitor, true);
    }

    @Override
    public void replayReportsAfter(final long execId, final Visitor visitor)
    {
        read(execId, visitor, false);
    }

    private void read(final long afterExecId, final Visitor visitor, final boolean everything)
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        final OrderCodec orderIn = new OrderCodec();
        final CancelCodec cancelIn = new CancelCodec();
        final ExecutionReportCodec reportIn = new ExecutionReportCodec();
        try (JournalReader reader = journal.newReader())
        {
            while (reader.next(record) > 0)
            {
                final RecordType type = RecordType.get(RecordHeader.templateId(record, 0));
                final long timeNs = RecordHeader.timeNs(record, 0);
                if (type == RecordType.EXECUTION_REPORT)
                {
                    reportIn.wrap(record, 0);
                    if (everything || reportIn.execId() > afterExecId)
                    {
                        visitor.onReport(reportIn.instrumentId(), reportIn.clOrdId(), reportIn.execId(),
                            reportIn.execType(), reportIn.side(), reportIn.lastQtyLots(), reportIn.lastPriceTicks(),
                            reportIn.leavesQtyLots(), reportIn.cumQtyLots(), reportIn.feeCash(),
                            reportIn.venueTimeNs(), reportIn.rejectReason());
                    }
                }
                else if (everything && type == RecordType.ORDER)
                {
                    orderIn.wrap(record, 0);
                    visitor.onOrder(orderIn.clOrdId(), orderIn.instrumentId(), orderIn.side(), orderIn.orderType(),
                        orderIn.qtyLots(), orderIn.limitPriceTicks(), timeNs);
                }
                else if (everything && type == RecordType.CANCEL)
                {
                    cancelIn.wrap(record, 0);
                    visitor.onCancel(cancelIn.clOrdId(), cancelIn.instrumentId(), timeNs);
                }
            }
        }
    }

    @Override
    public void close()
    {
        writer.close();
        journal.close();
    }
}
