package io.easyquant.perf.harness;

import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.ops.config.ConfigException;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import org.HdrHistogram.Histogram;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline end to end: saturated throughput, then tick-to-trade and per-stage latency at fixed rates, each run
 * beside its baseline (a bare Disruptor of the same depth and wait strategy; for throughput also an
 * {@link java.util.concurrent.ArrayBlockingQueue} hand-off), alternating, in this process.
 *
 * <p>The producer is this thread. Paced runs spin until each event's intended time ({@code start + k / rate}) and
 * record every latency against it, so a stall that delays later sends is charged to them (coordinated omission
 * corrected). The first {@code warmupSeconds} of each run are not recorded.
 */
final class PipelineBench
{
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    private final PrintStream out;
    private final Path work;
    private final PipelineContext.WaitStrategyType waitStrategy;
    private final PipelineContext.Layout layout;
    private final Configuration config;
    private final int depth;

    PipelineBench(
        final PrintStream out,
        final Path work,
        final PipelineContext.WaitStrategyType waitStrategy,
        final PipelineContext.Layout layout)
    {
        this.out = out;
        this.work = work;
        this.waitStrategy = waitStrategy;
        this.layout = layout;
        config = config(work, waitStrategy, layout);
        depth = layout == PipelineContext.Layout.SINGLE_THREAD ? 1 : 5;
    }

    /**
     * The engine's configuration: one instrument, a linear model on the last log return (long above 0, short below),
     * so that about every other quote changes the target and the order path runs often; market orders, the paper
     * venue filling at once (no latency, partial fills or rejects).
     */
    static String configYaml(
        final Path dataDir, final PipelineContext.WaitStrategyType waitStrategy, final PipelineContext.Layout layout)
    {
        return "engine: { name: perf-pipeline, dataDir: '" + dataDir.toAbsolutePath() + "' }\n" +
            "instruments:\n" +
            "  - { id: 1, symbol: SIM-USD, tickSize: 0.01, lotSize: 0.0001 }\n" +
            "pipeline:\n" +
            "  ringSize: 65536\n" +
            "  waitStrategy: " + waitStrategy.name().toLowerCase(Locale.ROOT).replace('_', '-') + "\n" +
            "  layout: " + layout.name().toLowerCase(Locale.ROOT).replace('_', '-') + "\n" +
            "feeds:\n" +
            "  - type: synthetic\n" +
            "    ratePerSecond: 1000\n" +
            "    instruments:\n" +
            "      - { symbol: SIM-USD, startPrice: 60000, annualVolatility: 0.5, size: 1 }\n" +
            "strategy:\n" +
            "  type: linear\n" +
            "  weights: { log_return: 1 }\n" +
            "  entryThreshold: 0\n" +
            "  mode: long-short\n" +
            "  quantity: { default: 0.0001 }\n" +
            "risk:\n" +
            "  maxOrderQty: { default: 0.0002 }\n" +
            "  maxPosition: { default: 0.0001 }\n" +
            "venue:\n" +
            "  type: paper\n" +
            "  latencyMs: 0\n" +
            "  partialFillProbability: 0\n" +
            "  rejectProbability: 0\n" +
            "  feeBps: 2\n";
    }

    static Configuration config(
        final Path work, final PipelineContext.WaitStrategyType waitStrategy, final PipelineContext.Layout layout)
    {
        final String yaml = configYaml(work, waitStrategy, layout);
        try
        {
            return new ConfigLoader().parse("perf-pipeline.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), work.toAbsolutePath());
        }
        catch (final ConfigException ex)
        {
            throw new IllegalStateException("the harness's own configuration is invalid: " + ex.getMessage(), ex);
        }
    }

    private String layoutName()
    {
        return layout.name().toLowerCase(Locale.ROOT).replace('_', '-') + ", " +
            waitStrategy.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private EngineTarget newEngine(final long firstMeasured) throws JournalException
    {
        return new EngineTarget(config, Directories.fresh(work, "pipeline-journal-"), firstMeasured);
    }

    private DisruptorTarget newDisruptor(final long firstMeasured)
    {
        return new DisruptorTarget(config.pipeline().ringSize(), waitStrategy, depth, firstMeasured);
    }

    /**
     * Publish {@code events} as fast as the target takes them and wait until it has consumed them all.
     *
     * @return the elapsed time, first publish to last consumed, or -1 if the target did not drain in time.
     */
    static long saturate(final Target target, final long events)
    {
        final long startNs = System.nanoTime();
        for (long k = 0; k < events; k++)
        {
            while (!target.publish(k, System.nanoTime()))
            {
                Thread.onSpinWait();
            }
        }
        return awaitConsumed(target, events) ? System.nanoTime() - startNs : -1;
    }

    private static boolean awaitConsumed(final Target target, final long events)
    {
        final long deadlineNs = System.nanoTime() + DRAIN_TIMEOUT_NS;
        while (target.consumed() < events)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            Thread.yield();
        }
        return true;
    }

    /**
     * Publish {@code events} at {@code ratePerSecond}, each at its intended time or as soon after as the target
     * allows, and wait until all are consumed.
     *
     * @return the achieved send rate, events per second.
     */
    static double paced(final Target target, final long events, final double ratePerSecond)
    {
        final double intervalNs = 1e9 / ratePerSecond;
        final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        long lastSentNs = startNs;
        for (long k = 0; k < events; k++)
        {
            final long intendedNs = startNs + (long)(k * intervalNs);
            long nowNs;
            while ((nowNs = System.nanoTime()) < intendedNs)
            {
                Thread.onSpinWait();
            }
            while (!target.publish(k, intendedNs))
            {
                Thread.onSpinWait();
            }
            lastSentNs = nowNs;
        }
        if (!awaitConsumed(target, events))
        {
            throw new IllegalStateException("the target did not consume " + events + " events within 60 s");
        }
        return events * 1e9 / Math.max(1, lastSentNs - startNs);
    }

    /**
     * Saturated throughput of the engine and its two baselines, alternating, {@code rounds} times each.
     *
     * @return the engine's median events per second.
     */
    double throughput(final long events, final int rounds) throws JournalException
    {
        final Rates engineRates = new Rates();
        final Rates disruptorRates = new Rates();
        final Rates queueRates = new Rates();
        for (int round = 0; round < rounds; round++)
        {
            try (DisruptorTarget disruptor = newDisruptor(Long.MAX_VALUE))
            {
                record(disruptorRates, events, saturate(disruptor, events));
            }
            try (EngineTarget engine = newEngine(Long.MAX_VALUE))
            {
                record(engineRates, events, saturate(engine, events));
            }
            try (QueueTarget queue = new QueueTarget(config.pipeline().ringSize()))
            {
                record(queueRates, events, saturate(queue, events));
            }
        }
        out.println("### Saturated pipeline throughput (" + layoutName() + ")");
        out.println();
        out.printf(Locale.ROOT, "%,d quotes published as fast as each target takes them, %d rounds alternating; " +
            "time from the first publish to the last event consumed.%n%n", events, rounds);
        out.println("| run | best | median | engine ÷ run (median) |");
        out.println("|---|---:|---:|---:|");
        throughputRow("engine: full pipeline, journal on, paper venue", engineRates, engineRates);
        throughputRow("baseline: bare Disruptor, " + depth + " handler(s), no work", disruptorRates, engineRates);
        throughputRow("baseline: ArrayBlockingQueue hand-off", queueRates, engineRates);
        out.println();
        return engineRates.median();
    }

    private void throughputRow(final String name, final Rates rates, final Rates engine)
    {
        out.println("| " + name + " | " + Rates.format(rates.best()) + " | " + Rates.format(rates.median()) + " | " +
            Rates.ratio(engine.median(), rates.median()) + " |");
    }

    private static void record(final Rates rates, final long events, final long elapsedNs)
    {
        if (elapsedNs < 0)
        {
            throw new IllegalStateException("a throughput run did not drain within 60 s");
        }
        rates.add(events, elapsedNs);
    }

    /**
     * Tick-to-trade and stage latencies at a fixed rate, beside the bare Disruptor at the same rate: {@code rounds}
     * rounds of baseline then engine, each a fresh target, histograms merged, so that load drifting on a shared
     * machine falls on both.
     *
     * @param label          how the rate is named in the report.
     * @param warmupSeconds  seconds of events not recorded, per target and round.
     * @param measureSeconds seconds of events recorded, per target and round.
     */
    void latency(final String label, final double ratePerSecond, final double warmupSeconds,
        final double measureSeconds, final int rounds) throws JournalException
    {
        final long warmup = (long)(ratePerSecond * warmupSeconds);
        final long events = warmup + (long)(ratePerSecond * measureSeconds);
        final Histogram baseline = Latencies.newHistogram();
        final Histogram baselineUncorrected = Latencies.newHistogram();
        final Histogram[] engine = new Histogram[7];
        for (int i = 0; i < engine.length; i++)
        {
            engine[i] = Latencies.newHistogram();
        }
        final Rates baselineRates = new Rates();
        final Rates engineRates = new Rates();
        long orders = 0;
        long eventsIn = 0;
        long refusals = 0;
        for (int round = 0; round < rounds; round++)
        {
            try (DisruptorTarget disruptor = newDisruptor(warmup))
            {
                final double rate = paced(disruptor, events, ratePerSecond);
                baselineRates.add((long)rate, TimeUnit.SECONDS.toNanos(1));
                baseline.add(disruptor.latency);
                baselineUncorrected.add(disruptor.latencyUncorrected);
            }
            try (EngineTarget target = newEngine(warmup))
            {
                final double rate = paced(target, events, ratePerSecond);
                engineRates.add((long)rate, TimeUnit.SECONDS.toNanos(1));
                orders += target.ordersSent();
                eventsIn += target.eventsIn();
                refusals += target.publishRefusals();
                engine[0].add(target.tickToTrade);
                engine[1].add(target.toExecution);
                engine[2].add(target.tickToTradeUncorrected);
                engine[3].add(target.handOff);
                engine[4].add(target.inputJournal);
                engine[5].add(target.stages);
                engine[6].add(target.execution);
            }
        }

        out.println("#### " + label + " (" + layoutName() + ")");
        out.println();
        out.printf(Locale.ROOT, "%d round(s) of %,d quotes per target (the first %,d of each not recorded); " +
                "achieved send rate (median): baseline %s, engine %s. Engine: %,d events in (quotes and venue " +
                "reports), %,d orders, %d publish refusals.%n%n",
            rounds, events, warmup, Rates.format(baselineRates.median()), Rates.format(engineRates.median()),
            eventsIn, orders, refusals);
        Latencies.header(out, "latency (CO-corrected unless said)");
        Latencies.row(out, "baseline: bare Disruptor, publish → last of " + depth + " handler(s)", baseline);
        Latencies.row(out, "**tick-to-trade**: quote publish → order handed to the venue", engine[0]);
        Latencies.ratioRow(out, "**ratio** tick-to-trade ÷ baseline", engine[0], baseline);
        Latencies.row(out, "every quote: publish → execution stage reached", engine[1]);
        Latencies.row(out, "baseline, uncorrected (from the actual publish)", baselineUncorrected);
        Latencies.row(out, "tick-to-trade, uncorrected (from the actual publish)", engine[2]);
        Latencies.row(out, "stage: publish call → ingest starts (claim, encode, hand-off)", engine[3]);
        Latencies.row(out, "stage: input journal append (Chronicle Queue)", engine[4]);
        Latencies.row(out, "stage: validate, features, signal, risk", engine[5]);
        Latencies.row(out, "stage: execution → venue (4 decision records journaled, order tracked)", engine[6]);
        out.println();
    }
}
