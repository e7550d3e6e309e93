package io.easyquant.ops.backtest;

import io.easyquant.adapters.feed.csv.CsvFeed;
import io.easyquant.adapters.feed.csv.CsvFeedContext;
import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.journal.queue.JournalReader;
import io.easyquant.journal.queue.JournalWriter;
import io.easyquant.ops.cli.BuildInfo;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.runtime.JournalKinds;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A backtest: market data from a CSV file or a journal, through the engine in simulated time with the paper venue,
 * into a report and a journal of its own under the output directory.
 *
 * <p>The backtest's journal ({@code OUT/journal}) holds every input once and every decision: for a CSV the market data
 * and the venue's reports; for a journal input only the venue's reports, with the source journal named in the header,
 * so {@code replay --verify} can merge them again. The output directory's previous journal is replaced.
 */
public final class BacktestRunner
{
    private static final Logger LOG = LoggerFactory.getLogger(BacktestRunner.class);
    private static final int CSV_SOURCE_ID = Configuration.FIRST_FEED_SOURCE_ID;
    private static final long PROGRESS_INTERVAL_NS = 2_000_000_000L;

    private final Configuration config;
    private final Consumer<String> progress;

    /**
     * @param progress told a progress line every few seconds of a long run.
     */
    public BacktestRunner(final Configuration config, final Consumer<String> progress)
    {
        this.config = config;
        this.progress = progress;
    }

    /**
     * Run over a CSV file of trades, quotes or bars.
     */
    public BacktestResult runCsv(final Path csv, final Path outDirectory) throws IOException, JournalException
    {
        try (Journal journal = openJournal(outDirectory, ""))
        {
            final Session session = new Session(journal, false);
            final CsvFeed feed = new CsvFeed(new CsvFeedContext(CSV_SOURCE_ID, csv, 0, config.instruments()),
                session.simulation, CsvFeed.logWarnings(LOG, csv, 20), () -> 0L);
            try (feed)
            {
                while (!feed.isDone())
                {
                    feed.doWork();
                    session.reportProgress();
                }
            }
            if (feed.rejected() > 0)
            {
                progress.accept("csv: " + feed.rejected() + " malformed line(s) rejected and skipped, " +
                    feed.published() + " published");
            }
            return session.finish(outDirectory);
        }
    }

    /**
     * Run over the market data (trades, quotes, bars) of a journal; the journal's other records are not inputs of a
     * backtest.
     */
    public BacktestResult runJournal(final Path sourceDirectory, final Path outDirectory)
        throws IOException, JournalException
    {
        try (Journal source = Journal.openForReading(sourceDirectory);
            JournalReader reader = source.newReader();
            Journal journal = openJournal(outDirectory, sourceDirectory.toAbsolutePath().normalize().toString()))
        {
            final Session session = new Session(journal, true);
            final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            int length;
            while ((length = reader.next(record)) > 0)
            {
                if (RecordType.isMarketData(RecordHeader.templateId(record, 0)))
                {
                    session.simulation.publishRecorded(record, 0, length);
                    session.reportProgress();
                }
            }
            return session.finish(outDirectory);
        }
    }

    private Journal openJournal(final Path outDirectory, final String sourceJournal)
        throws IOException, JournalException
    {
        final Path directory = outDirectory.resolve("journal");
        deleteRecursively(directory);
        Files.createDirectories(outDirectory);
        return Journal.openForWriting(directory,
            JournalHeader.of(JournalKinds.BACKTEST, BuildInfo.version(), config.text(), sourceJournal),
            config.journal());
    }

    private static void deleteRecursively(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            final List<Path> all = new ArrayList<>();
            paths.sorted(Comparator.reverseOrder()).forEach(all::add);
            for (final Path path : all)
            {
                Files.delete(path);
            }
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
    }

    /**
     * One run: the simulation, its journal writers and the recorder.
     */
    private final class Session
    {
        final Simulation simulation;
        final BacktestRecorder recorder;
        final JournalWriter writer;
        final long capitalCash;
        private long nextProgressNs = System.nanoTime() + PROGRESS_INTERVAL_NS;
        private long lastTimeNs;

        Session(final Journal journal, final boolean marketDataFromSource)
        {
            final Instruments instruments = config.instruments();
            final List<String> symbols = new ArrayList<>();
            for (int i = 0; i < instruments.count(); i++)
            {
                symbols.add(instruments.at(i).symbol());
            }
            recorder = new BacktestRecorder(config.initialCapital(), symbols, instruments.at(0).quoteCurrency());
            capitalCash = config.initialCapital().movePointRight(8).longValueExact();
            writer = journal.newWriter();
            final RecordSink journaled = marketDataFromSource ? (buffer, offset, length) ->
            {
                if (!RecordType.isMarketData(RecordHeader.templateId(buffer, offset)))
                {
                    writer.append(buffer, offset, length);
                }
            } : writer;
            simulation = new Simulation(config, new FillTap(journaled, instruments, recorder), writer, this::sample);
        }

        private void sample(final long timeNs, final DirectEngine engine)
        {
            final PositionBook positions = engine.execution().positions();
            long net = 0;
            long exposure = 0;
            boolean inMarket = false;
            for (int i = 0; i < positions.count(); i++)
            {
                net += positions.netPnlCash(i);
                exposure += positions.exposureCash(i);
                inMarket |= positions.positionLots(i) != 0;
            }
            lastTimeNs = Math.max(lastTimeNs, timeNs);
            recorder.onMarkCash(lastTimeNs, capitalCash + net, exposure, inMarket);
        }

        void reportProgress()
        {
            final long nowNs = System.nanoTime();
            if (nowNs - nextProgressNs >= 0)
            {
                nextProgressNs = nowNs + PROGRESS_INTERVAL_NS;
                progress.accept(String.format("backtest: %,d market events, simulated time %s",
                    simulation.marketEvents(), Instant.ofEpochSecond(0, lastTimeNs)));
            }
        }

        BacktestResult finish(final Path outDirectory) throws IOException
        {
            final DirectEngine engine = simulation.engine();
            final EngineCounters counters = engine.counters();
            final PositionBook positions = engine.execution().positions();
            final Instruments instruments = config.instruments();
            final List<FinalPosition> finals = new ArrayList<>();
            for (int i = 0; i < instruments.count(); i++)
            {
                final Instrument instrument = instruments.at(i);
                finals.add(new FinalPosition(instrument.symbol(), instrument.lotsToQty(positions.positionLots(i)),
                    Instrument.cashToDecimal(positions.realizedCash(i)),
                    Instrument.cashToDecimal(positions.unrealizedCash(i)),
                    Instrument.cashToDecimal(positions.feesCash(i))));
            }
            final BacktestResult result = recorder.finish(new BacktestInfo(
                config.file(),
                config.strategyDescription(),
                counters.get(EngineCounters.EVENTS_IN),
                counters.get(EngineCounters.ORDERS_SENT),
                counters.get(EngineCounters.FILLS) + counters.get(EngineCounters.PARTIAL_FILLS),
                counters.get(EngineCounters.RISK_REJECTS),
                counters.get(EngineCounters.VENUE_REJECTS),
                finals));
            BacktestReport.write(result, outDirectory);
            return result;
        }
    }
}
