package io.easyquant.ops.runtime;

import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.MovingAverageCrossover;
import io.easyquant.engine.signal.StrategyMode;
import io.easyquant.engine.venue.Venue;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.MarketDataDroppedCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradingState;
import io.easyquant.journal.queue.Journal;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The low-disk rule: under the threshold (or with a reserve it could not renew) it holds market data and engages the
 * kill-switch once through the ring, with origin risk-rule and the free space in the reason; it checks every 100 ms;
 * when the space comes back it lets market data through again, journals one MARKET_DATA_DROPPED record with what was
 * dropped, and arms again. A reserve with less than one block left makes its journal refuse appends.
 */
class LowDiskGuardTest
{
    private static final long MB = 1024L * 1024;
    private static final long CHECK_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int BTC = 1;

    private final List<UnsafeBuffer> inputs = new ArrayList<>();
    private final long[] nowNs = {1_000_000_000L};
    private long freeBytes = 600 * MB;
    private final DirectEngine engine = engine();
    private final FakeReserve reserve = new FakeReserve();
    private final LowDiskGuard guard = new LowDiskGuard(Path.of("/data/journal"), 512 * MB, List.of(reserve),
        engine.marketDataHold(), engine.inputs(), 20, () -> nowNs[0], dir -> freeBytes);

    @Test
    void shouldEngageTheKillSwitchOnceUnderTheThresholdAndArmAgainWhenSpaceReturns()
    {
        assertEquals(0, guard.doWork());
        freeBytes = 511 * MB;
        assertEquals(0, guard.doWork(), "checks every 100 ms");
        nowNs[0] += CHECK_NS;
        assertEquals(2, guard.doWork(), "holds market data and engages");
        engine.drain();
        assertEquals(TradingState.HALTED, engine.risk().tradingState());
        assertEquals(1, records(RecordType.ADMIN_COMMAND).size());
        final AdminCommandCodec command = new AdminCommandCodec().wrap(records(RecordType.ADMIN_COMMAND).get(0), 0);
        assertEquals(AdminCommandType.KILL_ENGAGE, command.command());
        assertEquals(CommandOrigin.RISK_RULE, command.origin());
        assertEquals(LowDiskGuard.PRINCIPAL, command.principal());
        assertEquals("low disk: 511 MB free under /data/journal", command.reason());

        nowNs[0] += TimeUnit.SECONDS.toNanos(5);
        assertEquals(0, guard.doWork(), "once per dip");
        freeBytes = 512 * MB;
        nowNs[0] += CHECK_NS;
        guard.doWork();
        freeBytes = 100 * MB;
        nowNs[0] += CHECK_NS;
        assertEquals(2, guard.doWork());
        engine.drain();
        assertEquals(2, records(RecordType.ADMIN_COMMAND).size());
        assertEquals(2, guard.engagements());
        assertEquals(0, records(RecordType.MARKET_DATA_DROPPED).size(), "nothing was dropped: no record");
    }

    @Test
    void shouldDropMarketDataWhileLowAndJournalOneRecordOfItWhenSpaceReturns()
    {
        assertTrue(engine.inputs().publishQuote(7, BTC, 100, 6_000_000, 5, 6_000_100, 5));
        guard.doWork();
        engine.drain();
        assertEquals(1, records(RecordType.QUOTE).size());

        freeBytes = 100 * MB;
        nowNs[0] += CHECK_NS;
        guard.doWork();
        engine.drain();
        assertTrue(guard.holding());
        final long sequenceBefore = engine.counters().get(EngineCounters.EVENTS_IN);
        for (int i = 0; i < 5; i++)
        {
            nowNs[0] += 1_000;
            assertTrue(engine.inputs().publishQuote(7, BTC, 200 + i, 6_000_000, 5, 6_000_100, 5),
                "a dropped record is taken, not refused");
        }
        assertTrue(engine.inputs().publishTrade(7, BTC, 300, 6_000_050, 2, Side.BUY, 9));
        assertEquals(0, engine.drain(), "dropped market data takes no ring slot");
        assertEquals(sequenceBefore, engine.counters().get(EngineCounters.EVENTS_IN));
        assertEquals(6, engine.counters().get(EngineCounters.MARKET_DATA_DROPPED));
        assertEquals(1, records(RecordType.QUOTE).size(), "nothing journaled while held");
        assertEquals(0, records(RecordType.TRADE).size());

        freeBytes = 600 * MB;
        nowNs[0] += CHECK_NS;
        guard.doWork();
        engine.drain();
        assertFalse(guard.holding());
        final List<UnsafeBuffer> dropped = records(RecordType.MARKET_DATA_DROPPED);
        assertEquals(1, dropped.size());
        final MarketDataDroppedCodec record = new MarketDataDroppedCodec().wrap(dropped.get(0), 0);
        assertEquals(MarketDataDroppedCodec.REASON_LOW_DISK, record.reason());
        assertEquals(1, record.trades());
        assertEquals(5, record.quotes());
        assertEquals(0, record.bars());
        assertEquals(200, record.firstSourceTimeNs());
        assertEquals(300, record.lastSourceTimeNs());
        assertTrue(record.firstTimeNs() < record.lastTimeNs());
        assertEquals(0, engine.counters().get(EngineCounters.INGEST_REJECTS), "the record is a valid input");

        assertTrue(engine.inputs().publishQuote(7, BTC, 400, 6_000_000, 5, 6_000_100, 5));
        engine.drain();
        assertEquals(2, records(RecordType.QUOTE).size(), "market data flows again");
        assertTrue(guard.publishDroppedAtStop(), "nothing left to journal at stop");
        engine.drain();
        assertEquals(1, records(RecordType.MARKET_DATA_DROPPED).size());
    }

    @Test
    void shouldJournalTheOpenPeriodAtStop()
    {
        freeBytes = 100 * MB;
        guard.doWork();
        assertTrue(engine.inputs().publishBar(7, BTC, 500, 60_000, 10, 12, 9, 11, 3));
        assertTrue(guard.publishDroppedAtStop());
        engine.drain();
        final List<UnsafeBuffer> dropped = records(RecordType.MARKET_DATA_DROPPED);
        assertEquals(1, dropped.size());
        final MarketDataDroppedCodec record = new MarketDataDroppedCodec().wrap(dropped.get(0), 0);
        assertEquals(1, record.bars());
        assertFalse(engine.marketDataHold().isHeld());
    }

    @Test
    void shouldHoldWhenTheReserveCannotBeRenewedAndRefuseAppendsWhenItIsSpent()
    {
        final long reserveBytes = LowDiskGuard.reserveBytes(512 * MB);
        assertEquals(64 * MB, reserveBytes);
        assertEquals(LowDiskGuard.MIN_RESERVE_BYTES, LowDiskGuard.reserveBytes(MB));

        reserve.ahead = reserveBytes;
        guard.doWork();
        assertFalse(guard.holding());
        assertFalse(reserve.refusing);

        reserve.ahead = reserveBytes - MB;
        nowNs[0] += CHECK_NS;
        guard.doWork();
        engine.drain();
        assertTrue(guard.holding(), "a reserve that could not be renewed in full holds market data, though the " +
            "file store shows free space");
        assertEquals(TradingState.HALTED, engine.risk().tradingState());
        final AdminCommandCodec command = new AdminCommandCodec().wrap(records(RecordType.ADMIN_COMMAND).get(0), 0);
        assertEquals("low disk: 600 MB free under /data/journal, 63 MB of reserve left", command.reason());
        assertFalse(reserve.refusing);

        reserve.ahead = Journal.BLOCK_SIZE - 1;
        nowNs[0] += CHECK_NS;
        guard.doWork();
        assertTrue(reserve.refusing, "less than one block of reserve: appends refused");

        reserve.ahead = reserveBytes;
        nowNs[0] += CHECK_NS;
        guard.doWork();
        assertFalse(reserve.refusing);
        assertFalse(guard.holding());
        assertEquals(reserveBytes, reserve.lastRequested);
    }

    private DirectEngine engine()
    {
        final Instruments instruments = new Instruments(List.of(
            new Instrument(BTC, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD")));
        final RecordSink journal = (buffer, offset, length) ->
        {
            final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
            copy.putBytes(0, buffer, offset, length);
            inputs.add(copy);
        };
        return new DirectEngine(new EngineContext(instruments,
            new PipelineContext(64, PipelineContext.WaitStrategyType.SLEEPING, PipelineContext.Layout.SINGLE_THREAD,
                new int[0], 1_000_000),
            new FeaturesContext(),
            new MovingAverageCrossover(MovingAverageCrossover.AverageType.SMA, 2, 4, StrategyMode.LONG_ONLY,
                new long[] {1}),
            new RiskLimits(new long[] {10}, new long[] {10}), new ExecutionContext(OrderType.MARKET, 0, 4),
            () -> nowNs[0], 1, () -> journal, () -> RecordSink.NONE), reports -> new NoVenue());
    }

    private List<UnsafeBuffer> records(final RecordType type)
    {
        final List<UnsafeBuffer> list = new ArrayList<>();
        for (final UnsafeBuffer record : inputs)
        {
            if (RecordHeader.templateId(record, 0) == type.code())
            {
                list.add(record);
            }
        }
        return list;
    }

    private static final class FakeReserve implements LowDiskGuard.Reserve
    {
        long ahead = 64 * MB;
        long lastRequested;
        boolean refusing;

        @Override
        public long maintain(final long reserveBytes)
        {
            lastRequested = reserveBytes;
            return ahead;
        }

        @Override
        public void refuse(final boolean refuse)
        {
            refusing = refuse;
        }

        @Override
        public String name()
        {
            return "/data/journal";
        }
    }

    private static final class NoVenue implements Venue
    {
        @Override
        public void onInput(final DirectBuffer record, final int offset, final long nowNs)
        {
        }

        @Override
        public void send(final long clOrdId, final int instrumentId, final byte side, final byte orderType,
            final long qtyLots, final long limitPriceTicks, final long nowNs)
        {
        }

        @Override
        public void cancel(final long clOrdId, final int instrumentId, final long nowNs)
        {
        }

        @Override
        public void onEndOfBatch(final long nowNs)
        {
        }
    }
}
