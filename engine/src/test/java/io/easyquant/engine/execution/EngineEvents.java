package io.easyquant.engine.execution;

import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;

/**
 * Fills ring slots as the producer and the stages before execution would: the record encoded and stamped with time,
 * ingest's template id, instrument index and verdict, the features stage's mark, the risk stage's intent. Reuses the
 * given slot and allocates nothing.
 */
final class EngineEvents
{
    static final int FEED_SOURCE = 1;
    static final int VENUE_SOURCE = 2;
    static final int ADMIN_SOURCE = 3;

    private final Instruments instruments;
    private final QuoteCodec quote = new QuoteCodec();
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final AdminCommandCodec command = new AdminCommandCodec();
    private long sequence;
    private long execId;

    EngineEvents(final Instruments instruments)
    {
        this.instruments = instruments;
    }

    /**
     * A quote, with the mark at mid as the features stage sets it, and no intent.
     */
    EngineEvent quote(final EngineEvent event, final long nowNs, final int instrumentId, final long bidTicks,
        final long askTicks)
    {
        quote.wrapForEncode(event.record, 0, FEED_SOURCE);
        quote.instrumentId(instrumentId).sourceTimeNs(nowNs).bidTicks(bidTicks).bidLots(1).askTicks(askTicks)
            .askLots(1);
        accepted(event, RecordType.QUOTE, nowNs, instruments.indexOf(instrumentId));
        event.priceUpdated = true;
        event.markTicks = (bidTicks + askTicks) / 2;
        event.bidTicks = bidTicks;
        event.askTicks = askTicks;
        return event;
    }

    /**
     * Add an intent the risk stage planned on this event, with its verdict.
     */
    static EngineEvent intent(
        final EngineEvent event,
        final long intentId,
        final int instrumentIndex,
        final byte side,
        final byte orderType,
        final long qtyLots,
        final long limitPriceTicks,
        final int riskReason)
    {
        event.hasIntent = true;
        event.intentInstrumentIndex = instrumentIndex;
        event.intentId = intentId;
        event.intentSide = side;
        event.intentOrderType = orderType;
        event.intentQtyLots = qtyLots;
        event.intentLimitPriceTicks = limitPriceTicks;
        event.intentTargetLots = 0;
        event.riskReason = riskReason;
        return event;
    }

    EngineEvent report(
        final EngineEvent event,
        final long nowNs,
        final int instrumentId,
        final long clOrdId,
        final byte execType,
        final byte side,
        final long lastQtyLots,
        final long lastPriceTicks,
        final long feeCash)
    {
        report.wrapForEncode(event.record, 0, VENUE_SOURCE);
        report.instrumentId(instrumentId).execType(execType).side(side).clOrdId(clOrdId).execId(++execId)
            .lastQtyLots(lastQtyLots).lastPriceTicks(lastPriceTicks).feeCash(feeCash).venueTimeNs(nowNs);
        return accepted(event, RecordType.EXECUTION_REPORT, nowNs, instruments.indexOf(instrumentId));
    }

    EngineEvent command(final EngineEvent event, final long nowNs, final int commandType, final int argument)
    {
        command.wrapForEncode(event.record, 0, ADMIN_SOURCE);
        command.command(commandType).argument(argument).origin(CommandOrigin.CLI);
        return accepted(event, RecordType.ADMIN_COMMAND, nowNs, Instruments.UNKNOWN);
    }

    private EngineEvent accepted(final EngineEvent event, final RecordType type, final long nowNs, final int index)
    {
        RecordHeader.stamp(event.record, 0, ++sequence, nowNs);
        event.templateId = type.code();
        event.instrumentIndex = index;
        event.ingestReject = IngestReject.NONE;
        event.clearOutputs();
        event.markTicks = 0;
        return event;
    }
}
