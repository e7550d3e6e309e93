package io.easyquant.journal.codec;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats one journal record as one readable line, for tools, logs and test failures. Cold path: it allocates
 * (times, names, the returned String) and favours clarity over speed.
 *
 * <p>A record whose header can be trusted is printed as its sequence, engine time, type and source, then its body
 * fields as {@code name=value}, enum-like fields by name, prices in ticks and quantities in lots as stored:
 * <pre>
 * #42 2024-01-02T03:04:05.123456789Z QUOTE src=1 instrument=1 bid=6000000x25 ask=6000002x30 sourceTime=...
 * </pre>
 * Times (the header's and the body's {@code *TimeNs} fields) are printed as UTC instants with nine fraction digits.
 * Text fields are quoted; bytes outside printable ASCII are escaped as {@code \xNN}, quote and backslash with a
 * backslash.
 *
 * <p>Bad input never throws. When the template id is unknown, the header's length is not the type's length, or the
 * buffer ends before the record does, the line is {@code UNKNOWN type=<id> length=<len> hex=<bytes>}: the bytes
 * from {@code offset}, the declared length of them (at least the header, at most
 * {@link RecordHeader#MAX_RECORD_LENGTH}, never past the buffer's capacity) in hex, in groups of eight, followed by
 * {@code ...} when fewer bytes are shown than the header declares. When fewer than the four bytes of template id and
 * length lie between {@code offset} and the capacity, the line is {@code TRUNCATED offset=<offset>
 * capacity=<capacity>} followed by the bytes there are.
 *
 * <p>Not thread-safe: it reuses its codecs and scratch space; use one instance per thread.
 */
public final class RecordFormatter
{
    private static final DateTimeFormatter TIME_FORMAT =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int TEMPLATE_ID_AND_LENGTH_BYTES = RecordHeader.LENGTH_OFFSET + 2;
    private static final int BYTES_PER_HEX_GROUP = 8;
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private final UnsafeBuffer record = new UnsafeBuffer();
    private final TradeCodec trade = new TradeCodec();
    private final QuoteCodec quote = new QuoteCodec();
    private final BarCodec bar = new BarCodec();
    private final SignalCodec signal = new SignalCodec();
    private final OrderIntentCodec orderIntent = new OrderIntentCodec();
    private final RiskDecisionCodec riskDecision = new RiskDecisionCodec();
    private final OrderCodec order = new OrderCodec();
    private final CancelCodec cancel = new CancelCodec();
    private final TradingStateChangeCodec stateChange = new TradingStateChangeCodec();
    private final ExecutionReportCodec executionReport = new ExecutionReportCodec();
    private final AdminCommandCodec adminCommand = new AdminCommandCodec();
    private final TimerTickCodec timerTick = new TimerTickCodec();
    private final BookStateCodec bookState = new BookStateCodec();
    private final BookDepthCodec bookDepth = new BookDepthCodec();
    private final MarketDataDroppedCodec marketDataDropped = new MarketDataDroppedCodec();
    private final SequenceSkipCodec sequenceSkip = new SequenceSkipCodec();
    private final StringBuilder text = new StringBuilder(AdminCommandCodec.REASON_WIDTH);
    private final StringBuilder line = new StringBuilder(256);

    /**
     * @param templateId a record header's template id.
     * @return the {@link RecordType} name, or {@code UNKNOWN(<templateId>)} if no type has that code.
     */
    public static String typeName(final int templateId)
    {
        final RecordType type = RecordType.get(templateId);
        return type != null ? type.name() : "UNKNOWN(" + templateId + ")";
    }

    /**
     * Format the record at {@code offset} as one line.
     *
     * @param buffer holding the record; only read.
     * @param offset of the record's header in {@code buffer}; any value, checked against the capacity.
     * @return the line, without a line terminator.
     */
    public String format(final DirectBuffer buffer, final int offset)
    {
        line.setLength(0);
        format(buffer, offset, line);
        return line.toString();
    }

    /**
     * Append the record at {@code offset} as one line to {@code out}, without a line terminator.
     *
     * @param buffer holding the record; only read.
     * @param offset of the record's header in {@code buffer}; any value, checked against the capacity.
     * @param out    appended to.
     */
    public void format(final DirectBuffer buffer, final int offset, final StringBuilder out)
    {
        final int capacity = buffer.capacity();
        final int available = offset < 0 || offset > capacity ? 0 : capacity - offset;
        if (available < TEMPLATE_ID_AND_LENGTH_BYTES)
        {
            out.append("TRUNCATED offset=").append(offset).append(" capacity=").append(capacity);
            appendHex(buffer, offset, available, available, out);
            return;
        }

        final int templateId = RecordHeader.templateId(buffer, offset);
        final int length = RecordHeader.length(buffer, offset);
        final RecordType type = RecordType.get(templateId);
        if (type == null || length != type.length() || length > available)
        {
            out.append("UNKNOWN type=").append(templateId).append(" length=").append(length);
            final int declared = Math.max(length, RecordHeader.LENGTH);
            final int shown = Math.min(available, Math.min(declared, RecordHeader.MAX_RECORD_LENGTH));
            appendHex(buffer, offset, shown, declared, out);
            return;
        }

        // A view of exactly this record: no field read can stray past its end.
        record.wrap(buffer, offset, length);
        out.append('#').append(RecordHeader.sequence(record, 0)).append(' ');
        appendTime(RecordHeader.timeNs(record, 0), out);
        out.append(' ').append(type.name()).append(" src=").append(RecordHeader.sourceId(record, 0));

        switch (type)
        {
            case TRADE -> appendTrade(out);
            case QUOTE -> appendQuote(out);
            case BAR -> appendBar(out);
            case BOOK_STATE -> appendBookState(out);
            case BOOK_DEPTH -> appendBookDepth(out);
            case SIGNAL -> appendSignal(out);
            case ORDER_INTENT -> appendOrderIntent(out);
            case RISK_DECISION -> appendRiskDecision(out);
            case ORDER -> appendOrder(out);
            case CANCEL -> appendCancel(out);
            case TRADING_STATE_CHANGE -> appendTradingStateChange(out);
            case EXECUTION_REPORT -> appendExecutionReport(out);
            case ADMIN_COMMAND -> appendAdminCommand(out);
            case TIMER_TICK -> appendTimerTick(out);
            case MARKET_DATA_DROPPED -> appendMarketDataDropped(out);
            case SEQUENCE_SKIP -> appendSequenceSkip(out);
        }
    }

    private void appendTrade(final StringBuilder out)
    {
        final TradeCodec codec = trade.wrap(record, 0);
        out.append(" instrument=").append(codec.instrumentId())
            .append(" price=").append(codec.priceTicks())
            .append(" qty=").append(codec.qtyLots())
            .append(" aggressor=").append(sideName(codec.aggressorSide()))
            .append(" tradeId=").append(codec.tradeId())
            .append(" sourceTime=");
        appendTime(codec.sourceTimeNs(), out);
    }

    private void appendQuote(final StringBuilder out)
    {
        final QuoteCodec codec = quote.wrap(record, 0);
        out.append(" instrument=").append(codec.instrumentId())
            .append(" bid=").append(codec.bidTicks()).append('x').append(codec.bidLots())
            .append(" ask=").append(codec.askTicks()).append('x').append(codec.askLots())
            .append(" sourceTime=");
        appendTime(codec.sourceTimeNs(), out);
    }

    private void appendBar(final StringBuilder out)
    {
        final BarCodec codec = bar.wrap(record, 0);
        out.append(" instrument=").append(codec.instrumentId())
            .append(" open=").append(codec.openTicks())
            .append(" high=").append(codec.highTicks())
            .append(" low=").append(codec.lowTicks())
            .append(" close=").append(codec.closeTicks())
            .append(" volume=").append(codec.volumeLots())
            .append(" duration=").append(codec.durationMs()).append("ms")
            .append(" sourceTime=");
        appendTime(codec.sourceTimeNs(), out);
    }

    private void appendSignal(final StringBuilder out)
    {
        final SignalCodec codec = signal.wrap(record, 0);
        out.append(" instrument=").append(codec.instrumentId())
            .append(" strategy=").append(codec.strategyId())
            .append(" target=").append(codec.targetLots())
            .append(" score=").append(codec.score())
            .append(" cause=").append(codec.causeSequence());
    }

    private void appendOrderIntent(final StringBuilder out)
    {
        final OrderIntentCodec codec = orderIntent.wrap(record, 0);
        out.append(" intent=").append(codec.intentId())
            .append(" instrument=").append(codec.instrumentId())
            .append(" side=").append(sideName(codec.side()))
            .append(" type=").append(OrderType.name(codec.orderType()))
            .append(" qty=").append(codec.qtyLots())
            .append(" price=").append(codec.limitPriceTicks())
            .append(" target=").append(codec.targetLots())
            .append(" cause=").append(codec.causeSequence());
    }

    private void appendRiskDecision(final StringBuilder out)
    {
        final RiskDecisionCodec codec = riskDecision.wrap(record, 0);
        out.append(" intent=").append(codec.intentId())
            .append(" instrument=").append(codec.instrumentId())
            .append(" decision=").append(codec.reasonCode() == 0 ? "ACCEPT" : "REJECT")
            .append(" reason=").append(codec.reasonCode())
            .append(" observed=").append(codec.observed())
            .append(" limit=").append(codec.limit())
            .append(" cause=").append(codec.causeSequence());
    }

    private void appendOrder(final StringBuilder out)
    {
        final OrderCodec codec = order.wrap(record, 0);
        out.append(" clOrdId=").append(codec.clOrdId())
            .append(" intent=").append(codec.intentId())
            .append(" instrument=").append(codec.instrumentId())
            .append(" side=").append(sideName(codec.side()))
            .append(" type=").append(OrderType.name(codec.orderType()))
            .append(" qty=").append(codec.qtyLots())
            .append(" price=").append(codec.limitPriceTicks())
            .append(" cause=").append(codec.causeSequence());
    }

    private void appendCancel(final StringBuilder out)
    {
        final CancelCodec codec = cancel.wrap(record, 0);
        out.append(" clOrdId=").append(codec.clOrdId())
            .append(" instrument=").append(codec.instrumentId())
            .append(" reason=").append(codec.reasonCode())
            .append(" leaves=").append(codec.leavesQtyLots())
            .append(" cause=").append(codec.causeSequence());
    }

    private void appendTradingStateChange(final StringBuilder out)
    {
        final TradingStateChangeCodec codec = stateChange.wrap(record, 0);
        out.append(" from=").append(TradingState.name(codec.previousState()))
            .append(" to=").append(TradingState.name(codec.newState()))
            .append(" origin=").append(CommandOrigin.name(codec.origin()))
            .append(" rule=").append(codec.ruleCode())
            .append(" command=").append(codec.command() == 0 ? "none" : AdminCommandType.name(codec.command()))
            .append(" observed=").append(codec.observed())
            .append(" limit=").append(codec.limit())
            .append(" cause=").append(codec.causeSequence());
    }

    private void appendExecutionReport(final StringBuilder out)
    {
        final ExecutionReportCodec codec = executionReport.wrap(record, 0);
        out.append(" clOrdId=").append(codec.clOrdId())
            .append(" execId=").append(codec.execId())
            .append(" instrument=").append(codec.instrumentId())
            .append(" execType=").append(ExecType.name(codec.execType()))
            .append(" side=").append(sideName(codec.side()))
            .append(" last=").append(codec.lastPriceTicks()).append('x').append(codec.lastQtyLots())
            .append(" leaves=").append(codec.leavesQtyLots())
            .append(" cum=").append(codec.cumQtyLots())
            .append(" fee=").append(codec.feeCash())
            .append(" rejectReason=").append(codec.rejectReason())
            .append(" venueTime=");
        appendTime(codec.venueTimeNs(), out);
    }

    private void appendAdminCommand(final StringBuilder out)
    {
        final AdminCommandCodec codec = adminCommand.wrap(record, 0);
        out.append(" command=").append(AdminCommandType.name(codec.command())).append(" argument=");
        if (codec.command() == AdminCommandType.SET_TRADING_STATE)
        {
            out.append(TradingState.name(codec.argument()));
        }
        else
        {
            out.append(codec.argument());
        }
        out.append(" origin=").append(CommandOrigin.name(codec.origin()));

        text.setLength(0);
        codec.getPrincipal(text);
        appendQuoted(" principal=", text, out);
        text.setLength(0);
        codec.getReason(text);
        appendQuoted(" reason=", text, out);
        text.setLength(0);
        codec.getRemoteAddress(text);
        appendQuoted(" remote=", text, out);
    }

    private void appendBookState(final StringBuilder out)
    {
        final BookStateCodec codec = bookState.wrap(record, 0);
        out.append(" instrument=").append(codec.instrumentId())
            .append(" state=").append(BookState.name(codec.state()))
            .append(" reason=").append(BookStateReason.name(codec.reason()))
            .append(" lastUpdateId=").append(codec.lastUpdateId())
            .append(" sourceTime=");
        appendTime(codec.sourceTimeNs(), out);
    }

    private void appendBookDepth(final StringBuilder out)
    {
        final BookDepthCodec codec = bookDepth.wrap(record, 0);
        out.append(" instrument=").append(codec.instrumentId())
            .append(" levels=").append(codec.levels())
            .append(" bidDepth=").append(codec.bidDepthLots())
            .append(" askDepth=").append(codec.askDepthLots())
            .append(" sourceTime=");
        appendTime(codec.sourceTimeNs(), out);
    }

    private void appendTimerTick(final StringBuilder out)
    {
        final TimerTickCodec codec = timerTick.wrap(record, 0);
        out.append(" timer=").append(codec.timerId()).append(" scheduledTime=");
        appendTime(codec.scheduledTimeNs(), out);
    }

    private void appendMarketDataDropped(final StringBuilder out)
    {
        final MarketDataDroppedCodec codec = marketDataDropped.wrap(record, 0);
        out.append(" reason=").append(codec.reason() == MarketDataDroppedCodec.REASON_LOW_DISK ? "low_disk" :
                String.valueOf(codec.reason()))
            .append(" trades=").append(codec.trades())
            .append(" quotes=").append(codec.quotes())
            .append(" bars=").append(codec.bars())
            .append(" firstSourceTime=");
        appendTime(codec.firstSourceTimeNs(), out);
        out.append(" lastSourceTime=");
        appendTime(codec.lastSourceTimeNs(), out);
        out.append(" first=");
        appendTime(codec.firstTimeNs(), out);
        out.append(" last=");
        appendTime(codec.lastTimeNs(), out);
    }

    private void appendSequenceSkip(final StringBuilder out)
    {
        final SequenceSkipCodec codec = sequenceSkip.wrap(record, 0);
        out.append(" reason=").append(SequenceSkipCodec.reasonName(codec.reason()))
            .append(" nextSequence=").append(codec.nextSequence())
            .append(" nextIntentIdAtLeast=").append(codec.nextIntentIdAtLeast())
            .append(" skippedInputs=").append(codec.skippedInputs())
            .append(" skippedMarketData=").append(codec.skippedMarketData());
    }

    /**
     * {@link Side#name(byte)} prints every value other than BUY and SELL as NONE; here a value that is not a side
     * at all must stay visible.
     */
    private static String sideName(final byte side)
    {
        return side == Side.NONE || side == Side.BUY || side == Side.SELL ? Side.name(side) : "UNKNOWN(" + side + ")";
    }

    private static void appendTime(final long timeNs, final StringBuilder out)
    {
        final Instant instant = Instant.ofEpochSecond(
            Math.floorDiv(timeNs, NANOS_PER_SECOND), Math.floorMod(timeNs, NANOS_PER_SECOND));
        TIME_FORMAT.formatTo(instant, out);
    }

    private static void appendQuoted(final String label, final CharSequence value, final StringBuilder out)
    {
        out.append(label).append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c >= 0x20 && c < 0x7F)
            {
                out.append(c);
            }
            else
            {
                // The codec widens each byte to a char with sign extension; the low eight bits are the byte.
                out.append("\\x").append(HEX_DIGITS[(c >> 4) & 0xF]).append(HEX_DIGITS[c & 0xF]);
            }
        }
        out.append('"');
    }

    private static void appendHex(
        final DirectBuffer buffer, final int offset, final int count, final int declared, final StringBuilder out)
    {
        out.append(" hex=");
        for (int i = 0; i < count; i++)
        {
            if (i > 0 && i % BYTES_PER_HEX_GROUP == 0)
            {
                out.append(' ');
            }
            final int b = buffer.getByte(offset + i) & 0xFF;
            out.append(HEX_DIGITS[b >> 4]).append(HEX_DIGITS[b & 0xF]);
        }
        if (count < declared)
        {
            out.append("...");
        }
    }
}
