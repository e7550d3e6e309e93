package io.easyquant.engine;

import io.easyquant.engine.execution.CancelReason;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskCounter;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.risk.RiskReason;
import io.easyquant.engine.signal.Strategy;
import io.easyquant.engine.venue.ExecutionReportPublisher;
import io.easyquant.engine.venue.Venue;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CancelCodec;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.RiskDecisionCodec;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradingState;
import io.easyquant.journal.codec.TradingStateChangeCodec;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kill-switch through the whole pipeline: N resting orders, a command (or a risk rule) engages it, every order is
 * cancelled at the venue with its cancel journaled first, the next intent is rejected, and only a release resumes
 * trading. Every transition is journaled with its origin.
 */
class KillSwitchTest
{
    private static final int N = 4;

    private final List<byte[]> journal = new ArrayList<>();
    private final RecordSink outputs = (buffer, offset, length) ->
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        journal.add(copy);
    };
    private final ManualClock clock = new ManualClock();
    private final long[] targets = new long[N];
    private RestingVenue venue;

    private DirectEngine engine(final RiskLimits limits)
    {
        final List<Instrument> list = new ArrayList<>();
        for (int i = 0; i < N; i++)
        {
            list.add(new Instrument(i + 1, "I" + i, new BigDecimal("0.01"), new BigDecimal("1"), "USD"));
        }
        final Instruments instruments = new Instruments(list);
        final Strategy strategy = new Strategy()
        {
            @Override
            public long onPrice(final int instrumentIndex, final long timeNs, final long markTicks,
                final double[] features)
            {
                return targets[instrumentIndex];
            }

            @Override
            public double lastScore()
            {
                return 0;
            }

            @Override
            public String name()
            {
                return "fixed";
            }
        };
        return new DirectEngine(new EngineContext(instruments,
            new PipelineContext(1024, PipelineContext.WaitStrategyType.SLEEPING, PipelineContext.Layout.SINGLE_THREAD,
                new int[0], 1_000_000),
            new FeaturesContext(), strategy, limits, new ExecutionContext(OrderType.LIMIT, 0, 16), clock, 1,
            () -> RecordSink.NONE, () -> outputs), reports -> venue = new RestingVenue(reports));
    }

    @Test
    void commandCancelsEveryRestingOrderBlocksTheNextIntentAndOnlyReleaseResumes()
    {
        final DirectEngine engine = engine(RiskLimits.builder(instrumentsOf()).build());
        for (int i = 0; i < N; i++)
        {
            targets[i] = 5;
            quote(engine, i, 1000);
        }
        assertEquals(N, venue.resting.size(), "N orders rest at the venue");

        final int decisionsBefore = records(RecordType.RISK_DECISION).size();
        command(engine, AdminCommandType.KILL_ENGAGE, 0, CommandOrigin.CLI);

        assertEquals(Set.of(), venue.resting, "every resting order cancelled at the venue");
        assertEquals(N, venue.cancels);
        assertEquals(N, engine.counters().get(EngineCounters.CANCELS_SENT));
        assertEquals(N, records(RecordType.CANCEL).size(), "each cancel journaled");
        for (final UnsafeBuffer cancel : records(RecordType.CANCEL))
        {
            final CancelCodec codec = new CancelCodec().wrap(cancel, 0);
            assertEquals(CancelReason.TRADING_HALTED, codec.reasonCode());
        }
        assertTransition(0, TradingState.ACTIVE, TradingState.HALTED, CommandOrigin.CLI, 0,
            AdminCommandType.KILL_ENGAGE);
        assertEquals(TradingState.HALTED, engine.execution().tradingState());
        assertEquals(TradingState.HALTED, engine.counters().get(EngineCounters.TRADING_STATE));

        targets[0] = 7;
        quote(engine, 0, 1001);
        final List<UnsafeBuffer> decisions = records(RecordType.RISK_DECISION);
        assertTrue(decisions.size() > decisionsBefore, "intents planned after the kill");
        for (final UnsafeBuffer decision : decisions.subList(decisionsBefore, decisions.size()))
        {
            final RiskDecisionCodec codec = new RiskDecisionCodec().wrap(decision, 0);
            assertEquals(RiskReason.name(RiskReason.TRADING_HALTED), RiskReason.name(codec.reasonCode()));
        }
        assertEquals(0, venue.resting.size());
        assertEquals(N, engine.counters().get(EngineCounters.ORDERS_SENT), "nothing sent after the kill");

        command(engine, AdminCommandType.SET_TRADING_STATE, TradingState.ACTIVE, CommandOrigin.API);
        assertEquals(TradingState.HALTED, engine.risk().tradingState(), "only KILL_RELEASE leaves HALTED");
        assertEquals(1, engine.counters().get(EngineCounters.STATE_COMMANDS_REFUSED));
        assertEquals(1, records(RecordType.TRADING_STATE_CHANGE).size());

        command(engine, AdminCommandType.KILL_RELEASE, 0, CommandOrigin.CLI);
        assertTransition(1, TradingState.HALTED, TradingState.ACTIVE, CommandOrigin.CLI, 0,
            AdminCommandType.KILL_RELEASE);
        for (int i = 0; i < N; i++)
        {
            quote(engine, i, 1002);
        }
        assertEquals(N, venue.resting.size(), "trading resumed");
    }

    @Test
    void sessionStartWhileHaltedSendsEveryCancelAgainAndRiskCountsThem()
    {
        final DirectEngine engine =
            engine(RiskLimits.builder(instrumentsOf()).engineMessageRate(1_000, 1_000_000_000L).build());
        command(engine, AdminCommandType.SESSION_START, 0, CommandOrigin.ENGINE);
        for (int i = 0; i < N; i++)
        {
            targets[i] = 5;
            quote(engine, i, 1000);
        }
        assertEquals(0, venue.cancels, "a session start while ACTIVE cancels nothing");
        venue.loseCancels = true;
        command(engine, AdminCommandType.KILL_ENGAGE, 0, CommandOrigin.CLI);
        assertEquals(N, venue.cancels);
        assertEquals(N, engine.execution().orders().openOrders(), "the venue lost the cancels: still working");
        final long messagesBefore = engine.risk().counter(RiskCounter.ENGINE_WIDE, RiskCounter.MESSAGES_IN_WINDOW);

        command(engine, AdminCommandType.SESSION_START, 0, CommandOrigin.ENGINE);

        assertEquals(2 * N, venue.cancels, "every working order's cancel sent again");
        assertEquals(2 * N, engine.counters().get(EngineCounters.CANCELS_SENT));
        assertEquals(2 * N, records(RecordType.CANCEL).size(), "each journaled");
        assertEquals(messagesBefore + N,
            engine.risk().counter(RiskCounter.ENGINE_WIDE, RiskCounter.MESSAGES_IN_WINDOW),
            "the risk stage counts the cancels it asked for");
        assertEquals(TradingState.HALTED, engine.risk().tradingState());
    }

    @Test
    void rejectStormEngagesTheKillSwitchFromTheRiskStage()
    {
        final DirectEngine engine = engine(RiskLimits.builder(instrumentsOf()).rejectStorm(2, 1_000_000_000L).build());
        targets[0] = 5;
        targets[1] = 5;
        quote(engine, 1, 1000);
        assertEquals(1, venue.resting.size());
        venue.rejectAll = true;
        targets[0] = 3;
        quote(engine, 0, 1000);
        quote(engine, 0, 1000);

        assertEquals(TradingState.HALTED, engine.risk().tradingState());
        assertEquals(3, engine.counters().get(EngineCounters.VENUE_REJECTS));
        assertTransition(0, TradingState.ACTIVE, TradingState.HALTED, CommandOrigin.RISK_RULE,
            RiskReason.REJECT_STORM, 0);
        assertEquals(Set.of(), venue.resting, "the resting order was cancelled by the rule's kill-switch");
        final TradingStateChangeCodec change = new TradingStateChangeCodec()
            .wrap(records(RecordType.TRADING_STATE_CHANGE).get(0), 0);
        assertEquals(3, change.observed());
        assertEquals(2, change.limit());
    }

    /**
     * A venue answers a cancel with CANCEL_REJECTED and no side (as the paper venue does for an order it no longer
     * knows): the report passes ingest and is counted as a cancel reject, not as a bad enum.
     */
    @Test
    void cancelRejectWithoutASideIsCountedAsACancelRejectNotRejectedAtIngest()
    {
        final DirectEngine engine = engine(RiskLimits.builder(instrumentsOf()).build());
        targets[0] = 5;
        quote(engine, 0, 1000);
        assertEquals(1, venue.resting.size());
        venue.rejectCancels = true;

        command(engine, AdminCommandType.KILL_ENGAGE, 0, CommandOrigin.CLI);

        assertEquals(1, venue.cancels);
        assertEquals(1, engine.counters().get(EngineCounters.CANCEL_REJECTS));
        assertEquals(0, engine.counters().ingestRejects(IngestReject.BAD_ENUM));
        assertEquals(0, engine.counters().get(EngineCounters.UNKNOWN_ORDER_REPORTS));
    }

    private static Instruments instrumentsOf()
    {
        final List<Instrument> list = new ArrayList<>();
        for (int i = 0; i < N; i++)
        {
            list.add(new Instrument(i + 1, "I" + i, new BigDecimal("0.01"), new BigDecimal("1"), "USD"));
        }
        return new Instruments(list);
    }

    private void quote(final DirectEngine engine, final int index, final long mid)
    {
        clock.advance(1_000);
        engine.inputs().publishQuote(1, index + 1, clock.nanoTime(), mid - 1, 10, mid + 1, 10);
        engine.drain();
    }

    private void command(final DirectEngine engine, final int type, final int argument, final int origin)
    {
        clock.advance(1_000);
        engine.inputs().publishAdminCommand(20, type, argument, origin, "alice", "test", "127.0.0.1", false);
        engine.drain();
    }

    private List<UnsafeBuffer> records(final RecordType type)
    {
        final List<UnsafeBuffer> list = new ArrayList<>();
        for (final byte[] record : journal)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(record);
            if (RecordHeader.templateId(buffer, 0) == type.code())
            {
                list.add(buffer);
            }
        }
        return list;
    }

    private void assertTransition(
        final int nth, final int from, final int to, final int origin, final int rule, final int command)
    {
        final TradingStateChangeCodec change = new TradingStateChangeCodec()
            .wrap(records(RecordType.TRADING_STATE_CHANGE).get(nth), 0);
        assertEquals(TradingState.name(from), TradingState.name(change.previousState()));
        assertEquals(TradingState.name(to), TradingState.name(change.newState()));
        assertEquals(CommandOrigin.name(origin), CommandOrigin.name(change.origin()));
        assertEquals(rule, change.ruleCode());
        assertEquals(command, change.command());
        assertTrue(change.causeSequence() > 0);
    }

    /**
     * Acknowledges every order and rests it until cancelled; rejects every new order when told to.
     */
    private static final class RestingVenue implements Venue
    {
        private final ExecutionReportPublisher reports;
        private final Set<Long> resting = new HashSet<>();
        private final Map<Long, Byte> sides = new HashMap<>();
        private boolean rejectAll;
        private boolean loseCancels;
        private boolean rejectCancels;
        private int cancels;
        private long execIds;

        RestingVenue(final ExecutionReportPublisher reports)
        {
            this.reports = reports;
        }

        @Override
        public void onInput(final DirectBuffer record, final int offset, final long nowNs)
        {
        }

        @Override
        public void send(final long clOrdId, final int instrumentId, final byte side, final byte orderType,
            final long qtyLots, final long limitPriceTicks, final long nowNs)
        {
            final byte execType = rejectAll ? ExecType.REJECTED : ExecType.ACK;
            reports.tryPublishExecutionReport(2, instrumentId, clOrdId, ++execIds, execType, side, 0, 0,
                rejectAll ? 0 : qtyLots, 0, 0, nowNs, 0);
            if (!rejectAll)
            {
                resting.add(clOrdId);
                sides.put(clOrdId, side);
            }
        }

        @Override
        public void cancel(final long clOrdId, final int instrumentId, final long nowNs)
        {
            cancels++;
            if (rejectCancels)
            {
                reports.tryPublishExecutionReport(2, instrumentId, clOrdId, ++execIds, ExecType.CANCEL_REJECTED,
                    Side.NONE, 0, 0, 0, 0, 0, nowNs, 0);
                return;
            }
            if (!loseCancels && resting.remove(clOrdId))
            {
                reports.tryPublishExecutionReport(2, instrumentId, clOrdId, ++execIds, ExecType.CANCELLED, sides.get(clOrdId), 0,
                    0, 0, 0, 0, nowNs, 0);
            }
        }

        @Override
        public void onEndOfBatch(final long nowNs)
        {
        }
    }
}
