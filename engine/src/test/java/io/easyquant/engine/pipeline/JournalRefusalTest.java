package io.easyquant.engine.pipeline;

import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
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
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * An input journal that refuses every append (a full disk): each refused input is marked NOT_JOURNALED, counted and
 * acted on by no stage, and publishes one halt; the halt, refused in turn, publishes no further one (before, each
 * refused halt published the next, at ring speed, and filled the ring).
 */
class JournalRefusalTest
{
    private final List<Integer> journaledTypes = new ArrayList<>();
    private final List<String> refusedCommands = new ArrayList<>();
    private final AdminCommandCodec command = new AdminCommandCodec();
    private boolean refusing;

    private final RecordSink inputs = (buffer, offset, length) ->
    {
        final int templateId = RecordHeader.templateId(buffer, offset);
        if (refusing)
        {
            if (templateId == RecordType.ADMIN_COMMAND.code())
            {
                command.wrap(buffer, offset);
                refusedCommands.add(AdminCommandType.name(command.command()) + "/" +
                    CommandOrigin.name(command.origin()));
            }
            throw new IllegalStateException("no space left for the journal");
        }
        journaledTypes.add(templateId);
    };

    @Test
    void shouldPublishOneHaltPerRefusedInputAndNoneForARefusedHalt()
    {
        final DirectEngine engine = engine();
        refusing = true;
        engine.inputs().publishQuote(7, 1, 100, 6_000_000, 5, 6_000_100, 5);

        final int ran = assertTimeoutPreemptively(Duration.ofSeconds(10), engine::drain,
            "a refused halt must not publish another");

        assertEquals(2, ran, "the quote and the one halt it caused");
        assertEquals(List.of(AdminCommandType.name(AdminCommandType.KILL_ENGAGE) + "/" +
            CommandOrigin.name(CommandOrigin.ENGINE)), refusedCommands);
        assertEquals(2, engine.counters().get(EngineCounters.STAGE_ERRORS));
        assertEquals(2, engine.counters().ingestRejects(IngestReject.NOT_JOURNALED));
        assertEquals(TradingState.ACTIVE, engine.risk().tradingState(), "an unjournaled halt takes no effect");
        assertEquals(List.of(), journaledTypes);

        refusing = false;
        engine.inputs().publishQuote(7, 1, 200, 6_000_000, 5, 6_000_100, 5);
        assertEquals(1, engine.drain());
        assertEquals(List.of(RecordType.QUOTE.code()), journaledTypes);
        assertEquals(2, engine.counters().get(EngineCounters.STAGE_ERRORS));
    }

    private DirectEngine engine()
    {
        final Instruments instruments = new Instruments(List.of(
            new Instrument(1, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD")));
        return new DirectEngine(new EngineContext(instruments,
            new PipelineContext(64, PipelineContext.WaitStrategyType.SLEEPING, PipelineContext.Layout.SINGLE_THREAD,
                new int[0], 1_000_000),
            new FeaturesContext(),
            new MovingAverageCrossover(MovingAverageCrossover.AverageType.SMA, 2, 4, StrategyMode.LONG_ONLY,
                new long[] {1}),
            new RiskLimits(new long[] {10}, new long[] {10}), new ExecutionContext(OrderType.MARKET, 0, 4),
            () -> 1_000_000_000L, 1, () -> inputs, () -> RecordSink.NONE), reports -> new NoVenue());
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
