package io.easyquant.perf.harness;

import io.easyquant.adapters.feed.csv.CsvReject;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalContext;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.journal.queue.JournalReader;
import io.easyquant.journal.queue.JournalWriter;
import io.easyquant.ops.backtest.BacktestResult;
import io.easyquant.ops.backtest.BacktestRunner;
import io.easyquant.ops.backtest.Simulation;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.importer.ImportPublisher;
import io.easyquant.ops.replay.Replayer;
import io.easyquant.ops.replay.VerifyResult;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Replay and backtest throughput on one thread, over a journal of {@link GeneratedBars} imported the way
 * {@code easyquant import} writes one, with the SMA-crossover configuration of {@link BarsBacktest}:
 * <ul>
 *   <li>the journal read alone ({@link JournalReader}, every record): the floor of anything that reads it;</li>
 *   <li>journal &rarr; pipeline: the backtest's loop, each bar read and run through {@link Simulation}, the venue's
 *       reports and every decision appended to a new journal;</li>
 *   <li>{@code backtest --journal} end to end ({@link BacktestRunner#runJournal}: the same, plus the equity curve,
 *       the statistics and the report files);</li>
 *   <li>{@code replay --verify} of that backtest's journal ({@link Replayer#verify}, merging the source's bars);</li>
 *   <li>the same bars from memory through {@link Simulation} (no journal), and the plain array loop of the same
 *       strategy (the limit).</li>
 * </ul>
 * Runs alternate, {@code rounds} times after one warm-up round. Every run must agree with the array loop on trades
 * and net PnL, and the replay must verify identical, or the run fails.
 *
 * <p>Then {@code replay --verify} of a live session's journal: the threaded engine of {@link PipelineBench} fed
 * quotes at {@value #LIVE_RATE} a second, with its linear strategy that orders on a large share of them, so the replay
 * compares many outputs.
 */
final class ReplayBench
{
    private static final int FAST = 10;
    private static final int SLOW = 30;
    private static final int LIVE_RATE = 50_000;

    private final PrintStream out;
    private final Path work;

    ReplayBench(final PrintStream out, final Path work)
    {
        this.out = out;
        this.work = work;
    }

    void run(final int barCount, final int rounds) throws JournalException, IOException
    {
        final GeneratedBars bars = GeneratedBars.randomWalk(barCount, 42);
        final Configuration config = BarsBacktest.config(FAST, SLOW, work);
        final BacktestOutcome limit = SmaCrossoverLoop.run(bars, FAST, SLOW);
        final Path source = Directories.fresh(work, "bars-source-");
        final long sourceBytes;
        try
        {
            importBars(config, bars, source);
            sourceBytes = Directories.size(source);
            measure(config, bars, source, limit, rounds);
        }
        finally
        {
            Directories.deleteQuietly(source);
        }
        out.printf(Locale.ROOT, "Source journal: %,d bars, %,d bytes on disk. Every engine run agreed with the " +
            "array loop: %s.%n%n", barCount, sourceBytes, limit.describe());
        live(barCount / 5, rounds);
    }

    private void live(final int quotes, final int rounds) throws JournalException
    {
        final Configuration config = PipelineBench.config(work, PipelineContext.WaitStrategyType.YIELDING,
            PipelineContext.Layout.SINGLE_THREAD);
        final Path directory = Directories.fresh(work, "live-journal-");
        try
        {
            final long orders;
            try (EngineTarget engine = new EngineTarget(config, directory, Long.MAX_VALUE, true))
            {
                PipelineBench.paced(engine, quotes, LIVE_RATE);
                orders = engine.ordersSent();
            }
            final Rates verify = new Rates();
            long events = 0;
            long outputs = 0;
            for (int round = 0; round <= rounds; round++)
            {
                final long startNs = System.nanoTime();
                final VerifyResult verified;
                try (Journal journal = Journal.openForReading(directory))
                {
                    verified = new Replayer(config).verify(journal);
                }
                add(round > 0, verify, verified.eventsReplayed(), startNs);
                if (!verified.identical())
                {
                    throw new IllegalStateException("replay --verify of the live journal diverged: " +
                        verified.divergence());
                }
                events = verified.eventsReplayed();
                outputs = verified.outputsCompared();
            }
            out.printf(Locale.ROOT, "`replay --verify` of a live session's journal (the pipeline benchmark's engine " +
                "fed %,d quotes at %,d a second; %,d orders): %,d input events, %,d outputs compared: " +
                "best %s, median %s, identical.%n%n", quotes, LIVE_RATE, orders, events, outputs,
                Rates.format(verify.best()), Rates.format(verify.median()));
        }
        finally
        {
            Directories.deleteQuietly(directory);
        }
    }

    private static void importBars(final Configuration config, final GeneratedBars bars, final Path directory)
        throws JournalException
    {
        try (Journal journal = Journal.openForWriting(directory,
            JournalHeader.of("import", "perf", config.text(), ""), JournalContext.DEFAULT))
        {
            final JournalWriter writer = journal.newWriter();
            final ImportPublisher publisher = new ImportPublisher((record, length) -> CsvReject.NONE, writer);
            for (int i = 0; i < bars.count; i++)
            {
                publisher.publishBar(Configuration.FIRST_FEED_SOURCE_ID, BarsBacktest.INSTRUMENT_ID, bars.timeNs[i],
                    GeneratedBars.DURATION_MS, bars.openTicks[i], bars.highTicks[i], bars.lowTicks[i],
                    bars.closeTicks[i], bars.volumeLots[i]);
            }
        }
    }

    private void measure(
        final Configuration config,
        final GeneratedBars bars,
        final Path source,
        final BacktestOutcome limit,
        final int rounds) throws JournalException, IOException
    {
        final Rates read = new Rates();
        final Rates pipeline = new Rates();
        final Rates backtest = new Rates();
        final Rates verify = new Rates();
        final Rates memory = new Rates();
        final Rates loop = new Rates();
        long verifyEvents = 0;
        for (int round = 0; round <= rounds; round++)
        {
            final boolean measured = round > 0;

            long startNs = System.nanoTime();
            final long records = readAll(source);
            add(measured, read, records, startNs);

            final Path pipelineJournal = Directories.fresh(work, "bars-pipeline-");
            try
            {
                startNs = System.nanoTime();
                final BacktestOutcome outcome = journalToPipeline(config, source, pipelineJournal);
                add(measured, pipeline, bars.count, startNs);
                check("journal → pipeline", outcome, limit);
            }
            finally
            {
                Directories.deleteQuietly(pipelineJournal);
            }

            final Path backtestOut = Directories.fresh(work, "bars-backtest-");
            try
            {
                startNs = System.nanoTime();
                final BacktestResult result = new BacktestRunner(config, line ->
                {
                }).runJournal(source, backtestOut);
                add(measured, backtest, bars.count, startNs);
                if (result.info().fills() != limit.trades())
                {
                    throw new IllegalStateException("backtest --journal made " + result.info().fills() +
                        " fills, the array loop " + limit.trades());
                }

                startNs = System.nanoTime();
                final VerifyResult verified;
                try (Journal journal = Journal.openForReading(backtestOut.resolve("journal")))
                {
                    verified = new Replayer(config).verify(journal);
                }
                add(measured, verify, verified.eventsReplayed(), startNs);
                verifyEvents = verified.eventsReplayed();
                if (!verified.identical())
                {
                    throw new IllegalStateException("replay --verify diverged: " + verified.divergence());
                }
            }
            finally
            {
                Directories.deleteQuietly(backtestOut);
            }

            startNs = System.nanoTime();
            check("memory → pipeline", BarsBacktest.run(config, bars), limit);
            add(measured, memory, bars.count, startNs);

            startNs = System.nanoTime();
            check("array loop", SmaCrossoverLoop.run(bars, FAST, SLOW), limit);
            add(measured, loop, bars.count, startNs);
        }

        out.println("### Replay and backtest over a journal (one thread)");
        out.println();
        out.printf(Locale.ROOT, "SMA crossover %d/%d long-only over %,d one-minute bars, %d measured rounds " +
            "alternating after one warm-up round. `replay --verify` runs %,d events per round (the bars and the " +
            "venue's reports).%n%n", FAST, SLOW, bars.count, rounds, verifyEvents);
        out.println("| run | best | median | loop ÷ run (median) |");
        out.println("|---|---:|---:|---:|");
        row("journal read alone (JournalReader, records/s)", read, loop);
        row("**journal → pipeline** (the backtest's loop, outputs journaled), bars/s", pipeline, loop);
        row("`backtest --journal` end to end incl. report files, bars/s", backtest, loop);
        row("`replay --verify` of that backtest, events/s", verify, loop);
        row("memory → pipeline (Simulation, no journal), bars/s", memory, loop);
        row("limit: plain array loop of the same strategy, bars/s", loop, loop);
        out.println();
    }

    private static void add(final boolean measured, final Rates rates, final long events, final long startNs)
    {
        final long elapsedNs = System.nanoTime() - startNs;
        if (measured)
        {
            rates.add(events, elapsedNs);
        }
    }

    private void row(final String name, final Rates rates, final Rates loop)
    {
        out.println("| " + name + " | " + Rates.format(rates.best()) + " | " + Rates.format(rates.median()) + " | " +
            Rates.ratio(loop.median(), rates.median()) + " |");
    }

    private static void check(final String name, final BacktestOutcome outcome, final BacktestOutcome limit)
    {
        if (!outcome.equals(limit))
        {
            throw new IllegalStateException(name + " gave " + outcome.describe() + "; the array loop " +
                limit.describe());
        }
    }

    private static long readAll(final Path source) throws JournalException
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        long records = 0;
        try (Journal journal = Journal.openForReading(source); JournalReader reader = journal.newReader())
        {
            while (reader.next(record) > 0)
            {
                records++;
            }
        }
        return records;
    }

    /**
     * The loop of {@link BacktestRunner#runJournal} without its recorder: each market record of the source through
     * the simulation, the venue's reports and the decisions appended to a journal of its own.
     */
    private static BacktestOutcome journalToPipeline(
        final Configuration config, final Path source, final Path outDirectory) throws JournalException
    {
        try (Journal sourceJournal = Journal.openForReading(source);
            JournalReader reader = sourceJournal.newReader();
            Journal journal = Journal.openForWriting(outDirectory,
                JournalHeader.of("backtest", "perf", config.text(), source.toString()), JournalContext.DEFAULT))
        {
            final JournalWriter writer = journal.newWriter();
            final RecordSink inputs = (buffer, offset, length) ->
            {
                if (!RecordType.isMarketData(RecordHeader.templateId(buffer, offset)))
                {
                    writer.append(buffer, offset, length);
                }
            };
            final Simulation simulation = new Simulation(config, inputs, writer, (timeNs, engine) ->
            {
            });
            final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            int length;
            while ((length = reader.next(record)) > 0)
            {
                if (RecordType.isMarketData(RecordHeader.templateId(record, 0)))
                {
                    simulation.publishRecorded(record, 0, length);
                }
            }
            if (simulation.engine().counters().get(EngineCounters.STAGE_ERRORS) != 0)
            {
                throw new IllegalStateException("stage errors in the journal → pipeline run");
            }
            return BarsBacktest.outcome(config, simulation.engine());
        }
    }
}
