package io.easyquant.adapters;

import io.easyquant.adapters.feed.synthetic.SyntheticFeed;
import io.easyquant.adapters.feed.synthetic.SyntheticFeedContext;
import io.easyquant.adapters.feed.synthetic.SyntheticInstrument;
import io.easyquant.adapters.venue.paper.PaperVenue;
import io.easyquant.adapters.venue.paper.PaperVenueContext;
import io.easyquant.engine.Engine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.MovingAverageCrossover;
import io.easyquant.engine.signal.StrategyMode;
import io.easyquant.engine.venue.ExecutionReportPublisher;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.Side;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole engine trading on paper: synthetic feed &rarr; ring &rarr; stages &rarr; paper venue &rarr; execution
 * reports back through the ring. Every fill the venue reported is checked against the engine's books: positions are the
 * sum of fills, fees the sum of fees, and PnL reconciles with the cash flows of the fills.
 */
class PaperTradingTest
{
    private static final long EVENTS = 40_000;

    @ParameterizedTest
    @EnumSource(value = PipelineContext.Layout.class, names = {"SINGLE_THREAD", "THREAD_PER_STAGE"})
    void shouldTradeOnPaperWithPositionsEqualToTheSumOfFills(final PipelineContext.Layout layout)
    {
        final Instruments instruments = new Instruments(List.of(
            new Instrument(1, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
            new Instrument(2, "ETH-USD", new BigDecimal("0.01"), new BigDecimal("0.001"), "USD")));
        final SystemEpochNanoClock clock = new SystemEpochNanoClock();
        final EngineContext context = new EngineContext(
            instruments,
            new PipelineContext(4096, PipelineContext.WaitStrategyType.SLEEPING, layout, new int[0],
                TimeUnit.SECONDS.toNanos(5)),
            new FeaturesContext(),
            new MovingAverageCrossover(MovingAverageCrossover.AverageType.EMA, 5, 20, StrategyMode.LONG_SHORT,
                new long[] {100, 500}),
            new RiskLimits(new long[] {1_000, 5_000}, new long[] {1_000, 5_000}),
            new ExecutionContext(OrderType.MARKET, 0, 64),
            clock,
            1);
        final List<long[]> fills = new ArrayList<>();
        final PaperVenueContext venueContext = PaperVenueContext.builder()
            .sourceId(10).partialFillProbability(0.3).rejectProbability(0.02).feeRateBps(2).seed(3).build();
        final PaperVenue[] venue = new PaperVenue[1];
        final Engine engine = new Engine(context, reports ->
            venue[0] = new PaperVenue(venueContext, instruments, recording(reports, fills)));

        final List<SyntheticInstrument> models = List.of(
            new SyntheticInstrument(instruments.at(0), new BigDecimal("60000"), 0.8, 0, 50, 5_000),
            new SyntheticInstrument(instruments.at(1), new BigDecimal("3000"), 1.0, 0, 10, 5_000));
        final SyntheticFeedContext feedContext = new SyntheticFeedContext(100, 20_000, 11, 0.3, EVENTS, 1024, models);
        final SyntheticFeed feed = new SyntheticFeed(feedContext, engine.newMarketDataPublisher(), clock);

        engine.start();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!feed.isDone() && System.nanoTime() < deadlineNs)
        {
            if (feed.doWork() == 0)
            {
                Thread.onSpinWait();
            }
        }
        assertTrue(feed.isDone(), "the feed published all its events in time");
        assertTrue(engine.stop(TimeUnit.SECONDS.toNanos(30)), "the ring drained");

        final EngineCounters counters = engine.counters();
        assertEquals(EVENTS, counters.eventsOfType(1) + counters.eventsOfType(2), "every market event was ingested");
        assertEquals(0, counters.get(EngineCounters.INGEST_REJECTS));
        assertEquals(0, counters.get(EngineCounters.STAGE_ERRORS));
        assertEquals(0, counters.get(EngineCounters.ILLEGAL_TRANSITIONS));
        assertEquals(0, counters.get(EngineCounters.UNKNOWN_ORDER_REPORTS));
        assertEquals(0, counters.get(EngineCounters.OVERFILLS));
        final StringBuilder all = new StringBuilder();
        for (int c = 0; c < EngineCounters.globalCount(); c++)
        {
            all.append(EngineCounters.globalName(c)).append('=').append(counters.get(c)).append(' ');
        }
        assertTrue(counters.get(EngineCounters.ORDERS_SENT) > 20, "orders were sent: " + all);
        assertEquals(venue[0].ordersReceived(), counters.get(EngineCounters.ORDERS_SENT));
        assertTrue(fills.size() > 20, "fills came back");
        assertEquals(fills.size(), counters.get(EngineCounters.FILLS) + counters.get(EngineCounters.PARTIAL_FILLS),
            "every fill the venue reported was applied: " + all);

        final PositionBook positions = engine.execution().positions();
        for (int index = 0; index < instruments.count(); index++)
        {
            final Instrument instrument = instruments.at(index);
            long positionLots = 0;
            long feesCash = 0;
            long cashFlow = 0;
            for (final long[] fill : fills)
            {
                if (fill[0] == instrument.id())
                {
                    final long signedLots = fill[1] == Side.BUY ? fill[2] : -fill[2];
                    positionLots += signedLots;
                    cashFlow -= signedLots * fill[3] * instrument.cashPerTickLot();
                    feesCash += fill[4];
                }
            }
            assertEquals(positionLots, positions.positionLots(index), instrument + " position is the sum of fills");
            assertEquals(positionLots, engine.risk().positionLots(index), instrument + " risk agrees with execution");
            assertEquals(feesCash, positions.feesCash(index), instrument + " fees are the sum of fees");
            final long markValue = positionLots * positions.markTicks(index) * instrument.cashPerTickLot();
            assertEquals(cashFlow + markValue, positions.realizedCash(index) + positions.unrealizedCash(index),
                instrument + " realized + unrealized PnL equals the fills' cash flow plus the position at the mark");
        }
    }

    /**
     * Records every report the venue got into the ring: {instrumentId, side, lastQty, lastPrice, fee} for fills.
     */
    private static ExecutionReportPublisher recording(final ExecutionReportPublisher target, final List<long[]> fills)
    {
        return (sourceId, instrumentId, clOrdId, execId, execType, side, lastQty, lastPrice, leaves, cum, fee,
            venueTime, rejectReason) ->
        {
            final boolean published = target.tryPublishExecutionReport(sourceId, instrumentId, clOrdId, execId,
                execType, side, lastQty, lastPrice, leaves, cum, fee, venueTime, rejectReason);
            if (published && ExecType.isFill(execType))
            {
                fills.add(new long[] {instrumentId, side, lastQty, lastPrice, fee});
            }
            return published;
        };
    }
}
