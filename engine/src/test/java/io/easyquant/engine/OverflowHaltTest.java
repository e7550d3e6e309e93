package io.easyquant.engine;

import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.ErrorLog;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.Strategy;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.TradingState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fills at both of an instrument's bounds through the whole pipeline, until the position's cost would pass the long
 * range: the exact arithmetic of risk and execution throws, each book keeps its last exact figures, and the stage
 * fault halts trading through the kill-switch. (The configuration refuses a {@code maxPosition} above {@code maxQuantity},
 * which keeps this out of reach; the risk limits here are built without that check, as belt and braces.)
 */
class OverflowHaltTest
{
    /** Tick 0.01 USD, lot 1: one tick-lot is 1,000,000 cash units; default bounds 1e8 ticks and 1e4 lots. */
    private static final Instrument STOCK =
        new Instrument(1, "STOCK", new BigDecimal("0.01"), BigDecimal.ONE, "USD");

    private final ManualClock clock = new ManualClock();
    private long target;

    @Test
    void shouldHaltWithExactFiguresWhenAPositionsCostWouldPassTheLongRange()
    {
        final long maxTicks = STOCK.maxPriceTicks();
        final long maxLots = STOCK.maxQtyLots();
        assertEquals(Instrument.MAX_NOTIONAL_CASH, maxTicks * maxLots * STOCK.cashPerTickLot());
        final DirectEngine engine = engine();
        final PositionBook book = engine.execution().positions();

        for (int step = 1; step <= 9; step++)
        {
            target = step * maxLots;
            quote(engine, maxTicks - 2, maxTicks);
            assertEquals(step * maxLots, book.positionLots(0), "filled at the ask, the price bound");
            assertEquals(step * Instrument.MAX_NOTIONAL_CASH, book.costCash(0));
        }
        assertEquals(TradingState.ACTIVE, engine.execution().tradingState());
        assertEquals(-9 * maxLots * STOCK.cashPerTickLot(), book.unrealizedCash(0), "at the mid, one tick below");

        target = 10 * maxLots;
        quote(engine, maxTicks - 2, maxTicks);

        assertEquals(10, engine.counters().get(EngineCounters.ORDERS_SENT));
        assertEquals(9 * maxLots, book.positionLots(0), "the fill that would wrap the cost is not applied");
        assertEquals(9 * Instrument.MAX_NOTIONAL_CASH, book.costCash(0));
        assertEquals(9, book.fills(0));
        assertEquals(TradingState.HALTED, engine.execution().tradingState(), "a fault on the order path halts");
        assertEquals(TradingState.HALTED, engine.risk().tradingState());
        // Risk and execution each apply the fill to their book: both fault, both leave it unchanged.
        final List<ErrorLog.Entry> errors = engine.errors().entries();
        assertEquals(2, engine.counters().get(EngineCounters.STAGE_ERRORS), errors.toString());
        assertEquals(Set.of("risk", "execution"), errors.stream().map(ErrorLog.Entry::context).collect(
            Collectors.toSet()), errors.toString());
        for (final ErrorLog.Entry error : errors)
        {
            assertTrue(error.description().startsWith("java.lang.ArithmeticException"), errors.toString());
        }
        assertEquals(2, engine.counters().eventsOfType(RecordType.ADMIN_COMMAND.code()),
            "each fault put a kill-switch command from the engine into the ring");

        target = 11 * maxLots;
        quote(engine, maxTicks - 4, maxTicks - 2);
        assertEquals(10, engine.counters().get(EngineCounters.ORDERS_SENT), "nothing is sent while HALTED");
        assertEquals(2, engine.counters().get(EngineCounters.STAGE_ERRORS), "a mark update does not overflow");
    }

    private DirectEngine engine()
    {
        final Strategy strategy = new Strategy()
        {
            @Override
            public long onPrice(final int instrumentIndex, final long timeNs, final long markTicks,
                final double[] features)
            {
                return target;
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
        final Instruments instruments = new Instruments(List.of(STOCK));
        final RiskLimits limits = RiskLimits.builder(instruments).maxOrderQtyLots(0, STOCK.maxQtyLots())
            .maxPositionLots(0, 100 * STOCK.maxQtyLots()).build();
        return new DirectEngine(new EngineContext(instruments,
            new PipelineContext(1024, PipelineContext.WaitStrategyType.SLEEPING, PipelineContext.Layout.SINGLE_THREAD,
                new int[0], 1_000_000),
            new FeaturesContext(), strategy, limits, new ExecutionContext(OrderType.MARKET, 0, 16), clock, 1,
            () -> RecordSink.NONE, () -> RecordSink.NONE), FillingVenue::new);
    }

    private void quote(final DirectEngine engine, final long bidTicks, final long askTicks)
    {
        clock.advance(1_000_000);
        engine.inputs().publishQuote(1, STOCK.id(), clock.nanoTime(), bidTicks, 10, askTicks, 10);
        engine.drain();
    }
}
