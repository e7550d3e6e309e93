package io.easyquant.adapters.sink.postgres;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.portfolio.PositionBook;
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
import io.easyquant.journal.codec.TimerTickCodec;
import io.easyquant.journal.codec.TradeCodec;
import io.easyquant.journal.codec.TradingState;
import io.easyquant.journal.codec.TradingStateChangeCodec;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalContext;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.journal.queue.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes journals for the sink tests with the codecs: a trading scenario with every record type, and what the sink
 * should make of it (records per type, fills, trading-state changes, positions by the engine's own
 * {@link PositionBook}).
 */
final class TestJournal implements AutoCloseable
{
    static final Instruments INSTRUMENTS = new Instruments(List.of(
        new Instrument(1, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
        new Instrument(2, "ETH-USD", new BigDecimal("0.01"), new BigDecimal("0.001"), "USD")));
    static final JournalHeader HEADER = JournalHeader.of("live", "test", "instruments: test\n", "");
    /** 2024-01-02T03:04:05Z. */
    static final long T0_NS = 1_704_164_645_000_000_000L;
    static final long MS = 1_000_000L;

    private final Journal journal;
    private final JournalWriter writer;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final QuoteCodec quoteCodec = new QuoteCodec();
    private final TradeCodec tradeCodec = new TradeCodec();
    private final BarCodec barCodec = new BarCodec();
    private final TimerTickCodec timerTickCodec = new TimerTickCodec();
    private final SignalCodec signalCodec = new SignalCodec();
    private final OrderIntentCodec intentCodec = new OrderIntentCodec();
    private final RiskDecisionCodec decisionCodec = new RiskDecisionCodec();
    private final OrderCodec orderCodec = new OrderCodec();
    private final CancelCodec cancelCodec = new CancelCodec();
    private final ExecutionReportCodec reportCodec = new ExecutionReportCodec();
    private final AdminCommandCodec adminCodec = new AdminCommandCodec();
    private final TradingStateChangeCodec stateChangeCodec = new TradingStateChangeCodec();
    private final long[] recordsByType = new long[64];
    private final PositionBook positions = new PositionBook(INSTRUMENTS);
    private long fills;
    private long stateChanges;
    private int state = TradingState.ACTIVE;
    private long sequence;
    private long timeNs;
    private long nextClOrdId = 1;
    private long execId = 1;
    private long cycles;

    private TestJournal(final Journal journal, final long startTimeNs)
    {
        this.journal = journal;
        this.writer = journal.newWriter();
        this.timeNs = startTimeNs;
    }

    static TestJournal create(final Path directory) throws JournalException
    {
        return create(directory, T0_NS);
    }

    /**
     * A journal whose records start at another time (same scenario, different records).
     */
    static TestJournal create(final Path directory, final long startTimeNs) throws JournalException
    {
        return new TestJournal(Journal.openForWriting(directory, HEADER, JournalContext.DEFAULT), startTimeNs);
    }

    Journal journal()
    {
        return journal;
    }

    /**
     * Append {@code count} cycles of the scenario. Each cycle: a quote, a trade, a bar, a timer tick, a signal, an
     * accepted intent and its order with an ack, a partial fill and a fill; every 4th cycle a rejected intent; every
     * 5th an order that is cancelled; every 7th an admin command (kill, set state, release in turn, with awkward
     * text); every 9th a duplicate fill that the engine would ignore.
     */
    void cycles(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            cycle(cycles++);
        }
    }

    private void cycle(final long n)
    {
        final int instrument = n % 2 == 0 ? 1 : 2;
        final int index = INSTRUMENTS.indexOf(instrument);
        final long price = 6_000_000 + (n % 13) * 7 - (n % 5) * 3;
        timeNs += 3 * MS;
        quote(instrument, price - 2, 10 + n % 3, price + 2, 12);
        trade(instrument, price, 3, n % 2 == 0 ? Side.BUY : Side.SELL);
        bar(instrument == 1 ? 2 : 1, price);
        timer();
        signal(instrument, n % 3 == 0 ? 100 : -100, n % 11 == 0 ? Double.NaN : 0.25 * n);

        final long clOrdId = nextClOrdId++;
        final byte side = (n / 3) % 2 == 0 ? Side.BUY : Side.SELL;
        final long qty = 10 + n % 4;
        intent(clOrdId, instrument, side, qty, RiskReason.ACCEPTED);
        order(clOrdId, instrument, side, qty);
        report(clOrdId, instrument, ExecType.ACK, side, 0, 0, qty, 0, 0);
        final long partial = qty / 2;
        report(clOrdId, instrument, ExecType.PARTIAL_FILL, side, partial, price, qty - partial, partial, 15);
        positions.applyFill(index, side, partial, price, 15);
        fills++;
        report(clOrdId, instrument, ExecType.FILL, side, qty - partial, price + 1, 0, qty, 16);
        positions.applyFill(index, side, qty - partial, price + 1, 16);
        fills++;
        positions.mark(index, price);
        if (n % 9 == 0)
        {
            // A repeated fill of a completed order: the engine counts it as unknown and ignores it.
            report(clOrdId, instrument, ExecType.FILL, side, qty - partial, price + 1, 0, qty, 16);
        }
        if (n % 4 == 0)
        {
            intent(nextClOrdId++, instrument, side, 1_000_000, RiskReason.MAX_ORDER_QTY);
        }
        if (n % 5 == 0)
        {
            final long resting = nextClOrdId++;
            intent(resting, instrument, Side.BUY, 5, RiskReason.ACCEPTED);
            order(resting, instrument, Side.BUY, 5);
            cancel(resting, instrument, 5);
            report(resting, instrument, ExecType.CANCELLED, Side.BUY, 0, 0, 0, 0, 0);
        }
        if (n % 7 == 0)
        {
            final long kind = (n / 7) % 3;
            final int command = kind == 0 ? AdminCommandType.KILL_ENGAGE :
                kind == 1 ? AdminCommandType.SET_TRADING_STATE : AdminCommandType.KILL_RELEASE;
            final int argument = kind == 1 ? TradingState.REDUCING : 0;
            admin(command, argument, "alice \"ops\"", "why\\not? caf\u00e9 " + n);
        }
    }

    void quote(final int instrument, final long bid, final long bidLots, final long ask, final long askLots)
    {
        quoteCodec.wrapForEncode(buffer, 0, 100);
        quoteCodec.instrumentId(instrument).sourceTimeNs(timeNs - MS)
            .bidTicks(bid).bidLots(bidLots).askTicks(ask).askLots(askLots);
        append(RecordType.QUOTE);
    }

    void trade(final int instrument, final long price, final long qty, final byte aggressor)
    {
        tradeCodec.wrapForEncode(buffer, 0, 100);
        tradeCodec.instrumentId(instrument).sourceTimeNs(timeNs - MS)
            .priceTicks(price).qtyLots(qty).aggressorSide(aggressor).tradeId(sequence);
        append(RecordType.TRADE);
    }

    void bar(final int instrument, final long close)
    {
        barCodec.wrapForEncode(buffer, 0, 101);
        barCodec.instrumentId(instrument).durationMs(60_000)
            .sourceTimeNs(timeNs - 60_000 * MS).openTicks(close - 5).highTicks(close + 9).lowTicks(close - 9)
            .closeTicks(close).volumeLots(42);
        append(RecordType.BAR);
    }

    void timer()
    {
        timerTickCodec.wrapForEncode(buffer, 0, 30);
        timerTickCodec.timerId(1).scheduledTimeNs(timeNs);
        append(RecordType.TIMER_TICK);
    }

    void signal(final int instrument, final long target, final double score)
    {
        signalCodec.wrapForEncode(buffer, 0, 0);
        signalCodec.instrumentId(instrument).strategyId(1)
            .causeSequence(sequence).targetLots(target).score(score);
        append(RecordType.SIGNAL);
    }

    void intent(final long intentId, final int instrument, final byte side, final long qty, final int reason)
    {
        intentCodec.wrapForEncode(buffer, 0, 0);
        intentCodec.instrumentId(instrument).side(side)
            .orderType(OrderType.MARKET).intentId(intentId).causeSequence(sequence).qtyLots(qty).targetLots(qty);
        append(RecordType.ORDER_INTENT);
        decisionCodec.wrapForEncode(buffer, 0, 0);
        decisionCodec.instrumentId(instrument).reasonCode(reason)
            .intentId(intentId).causeSequence(sequence).observed(qty).limit(reason == 0 ? 0 : 100);
        append(RecordType.RISK_DECISION);
    }

    void order(final long clOrdId, final int instrument, final byte side, final long qty)
    {
        orderCodec.wrapForEncode(buffer, 0, 0);
        orderCodec.instrumentId(instrument).side(side).orderType(OrderType.MARKET)
            .clOrdId(clOrdId).intentId(clOrdId).qtyLots(qty).causeSequence(sequence);
        append(RecordType.ORDER);
    }

    void cancel(final long clOrdId, final int instrument, final long leaves)
    {
        cancelCodec.wrapForEncode(buffer, 0, 0);
        cancelCodec.instrumentId(instrument).reasonCode(1).clOrdId(clOrdId)
            .causeSequence(sequence).leavesQtyLots(leaves);
        append(RecordType.CANCEL);
    }

    void report(final long clOrdId, final int instrument, final byte execType, final byte side, final long lastQty,
        final long lastPrice, final long leaves, final long cum, final long fee)
    {
        reportCodec.wrapForEncode(buffer, 0, 10);
        reportCodec.instrumentId(instrument).execType(execType)
            .side(side).clOrdId(clOrdId).execId(execId++).lastQtyLots(lastQty).lastPriceTicks(lastPrice)
            .leavesQtyLots(leaves).cumQtyLots(cum).feeCash(fee).venueTimeNs(timeNs - MS / 2);
        append(RecordType.EXECUTION_REPORT);
    }

    void admin(final int command, final int argument, final String principal, final String reason)
    {
        adminCodec.wrapForEncode(buffer, 0, 20);
        adminCodec.command(command).argument(argument).origin(CommandOrigin.API).principal(principal).reason(reason)
            .remoteAddress("127.0.0.1");
        // A byte outside ASCII, as a foreign writer might leave it.
        buffer.putByte(AdminCommandCodec.REASON_OFFSET + reason.length(), (byte)0xE9);
        append(RecordType.ADMIN_COMMAND);
        // The engine's rules: only a release leaves HALTED; each transition is journaled after its command.
        final int next = command == AdminCommandType.KILL_ENGAGE ? TradingState.HALTED :
            command == AdminCommandType.KILL_RELEASE ? (state == TradingState.HALTED ? TradingState.ACTIVE : state) :
            state == TradingState.HALTED ? state : argument;
        if (next != state)
        {
            stateChanges++;
            stateChangeCodec.wrapForEncode(buffer, 0, 0);
            stateChangeCodec.previousState(state).newState(next).origin(CommandOrigin.API).command(command)
                .causeSequence(sequence);
            append(RecordType.TRADING_STATE_CHANGE);
            state = next;
        }
    }

    /**
     * Inputs take the next sequence, as ingest stamps them; decisions carry the sequence of the input before them.
     */
    private void append(final RecordType type)
    {
        if (type.isInput())
        {
            sequence++;
        }
        RecordHeader.stamp(buffer, 0, sequence, timeNs);
        writer.append(buffer, 0, type.length());
        recordsByType[type.code()]++;
    }

    long records(final RecordType type)
    {
        return recordsByType[type.code()];
    }

    long records()
    {
        long total = 0;
        for (final long count : recordsByType)
        {
            total += count;
        }
        return total;
    }

    /**
     * @return records that make an events row: decisions, venue reports, admin commands and state changes.
     */
    long events()
    {
        return records(RecordType.SIGNAL) + records(RecordType.ORDER_INTENT) + records(RecordType.RISK_DECISION) +
            records(RecordType.ORDER) + records(RecordType.CANCEL) + records(RecordType.EXECUTION_REPORT) +
            records(RecordType.ADMIN_COMMAND) + records(RecordType.TRADING_STATE_CHANGE);
    }

    /**
     * @return fills the engine applies (duplicates excluded).
     */
    long fills()
    {
        return fills;
    }

    long stateChanges()
    {
        return stateChanges;
    }

    PositionBook positions()
    {
        return positions;
    }

    @Override
    public void close()
    {
        journal.close();
    }
}
