package io.easyquant.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.BarCodec;
import io.easyquant.journal.codec.BookDepthCodec;
import io.easyquant.journal.codec.BookState;
import io.easyquant.journal.codec.BookStateCodec;
import io.easyquant.journal.codec.BookStateReason;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.SequenceSkipCodec;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradeCodec;
import io.easyquant.journal.codec.TradingState;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * The first stage: validates each input record, resolves its instrument, clears the slot's outputs and counts the
 * event. A malformed record is marked with an {@link IngestReject} code, counted by reason, and skipped by every later
 * stage; its bytes stay in the slot (and the journal) for inspection. Nothing here throws for bad input.
 *
 * <p>Every input is appended to the input journal first, malformed or not, before anything else reads it: if the
 * append fails, the event stays marked {@link IngestReject#NOT_JOURNALED} and no stage acts on it.
 *
 * <p>Market data must not go back in time per instrument: trades and quotes with a source time earlier than the last
 * accepted one, and bars not later than the last bar, are rejected as out of order. Nor may it jump ahead: a source
 * time more than the instrument's {@link Instrument#maxTimeJumpNs()} after the last accepted one is rejected as
 * {@link IngestReject#TIME_JUMP} and does not move the mark, so one far-future row cannot make every later row out of
 * order.
 *
 * <p>Prices and quantities are bounded per instrument ({@link Instrument#maxPriceTicks()},
 * {@link Instrument#maxQtyLots()}; a report's fee by {@link Instrument#MAX_NOTIONAL_CASH}): past a bound the input is
 * rejected ({@link IngestReject#PRICE_ABOVE_BOUND}, {@link IngestReject#QUANTITY_ABOVE_BOUND},
 * {@link IngestReject#FEE_OUT_OF_BOUNDS}), so every product the later stages form from accepted input fits in a long.
 *
 * <p>A book state transition ({@link RecordType#BOOK_STATE}) must name a known instrument, state and reason; it is
 * not held to the market-data time order (a disconnect is stamped with the feed's clock, not the venue's). A book depth
 * record ({@link RecordType#BOOK_DEPTH}) needs a known instrument, at least one level and sizes that are not negative.
 *
 * <p>Execution reports are deduplicated here, the one place every report passes before any stage: a report whose
 * (source, exec id) was already seen ({@link ExecIdFilter}) is journaled like any input, rejected as
 * {@link IngestReject#DUPLICATE_EXEC_ID}, counted and not applied. The filter is rebuilt by replaying the journal.
 *
 * <p>Single-threaded (one pipeline stage). No allocation.
 */
public final class IngestHandler implements EventHandler<EngineEvent>
{
    /** The source id of the records ingest writes itself (a declared sequence skip). */
    public static final int ENGINE_SOURCE_ID = 0;

    private final Instruments instruments;
    private final EngineCounters counters;
    private final RecordSink inputs;
    private final long[] lastTickSourceTimeNs;
    private final long[] lastBarSourceTimeNs;
    private final ExecIdFilter execIds;
    private final long[] maxPriceTicks;
    private final long[] maxQtyLots;

    private final TradeCodec trade = new TradeCodec();
    private final QuoteCodec quote = new QuoteCodec();
    private final BarCodec bar = new BarCodec();
    private final BookStateCodec bookState = new BookStateCodec();
    private final BookDepthCodec bookDepth = new BookDepthCodec();
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final AdminCommandCodec command = new AdminCommandCodec();
    private final SequenceSkipCodec skip = new SequenceSkipCodec();
    private final UnsafeBuffer skipRecord = new UnsafeBuffer(new byte[SequenceSkipCodec.LENGTH]);
    private long lastJournaledSequence = -1;
    private long lastJournaledTimeNs;
    private long unjournaledMarketData;

    /**
     * An ingest stage that journals nothing (for tests of validation alone).
     */
    public IngestHandler(final Instruments instruments, final EngineCounters counters)
    {
        this(instruments, counters, RecordSink.NONE);
    }

    /**
     * @param inputs where every input is appended before it takes effect.
     */
    public IngestHandler(final Instruments instruments, final EngineCounters counters, final RecordSink inputs)
    {
        this(instruments, counters, inputs, new ExecIdFilter());
    }

    /**
     * @param inputs  where every input is appended before it takes effect.
     * @param execIds the exec ids of the reports seen so far, shared with the execution stage (read-only there).
     */
    public IngestHandler(
        final Instruments instruments,
        final EngineCounters counters,
        final RecordSink inputs,
        final ExecIdFilter execIds)
    {
        this.instruments = instruments;
        this.execIds = execIds;
        this.counters = counters;
        this.inputs = inputs;
        lastTickSourceTimeNs = new long[instruments.count()];
        lastBarSourceTimeNs = new long[instruments.count()];
        Arrays.fill(lastTickSourceTimeNs, Long.MIN_VALUE);
        Arrays.fill(lastBarSourceTimeNs, Long.MIN_VALUE);
        maxPriceTicks = new long[instruments.count()];
        maxQtyLots = new long[instruments.count()];
        for (int i = 0; i < maxPriceTicks.length; i++)
        {
            maxPriceTicks[i] = instruments.at(i).maxPriceTicks();
            maxQtyLots[i] = instruments.at(i).maxQtyLots();
        }
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
    {
        event.clearOutputs();
        event.instrumentIndex = -1;
        event.ingestReject = IngestReject.NOT_JOURNALED;
        final int declaredLength = RecordHeader.length(event.record, 0);
        final long inputSequence = RecordHeader.sequence(event.record, 0);
        try
        {
            declareSkippedSequences(inputSequence);
            inputs.append(event.record, 0, declaredLength >= RecordHeader.LENGTH &&
                declaredLength <= RecordHeader.MAX_RECORD_LENGTH ? declaredLength : RecordHeader.MAX_RECORD_LENGTH);
        }
        catch (final RuntimeException ex)
        {
            if (RecordType.isMarketData(RecordHeader.templateId(event.record, 0)))
            {
                unjournaledMarketData++;
            }
            counters.increment(EngineCounters.EVENTS_IN);
            counters.incrementEventType(RecordHeader.templateId(event.record, 0));
            counters.increment(EngineCounters.INGEST_REJECTS);
            counters.incrementIngestReject(IngestReject.NOT_JOURNALED);
            throw ex;
        }
        lastJournaledSequence = inputSequence;
        lastJournaledTimeNs = RecordHeader.timeNs(event.record, 0);
        unjournaledMarketData = 0;

        final int templateId = RecordHeader.templateId(event.record, 0);
        event.templateId = templateId;
        final int reason = validate(event, templateId);
        event.ingestReject = reason;

        counters.increment(EngineCounters.EVENTS_IN);
        counters.incrementEventType(templateId);
        counters.set(EngineCounters.LAST_EVENT_TIME_NS, RecordHeader.timeNs(event.record, 0));
        if (reason != IngestReject.NONE)
        {
            counters.increment(EngineCounters.INGEST_REJECTS);
            counters.incrementIngestReject(reason);
        }
    }

    /**
     * Inputs whose append failed left their sequences out of the journal: before the next input that is journaled,
     * say so with a {@link RecordType#SEQUENCE_SKIP}, so a reader finds the jump declared and not a damaged journal.
     * None of the skipped inputs took effect (each was marked {@link IngestReject#NOT_JOURNALED}). Rare path; no
     * allocation.
     */
    private void declareSkippedSequences(final long inputSequence)
    {
        if (lastJournaledSequence < 0 || inputSequence <= lastJournaledSequence + 1)
        {
            return;
        }
        skip.wrapForEncode(skipRecord, 0, ENGINE_SOURCE_ID);
        skip.reason(SequenceSkipCodec.NOT_JOURNALED)
            .nextSequence(inputSequence)
            .skippedInputs(inputSequence - lastJournaledSequence - 1)
            .skippedMarketData(unjournaledMarketData);
        RecordHeader.stamp(skipRecord, 0, lastJournaledSequence + 1, lastJournaledTimeNs);
        inputs.append(skipRecord, 0, SequenceSkipCodec.LENGTH);
        // The journal now accounts for every sequence up to this input's: if its own append fails, the next skip
        // starts here, where a reader expects it.
        lastJournaledSequence = inputSequence - 1;
        unjournaledMarketData = 0;
    }

    private int validate(final EngineEvent event, final int templateId)
    {
        final RecordType type = RecordType.get(templateId);
        if (type == null)
        {
            return IngestReject.UNKNOWN_TYPE;
        }
        if (!type.isInput())
        {
            return IngestReject.NOT_AN_INPUT;
        }
        if (RecordHeader.length(event.record, 0) != type.length())
        {
            return IngestReject.BAD_LENGTH;
        }
        switch (type)
        {
            case TRADE:
                return validateTrade(event);
            case QUOTE:
                return validateQuote(event);
            case BAR:
                return validateBar(event);
            case BOOK_STATE:
                return validateBookState(event);
            case BOOK_DEPTH:
                return validateBookDepth(event);
            case EXECUTION_REPORT:
                return validateReport(event);
            case ADMIN_COMMAND:
                return validateCommand(event);
            case SEQUENCE_SKIP:
                return validateSkip(event);
            default:
                return IngestReject.NONE;
        }
    }

    private int resolve(final EngineEvent event, final int instrumentId)
    {
        final int index = instruments.indexOf(instrumentId);
        event.instrumentIndex = index;
        return index;
    }

    private int validateTrade(final EngineEvent event)
    {
        trade.wrap(event.record, 0);
        final int index = resolve(event, trade.instrumentId());
        if (index < 0)
        {
            return IngestReject.UNKNOWN_INSTRUMENT;
        }
        if (trade.priceTicks() <= 0)
        {
            return IngestReject.NON_POSITIVE_PRICE;
        }
        if (trade.qtyLots() <= 0)
        {
            return IngestReject.NON_POSITIVE_QTY;
        }
        if (trade.priceTicks() > maxPriceTicks[index])
        {
            return IngestReject.PRICE_ABOVE_BOUND;
        }
        if (trade.qtyLots() > maxQtyLots[index])
        {
            return IngestReject.QUANTITY_ABOVE_BOUND;
        }
        final byte side = trade.aggressorSide();
        if (side != Side.NONE && side != Side.BUY && side != Side.SELL)
        {
            return IngestReject.BAD_ENUM;
        }
        return acceptTickTime(index, trade.sourceTimeNs());
    }

    private int validateQuote(final EngineEvent event)
    {
        quote.wrap(event.record, 0);
        final int index = resolve(event, quote.instrumentId());
        if (index < 0)
        {
            return IngestReject.UNKNOWN_INSTRUMENT;
        }
        if (quote.bidTicks() <= 0 || quote.askTicks() <= 0)
        {
            return IngestReject.NON_POSITIVE_PRICE;
        }
        if (quote.bidLots() < 0 || quote.askLots() < 0)
        {
            return IngestReject.NEGATIVE_SIZE;
        }
        if (quote.bidTicks() >= quote.askTicks())
        {
            return IngestReject.CROSSED_QUOTE;
        }
        if (quote.askTicks() > maxPriceTicks[index])
        {
            return IngestReject.PRICE_ABOVE_BOUND;
        }
        if (quote.bidLots() > maxQtyLots[index] || quote.askLots() > maxQtyLots[index])
        {
            return IngestReject.QUANTITY_ABOVE_BOUND;
        }
        return acceptTickTime(index, quote.sourceTimeNs());
    }

    private int acceptTickTime(final int index, final long sourceTimeNs)
    {
        if (sourceTimeNs < lastTickSourceTimeNs[index])
        {
            return IngestReject.OUT_OF_ORDER_TIME;
        }
        if (instruments.at(index).isTimeJump(lastTickSourceTimeNs[index], sourceTimeNs))
        {
            return IngestReject.TIME_JUMP;
        }
        lastTickSourceTimeNs[index] = sourceTimeNs;
        return IngestReject.NONE;
    }

    private int validateBar(final EngineEvent event)
    {
        bar.wrap(event.record, 0);
        final int index = resolve(event, bar.instrumentId());
        if (index < 0)
        {
            return IngestReject.UNKNOWN_INSTRUMENT;
        }
        final long open = bar.openTicks();
        final long high = bar.highTicks();
        final long low = bar.lowTicks();
        final long close = bar.closeTicks();
        if (open <= 0 || high <= 0 || low <= 0 || close <= 0)
        {
            return IngestReject.NON_POSITIVE_PRICE;
        }
        if (bar.volumeLots() < 0)
        {
            return IngestReject.NEGATIVE_SIZE;
        }
        if (low > high || high < Math.max(open, close) || low > Math.min(open, close))
        {
            return IngestReject.INCONSISTENT_BAR;
        }
        if (high > maxPriceTicks[index])
        {
            return IngestReject.PRICE_ABOVE_BOUND;
        }
        if (bar.volumeLots() > maxQtyLots[index])
        {
            return IngestReject.QUANTITY_ABOVE_BOUND;
        }
        final long sourceTimeNs = bar.sourceTimeNs();
        if (sourceTimeNs <= lastBarSourceTimeNs[index])
        {
            return IngestReject.OUT_OF_ORDER_TIME;
        }
        if (instruments.at(index).isTimeJump(lastBarSourceTimeNs[index], sourceTimeNs))
        {
            return IngestReject.TIME_JUMP;
        }
        lastBarSourceTimeNs[index] = sourceTimeNs;
        return IngestReject.NONE;
    }

    private int validateBookState(final EngineEvent event)
    {
        bookState.wrap(event.record, 0);
        if (resolve(event, bookState.instrumentId()) < 0)
        {
            return IngestReject.UNKNOWN_INSTRUMENT;
        }
        if (!BookState.isValid(bookState.state()) || !BookStateReason.isValid(bookState.reason()))
        {
            return IngestReject.BAD_ENUM;
        }
        return IngestReject.NONE;
    }

    private int validateBookDepth(final EngineEvent event)
    {
        bookDepth.wrap(event.record, 0);
        if (resolve(event, bookDepth.instrumentId()) < 0)
        {
            return IngestReject.UNKNOWN_INSTRUMENT;
        }
        if (bookDepth.levels() <= 0)
        {
            return IngestReject.BAD_ENUM;
        }
        if (bookDepth.bidDepthLots() < 0 || bookDepth.askDepthLots() < 0)
        {
            return IngestReject.NEGATIVE_SIZE;
        }
        return IngestReject.NONE;
    }

    private int validateReport(final EngineEvent event)
    {
        report.wrap(event.record, 0);
        final int index = resolve(event, report.instrumentId());
        if (index < 0)
        {
            return IngestReject.UNKNOWN_INSTRUMENT;
        }
        // A cancel reject may carry no side (NONE): the venue may no longer know the order it refers to.
        if (!ExecType.isValid(report.execType()) || !(Side.isValidOrderSide(report.side()) ||
            report.execType() == ExecType.CANCEL_REJECTED && report.side() == Side.NONE))
        {
            return IngestReject.BAD_ENUM;
        }
        if (report.lastQtyLots() < 0 || report.leavesQtyLots() < 0 || report.cumQtyLots() < 0)
        {
            return IngestReject.NEGATIVE_SIZE;
        }
        final long priceTicks = report.lastPriceTicks();
        if (priceTicks > maxPriceTicks[index] || priceTicks < -maxPriceTicks[index])
        {
            return IngestReject.PRICE_ABOVE_BOUND;
        }
        final long maxLots = maxQtyLots[index];
        if (report.lastQtyLots() > maxLots || report.leavesQtyLots() > maxLots || report.cumQtyLots() > maxLots)
        {
            return IngestReject.QUANTITY_ABOVE_BOUND;
        }
        if (report.feeCash() > Instrument.MAX_NOTIONAL_CASH || report.feeCash() < -Instrument.MAX_NOTIONAL_CASH)
        {
            return IngestReject.FEE_OUT_OF_BOUNDS;
        }
        if (execIds.isDuplicate(RecordHeader.sourceId(event.record, 0), report.execId()))
        {
            return IngestReject.DUPLICATE_EXEC_ID;
        }
        return IngestReject.NONE;
    }

    private int validateSkip(final EngineEvent event)
    {
        skip.wrap(event.record, 0);
        if (!SequenceSkipCodec.isValidReason(skip.reason()))
        {
            return IngestReject.BAD_ENUM;
        }
        final long sequence = RecordHeader.sequence(event.record, 0);
        if (skip.nextSequence() <= sequence)
        {
            return IngestReject.OUT_OF_ORDER_TIME;
        }
        // The sequences it declares skipped are accounted for: the next input follows it.
        lastJournaledSequence = skip.nextSequence() - 1;
        return IngestReject.NONE;
    }

    private int validateCommand(final EngineEvent event)
    {
        command.wrap(event.record, 0);
        final int type = command.command();
        if (!AdminCommandType.isValid(type) || !CommandOrigin.isValid(command.origin()))
        {
            return IngestReject.BAD_ENUM;
        }
        if (type == AdminCommandType.SET_TRADING_STATE && !TradingState.isValid(command.argument()))
        {
            return IngestReject.BAD_ENUM;
        }
        if (type == AdminCommandType.SESSION_START)
        {
            execIds.markSessionStart();
        }
        return IngestReject.NONE;
    }
}
