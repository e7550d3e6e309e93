package io.easyquant.engine.pipeline;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.BarCodec;
import io.easyquant.journal.codec.BookDepthCodec;
import io.easyquant.journal.codec.BookState;
import io.easyquant.journal.codec.BookStateCodec;
import io.easyquant.journal.codec.BookStateReason;
import io.easyquant.journal.codec.CancelCodec;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.Flyweight;
import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.OrderIntentCodec;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.RiskDecisionCodec;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.SignalCodec;
import io.easyquant.journal.codec.TimerTickCodec;
import io.easyquant.journal.codec.TradeCodec;
import io.easyquant.journal.codec.TradingState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestHandlerTest
{
    private static final int SOURCE_ID = 3;
    private static final int BTC = 7;
    private static final int ETH = 9;
    private static final int UNKNOWN_ID = 8;
    private static final long ENGINE_TIME_NS = 1_700_000_000_000_000_000L;

    private final Instruments instruments = new Instruments(List.of(
        new Instrument(BTC, "BTCUSD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
        new Instrument(ETH, "ETHUSD", new BigDecimal("0.01"), new BigDecimal("0.001"), "USD")));
    /** ETH's default bounds: 1,000,000 USD in ticks of 0.01, 10,000 ETH in lots of 0.001. */
    private static final long ETH_MAX_TICKS = 100_000_000L;
    private static final long ETH_MAX_LOTS = 10_000_000L;
    private final EngineCounters counters = new EngineCounters(instruments.count());
    private final IngestHandler handler = new IngestHandler(instruments, counters);
    private final long[] expectedRejects = new long[IngestReject.COUNT];
    private long sequence;

    private final TradeCodec trade = new TradeCodec();
    private final QuoteCodec quote = new QuoteCodec();
    private final BarCodec bar = new BarCodec();
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final AdminCommandCodec command = new AdminCommandCodec();
    private final TimerTickCodec timer = new TimerTickCodec();
    private final BookStateCodec bookStateCodec = new BookStateCodec();

    // ---- valid inputs ---------------------------------------------------------------------------------------

    @Test
    void shouldAcceptValidTradeWithInstrumentIndexAndTemplateId()
    {
        final EngineEvent event = trade(ETH, 10_000, 5, Side.BUY, 100);

        assertAccepted(event, RecordType.TRADE, instruments.indexOf(ETH));
        assertEquals(1, instruments.indexOf(ETH));
    }

    @Test
    void shouldAcceptTradeWithUnknownAggressor()
    {
        assertAccepted(trade(BTC, 10_000, 5, Side.NONE, 100), RecordType.TRADE, 0);
        assertAccepted(trade(BTC, 10_000, 5, Side.SELL, 101), RecordType.TRADE, 0);
    }

    @Test
    void shouldAcceptValidQuoteWithZeroSizes()
    {
        assertAccepted(quote(ETH, 100, 0, 101, 0, 100), RecordType.QUOTE, 1);
    }

    @Test
    void shouldAcceptBookStateAndRejectUnknownInstrumentStateOrReason()
    {
        assertAccepted(bookState(ETH, BookState.SYNCING, BookStateReason.SUBSCRIBED, 100), RecordType.BOOK_STATE, 1);
        // Not held to market-data time order: a disconnect carries the feed's clock.
        assertAccepted(bookState(ETH, BookState.STALE, BookStateReason.DISCONNECTED, 50), RecordType.BOOK_STATE, 1);
        assertRejected(bookState(UNKNOWN_ID, BookState.LIVE, BookStateReason.SNAPSHOT_APPLIED, 100),
            IngestReject.UNKNOWN_INSTRUMENT);
        assertRejected(bookState(BTC, 4, BookStateReason.SNAPSHOT_APPLIED, 100), IngestReject.BAD_ENUM);
        assertRejected(bookState(BTC, BookState.LIVE, 0, 100), IngestReject.BAD_ENUM);
        assertRejected(bookState(BTC, BookState.LIVE, 99, 100), IngestReject.BAD_ENUM);
    }

    @Test
    void shouldAcceptBookDepthAndRejectUnknownInstrumentNoLevelsOrNegativeSizes()
    {
        assertAccepted(bookDepth(BTC, 5, 10, 0), RecordType.BOOK_DEPTH, 0);
        assertRejected(bookDepth(UNKNOWN_ID, 5, 10, 10), IngestReject.UNKNOWN_INSTRUMENT);
        assertRejected(bookDepth(BTC, 0, 10, 10), IngestReject.BAD_ENUM);
        assertRejected(bookDepth(BTC, 5, -1, 10), IngestReject.NEGATIVE_SIZE);
        assertRejected(bookDepth(ETH, 5, 1, -10), IngestReject.NEGATIVE_SIZE);
    }

    @Test
    void shouldAcceptValidBarIncludingFlatBarWithZeroVolume()
    {
        assertAccepted(bar(BTC, 100, 105, 95, 102, 10, 100), RecordType.BAR, 0);
        assertAccepted(bar(BTC, 100, 100, 100, 100, 0, 101), RecordType.BAR, 0);
    }

    @Test
    void shouldAcceptValidExecutionReport()
    {
        assertAccepted(report(ETH, ExecType.PARTIAL_FILL, Side.SELL, 2, 3, 2), RecordType.EXECUTION_REPORT, 1);
        assertAccepted(report(BTC, ExecType.ACK, Side.BUY, 0, 5, 0), RecordType.EXECUTION_REPORT, 0);
    }

    @Test
    void shouldAcceptValidAdminCommandsWithoutInstrument()
    {
        assertAccepted(command(AdminCommandType.KILL_ENGAGE, 0, CommandOrigin.API), RecordType.ADMIN_COMMAND, -1);
        assertAccepted(command(AdminCommandType.KILL_RELEASE, 0, CommandOrigin.CLI), RecordType.ADMIN_COMMAND, -1);
        assertAccepted(command(AdminCommandType.SET_TRADING_STATE, TradingState.REDUCING, CommandOrigin.ENGINE),
            RecordType.ADMIN_COMMAND, -1);
    }

    @Test
    void shouldIgnoreArgumentOfCommandsOtherThanSetTradingState()
    {
        assertAccepted(command(AdminCommandType.KILL_ENGAGE, 99, CommandOrigin.RISK_RULE),
            RecordType.ADMIN_COMMAND, -1);
    }

    @Test
    void shouldAcceptTimerTickWithoutInstrument()
    {
        assertAccepted(timer(), RecordType.TIMER_TICK, -1);
    }

    @Test
    void shouldClearStaleOutputsOfTheSlot()
    {
        final EngineEvent event = new EngineEvent();
        fillStale(event);
        encodeTrade(event, BTC, 100, 1, Side.BUY, 1);

        handler.onEvent(event, sequence++, true);

        assertEquals(IngestReject.NONE, event.ingestReject);
        assertCleared(event);

        fillStale(event);
        encodeTimer(event);

        handler.onEvent(event, sequence++, true);

        assertEquals(-1, event.instrumentIndex);
        assertCleared(event);
    }

    @Test
    void shouldClearStaleOutputsAndInstrumentOfRejectedSlot()
    {
        final EngineEvent event = new EngineEvent();
        fillStale(event);
        event.ingestReject = IngestReject.NONE;
        event.instrumentIndex = 1;
        encodeTrade(event, UNKNOWN_ID, 100, 1, Side.BUY, 1);

        handler.onEvent(event, sequence++, true);

        assertEquals(IngestReject.UNKNOWN_INSTRUMENT, event.ingestReject);
        assertEquals(-1, event.instrumentIndex);
        assertCleared(event);
    }

    @Test
    void shouldRecordLastEventTimeFromHeader()
    {
        final EngineEvent event = trade(BTC, 100, 1, Side.BUY, 5);
        final long timeNs = RecordHeader.timeNs(event.record, 0);

        handler.onEvent(event, sequence++, true);

        assertEquals(timeNs, counters.get(EngineCounters.LAST_EVENT_TIME_NS));
    }

    // ---- structural rejects ---------------------------------------------------------------------------------

    @Test
    void shouldRejectUnknownTemplateId()
    {
        for (final int templateId : new int[] {0, 6, 16, 63, 64, 999, 0xFFFF})
        {
            final EngineEvent event = new EngineEvent();
            encodeTrade(event, BTC, 100, 1, Side.BUY, 1);
            event.record.putShort(RecordHeader.TEMPLATE_ID_OFFSET, (short)templateId, RecordHeader.BYTE_ORDER);

            assertRejected(event, IngestReject.UNKNOWN_TYPE);
            assertEquals(templateId, event.templateId);
            assertEquals(-1, event.instrumentIndex);
        }
    }

    @Test
    void shouldRejectRecordWhoseLengthDoesNotMatchItsType()
    {
        final EngineEvent shortTrade = trade(BTC, 100, 1, Side.BUY, 1);
        setLength(shortTrade, TradeCodec.LENGTH - 1);
        assertRejected(shortTrade, IngestReject.BAD_LENGTH);

        final EngineEvent longQuote = quote(BTC, 100, 1, 101, 1, 1);
        setLength(longQuote, QuoteCodec.LENGTH + 8);
        assertRejected(longQuote, IngestReject.BAD_LENGTH);

        final EngineEvent emptyTimer = timer();
        setLength(emptyTimer, 0);
        assertRejected(emptyTimer, IngestReject.BAD_LENGTH);

        final EngineEvent command = command(AdminCommandType.KILL_ENGAGE, 0, CommandOrigin.API);
        setLength(command, RecordHeader.LENGTH);
        assertRejected(command, IngestReject.BAD_LENGTH);
    }

    @Test
    void shouldRejectOutputRecordTypesAsNotAnInput()
    {
        final Flyweight[] outputs =
            {new SignalCodec(), new OrderIntentCodec(), new RiskDecisionCodec(), new OrderCodec(), new CancelCodec()};
        for (final Flyweight codec : outputs)
        {
            final EngineEvent event = new EngineEvent();
            codec.wrapForEncode(event.record, 0, SOURCE_ID);
            stamp(event);

            assertRejected(event, IngestReject.NOT_AN_INPUT);
            assertEquals(codec.type().code(), event.templateId);
        }
    }

    @Test
    void shouldRejectOrderRecordAsNotAnInputEvenWithMatchingInstrument()
    {
        final EngineEvent event = new EngineEvent();
        final OrderCodec order = new OrderCodec();
        order.wrapForEncode(event.record, 0, SOURCE_ID);
        order.instrumentId(BTC).side(Side.BUY).qtyLots(1);
        stamp(event);

        assertRejected(event, IngestReject.NOT_AN_INPUT);
        assertEquals(RecordType.ORDER.code(), event.templateId);
    }

    @Test
    void shouldRejectUnknownInstrumentForEveryRecordWithOne()
    {
        assertRejected(trade(UNKNOWN_ID, 100, 1, Side.BUY, 1), IngestReject.UNKNOWN_INSTRUMENT);
        assertRejected(quote(UNKNOWN_ID, 100, 1, 101, 1, 1), IngestReject.UNKNOWN_INSTRUMENT);
        assertRejected(bar(UNKNOWN_ID, 100, 100, 100, 100, 1, 1), IngestReject.UNKNOWN_INSTRUMENT);
        assertRejected(report(UNKNOWN_ID, ExecType.ACK, Side.BUY, 0, 1, 0), IngestReject.UNKNOWN_INSTRUMENT);
        assertRejected(trade(0, 100, 1, Side.BUY, 1), IngestReject.UNKNOWN_INSTRUMENT);
    }

    // ---- field rejects --------------------------------------------------------------------------------------

    @Test
    void shouldRejectTradeWithNonPositivePrice()
    {
        assertRejected(trade(BTC, 0, 1, Side.BUY, 1), IngestReject.NON_POSITIVE_PRICE);
        assertRejected(trade(BTC, -1, 1, Side.BUY, 1), IngestReject.NON_POSITIVE_PRICE);
        assertAccepted(trade(BTC, 1, 1, Side.BUY, 1), RecordType.TRADE, 0);
    }

    @Test
    void shouldRejectQuoteWithNonPositiveBidOrAsk()
    {
        assertRejected(quote(BTC, 0, 1, 101, 1, 1), IngestReject.NON_POSITIVE_PRICE);
        assertRejected(quote(BTC, -5, 1, 101, 1, 1), IngestReject.NON_POSITIVE_PRICE);
        assertRejected(quote(BTC, 100, 1, 0, 1, 1), IngestReject.NON_POSITIVE_PRICE);
        assertRejected(quote(BTC, 100, 1, -101, 1, 1), IngestReject.NON_POSITIVE_PRICE);
    }

    @Test
    void shouldRejectBarWithAnyNonPositivePrice()
    {
        assertRejected(bar(BTC, 0, 105, 95, 100, 1, 1), IngestReject.NON_POSITIVE_PRICE);
        assertRejected(bar(BTC, 100, 0, 95, 100, 1, 1), IngestReject.NON_POSITIVE_PRICE);
        assertRejected(bar(BTC, 100, 105, 0, 100, 1, 1), IngestReject.NON_POSITIVE_PRICE);
        assertRejected(bar(BTC, 100, 105, 95, -1, 1, 1), IngestReject.NON_POSITIVE_PRICE);
    }

    @Test
    void shouldRejectTradeWithNonPositiveQty()
    {
        assertRejected(trade(BTC, 100, 0, Side.BUY, 1), IngestReject.NON_POSITIVE_QTY);
        assertRejected(trade(BTC, 100, -3, Side.BUY, 1), IngestReject.NON_POSITIVE_QTY);
    }

    @Test
    void shouldRejectNegativeSizes()
    {
        assertRejected(quote(BTC, 100, -1, 101, 1, 1), IngestReject.NEGATIVE_SIZE);
        assertRejected(quote(BTC, 100, 1, 101, -1, 1), IngestReject.NEGATIVE_SIZE);
        assertRejected(bar(BTC, 100, 105, 95, 100, -1, 1), IngestReject.NEGATIVE_SIZE);
        assertRejected(report(BTC, ExecType.PARTIAL_FILL, Side.BUY, -1, 1, 1), IngestReject.NEGATIVE_SIZE);
        assertRejected(report(BTC, ExecType.PARTIAL_FILL, Side.BUY, 1, -1, 1), IngestReject.NEGATIVE_SIZE);
        assertRejected(report(BTC, ExecType.PARTIAL_FILL, Side.BUY, 1, 1, -1), IngestReject.NEGATIVE_SIZE);
    }

    @Test
    void shouldRejectCrossedAndLockedQuotes()
    {
        assertRejected(quote(BTC, 100, 1, 100, 1, 1), IngestReject.CROSSED_QUOTE);
        assertRejected(quote(BTC, 101, 1, 100, 1, 1), IngestReject.CROSSED_QUOTE);
        assertAccepted(quote(BTC, 100, 1, 101, 1, 1), RecordType.QUOTE, 0);
    }

    @Test
    void shouldRejectEveryInconsistentBarShape()
    {
        // low above high
        assertRejected(bar(BTC, 100, 99, 101, 100, 1, 1), IngestReject.INCONSISTENT_BAR);
        // high below open
        assertRejected(bar(BTC, 106, 105, 95, 100, 1, 1), IngestReject.INCONSISTENT_BAR);
        // high below close
        assertRejected(bar(BTC, 100, 105, 95, 106, 1, 1), IngestReject.INCONSISTENT_BAR);
        // low above open
        assertRejected(bar(BTC, 94, 105, 95, 100, 1, 1), IngestReject.INCONSISTENT_BAR);
        // low above close
        assertRejected(bar(BTC, 100, 105, 95, 94, 1, 1), IngestReject.INCONSISTENT_BAR);
        // the limits themselves are consistent: open at the low, close at the high
        assertAccepted(bar(BTC, 95, 105, 95, 105, 1, 1), RecordType.BAR, 0);
    }

    @Test
    void shouldRejectBadTradeSide()
    {
        assertRejected(trade(BTC, 100, 1, (byte)3, 1), IngestReject.BAD_ENUM);
        assertRejected(trade(BTC, 100, 1, (byte)-1, 1), IngestReject.BAD_ENUM);
    }

    @Test
    void shouldRejectBadExecTypeAndSide()
    {
        assertRejected(report(BTC, (byte)0, Side.BUY, 0, 1, 0), IngestReject.BAD_ENUM);
        assertRejected(report(BTC, (byte)(ExecType.CANCEL_REJECTED + 1), Side.BUY, 0, 1, 0), IngestReject.BAD_ENUM);
        assertRejected(report(BTC, ExecType.ACK, Side.NONE, 0, 1, 0), IngestReject.BAD_ENUM);
        assertRejected(report(BTC, ExecType.ACK, (byte)3, 0, 1, 0), IngestReject.BAD_ENUM);
        assertAccepted(report(BTC, ExecType.CANCEL_REJECTED, Side.SELL, 0, 1, 0), RecordType.EXECUTION_REPORT, 0);
        assertAccepted(report(BTC, ExecType.CANCEL_REJECTED, Side.NONE, 0, 1, 0), RecordType.EXECUTION_REPORT, 0);
        assertRejected(report(BTC, ExecType.CANCEL_REJECTED, (byte)3, 0, 1, 0), IngestReject.BAD_ENUM);
    }

    @Test
    void shouldRejectBadAdminCommandOriginAndState()
    {
        assertRejected(command(0, 0, CommandOrigin.API), IngestReject.BAD_ENUM);
        assertRejected(command(AdminCommandType.SESSION_START + 1, 0, CommandOrigin.API), IngestReject.BAD_ENUM);
        assertRejected(command(AdminCommandType.KILL_ENGAGE, 0, 0), IngestReject.BAD_ENUM);
        assertRejected(command(AdminCommandType.KILL_ENGAGE, 0, CommandOrigin.ENGINE + 1), IngestReject.BAD_ENUM);
        assertRejected(command(AdminCommandType.SET_TRADING_STATE, 0, CommandOrigin.API), IngestReject.BAD_ENUM);
        assertRejected(command(AdminCommandType.SET_TRADING_STATE, TradingState.HALTED + 1, CommandOrigin.API),
            IngestReject.BAD_ENUM);
    }

    // ---- time order ----------------------------------------------------------------------------------------

    @Test
    void shouldRejectTradeOrQuoteEarlierThanLastTickButAcceptEqualTime()
    {
        assertAccepted(trade(BTC, 100, 1, Side.BUY, 1_000), RecordType.TRADE, 0);
        assertAccepted(trade(BTC, 100, 1, Side.BUY, 1_000), RecordType.TRADE, 0);
        assertRejected(trade(BTC, 100, 1, Side.BUY, 999), IngestReject.OUT_OF_ORDER_TIME);
        assertRejected(quote(BTC, 100, 1, 101, 1, 999), IngestReject.OUT_OF_ORDER_TIME);
        assertAccepted(quote(BTC, 100, 1, 101, 1, 1_000), RecordType.QUOTE, 0);
        assertAccepted(quote(BTC, 100, 1, 101, 1, 1_500), RecordType.QUOTE, 0);
        assertRejected(quote(BTC, 100, 1, 101, 1, 1_499), IngestReject.OUT_OF_ORDER_TIME);
        assertRejected(trade(BTC, 100, 1, Side.BUY, 1_499), IngestReject.OUT_OF_ORDER_TIME);
    }

    @Test
    void shouldRejectBarNotLaterThanLastBar()
    {
        assertAccepted(bar(BTC, 100, 100, 100, 100, 1, 60_000), RecordType.BAR, 0);
        assertRejected(bar(BTC, 100, 100, 100, 100, 1, 60_000), IngestReject.OUT_OF_ORDER_TIME);
        assertRejected(bar(BTC, 100, 100, 100, 100, 1, 59_999), IngestReject.OUT_OF_ORDER_TIME);
        assertAccepted(bar(BTC, 100, 100, 100, 100, 1, 60_001), RecordType.BAR, 0);
    }

    @Test
    void shouldKeepTimeOrderPerInstrumentAndApartForBarsAndTicks()
    {
        assertAccepted(trade(BTC, 100, 1, Side.BUY, 5_000), RecordType.TRADE, 0);
        assertAccepted(trade(ETH, 100, 1, Side.BUY, 1_000), RecordType.TRADE, 1);
        assertAccepted(bar(BTC, 100, 100, 100, 100, 1, 2_000), RecordType.BAR, 0);
        assertAccepted(bar(ETH, 100, 100, 100, 100, 1, 2_000), RecordType.BAR, 1);
        assertAccepted(quote(ETH, 100, 1, 101, 1, 1_000), RecordType.QUOTE, 1);
    }

    @Test
    void shouldAcceptTicksAtTheEarliestRepresentableTime()
    {
        assertAccepted(trade(BTC, 100, 1, Side.BUY, Long.MIN_VALUE), RecordType.TRADE, 0);
        assertAccepted(bar(BTC, 100, 100, 100, 100, 1, Long.MIN_VALUE + 1), RecordType.BAR, 0);
    }

    // ---- isolation and counting -------------------------------------------------------------------------------

    @Test
    void shouldNotLetRejectedEventsMoveTheTimeOrderOrPoisonLaterEvents()
    {
        assertAccepted(trade(BTC, 100, 1, Side.BUY, 1_000), RecordType.TRADE, 0);
        // Rejected for other reasons, with times far in the future: they must not advance the per-instrument clock.
        assertRejected(trade(BTC, 0, 1, Side.BUY, 9_000), IngestReject.NON_POSITIVE_PRICE);
        assertRejected(trade(BTC, 100, 0, Side.BUY, 9_000), IngestReject.NON_POSITIVE_QTY);
        assertRejected(trade(BTC, 100, 1, (byte)9, 9_000), IngestReject.BAD_ENUM);
        assertRejected(quote(BTC, 101, 1, 100, 1, 9_000), IngestReject.CROSSED_QUOTE);
        assertRejected(bar(BTC, 100, 99, 101, 100, 1, 9_000), IngestReject.INCONSISTENT_BAR);
        // An out-of-order record must not move the clock back either.
        assertRejected(trade(BTC, 100, 1, Side.BUY, 10), IngestReject.OUT_OF_ORDER_TIME);
        assertRejected(trade(BTC, 100, 1, Side.BUY, 999), IngestReject.OUT_OF_ORDER_TIME);

        assertAccepted(trade(BTC, 100, 1, Side.BUY, 1_001), RecordType.TRADE, 0);
        assertAccepted(bar(BTC, 100, 100, 100, 100, 1, 1), RecordType.BAR, 0);
        assertAccepted(report(BTC, ExecType.FILL, Side.BUY, 1, 0, 1), RecordType.EXECUTION_REPORT, 0);
        assertAccepted(timer(), RecordType.TIMER_TICK, -1);
    }

    @Test
    void shouldReuseOneSlotAcrossRejectedAndValidRecords()
    {
        final EngineEvent slot = new EngineEvent();

        encodeQuote(slot, ETH, 101, 1, 100, 1, 1);
        handler.onEvent(slot, sequence++, true);
        assertEquals(IngestReject.CROSSED_QUOTE, slot.ingestReject);

        encodeTrade(slot, ETH, 100, 1, Side.SELL, 1);
        handler.onEvent(slot, sequence++, true);
        assertEquals(IngestReject.NONE, slot.ingestReject);
        assertEquals(RecordType.TRADE.code(), slot.templateId);
        assertEquals(1, slot.instrumentIndex);

        slot.record.putShort(RecordHeader.TEMPLATE_ID_OFFSET, (short)77, RecordHeader.BYTE_ORDER);
        handler.onEvent(slot, sequence++, true);
        assertEquals(IngestReject.UNKNOWN_TYPE, slot.ingestReject);
        assertEquals(-1, slot.instrumentIndex);

        encodeTimer(slot);
        handler.onEvent(slot, sequence++, true);
        assertEquals(IngestReject.NONE, slot.ingestReject);
        assertEquals(-1, slot.instrumentIndex);
    }

    @Test
    void shouldCountEventsTypesAndRejectsByReasonExactly()
    {
        assertAccepted(trade(BTC, 100, 1, Side.BUY, 10), RecordType.TRADE, 0);
        assertAccepted(trade(ETH, 100, 1, Side.BUY, 10), RecordType.TRADE, 1);
        assertAccepted(quote(BTC, 100, 1, 101, 1, 10), RecordType.QUOTE, 0);
        assertAccepted(bar(BTC, 100, 100, 100, 100, 1, 10), RecordType.BAR, 0);
        assertAccepted(report(BTC, ExecType.ACK, Side.BUY, 0, 1, 0), RecordType.EXECUTION_REPORT, 0);
        assertAccepted(command(AdminCommandType.KILL_ENGAGE, 0, CommandOrigin.API), RecordType.ADMIN_COMMAND, -1);
        assertAccepted(timer(), RecordType.TIMER_TICK, -1);
        assertAccepted(timer(), RecordType.TIMER_TICK, -1);

        assertRejected(trade(BTC, 100, 1, Side.BUY, 9), IngestReject.OUT_OF_ORDER_TIME);
        assertRejected(bar(BTC, 100, 100, 100, 100, 1, 10), IngestReject.OUT_OF_ORDER_TIME);
        assertRejected(quote(ETH, 100, 1, 100, 1, 20), IngestReject.CROSSED_QUOTE);
        assertRejected(trade(UNKNOWN_ID, 100, 1, Side.BUY, 20), IngestReject.UNKNOWN_INSTRUMENT);
        final EngineEvent order = new EngineEvent();
        new OrderCodec().wrapForEncode(order.record, 0, SOURCE_ID);
        stamp(order);
        assertRejected(order, IngestReject.NOT_AN_INPUT);

        assertEquals(13, counters.get(EngineCounters.EVENTS_IN));
        assertEquals(5, counters.get(EngineCounters.INGEST_REJECTS));
        assertEquals(4, counters.eventsOfType(RecordType.TRADE.code()));
        assertEquals(2, counters.eventsOfType(RecordType.QUOTE.code()));
        assertEquals(2, counters.eventsOfType(RecordType.BAR.code()));
        assertEquals(1, counters.eventsOfType(RecordType.EXECUTION_REPORT.code()));
        assertEquals(1, counters.eventsOfType(RecordType.ADMIN_COMMAND.code()));
        assertEquals(2, counters.eventsOfType(RecordType.TIMER_TICK.code()));
        assertEquals(1, counters.eventsOfType(RecordType.ORDER.code()));
        assertRejectCounters();
    }

    @Test
    void shouldCountEveryReasonOnceWhenEachIsProducedOnce()
    {
        final EngineEvent unknownType = trade(BTC, 100, 1, Side.BUY, 1);
        unknownType.record.putShort(RecordHeader.TEMPLATE_ID_OFFSET, (short)50, RecordHeader.BYTE_ORDER);
        assertRejected(unknownType, IngestReject.UNKNOWN_TYPE);
        final EngineEvent badLength = timer();
        setLength(badLength, 41);
        assertRejected(badLength, IngestReject.BAD_LENGTH);
        final EngineEvent signal = new EngineEvent();
        new SignalCodec().wrapForEncode(signal.record, 0, SOURCE_ID);
        assertRejected(signal, IngestReject.NOT_AN_INPUT);
        assertRejected(quote(UNKNOWN_ID, 100, 1, 101, 1, 1), IngestReject.UNKNOWN_INSTRUMENT);
        assertRejected(bar(ETH, 100, 0, 100, 100, 1, 1), IngestReject.NON_POSITIVE_PRICE);
        assertRejected(trade(ETH, 100, 0, Side.BUY, 1), IngestReject.NON_POSITIVE_QTY);
        assertRejected(bar(ETH, 100, 100, 100, 100, -1, 1), IngestReject.NEGATIVE_SIZE);
        assertRejected(quote(ETH, 100, 1, 100, 1, 1), IngestReject.CROSSED_QUOTE);
        assertRejected(bar(ETH, 100, 100, 101, 100, 1, 1), IngestReject.INCONSISTENT_BAR);
        assertRejected(command(AdminCommandType.KILL_RELEASE, 0, 7), IngestReject.BAD_ENUM);
        assertAccepted(bar(ETH, 100, 100, 100, 100, 1, 5), RecordType.BAR, 1);
        assertRejected(bar(ETH, 100, 100, 100, 100, 1, 5), IngestReject.OUT_OF_ORDER_TIME);
        final EngineEvent fill = report(ETH, ExecType.FILL, Side.BUY, 1, 0, 1);
        assertAccepted(fill, RecordType.EXECUTION_REPORT, 1);
        final EngineEvent repeated = report(ETH, ExecType.FILL, Side.BUY, 1, 0, 1);
        repeated.record.putLong(ExecutionReportCodec.EXEC_ID_OFFSET,
            fill.record.getLong(ExecutionReportCodec.EXEC_ID_OFFSET, RecordHeader.BYTE_ORDER), RecordHeader.BYTE_ORDER);
        assertRejected(repeated, IngestReject.DUPLICATE_EXEC_ID);
        assertRejected(trade(ETH, ETH_MAX_TICKS + 1, 1, Side.BUY, 6), IngestReject.PRICE_ABOVE_BOUND);
        assertRejected(trade(ETH, 100, ETH_MAX_LOTS + 1, Side.BUY, 6), IngestReject.QUANTITY_ABOVE_BOUND);
        final EngineEvent hugeFee = report(ETH, ExecType.FILL, Side.BUY, 1, 0, 1);
        hugeFee.record.putLong(ExecutionReportCodec.FEE_CASH_OFFSET, Long.MAX_VALUE, RecordHeader.BYTE_ORDER);
        assertRejected(hugeFee, IngestReject.FEE_OUT_OF_BOUNDS);
        assertRejected(bar(ETH, 100, 100, 100, 100, 1, 5 + Instrument.DEFAULT_MAX_TIME_JUMP_NS + 1),
            IngestReject.TIME_JUMP);
        final IngestHandler failingJournal = new IngestHandler(instruments, counters, (buffer, offset, length) ->
        {
            throw new IllegalStateException("disk full");
        });
        final EngineEvent unjournaled = trade(ETH, 100, 1, Side.BUY, 9);
        assertThrows(IllegalStateException.class, () -> failingJournal.onEvent(unjournaled, 0, true));
        assertEquals(IngestReject.NOT_JOURNALED, unjournaled.ingestReject, "no later stage may act on it");

        for (int reason = IngestReject.UNKNOWN_TYPE; reason < IngestReject.COUNT; reason++)
        {
            assertEquals(1, counters.ingestRejects(reason), IngestReject.name(reason));
        }
        assertEquals(0, counters.ingestRejects(IngestReject.NONE));
        assertEquals(IngestReject.COUNT - 1, counters.get(EngineCounters.INGEST_REJECTS));
        assertEquals(IngestReject.COUNT + 1, counters.get(EngineCounters.EVENTS_IN), "one accepted fill, then its repeat");
    }

    @Test
    void shouldAcceptPricesAndQuantitiesAtTheBoundAndRejectOnePast()
    {
        assertEquals(ETH_MAX_TICKS, instruments.at(1).maxPriceTicks());
        assertEquals(ETH_MAX_LOTS, instruments.at(1).maxQtyLots());
        assertAccepted(trade(ETH, ETH_MAX_TICKS, ETH_MAX_LOTS, Side.BUY, 10), RecordType.TRADE, 1);
        assertRejected(trade(ETH, ETH_MAX_TICKS + 1, 1, Side.BUY, 11), IngestReject.PRICE_ABOVE_BOUND);
        assertRejected(trade(ETH, 1, ETH_MAX_LOTS + 1, Side.BUY, 11), IngestReject.QUANTITY_ABOVE_BOUND);
        assertRejected(trade(ETH, Long.MAX_VALUE, Long.MAX_VALUE, Side.BUY, 11), IngestReject.PRICE_ABOVE_BOUND);

        assertAccepted(quote(ETH, ETH_MAX_TICKS - 1, ETH_MAX_LOTS, ETH_MAX_TICKS, ETH_MAX_LOTS, 12),
            RecordType.QUOTE, 1);
        assertRejected(quote(ETH, ETH_MAX_TICKS, 1, ETH_MAX_TICKS + 1, 1, 13), IngestReject.PRICE_ABOVE_BOUND);
        assertRejected(quote(ETH, 100, ETH_MAX_LOTS + 1, 101, 1, 13), IngestReject.QUANTITY_ABOVE_BOUND);
        assertRejected(quote(ETH, 100, 1, 101, ETH_MAX_LOTS + 1, 13), IngestReject.QUANTITY_ABOVE_BOUND);

        assertAccepted(bar(ETH, 1, ETH_MAX_TICKS, 1, ETH_MAX_TICKS, ETH_MAX_LOTS, 14), RecordType.BAR, 1);
        assertRejected(bar(ETH, 1, ETH_MAX_TICKS + 1, 1, 1, 1, 15), IngestReject.PRICE_ABOVE_BOUND);
        assertRejected(bar(ETH, 1, 1, 1, 1, ETH_MAX_LOTS + 1, 15), IngestReject.QUANTITY_ABOVE_BOUND);

        final EngineEvent atBound = report(ETH, ExecType.PARTIAL_FILL, Side.BUY, ETH_MAX_LOTS, ETH_MAX_LOTS, 1);
        atBound.record.putLong(ExecutionReportCodec.LAST_PRICE_TICKS_OFFSET, ETH_MAX_TICKS, RecordHeader.BYTE_ORDER);
        atBound.record.putLong(ExecutionReportCodec.FEE_CASH_OFFSET, Instrument.MAX_NOTIONAL_CASH,
            RecordHeader.BYTE_ORDER);
        assertAccepted(atBound, RecordType.EXECUTION_REPORT, 1);
        final EngineEvent pricePast = report(ETH, ExecType.PARTIAL_FILL, Side.BUY, 1, 1, 1);
        pricePast.record.putLong(ExecutionReportCodec.LAST_PRICE_TICKS_OFFSET, -ETH_MAX_TICKS - 1,
            RecordHeader.BYTE_ORDER);
        assertRejected(pricePast, IngestReject.PRICE_ABOVE_BOUND);
        assertRejected(report(ETH, ExecType.PARTIAL_FILL, Side.BUY, 1, 1, ETH_MAX_LOTS + 1),
            IngestReject.QUANTITY_ABOVE_BOUND);
        assertRejected(report(ETH, ExecType.PARTIAL_FILL, Side.BUY, 1, ETH_MAX_LOTS + 1, 1),
            IngestReject.QUANTITY_ABOVE_BOUND);
        final EngineEvent feePast = report(ETH, ExecType.PARTIAL_FILL, Side.BUY, 1, 1, 1);
        feePast.record.putLong(ExecutionReportCodec.FEE_CASH_OFFSET, -Instrument.MAX_NOTIONAL_CASH - 1,
            RecordHeader.BYTE_ORDER);
        assertRejected(feePast, IngestReject.FEE_OUT_OF_BOUNDS);
    }

    @Test
    void shouldRejectAFarFutureRowWithoutMovingTheHighWaterMark()
    {
        final long jumpNs = Instrument.DEFAULT_MAX_TIME_JUMP_NS;
        final long t0 = 1_700_000_000_000_000_000L;
        assertAccepted(trade(BTC, 100, 1, Side.BUY, t0), RecordType.TRADE, 0);
        assertAccepted(quote(BTC, 100, 1, 101, 1, t0 + jumpNs), RecordType.QUOTE, 0);
        assertRejected(trade(BTC, 100, 1, Side.BUY, t0 + 2 * jumpNs + 1), IngestReject.TIME_JUMP);
        assertRejected(trade(BTC, 100, 1, Side.BUY, Long.MAX_VALUE), IngestReject.TIME_JUMP);
        assertAccepted(trade(BTC, 100, 1, Side.BUY, t0 + jumpNs + 1), RecordType.TRADE, 0);
        assertRejected(trade(BTC, 100, 1, Side.BUY, t0), IngestReject.OUT_OF_ORDER_TIME);
        assertAccepted(trade(ETH, 100, 1, Side.BUY, t0 + 100 * jumpNs), RecordType.TRADE, 1);

        assertAccepted(bar(BTC, 100, 100, 100, 100, 1, t0), RecordType.BAR, 0);
        assertRejected(bar(BTC, 100, 100, 100, 100, 1, t0 + jumpNs + 1), IngestReject.TIME_JUMP);
        assertAccepted(bar(BTC, 100, 100, 100, 100, 1, t0 + jumpNs), RecordType.BAR, 0);

        final Instruments unbounded = new Instruments(List.of(new Instrument(BTC, "BTCUSD", new BigDecimal("0.01"),
            new BigDecimal("0.0001"), "USD", Instrument.DEFAULT_MAX_PRICE, Instrument.DEFAULT_MAX_QUANTITY, 0)));
        final IngestHandler any = new IngestHandler(unbounded, new EngineCounters(1));
        final EngineEvent first = trade(BTC, 100, 1, Side.BUY, 1);
        any.onEvent(first, 0, true);
        final EngineEvent far = trade(BTC, 100, 1, Side.BUY, Long.MAX_VALUE);
        any.onEvent(far, 1, true);
        assertEquals(IngestReject.NONE, far.ingestReject, "maxTimeJumpMs 0: no limit");
    }

    @Test
    void shouldRejectARepeatedExecIdFromTheSameSourceOnly()
    {
        final EngineEvent fill = report(ETH, ExecType.PARTIAL_FILL, Side.BUY, 1, 1, 1);
        final long execId = 500;
        fill.record.putLong(ExecutionReportCodec.EXEC_ID_OFFSET, execId, RecordHeader.BYTE_ORDER);
        assertAccepted(fill, RecordType.EXECUTION_REPORT, 1);

        final EngineEvent again = report(ETH, ExecType.PARTIAL_FILL, Side.BUY, 1, 1, 1);
        again.record.putLong(ExecutionReportCodec.EXEC_ID_OFFSET, execId, RecordHeader.BYTE_ORDER);
        assertRejected(again, IngestReject.DUPLICATE_EXEC_ID);

        final EngineEvent otherVenue = report(ETH, ExecType.PARTIAL_FILL, Side.BUY, 1, 1, 1);
        otherVenue.record.putLong(ExecutionReportCodec.EXEC_ID_OFFSET, execId, RecordHeader.BYTE_ORDER);
        otherVenue.record.putInt(RecordHeader.SOURCE_ID_OFFSET, SOURCE_ID + 1, RecordHeader.BYTE_ORDER);
        assertAccepted(otherVenue, RecordType.EXECUTION_REPORT, 1);

        final EngineEvent noId = report(ETH, ExecType.PARTIAL_FILL, Side.BUY, 1, 1, 1);
        noId.record.putLong(ExecutionReportCodec.EXEC_ID_OFFSET, 0, RecordHeader.BYTE_ORDER);
        assertAccepted(noId, RecordType.EXECUTION_REPORT, 1);
    }

    @Test
    void shouldJudgeIdsOlderThanTheWindowByTheHighestEvicted()
    {
        final ExecIdFilter filter = new ExecIdFilter(3);
        assertFalse(filter.isDuplicate(7, 10));
        assertFalse(filter.isDuplicate(7, 12));
        assertFalse(filter.isDuplicate(7, 11));
        assertTrue(filter.isDuplicate(7, 12), "in the window");
        assertFalse(filter.isDuplicate(7, 13), "evicts 10");
        assertTrue(filter.isDuplicate(7, 9), "at or below the highest evicted: too old to tell");
        assertTrue(filter.isDuplicate(7, 10));
        assertFalse(filter.isDuplicate(8, 10), "another source");
        assertEquals(13, filter.highestExecId(7));
        assertEquals(13, filter.highestExecId());
        assertEquals(0, filter.highestExecId(9));
        filter.markSessionStart();
        assertFalse(filter.isDuplicate(7, 14));
        assertEquals(13, filter.highestAtSessionStart(), "what the journal held at the session start");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void assertAccepted(final EngineEvent event, final RecordType type, final int instrumentIndex)
    {
        fillStale(event);
        final long rejectsBefore = counters.get(EngineCounters.INGEST_REJECTS);

        handler.onEvent(event, sequence++, true);

        assertEquals(IngestReject.NONE, event.ingestReject, () -> IngestReject.name(event.ingestReject));
        assertEquals(type.code(), event.templateId);
        assertEquals(instrumentIndex, event.instrumentIndex);
        assertCleared(event);
        assertEquals(rejectsBefore, counters.get(EngineCounters.INGEST_REJECTS));
        assertRejectCounters();
    }

    private void assertRejected(final EngineEvent event, final int reason)
    {
        fillStale(event);

        handler.onEvent(event, sequence++, true);

        expectedRejects[reason]++;
        assertEquals(IngestReject.name(reason), IngestReject.name(event.ingestReject));
        assertEquals(RecordHeader.templateId(event.record, 0), event.templateId);
        assertCleared(event);
        assertRejectCounters();
    }

    private void assertRejectCounters()
    {
        long total = 0;
        for (int reason = 0; reason < IngestReject.COUNT; reason++)
        {
            assertEquals(expectedRejects[reason], counters.ingestRejects(reason), IngestReject.name(reason));
            total += expectedRejects[reason];
        }
        assertEquals(total, counters.get(EngineCounters.INGEST_REJECTS));
    }

    private static void fillStale(final EngineEvent event)
    {
        event.ingestReject = 99;
        event.priceUpdated = true;
        event.hasSignal = true;
        event.hasIntent = true;
        event.riskReason = 5;
        event.sentClOrdId = 1234;
        event.cancelsSent = 3;
    }

    private static void assertCleared(final EngineEvent event)
    {
        assertFalse(event.priceUpdated, "priceUpdated");
        assertFalse(event.hasSignal, "hasSignal");
        assertFalse(event.hasIntent, "hasIntent");
        assertEquals(0, event.riskReason, "riskReason");
        assertEquals(0, event.sentClOrdId, "sentClOrdId");
        assertEquals(0, event.cancelsSent, "cancelsSent");
    }

    private static void setLength(final EngineEvent event, final int length)
    {
        event.record.putShort(RecordHeader.LENGTH_OFFSET, (short)length, RecordHeader.BYTE_ORDER);
    }

    private void stamp(final EngineEvent event)
    {
        RecordHeader.stamp(event.record, 0, sequence + 1, ENGINE_TIME_NS + sequence);
    }

    private EngineEvent trade(
        final int instrumentId, final long priceTicks, final long qtyLots, final byte side, final long sourceTimeNs)
    {
        return encodeTrade(new EngineEvent(), instrumentId, priceTicks, qtyLots, side, sourceTimeNs);
    }

    private EngineEvent encodeTrade(
        final EngineEvent event,
        final int instrumentId,
        final long priceTicks,
        final long qtyLots,
        final byte side,
        final long sourceTimeNs)
    {
        trade.wrapForEncode(event.record, 0, SOURCE_ID);
        trade.instrumentId(instrumentId).aggressorSide(side).priceTicks(priceTicks).qtyLots(qtyLots)
            .sourceTimeNs(sourceTimeNs).tradeId(sequence);
        stamp(event);
        return event;
    }

    private EngineEvent quote(
        final int instrumentId,
        final long bidTicks,
        final long bidLots,
        final long askTicks,
        final long askLots,
        final long sourceTimeNs)
    {
        return encodeQuote(new EngineEvent(), instrumentId, bidTicks, bidLots, askTicks, askLots, sourceTimeNs);
    }

    private EngineEvent encodeQuote(
        final EngineEvent event,
        final int instrumentId,
        final long bidTicks,
        final long bidLots,
        final long askTicks,
        final long askLots,
        final long sourceTimeNs)
    {
        quote.wrapForEncode(event.record, 0, SOURCE_ID);
        quote.instrumentId(instrumentId).bidTicks(bidTicks).bidLots(bidLots).askTicks(askTicks).askLots(askLots)
            .sourceTimeNs(sourceTimeNs);
        stamp(event);
        return event;
    }

    private EngineEvent bookDepth(final int instrumentId, final int levels, final long bid, final long ask)
    {
        final EngineEvent event = new EngineEvent();
        new BookDepthCodec().wrapForEncode(event.record, 0, SOURCE_ID);
        new BookDepthCodec().<BookDepthCodec>wrap(event.record, 0).instrumentId(instrumentId).levels(levels)
            .bidDepthLots(bid).askDepthLots(ask).sourceTimeNs(1);
        stamp(event);
        return event;
    }

    private EngineEvent bookState(final int instrumentId, final int state, final int reason, final long sourceTimeNs)
    {
        final EngineEvent event = new EngineEvent();
        bookStateCodec.wrapForEncode(event.record, 0, SOURCE_ID);
        bookStateCodec.instrumentId(instrumentId).state(state).reason(reason).sourceTimeNs(sourceTimeNs);
        stamp(event);
        return event;
    }

    private EngineEvent bar(
        final int instrumentId,
        final long openTicks,
        final long highTicks,
        final long lowTicks,
        final long closeTicks,
        final long volumeLots,
        final long sourceTimeNs)
    {
        final EngineEvent event = new EngineEvent();
        bar.wrapForEncode(event.record, 0, SOURCE_ID);
        bar.instrumentId(instrumentId).durationMs(60_000).openTicks(openTicks).highTicks(highTicks)
            .lowTicks(lowTicks).closeTicks(closeTicks).volumeLots(volumeLots).sourceTimeNs(sourceTimeNs);
        stamp(event);
        return event;
    }

    private EngineEvent report(
        final int instrumentId,
        final byte execType,
        final byte side,
        final long lastQtyLots,
        final long leavesQtyLots,
        final long cumQtyLots)
    {
        final EngineEvent event = new EngineEvent();
        report.wrapForEncode(event.record, 0, SOURCE_ID);
        report.instrumentId(instrumentId).execType(execType).side(side).clOrdId(42).execId(sequence)
            .lastQtyLots(lastQtyLots).lastPriceTicks(lastQtyLots > 0 ? 100 : 0).leavesQtyLots(leavesQtyLots)
            .cumQtyLots(cumQtyLots);
        stamp(event);
        return event;
    }

    private EngineEvent command(final int type, final int argument, final int origin)
    {
        final EngineEvent event = new EngineEvent();
        command.wrapForEncode(event.record, 0, SOURCE_ID);
        command.command(type).argument(argument).origin(origin).principal("ops").reason("test");
        stamp(event);
        return event;
    }

    private EngineEvent timer()
    {
        return encodeTimer(new EngineEvent());
    }

    private EngineEvent encodeTimer(final EngineEvent event)
    {
        timer.wrapForEncode(event.record, 0, SOURCE_ID);
        timer.timerId(1).scheduledTimeNs(ENGINE_TIME_NS);
        stamp(event);
        return event;
    }
}
