package io.easyquant.perf.harness;

import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.journal.RecordSink;
import io.easyquant.ops.backtest.Simulation;
import io.easyquant.ops.config.ConfigException;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Our side of the bar backtest comparison: the engine's own backtest path ({@link Simulation}: every stage on the
 * caller's thread through {@link DirectEngine}, the paper venue answering) over {@link GeneratedBars}, with a
 * configuration equivalent to the peer's strategy: SMA crossover, long-only, one unit (tick and lot size 1), no fees,
 * market orders filled at the next bar's open, no partial fills, no rejects, no latency.
 */
public final class BarsBacktest
{
    /** The instrument's id and source id of the published bars. */
    public static final int INSTRUMENT_ID = 1;
    private static final int SOURCE_ID = Configuration.FIRST_FEED_SOURCE_ID;

    private BarsBacktest()
    {
    }

    /**
     * The configuration text: one instrument of tick and lot size 1, so a trade of one lot is one unit and PnL in
     * ticks is PnL in price units.
     *
     * @param dataDir where a run would keep files (a backtest over bars writes none).
     */
    public static String configYaml(final int fastPeriod, final int slowPeriod, final Path dataDir)
    {
        return "engine: { name: perf-bars, dataDir: '" + dataDir.toAbsolutePath() + "' }\n" +
            "instruments:\n" +
            "  - { id: " + INSTRUMENT_ID + ", symbol: SIM-USD, tickSize: 1, lotSize: 1 }\n" +
            "feeds:\n" +
            "  - type: synthetic\n" +
            "    ratePerSecond: 1000\n" +
            "    instruments:\n" +
            "      - { symbol: SIM-USD, startPrice: 10000, annualVolatility: 0.5, size: 1 }\n" +
            "strategy:\n" +
            "  type: ma-crossover\n" +
            "  average: sma\n" +
            "  fastPeriod: " + fastPeriod + "\n" +
            "  slowPeriod: " + slowPeriod + "\n" +
            "  mode: long-only\n" +
            "  quantity: { default: 1 }\n" +
            "risk:\n" +
            "  maxOrderQty: { default: 1 }\n" +
            "  maxPosition: { default: 1 }\n" +
            "venue:\n" +
            "  type: paper\n" +
            "  latencyMs: 0\n" +
            "  partialFillProbability: 0\n" +
            "  rejectProbability: 0\n" +
            "  feeBps: 0\n" +
            "  barFill: next-open\n";
    }

    public static Configuration config(final int fastPeriod, final int slowPeriod, final Path dataDir)
    {
        final String yaml = configYaml(fastPeriod, slowPeriod, dataDir);
        try
        {
            return new ConfigLoader().parse("perf-bars.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), dataDir.toAbsolutePath());
        }
        catch (final ConfigException ex)
        {
            throw new IllegalStateException("the benchmark's own configuration is invalid: " + ex.getMessage(), ex);
        }
    }

    /**
     * Run the bars through a fresh simulation: nothing journaled, no listener work.
     */
    public static BacktestOutcome run(final Configuration config, final GeneratedBars bars)
    {
        final Simulation simulation = new Simulation(config, RecordSink.NONE, RecordSink.NONE, (timeNs, engine) ->
        {
        });
        for (int i = 0; i < bars.count; i++)
        {
            simulation.publishBar(SOURCE_ID, INSTRUMENT_ID, bars.timeNs[i], GeneratedBars.DURATION_MS,
                bars.openTicks[i], bars.highTicks[i], bars.lowTicks[i], bars.closeTicks[i], bars.volumeLots[i]);
        }
        return outcome(config, simulation.engine());
    }

    /**
     * The outcome of a finished run, in ticks (PnL in cash units over the instrument's cash per tick-lot).
     */
    public static BacktestOutcome outcome(final Configuration config, final DirectEngine engine)
    {
        final PositionBook positions = engine.execution().positions();
        final EngineCounters counters = engine.counters();
        return new BacktestOutcome(
            counters.get(EngineCounters.FILLS) + counters.get(EngineCounters.PARTIAL_FILLS),
            positions.netPnlCash(0) / config.instruments().at(0).cashPerTickLot(),
            positions.positionLots(0));
    }
}
