package io.easyquant.admin;

import io.easyquant.engine.Engine;
import io.easyquant.engine.feed.FeedMetrics;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.metrics.PipelineMonitor;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.risk.RiskReason;
import io.easyquant.journal.codec.BookState;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.TradingState;
import io.easyquant.journal.queue.Journal;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The engine's numbers in the Prometheus text format, through the Prometheus Java client: every metric is a callback
 * that reads what the pipeline publishes at scrape time, so nothing is copied on the hot path.
 *
 * <ul>
 *   <li>Counters: {@code easyquant_events_in_total{type}}, {@code easyquant_risk_rejections_total{reason}},
 *       {@code easyquant_ingest_rejects_total{reason}}, and one per engine counter
 *       ({@code easyquant_orders_sent_total}, {@code easyquant_fills_total}, {@code easyquant_venue_rejects_total},
 *       ...); where a sink is configured {@code easyquant_sink_records_total}, {@code easyquant_sink_rows_total},
 *       {@code easyquant_sink_failures_total}; the admin server's own
 *       {@code easyquant_admin_auth_failures_total{reason}}, {@code easyquant_admin_auth_failures_delayed_total} and
 *       {@code easyquant_admin_refusals_total{reason}}.</li>
 *   <li>Gauges: {@code easyquant_position{instrument}} (instrument units), {@code easyquant_pnl{instrument,kind}}
 *       (quote currency; kind realized, unrealized, fees, net), {@code easyquant_mark_price{instrument}},
 *       {@code easyquant_trading_state{state}} (1 for the current state), {@code easyquant_ring_remaining_capacity},
 *       {@code easyquant_ring_size}, {@code easyquant_working_orders}, {@code easyquant_journal_size_bytes},
 *       {@code easyquant_journal_disk_free_bytes},
 *       {@code easyquant_sink_up}, {@code easyquant_sink_lag_records}, {@code easyquant_sink_lag_seconds} (these
 *       and the sink's counters only where a sink is configured), {@code easyquant_stage_lag_events{stage}},
 *       {@code easyquant_stage_heartbeat_age_seconds{stage}}, {@code easyquant_uptime_seconds}.</li>
 *   <li>Histograms (classic buckets, 100 ns to 10 s, {@link #LATENCY_BUCKETS_NS}):
 *       {@code easyquant_stage_latency_seconds{stage}} (service time, and {@code stage="ring"} for the wait in the
 *       ring; sampled, see {@link PipelineMonitor}) and {@code easyquant_tick_to_trade_seconds} (every order); since
 *       the start, the recovery replay excluded; the sum from the recorders' mean, to their 1% precision.</li>
 *   <li>{@code easyquant_build_info{version,java_version}}, {@code easyquant_risk_limit_usage_ratio{limit,instrument}},
 *       {@code easyquant_instrument_fills_total{instrument}}, {@code easyquant_last_event_age_seconds}, and the JVM's
 *       and process's metrics ({@code jvm_*}, {@code process_*}: memory, GC, threads, classes, safepoints where
 *       the JVM reports them) from the Prometheus Java client's JVM instrumentation.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
final class MetricsExporter
{
    /** The latency histograms' bucket bounds in nanoseconds: 100 ns to 10 s. */
    static final long[] LATENCY_BUCKETS_NS = latencyBucketsNs();

    private static final Set<String> SEPARATE = Set.of("events_in", "risk_rejects", "ingest_rejects", "trading_state",
        "last_event_time_ns");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    MetricsExporter(final Engine engine, final AdminSources sources, final LatencyView latency,
        final AccessCounters access)
    {
        final EngineCounters counters = engine.counters();
        final Instruments instruments = engine.context().instruments();

        CounterWithCallback.builder()
            .name("easyquant_events_in")
            .help("Input events taken by the pipeline, by record type (rejected ones included)")
            .labelNames("type")
            .callback(cb ->
            {
                for (final RecordType type : RecordType.values())
                {
                    if (type.isInput())
                    {
                        cb.call(counters.eventsOfType(type.code()), type.name().toLowerCase(Locale.ROOT));
                    }
                }
            })
            .register(registry);
        CounterWithCallback.builder()
            .name("easyquant_risk_rejections")
            .help("Order intents rejected by pre-trade risk, by reason")
            .labelNames("reason")
            .callback(cb ->
            {
                for (int r = 1; r < RiskReason.COUNT; r++)
                {
                    cb.call(counters.riskRejects(r), RiskReason.name(r));
                }
            })
            .register(registry);
        CounterWithCallback.builder()
            .name("easyquant_ingest_rejects")
            .help("Input events rejected at ingest, by reason")
            .labelNames("reason")
            .callback(cb ->
            {
                for (int r = 1; r < IngestReject.COUNT; r++)
                {
                    cb.call(counters.ingestRejects(r), IngestReject.name(r));
                }
            })
            .register(registry);
        for (int c = 0; c < EngineCounters.globalCount(); c++)
        {
            final String name = EngineCounters.globalName(c);
            if (SEPARATE.contains(name))
            {
                continue;
            }
            final int counter = c;
            CounterWithCallback.builder()
                .name("easyquant_" + name)
                .help("Engine counter " + name.replace('_', ' '))
                .callback(cb -> cb.call(counters.get(counter)))
                .register(registry);
        }

        CounterWithCallback.builder()
            .name("easyquant_admin_auth_failures")
            .help("Admin requests that needed a token and had none or a wrong one, by reason")
            .labelNames("reason")
            .callback(cb ->
            {
                for (final AccessCounters.Failure failure : AccessCounters.Failure.values())
                {
                    cb.call(access.failures(failure), failure.label);
                }
            })
            .register(registry);
        counter("easyquant_admin_auth_failures_delayed", "Failed admin authentications answered late (slowed down)",
            access::delayed);
        CounterWithCallback.builder()
            .name("easyquant_admin_refusals")
            .help("Admin requests refused before their handler ran, by cause: host, origin (403), unauthenticated " +
                "(401), forbidden (403, role too low), throttled (429, failed authentication while slowed down)")
            .labelNames("reason")
            .callback(cb ->
            {
                for (final AccessCounters.Refusal refusal : AccessCounters.Refusal.values())
                {
                    cb.call(access.refusals(refusal), refusal.label);
                }
            })
            .register(registry);
        registerFeeds(sources);

        GaugeWithCallback.builder()
            .name("easyquant_trading_state")
            .help("The trading state: 1 for the current one (ACTIVE, REDUCING or HALTED), 0 for the others")
            .labelNames("state")
            .callback(cb ->
            {
                final long state = counters.get(EngineCounters.TRADING_STATE);
                for (int s = TradingState.ACTIVE; s <= TradingState.HALTED; s++)
                {
                    cb.call(state == s ? 1 : 0, TradingState.name(s));
                }
            })
            .register(registry);
        GaugeWithCallback.builder()
            .name("easyquant_position")
            .help("Position per instrument, in the instrument's quantity units (negative: short)")
            .labelNames("instrument")
            .callback(cb ->
            {
                for (int i = 0; i < instruments.count(); i++)
                {
                    final Instrument instrument = instruments.at(i);
                    cb.call(instrument.lotsToQty(counters.instrument(i, EngineCounters.POSITION_LOTS)).doubleValue(),
                        instrument.symbol());
                }
            })
            .register(registry);
        GaugeWithCallback.builder()
            .name("easyquant_mark_price")
            .help("Mark price per instrument, in its quote currency (0 before the first price)")
            .labelNames("instrument")
            .callback(cb ->
            {
                for (int i = 0; i < instruments.count(); i++)
                {
                    final long ticks = counters.instrument(i, EngineCounters.MARK_TICKS);
                    cb.call(ticks == 0 ? 0 : instruments.at(i).ticksToPrice(ticks).doubleValue(),
                        instruments.at(i).symbol());
                }
            })
            .register(registry);
        GaugeWithCallback.builder()
            .name("easyquant_pnl")
            .help("PnL per instrument in its quote currency; kind realized, unrealized, fees (a cost) or net")
            .labelNames("instrument", "kind")
            .callback(cb ->
            {
                for (int i = 0; i < instruments.count(); i++)
                {
                    final String symbol = instruments.at(i).symbol();
                    final long realized = counters.instrument(i, EngineCounters.REALIZED_CASH);
                    final long unrealized = counters.instrument(i, EngineCounters.UNREALIZED_CASH);
                    final long fees = counters.instrument(i, EngineCounters.FEES_CASH);
                    cb.call(cash(realized), symbol, "realized");
                    cb.call(cash(unrealized), symbol, "unrealized");
                    cb.call(cash(fees), symbol, "fees");
                    cb.call(cash(realized + unrealized - fees), symbol, "net");
                }
            })
            .register(registry);
        gauge("easyquant_ring_remaining_capacity", "Free slots in the ring", engine::ringRemainingCapacity);
        gauge("easyquant_ring_size", "Slots in the ring", engine::ringSize);
        gauge("easyquant_working_orders", "Orders working at the venue", () -> engine.orderBoard().working().size());
        gauge("easyquant_uptime_seconds", "Seconds since the pipeline started", () -> engine.startedAtMs() == 0 ? 0 :
            TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis() - engine.startedAtMs()));
        final Journal journal = sources.journal();
        if (journal != null)
        {
            gauge("easyquant_journal_size_bytes", "Size of the journal's files on disk", journal::sizeOnDisk);
            gauge("easyquant_journal_disk_free_bytes", "Usable space on the journal's file system (-1: unknown)",
                () -> usableBytes(journal.directory()));
        }
        final SinkMetrics sink = sources.sink();
        if (sink != null)
        {
            gauge("easyquant_sink_up", "1 while the Postgres sink is connected and writing, else 0",
                () -> sink.up() ? 1 : 0);
            gauge("easyquant_sink_lag_records", "Journal records the sink has yet to write (-1: unknown)",
                sink::lagRecords);
            GaugeWithCallback.builder()
                .name("easyquant_sink_lag_seconds")
                .help("Engine time between the last record the sink wrote and the journal's last record")
                .callback(cb -> cb.call(sink.lagSeconds()))
                .register(registry);
            counter("easyquant_sink_records", "Journal records the sink has written", sink::records);
            counter("easyquant_sink_rows", "Database rows the sink has written", sink::rows);
            counter("easyquant_sink_failures", "Failed connection attempts and batches of the sink", sink::failures);
        }
        final PipelineMonitor monitor = engine.monitor();
        GaugeWithCallback.builder()
            .name("easyquant_stage_lag_events")
            .help("Events published to the ring that the stage has not finished")
            .labelNames("stage")
            .callback(cb ->
            {
                final long cursor = engine.ringCursor();
                for (int s = 0; s < monitor.stageCount(); s++)
                {
                    cb.call(Math.max(0, cursor - monitor.lastSequence(s)), monitor.stageName(s));
                }
            })
            .register(registry);
        GaugeWithCallback.builder()
            .name("easyquant_stage_heartbeat_age_seconds")
            .help("Engine clock minus the event time of the last event the stage finished (the timer keeps it fresh)")
            .labelNames("stage")
            .callback(cb ->
            {
                final long nowNs = engine.context().clock().nanoTime();
                for (int s = 0; s < monitor.stageCount(); s++)
                {
                    final long heartbeat = monitor.heartbeatTimeNs(s);
                    cb.call(heartbeat == 0 ? Double.NaN : Math.max(0, nowNs - heartbeat) / 1e9,
                        monitor.stageName(s));
                }
            })
            .register(registry);

        final String sampling = "sampled: one event in " + monitor.sampleEvery() + " (those whose sequence is a " +
            "multiple of it)";
        registry.register(new LatencyHistograms(latency, "easyquant_stage_latency_seconds",
            "Time a stage spent on an event (stage=ring: from publish to the first stage), " + sampling + "; since " +
            "the start, the recovery replay excluded", false));
        registry.register(new LatencyHistograms(latency, "easyquant_tick_to_trade_seconds",
            "From a market-data event's publish to the hand-off to the venue of the order it caused, every order; " +
            "since the start, the recovery replay excluded", true));

        if (sources.version() != null)
        {
            GaugeWithCallback.builder()
                .name("easyquant_build_info")
                .help("The running build: 1, with the version and the Java runtime as labels")
                .labelNames("version", "java_version")
                .callback(cb -> cb.call(1, sources.version(), Runtime.version().toString()))
                .register(registry);
        }
        GaugeWithCallback.builder()
            .name("easyquant_risk_limit_usage_ratio")
            .help("Used share of a risk limit (1 = at the limit): max_position per instrument (|position| over the " +
                "limit), max_open_orders (working orders over the most allowed)")
            .labelNames("limit", "instrument")
            .callback(cb ->
            {
                final RiskLimits limits = engine.context().riskLimits();
                for (int i = 0; i < instruments.count(); i++)
                {
                    final long maxLots = limits.maxPositionLots(i);
                    if (maxLots > 0)
                    {
                        cb.call(Math.abs(counters.instrument(i, EngineCounters.POSITION_LOTS)) / (double)maxLots,
                            "max_position", instruments.at(i).symbol());
                    }
                }
                cb.call(engine.orderBoard().working().size() /
                    (double)engine.context().execution().maxWorkingOrders(), "max_open_orders", "");
            })
            .register(registry);
        CounterWithCallback.builder()
            .name("easyquant_instrument_fills")
            .help("Fills (full and partial) per instrument")
            .labelNames("instrument")
            .callback(cb ->
            {
                for (int i = 0; i < instruments.count(); i++)
                {
                    cb.call(counters.instrument(i, EngineCounters.INSTRUMENT_FILLS), instruments.at(i).symbol());
                }
            })
            .register(registry);
        GaugeWithCallback.builder()
            .name("easyquant_last_event_age_seconds")
            .help("Engine clock minus the event time of the last input the pipeline took (-1 before the first)")
            .callback(cb ->
            {
                final long last = counters.get(EngineCounters.LAST_EVENT_TIME_NS);
                cb.call(last == 0 ? -1 : Math.max(0, engine.context().clock().nanoTime() - last) / 1e9);
            })
            .register(registry);
        JvmMetrics.builder().register(registry);
    }

    /**
     * The buckets of {@link #latencyBucketsSeconds()}: 1, 2.5 and 5 times each power of ten from 100 ns to 5 s, then
     * 10 s (the recorders' ceiling), and +Inf.
     */
    static double[] latencyBucketsSeconds()
    {
        final double[] bounds = new double[LATENCY_BUCKETS_NS.length + 1];
        for (int i = 0; i < LATENCY_BUCKETS_NS.length; i++)
        {
            bounds[i] = LATENCY_BUCKETS_NS[i] / 1e9;
        }
        bounds[LATENCY_BUCKETS_NS.length] = Double.POSITIVE_INFINITY;
        return bounds;
    }

    private static long[] latencyBucketsNs()
    {
        final long[] bounds = new long[25];
        int i = 0;
        for (long decade = 100; decade <= 1_000_000_000L; decade *= 10)
        {
            bounds[i++] = decade;
            bounds[i++] = decade * 5 / 2;
            bounds[i++] = decade * 5;
        }
        bounds[i] = 10_000_000_000L;
        return bounds;
    }

    /**
     * Classic Prometheus histograms of the pipeline's latencies, read from {@link LatencyView} at scrape time: one
     * series ({@code tick_to_trade}) or every other one labelled by {@code stage}.
     */
    private static final class LatencyHistograms implements Collector
    {
        private final LatencyView latency;
        private final String name;
        private final String help;
        private final boolean tickToTrade;

        LatencyHistograms(final LatencyView latency, final String name, final String help, final boolean tickToTrade)
        {
            this.latency = latency;
            this.name = name;
            this.help = help;
            this.tickToTrade = tickToTrade;
        }

        @Override
        public MetricSnapshot collect()
        {
            final HistogramSnapshot.Builder snapshot = HistogramSnapshot.builder().name(name).help(help);
            final double[] bounds = latencyBucketsSeconds();
            for (final LatencyView.Buckets b : latency.histograms(System.nanoTime(), LATENCY_BUCKETS_NS))
            {
                if (LatencyView.TICK_TO_TRADE.equals(b.name()) != tickToTrade)
                {
                    continue;
                }
                snapshot.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, b.bucketCounts()))
                    .sum(b.sumSeconds())
                    .labels(tickToTrade ? Labels.EMPTY : Labels.of("stage", b.name()))
                    .build());
            }
            return snapshot.build();
        }
    }

    private void gauge(final String name, final String help, final LongSupplier value)
    {
        GaugeWithCallback.builder()
            .name(name)
            .help(help)
            .callback(cb -> cb.call(value.getAsLong()))
            .register(registry);
    }

    private void counter(final String name, final String help, final LongSupplier value)
    {
        CounterWithCallback.builder()
            .name(name)
            .help(help)
            .callback(cb -> cb.call(value.getAsLong()))
            .register(registry);
    }

    private static long usableBytes(final Path directory)
    {
        try
        {
            return Files.getFileStore(directory).getUsableSpace();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    private static double cash(final long cash)
    {
        return Instrument.cashToDecimal(cash).doubleValue();
    }

    String contentType()
    {
        return writer.getContentType();
    }

    void write(final OutputStream out) throws IOException
    {
        writer.write(out, registry.scrape());
    }

    /**
     * Live feeds: their connection, resync, gap and data-quality counters, and each book's state.
     */
    private void registerFeeds(final AdminSources sources)
    {
        if (sources.feeds().isEmpty())
        {
            return;
        }
        CounterWithCallback.builder()
            .name("easyquant_feed_events")
            .help("Live feed events by feed and kind: connects, disconnects, resyncs, gaps, malformed frames, ...")
            .labelNames("feed", "event")
            .callback(cb ->
            {
                for (final FeedMetrics feed : sources.feeds())
                {
                    for (int c = 0; c < feed.counterCount(); c++)
                    {
                        cb.call(feed.counter(c), feed.name(), feed.counterName(c));
                    }
                }
            })
            .register(registry);
        GaugeWithCallback.builder()
            .name("easyquant_book_state")
            .help("Venue order book state per feed and instrument: 1 for the current one (SYNCING, LIVE or STALE)")
            .labelNames("feed", "instrument", "state")
            .callback(cb ->
            {
                for (final FeedMetrics feed : sources.feeds())
                {
                    for (int b = 0; b < feed.bookCount(); b++)
                    {
                        final int state = feed.bookState(b);
                        final String instrument = Integer.toString(feed.bookInstrumentId(b));
                        for (int s = BookState.SYNCING; s <= BookState.STALE; s++)
                        {
                            cb.call(state == s ? 1 : 0, feed.name(), instrument, BookState.name(s));
                        }
                    }
                }
            })
            .register(registry);
    }
}
