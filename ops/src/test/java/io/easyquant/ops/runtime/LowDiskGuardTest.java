package io.easyquant.ops.runtime;

import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.MovingAverageCrossover;
import io.easyquant.engine.signal.StrategyMode;
import io.easyquant.engine.venue.Venue;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.TradingState;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The low-disk rule: under the threshold it engages the kill-switch once through the ring, with origin risk-rule and
 * the free space in the reason, checks once a second, and arms again when the space comes back.
 */
class LowDiskGuardTest
{
    private static final long MB = 1024L * 1024;

    private final List<UnsafeBuffer> inputs = new ArrayList<>();
    private final long[] nowNs = {1_000_000_000L};
    private long freeBytes = 600 * MB;

    @Test
    void shouldEngageTheKillSwitchOnceUnderTheThresholdAndArmAgainWhenSpaceReturns() throws IOException
    {
        final Instruments instruments = new Instruments(List.of(
            new Instrument(1, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD")));
        final RecordSink journal = (buffer, offset, length) ->
        {
            final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
            copy.putBytes(0, buffer, offset, length);
            inputs.add(copy);
        };
        final DirectEngine engine = new DirectEngine(new EngineContext(instruments,
            new PipelineContext(64, PipelineContext.WaitStrategyType.SLEEPING, PipelineContext.Layout.SINGLE_THREAD,
                new int[0], 1_000_000),
            new FeaturesContext(),
            new MovingAverageCrossover(MovingAverageCrossover.AverageType.SMA, 2, 4, StrategyMode.LONG_ONLY,
                new long[] {1}),
            new RiskLimits(new long[] {10}, new long[] {10}), new ExecutionContext(OrderType.MARKET, 0, 4),
            () -> nowNs[0], 1, () -> journal, () -> RecordSink.NONE), reports -> new NoVenue());
        final LowDiskGuard guard = new LowDiskGuard(Path.of("/data/journal"), 512 * MB, engine.inputs(), 20,
            () -> nowNs[0], dir -> freeBytes);

        assertEquals(0, guard.doWork());
        freeBytes = 511 * MB;
        assertEquals(0, guard.doWork(), "checks once a second");
        nowNs[0] += TimeUnit.SECONDS.toNanos(1);
        assertEquals(1, guard.doWork());
        engine.drain();
        assertEquals(TradingState.HALTED, engine.risk().tradingState());
        assertEquals(1, commands().size());
        final AdminCommandCodec command = new AdminCommandCodec().wrap(commands().get(0), 0);
        assertEquals(AdminCommandType.KILL_ENGAGE, command.command());
        assertEquals(CommandOrigin.RISK_RULE, command.origin());
        assertEquals(LowDiskGuard.PRINCIPAL, command.principal());
        assertEquals("low disk: 511 MB free under /data/journal", command.reason());

        nowNs[0] += TimeUnit.SECONDS.toNanos(5);
        assertEquals(0, guard.doWork(), "once per dip");
        freeBytes = 512 * MB;
        nowNs[0] += TimeUnit.SECONDS.toNanos(1);
        guard.doWork();
        freeBytes = 100 * MB;
        nowNs[0] += TimeUnit.SECONDS.toNanos(1);
        assertEquals(1, guard.doWork());
        engine.drain();
        assertEquals(2, commands().size());
        assertEquals(2, guard.engagements());
    }

    private List<UnsafeBuffer> commands()
    {
        final List<UnsafeBuffer> list = new ArrayList<>();
        for (final UnsafeBuffer record : inputs)
        {
            if (RecordHeader.templateId(record, 0) == RecordType.ADMIN_COMMAND.code())
            {
                list.add(record);
            }
        }
        return list;
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
