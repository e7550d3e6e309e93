package io.easyquant.perf.harness;

import io.easyquant.adapters.venue.paper.PaperVenue;
import io.easyquant.engine.Engine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.InboundPublisher;
import io.easyquant.engine.venue.Venue;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.ops.config.Configuration;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.easyquant.journal.codec.RecordHeader.BYTE_ORDER;

/**
 * The subject: the real pipeline ({@link Engine} on its own thread or threads, as configured) with the journal on and
 * the paper venue, fed quotes of one instrument by the harness's producer thread through a market-data publisher, as
 * a feed would.
 *
 * <p>Measured without touching the engine: the harness wraps the two ports the engine calls. The input journal sink
 * sees each input at the start of ingest and times its append; the venue sees each input when the execution stage
 * starts on it ({@link Venue#onInput}) and each order when it is handed over ({@link Venue#send}). Each quote carries
 * its number {@code k} in its source time ({@code SOURCE_TIME_BASE + k}), which links these points to the producer's
 * intended and actual send times. The clock reads add about 4 x the clock's cost to the stages they bracket.
 *
 * <p>Tick-to-trade is the time from a quote's intended send time (coordinated omission corrected) to the first order
 * handed to the venue while handling it; quotes that cause no order only feed the per-stage histograms.
 */
final class EngineTarget implements Target
{
    static final int SOURCE_ID = Configuration.FIRST_FEED_SOURCE_ID;
    private static final long SOURCE_TIME_BASE = 1_704_067_200_000_000_000L;
    private static final int MASK = (1 << 17) - 1;
    private static final int PRICE_MASK = (1 << 16) - 1;
    private static final int QUOTE = RecordType.QUOTE.code();

    private final Path directory;
    private final boolean keepJournal;
    private final Journal journal;
    private final Engine engine;
    private final InboundPublisher feed;
    private final long firstMeasured;
    private final long[] midTicks = new long[PRICE_MASK + 1];

    private final long[] intendedNs = new long[MASK + 1];
    private final long[] publishNs = new long[MASK + 1];
    private final long[] ingestNs = new long[MASK + 1];
    private final long[] journaledNs = new long[MASK + 1];
    private final AtomicLong consumed = new AtomicLong();

    final Histogram tickToTrade = Latencies.newHistogram();
    final Histogram tickToTradeUncorrected = Latencies.newHistogram();
    final Histogram handOff = Latencies.newHistogram();
    final Histogram inputJournal = Latencies.newHistogram();
    final Histogram stages = Latencies.newHistogram();
    final Histogram execution = Latencies.newHistogram();
    final Histogram toExecution = Latencies.newHistogram();

    /**
     * Build and start the engine over a new journal in {@code directory}, deleted on {@link #close()}.
     *
     * @param firstMeasured the first event number recorded; earlier ones are warm-up.
     */
    EngineTarget(final Configuration config, final Path directory, final long firstMeasured) throws JournalException
    {
        this(config, directory, firstMeasured, false);
    }

    /**
     * @param keepJournal whether the journal stays after {@link #close()} (for a replay of it).
     */
    EngineTarget(final Configuration config, final Path directory, final long firstMeasured, final boolean keepJournal)
        throws JournalException
    {
        this.directory = directory;
        this.keepJournal = keepJournal;
        this.firstMeasured = firstMeasured;
        final SplittableRandom random = new SplittableRandom(11);
        long mid = 6_000_000;
        for (int i = 0; i < midTicks.length; i++)
        {
            mid = Math.max(1_000, mid + random.nextInt(-3, 4));
            midTicks[i] = mid;
        }
        journal = Journal.openForWriting(directory, JournalHeader.of("perf", "perf", config.text(), ""),
            config.journal());
        final EngineContext context = new EngineContext(config.instruments(), config.pipeline(), config.features(),
            config.strategy().get(), config.riskLimits(), config.execution(), new SystemEpochNanoClock(), 1,
            () -> new TimedInputs(journal.newWriter()), journal::newWriter);
        engine = new Engine(context,
            reports -> new TimedVenue(new PaperVenue(config.venue(), config.instruments(), reports)));
        feed = engine.newMarketDataPublisher();
        engine.start();
    }

    @Override
    public boolean publish(final long k, final long intendedNs)
    {
        final int slot = (int)k & MASK;
        final long mid = midTicks[(int)k & PRICE_MASK];
        this.intendedNs[slot] = intendedNs;
        publishNs[slot] = System.nanoTime();
        return feed.publishQuote(SOURCE_ID, 1, SOURCE_TIME_BASE + k, mid - 1, 10, mid + 1, 10);
    }

    @Override
    public long consumed()
    {
        return consumed.get();
    }

    long ordersSent()
    {
        return engine.counters().get(EngineCounters.ORDERS_SENT);
    }

    long eventsIn()
    {
        return engine.counters().get(EngineCounters.EVENTS_IN);
    }

    long publishRefusals()
    {
        return engine.counters().get(EngineCounters.PUBLISH_REFUSALS);
    }

    @Override
    public void close()
    {
        engine.stop(TimeUnit.SECONDS.toNanos(30));
        journal.close();
        if (!keepJournal)
        {
            Directories.deleteQuietly(directory);
        }
    }

    private static boolean isHarnessQuote(final DirectBuffer record, final int offset)
    {
        return RecordHeader.templateId(record, offset) == QUOTE && RecordHeader.sourceId(record, offset) == SOURCE_ID;
    }

    private static long eventNumber(final DirectBuffer record, final int offset)
    {
        return record.getLong(offset + QuoteCodec.SOURCE_TIME_NS_OFFSET, BYTE_ORDER) - SOURCE_TIME_BASE;
    }

    /**
     * The input journal of the ingest stage, timing each harness quote's append.
     */
    private final class TimedInputs implements RecordSink
    {
        private final RecordSink next;

        TimedInputs(final RecordSink next)
        {
            this.next = next;
        }

        @Override
        public void append(final DirectBuffer buffer, final int offset, final int length)
        {
            if (!isHarnessQuote(buffer, offset))
            {
                next.append(buffer, offset, length);
                return;
            }
            final int slot = (int)eventNumber(buffer, offset) & MASK;
            final long startNs = System.nanoTime();
            next.append(buffer, offset, length);
            ingestNs[slot] = startNs;
            journaledNs[slot] = System.nanoTime();
        }
    }

    /**
     * The venue as the execution stage sees it: records the stages behind each harness quote when execution starts
     * on it, and tick-to-trade when it causes an order.
     */
    private final class TimedVenue implements Venue
    {
        private final Venue venue;
        private long current = -1;
        private long executionNs;

        TimedVenue(final Venue venue)
        {
            this.venue = venue;
        }

        @Override
        public void onInput(final DirectBuffer record, final int offset, final long nowNs)
        {
            current = -1;
            if (isHarnessQuote(record, offset))
            {
                final long k = eventNumber(record, offset);
                final long reachedNs = System.nanoTime();
                if (k >= firstMeasured)
                {
                    final int slot = (int)k & MASK;
                    Latencies.record(handOff, ingestNs[slot] - publishNs[slot]);
                    Latencies.record(inputJournal, journaledNs[slot] - ingestNs[slot]);
                    Latencies.record(stages, reachedNs - journaledNs[slot]);
                    Latencies.record(toExecution, reachedNs - intendedNs[slot]);
                }
                current = k;
                executionNs = reachedNs;
                consumed.lazySet(k + 1);
            }
            venue.onInput(record, offset, nowNs);
        }

        @Override
        public void send(
            final long clOrdId,
            final int instrumentId,
            final byte side,
            final byte orderType,
            final long qtyLots,
            final long limitPriceTicks,
            final long nowNs)
        {
            if (current >= firstMeasured)
            {
                final long sentNs = System.nanoTime();
                final int slot = (int)current & MASK;
                Latencies.record(tickToTrade, sentNs - intendedNs[slot]);
                Latencies.record(tickToTradeUncorrected, sentNs - publishNs[slot]);
                Latencies.record(execution, sentNs - executionNs);
            }
            current = -1;
            venue.send(clOrdId, instrumentId, side, orderType, qtyLots, limitPriceTicks, nowNs);
        }

        @Override
        public void cancel(final long clOrdId, final int instrumentId, final long nowNs)
        {
            venue.cancel(clOrdId, instrumentId, nowNs);
        }

        @Override
        public void onEndOfBatch(final long nowNs)
        {
            venue.onEndOfBatch(nowNs);
        }
    }
}
