package io.easyquant.adapters.sink.postgres;

import io.easyquant.engine.execution.CancelReason;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.risk.RiskReason;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.BarCodec;
import io.easyquant.journal.codec.CancelCodec;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.OrderIntentCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.RiskDecisionCodec;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.SignalCodec;
import io.easyquant.journal.codec.TradeCodec;
import io.easyquant.journal.codec.TradingState;
import io.easyquant.journal.codec.TradingStateChangeCodec;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns journal records into rows of the sink's tables (see {@code db/migration}), in binary COPY format, and keeps
 * the {@link SinkState} that the derived tables (position snapshots, trading-state changes) come from.
 *
 * <table>
 *   <caption>Where each record goes</caption>
 *   <tr><th>record</th><th>tables</th></tr>
 *   <tr><td>ORDER</td><td>orders, events</td></tr>
 *   <tr><td>EXECUTION_REPORT</td><td>execution_reports, events; a fill that moves a position also
 *       position_snapshots (trigger {@code fill})</td></tr>
 *   <tr><td>CANCEL, ORDER_INTENT, RISK_DECISION, SIGNAL</td><td>cancels, order_intents, risk_decisions, signals;
 *       events</td></tr>
 *   <tr><td>ADMIN_COMMAND</td><td>admin_actions, events</td></tr>
 *   <tr><td>TRADING_STATE_CHANGE</td><td>trading_state_changes (a command's principal and reason when the command
 *       caused it; for a risk rule, principal {@code risk} and the rule with its observed value and limit), events
 *       </td></tr>
 *   <tr><td>BAR</td><td>bars, if enabled</td></tr>
 *   <tr><td>TRADE, QUOTE</td><td>trades, quotes, if ticks are enabled</td></tr>
 *   <tr><td>TIMER_TICK, unknown types</td><td>nothing</td></tr>
 * </table>
 *
 * Any record may also be the one at which a periodic position snapshot falls due (one row per traded instrument).
 *
 * <p>Not thread-safe: owned by the sink thread. Steady state allocates nothing but the text of a signal's score.
 */
final class RowEncoder
{
    /** The PostgreSQL schema of the sink's tables. */
    static final String SCHEMA = "easyquant";

    private static final String[] COMMON = {"journal_id", "journal_index", "seq", "time", "source_id"};
    private static final byte[] TRIGGER_FILL = ascii("fill");
    private static final byte[] TRIGGER_PERIODIC = ascii("periodic");
    private static final byte[] STAGE_SIGNAL = ascii("signal");
    private static final byte[] STAGE_RISK = ascii("risk");
    private static final byte[] STAGE_EXECUTION = ascii("execution");
    private static final byte[] STAGE_VENUE = ascii(EventNames.STAGE_VENUE);
    private static final byte[] STAGE_ADMIN = ascii(EventNames.STAGE_ADMIN);
    private static final byte[] EVENT_SIGNAL = ascii(EventNames.SIGNAL);
    private static final byte[] EVENT_TRADING_STATE = ascii(EventNames.TRADING_STATE);
    private static final byte[] COMMAND_RULE = ascii("RULE");
    private static final byte[] PRINCIPAL_RISK = ascii("risk");
    private static final byte[] PRINCIPAL_UNKNOWN = ascii("");
    private static final byte[] EVENT_ORDER_INTENT = ascii(EventNames.ORDER_INTENT);
    private static final byte[] EVENT_RISK_ACCEPTED = ascii(EventNames.RISK_ACCEPTED);
    private static final byte[] EVENT_RISK_REJECTED = ascii(EventNames.RISK_REJECTED);
    private static final byte[] EVENT_ORDER_SENT = ascii(EventNames.ORDER_SENT);
    private static final byte[] EVENT_CANCEL_SENT = ascii(EventNames.CANCEL_SENT);

    private static final byte[][] SIDES = {ascii("NONE"), ascii("BUY"), ascii("SELL")};
    private static final byte[][] ORDER_TYPES = {null, ascii("MARKET"), ascii("LIMIT")};
    private static final byte[][] EXEC_TYPES = new byte[ExecType.CANCEL_REJECTED + 1][];
    private static final byte[][] EXEC_EVENTS = new byte[ExecType.CANCEL_REJECTED + 1][];
    private static final byte[][] COMMANDS = new byte[AdminCommandType.MAX + 1][];
    private static final byte[][] COMMAND_EVENTS = new byte[AdminCommandType.MAX + 1][];
    private static final byte[][] ORIGINS = new byte[CommandOrigin.ENGINE + 1][];
    private static final byte[][] STATES = new byte[TradingState.HALTED + 1][];
    private static final byte[][] RISK_REASONS = new byte[RiskReason.COUNT][];
    private static final byte[] CANCEL_HALTED = ascii(CancelReason.name(CancelReason.TRADING_HALTED));

    static
    {
        for (byte type = ExecType.ACK; type <= ExecType.CANCEL_REJECTED; type++)
        {
            EXEC_TYPES[type] = ascii(ExecType.name(type));
            EXEC_EVENTS[type] = ascii(ExecType.name(type).toLowerCase(Locale.ROOT));
        }
        for (int command = AdminCommandType.KILL_ENGAGE; command <= AdminCommandType.MAX; command++)
        {
            COMMANDS[command] = ascii(AdminCommandType.name(command));
            COMMAND_EVENTS[command] = ascii(AdminCommandType.name(command).toLowerCase(Locale.ROOT));
        }
        for (int origin = CommandOrigin.API; origin <= CommandOrigin.ENGINE; origin++)
        {
            ORIGINS[origin] = ascii(CommandOrigin.name(origin));
        }
        for (int state = TradingState.ACTIVE; state <= TradingState.HALTED; state++)
        {
            STATES[state] = ascii(TradingState.name(state));
        }
        for (int reason = 0; reason < RiskReason.COUNT; reason++)
        {
            RISK_REASONS[reason] = ascii(RiskReason.name(reason));
        }
    }

    final CopyRows orders = table("orders",
        "cl_ord_id", "intent_id", "instrument_id", "side", "order_type", "qty_lots", "limit_price_ticks", "cause_seq");
    final CopyRows executionReports = table("execution_reports",
        "cl_ord_id", "exec_id", "instrument_id", "exec_type", "side", "last_qty_lots", "last_price_ticks",
        "leaves_qty_lots", "cum_qty_lots", "fee_cash", "venue_time", "reject_reason");
    final CopyRows cancels = table("cancels",
        "cl_ord_id", "instrument_id", "reason_code", "reason", "leaves_qty_lots", "cause_seq");
    final CopyRows orderIntents = table("order_intents",
        "intent_id", "instrument_id", "side", "order_type", "qty_lots", "limit_price_ticks", "target_lots",
        "cause_seq");
    final CopyRows riskDecisions = table("risk_decisions",
        "intent_id", "instrument_id", "accepted", "reason_code", "reason", "observed", "limit_value", "cause_seq");
    final CopyRows signals = table("signals",
        "instrument_id", "strategy_id", "target_lots", "score", "cause_seq");
    final CopyRows adminActions = table("admin_actions",
        "command", "argument", "origin", "principal", "reason", "remote_address");
    final CopyRows tradingStateChanges = table("trading_state_changes",
        "from_state", "to_state", "command", "origin", "principal", "reason");
    final CopyRows positionSnapshots = new CopyRows(SCHEMA + ".position_snapshots",
        "journal_id", "journal_index", "seq", "time", "instrument_id", "trigger", "position_lots", "cost_cash",
        "realized_cash", "unrealized_cash", "fees_cash", "mark_ticks", "fills", "bought_lots", "sold_lots");
    final CopyRows events = table("events", "stage", "event", "instrument_id", "payload");
    final CopyRows bars = table("bars",
        "instrument_id", "bar_time", "duration_ms", "open_ticks", "high_ticks", "low_ticks", "close_ticks",
        "volume_lots");
    final CopyRows trades = table("trades",
        "instrument_id", "source_time", "price_ticks", "qty_lots", "aggressor", "trade_id");
    final CopyRows quotes = table("quotes",
        "instrument_id", "source_time", "bid_ticks", "bid_lots", "ask_ticks", "ask_lots");

    private final CopyRows[] tables = {orders, executionReports, cancels, orderIntents, riskDecisions, signals,
        adminActions, tradingStateChanges, positionSnapshots, events, bars, trades, quotes};

    private final SinkState state;
    private final boolean sinkBars;
    private final boolean sinkTicks;
    private final long positionSnapshotIntervalNs;

    private final TradeCodec trade = new TradeCodec();
    private final QuoteCodec quote = new QuoteCodec();
    private final BarCodec bar = new BarCodec();
    private final SignalCodec signal = new SignalCodec();
    private final OrderIntentCodec intent = new OrderIntentCodec();
    private final RiskDecisionCodec decision = new RiskDecisionCodec();
    private final OrderCodec order = new OrderCodec();
    private final CancelCodec cancel = new CancelCodec();
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final AdminCommandCodec command = new AdminCommandCodec();
    private final TradingStateChangeCodec stateChange = new TradingStateChangeCodec();
    /** The last admin command, kept for the transition it causes (journaled after it with its sequence). */
    private final UnsafeBuffer lastCommand = new UnsafeBuffer(new byte[AdminCommandCodec.LENGTH]);
    private long lastCommandSequence = -1;

    private int journalId;
    private long journalIndex;
    private long sequence;
    private long timeNs;
    private int sourceId;

    /**
     * @param instruments                the configured instruments (positions are kept per instrument).
     * @param sinkBars                   write bars.
     * @param sinkTicks                  write trades and quotes.
     * @param positionSnapshotIntervalNs engine time between periodic position snapshots; 0 for none.
     */
    RowEncoder(final Instruments instruments, final boolean sinkBars, final boolean sinkTicks,
        final long positionSnapshotIntervalNs)
    {
        this.state = new SinkState(instruments);
        this.sinkBars = sinkBars;
        this.sinkTicks = sinkTicks;
        this.positionSnapshotIntervalNs = positionSnapshotIntervalNs;
    }

    private static CopyRows table(final String name, final String... columns)
    {
        final String[] all = new String[COMMON.length + columns.length];
        System.arraycopy(COMMON, 0, all, 0, COMMON.length);
        System.arraycopy(columns, 0, all, COMMON.length, columns.length);
        return new CopyRows(SCHEMA + "." + name, all);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The journal's id in the {@code journals} table, written in every row.
     */
    void journalId(final int journalId)
    {
        this.journalId = journalId;
    }

    SinkState state()
    {
        return state;
    }

    CopyRows[] tables()
    {
        return tables;
    }

    /**
     * Drop the rows of the current batch.
     */
    void reset()
    {
        for (final CopyRows table : tables)
        {
            table.reset();
        }
    }

    /**
     * Add the rows of one record and update the derived state.
     *
     * @param record       the record, header included, at offset 0.
     * @param journalIndex its Chronicle index.
     * @return the rows added.
     */
    int encode(final DirectBuffer record, final long journalIndex)
    {
        this.journalIndex = journalIndex;
        sequence = RecordHeader.sequence(record, 0);
        timeNs = RecordHeader.timeNs(record, 0);
        sourceId = RecordHeader.sourceId(record, 0);
        final RecordType type = RecordType.get(RecordHeader.templateId(record, 0));
        int rows = 0;
        if (type != null)
        {
            switch (type)
            {
                case ORDER -> rows = order(record);
                case EXECUTION_REPORT -> rows = executionReport(record);
                case CANCEL -> rows = cancel(record);
                case ORDER_INTENT -> rows = orderIntent(record);
                case RISK_DECISION -> rows = riskDecision(record);
                case SIGNAL -> rows = signal(record);
                case ADMIN_COMMAND -> rows = adminCommand(record);
                case TRADING_STATE_CHANGE -> rows = tradingStateChange(record);
                case BAR -> rows = bar(record);
                case TRADE -> rows = trade(record);
                case QUOTE -> rows = quote(record);
                default ->
                {
                }
            }
        }
        if (state.periodicSnapshotDue(timeNs, positionSnapshotIntervalNs))
        {
            for (int i = 0; i < state.instrumentCount(); i++)
            {
                if (state.hasTraded(i))
                {
                    snapshot(i, TRIGGER_PERIODIC);
                    rows++;
                }
            }
        }
        return rows;
    }

    private CopyRows common(final CopyRows table)
    {
        return table.row().int4(journalId).int8(journalIndex).int8(sequence).timestamp(timeNs).int4(sourceId);
    }

    private CopyRows event(final byte[] stage, final byte[] event, final int instrumentId)
    {
        common(events).text(stage).text(event).int4(instrumentId);
        return events.beginJson();
    }

    private int order(final DirectBuffer record)
    {
        final OrderCodec codec = order.wrap(record, 0);
        final int instrumentId = codec.instrumentId();
        common(orders).int8(codec.clOrdId()).int8(codec.intentId()).int4(instrumentId)
            .text(side(codec.side())).text(orderType(codec.orderType())).int8(codec.qtyLots())
            .int8(codec.limitPriceTicks()).int8(codec.causeSequence());
        event(STAGE_EXECUTION, EVENT_ORDER_SENT, instrumentId)
            .jsonLong("clOrdId", codec.clOrdId())
            .jsonLong("intentId", codec.intentId())
            .jsonString("side", side(codec.side()))
            .jsonString("orderType", orderType(codec.orderType()))
            .jsonLong("qtyLots", codec.qtyLots())
            .jsonLong("limitPriceTicks", codec.limitPriceTicks())
            .jsonLong("causeSeq", codec.causeSequence())
            .endJson();
        state.onOrder(codec.clOrdId(), instrumentId, codec.side(), codec.qtyLots());
        return 2;
    }

    private int executionReport(final DirectBuffer record)
    {
        final ExecutionReportCodec codec = report.wrap(record, 0);
        final int instrumentId = codec.instrumentId();
        final byte execType = codec.execType();
        common(executionReports).int8(codec.clOrdId()).int8(codec.execId()).int4(instrumentId)
            .text(execType(execType)).text(side(codec.side())).int8(codec.lastQtyLots())
            .int8(codec.lastPriceTicks()).int8(codec.leavesQtyLots()).int8(codec.cumQtyLots()).int8(codec.feeCash())
            .timestamp(codec.venueTimeNs()).int4(codec.rejectReason());
        final CopyRows payload = event(STAGE_VENUE, execEvent(execType), instrumentId)
            .jsonLong("clOrdId", codec.clOrdId())
            .jsonLong("execId", codec.execId())
            .jsonString("side", side(codec.side()));
        if (ExecType.isFill(execType))
        {
            payload.jsonLong("lastQtyLots", codec.lastQtyLots())
                .jsonLong("lastPriceTicks", codec.lastPriceTicks())
                .jsonLong("feeCash", codec.feeCash());
        }
        payload.jsonLong("leavesQtyLots", codec.leavesQtyLots()).jsonLong("cumQtyLots", codec.cumQtyLots());
        if (execType == ExecType.REJECTED || execType == ExecType.CANCEL_REJECTED)
        {
            payload.jsonLong("rejectReason", codec.rejectReason());
        }
        payload.endJson();
        final int index = state.onExecutionReport(codec.clOrdId(), instrumentId, execType, codec.side(),
            codec.lastQtyLots(), codec.lastPriceTicks(), codec.leavesQtyLots(), codec.cumQtyLots(), codec.feeCash());
        if (index < 0)
        {
            return 2;
        }
        snapshot(index, TRIGGER_FILL);
        return 3;
    }

    private int cancel(final DirectBuffer record)
    {
        final CancelCodec codec = cancel.wrap(record, 0);
        final int instrumentId = codec.instrumentId();
        final byte[] reason = cancelReason(codec.reasonCode());
        common(cancels).int8(codec.clOrdId()).int4(instrumentId).int4(codec.reasonCode()).text(reason)
            .int8(codec.leavesQtyLots()).int8(codec.causeSequence());
        event(STAGE_EXECUTION, EVENT_CANCEL_SENT, instrumentId)
            .jsonLong("clOrdId", codec.clOrdId())
            .jsonString("reason", reason)
            .jsonLong("leavesQtyLots", codec.leavesQtyLots())
            .jsonLong("causeSeq", codec.causeSequence())
            .endJson();
        return 2;
    }

    private int orderIntent(final DirectBuffer record)
    {
        final OrderIntentCodec codec = intent.wrap(record, 0);
        final int instrumentId = codec.instrumentId();
        common(orderIntents).int8(codec.intentId()).int4(instrumentId).text(side(codec.side()))
            .text(orderType(codec.orderType())).int8(codec.qtyLots()).int8(codec.limitPriceTicks())
            .int8(codec.targetLots()).int8(codec.causeSequence());
        event(STAGE_RISK, EVENT_ORDER_INTENT, instrumentId)
            .jsonLong("intentId", codec.intentId())
            .jsonString("side", side(codec.side()))
            .jsonString("orderType", orderType(codec.orderType()))
            .jsonLong("qtyLots", codec.qtyLots())
            .jsonLong("limitPriceTicks", codec.limitPriceTicks())
            .jsonLong("targetLots", codec.targetLots())
            .jsonLong("causeSeq", codec.causeSequence())
            .endJson();
        return 2;
    }

    private int riskDecision(final DirectBuffer record)
    {
        final RiskDecisionCodec codec = decision.wrap(record, 0);
        final int instrumentId = codec.instrumentId();
        final int reasonCode = codec.reasonCode();
        final boolean accepted = reasonCode == RiskReason.ACCEPTED;
        final byte[] reason = riskReason(reasonCode);
        common(riskDecisions).int8(codec.intentId()).int4(instrumentId).bool(accepted).int4(reasonCode)
            .text(reason).int8(codec.observed()).int8(codec.limit()).int8(codec.causeSequence());
        final CopyRows payload = event(STAGE_RISK, accepted ? EVENT_RISK_ACCEPTED : EVENT_RISK_REJECTED, instrumentId)
            .jsonLong("intentId", codec.intentId());
        if (!accepted)
        {
            payload.jsonString("reason", reason).jsonLong("observed", codec.observed()).jsonLong("limit",
                codec.limit());
        }
        payload.jsonLong("causeSeq", codec.causeSequence()).endJson();
        return 2;
    }

    private int signal(final DirectBuffer record)
    {
        final SignalCodec codec = signal.wrap(record, 0);
        final int instrumentId = codec.instrumentId();
        common(signals).int4(instrumentId).int4(codec.strategyId()).int8(codec.targetLots()).float8(codec.score())
            .int8(codec.causeSequence());
        event(STAGE_SIGNAL, EVENT_SIGNAL, instrumentId)
            .jsonLong("strategyId", codec.strategyId())
            .jsonLong("targetLots", codec.targetLots())
            .jsonDouble("score", codec.score())
            .jsonLong("causeSeq", codec.causeSequence())
            .endJson();
        return 2;
    }

    private int adminCommand(final DirectBuffer record)
    {
        final AdminCommandCodec codec = command.wrap(record, 0);
        final int commandType = codec.command();
        final byte[] commandName = command(commandType);
        final byte[] origin = origin(codec.origin());
        common(adminActions).text(commandName).int4(codec.argument()).text(origin)
            .asciiField(record, AdminCommandCodec.PRINCIPAL_OFFSET, AdminCommandCodec.PRINCIPAL_WIDTH)
            .asciiField(record, AdminCommandCodec.REASON_OFFSET, AdminCommandCodec.REASON_WIDTH)
            .asciiField(record, AdminCommandCodec.REMOTE_ADDRESS_OFFSET, AdminCommandCodec.REMOTE_ADDRESS_WIDTH);
        state.onAdminCommand(commandType, codec.argument(), codec.origin());
        lastCommand.putBytes(0, record, 0, AdminCommandCodec.LENGTH);
        lastCommandSequence = sequence;
        common(events).text(STAGE_ADMIN).text(commandEvent(commandType)).nullValue();
        events.beginJson().jsonLong("argument", codec.argument()).jsonString("origin", origin)
            .jsonAsciiField("principal", record, AdminCommandCodec.PRINCIPAL_OFFSET, AdminCommandCodec.PRINCIPAL_WIDTH)
            .jsonAsciiField("reason", record, AdminCommandCodec.REASON_OFFSET, AdminCommandCodec.REASON_WIDTH)
            .jsonAsciiField("remoteAddress", record, AdminCommandCodec.REMOTE_ADDRESS_OFFSET,
                AdminCommandCodec.REMOTE_ADDRESS_WIDTH)
            .endJson();
        return 2;
    }

    private int tradingStateChange(final DirectBuffer record)
    {
        final TradingStateChangeCodec codec = stateChange.wrap(record, 0);
        final byte[] from = tradingState(codec.previousState());
        final byte[] to = tradingState(codec.newState());
        final byte[] origin = origin(codec.origin());
        final int rule = codec.ruleCode();
        common(tradingStateChanges).text(from).text(to)
            .text(codec.command() != 0 ? command(codec.command()) : COMMAND_RULE).text(origin);
        if (codec.command() != 0 && codec.causeSequence() == lastCommandSequence)
        {
            tradingStateChanges
                .asciiField(lastCommand, AdminCommandCodec.PRINCIPAL_OFFSET, AdminCommandCodec.PRINCIPAL_WIDTH)
                .asciiField(lastCommand, AdminCommandCodec.REASON_OFFSET, AdminCommandCodec.REASON_WIDTH);
        }
        else
        {
            tradingStateChanges.text(rule != 0 ? PRINCIPAL_RISK : PRINCIPAL_UNKNOWN).text(riskReason(rule));
        }
        common(events).text(STAGE_RISK).text(EVENT_TRADING_STATE).nullValue();
        events.beginJson()
            .jsonString("fromState", from)
            .jsonString("toState", to)
            .jsonString("origin", origin)
            .jsonString("rule", riskReason(rule))
            .jsonLong("observed", codec.observed())
            .jsonLong("limit", codec.limit())
            .jsonLong("causeSeq", codec.causeSequence())
            .endJson();
        return 2;
    }

    private int bar(final DirectBuffer record)
    {
        final BarCodec codec = bar.wrap(record, 0);
        state.onBar(codec.instrumentId(), codec.sourceTimeNs(), codec.openTicks(), codec.highTicks(),
            codec.lowTicks(), codec.closeTicks(), codec.volumeLots());
        if (!sinkBars)
        {
            return 0;
        }
        common(bars).int4(codec.instrumentId()).timestamp(codec.sourceTimeNs()).int4(codec.durationMs())
            .int8(codec.openTicks()).int8(codec.highTicks()).int8(codec.lowTicks()).int8(codec.closeTicks())
            .int8(codec.volumeLots());
        return 1;
    }

    private int trade(final DirectBuffer record)
    {
        final TradeCodec codec = trade.wrap(record, 0);
        state.onTrade(codec.instrumentId(), codec.sourceTimeNs(), codec.priceTicks(), codec.qtyLots(),
            codec.aggressorSide());
        if (!sinkTicks)
        {
            return 0;
        }
        common(trades).int4(codec.instrumentId()).timestamp(codec.sourceTimeNs()).int8(codec.priceTicks())
            .int8(codec.qtyLots()).text(side(codec.aggressorSide())).int8(codec.tradeId());
        return 1;
    }

    private int quote(final DirectBuffer record)
    {
        final QuoteCodec codec = quote.wrap(record, 0);
        state.onQuote(codec.instrumentId(), codec.sourceTimeNs(), codec.bidTicks(), codec.bidLots(),
            codec.askTicks(), codec.askLots());
        if (!sinkTicks)
        {
            return 0;
        }
        common(quotes).int4(codec.instrumentId()).timestamp(codec.sourceTimeNs()).int8(codec.bidTicks())
            .int8(codec.bidLots()).int8(codec.askTicks()).int8(codec.askLots());
        return 1;
    }

    private void snapshot(final int index, final byte[] trigger)
    {
        positionSnapshots.row().int4(journalId).int8(journalIndex).int8(sequence).timestamp(timeNs)
            .int4(state.instrumentId(index)).text(trigger).int8(state.positionLots(index))
            .int8(state.costCash(index)).int8(state.realizedCash(index)).int8(state.unrealizedCash(index))
            .int8(state.feesCash(index)).int8(state.markTicks(index)).int8(state.fills(index))
            .int8(state.boughtLots(index)).int8(state.soldLots(index));
    }

    // Names of codes: constants for every known code; a code the schema does not know is written as the journal's
    // name for it (UNKNOWN(n)), allocating, which only bad records do.

    private static byte[] side(final byte side)
    {
        return side >= Side.NONE && side <= Side.SELL ? SIDES[side] : ascii("UNKNOWN(" + side + ")");
    }

    private static byte[] orderType(final byte type)
    {
        return OrderType.isValid(type) ? ORDER_TYPES[type] : ascii(OrderType.name(type));
    }

    private static byte[] execType(final byte type)
    {
        return ExecType.isValid(type) ? EXEC_TYPES[type] : ascii(ExecType.name(type));
    }

    private static byte[] execEvent(final byte type)
    {
        return ExecType.isValid(type) ? EXEC_EVENTS[type] : ascii("unknown_report");
    }

    private static byte[] command(final int command)
    {
        return AdminCommandType.isValid(command) ? COMMANDS[command] : ascii(AdminCommandType.name(command));
    }

    private static byte[] commandEvent(final int command)
    {
        return AdminCommandType.isValid(command) ? COMMAND_EVENTS[command] : ascii("unknown_command");
    }

    private static byte[] origin(final int origin)
    {
        return CommandOrigin.isValid(origin) ? ORIGINS[origin] : ascii(CommandOrigin.name(origin));
    }

    private static byte[] tradingState(final int state)
    {
        return TradingState.isValid(state) ? STATES[state] : ascii(TradingState.name(state));
    }

    private static byte[] riskReason(final int reason)
    {
        return reason >= 0 && reason < RiskReason.COUNT ? RISK_REASONS[reason] : ascii(RiskReason.name(reason));
    }

    private static byte[] cancelReason(final int reason)
    {
        return reason == CancelReason.TRADING_HALTED ? CANCEL_HALTED : ascii(CancelReason.name(reason));
    }
}
