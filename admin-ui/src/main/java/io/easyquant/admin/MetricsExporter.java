package io.easyquant.admin;

import io.easyquant.engine.Engine;
import io.easyquant.engine.feed.FeedMetrics;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.metrics.PipelineMonitor;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.engine.risk.RiskReason;
import io.easyquant.journal.codec.BookState;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.TradingState;
import io.easyquant.journal.queue.Journal;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
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
 *       {@code easyquant_sink_failures_total}.</li>
 *   <li>Gauges: {@code easyquant_position{instrument}} (instrument units), {@code easyquant_pnl{instrument,kind}}
 *       (quote currency; kind realized, unrealized, fees, net), {@code easyquant_mark_price{instrument}},
 *       {@code easyquant_trading_state{state}} (1 for the current state), {@code easyquant_ring_remaining_capacity},
 *       {@code easyquant_ring_size}, {@code easyquant_working_orders}, {@code easyquant_journal_size_bytes},
 *       {@code easyquant_sink_up}, {@code easyquant_sink_lag_records}, {@code easyquant_sink_lag_seconds} (these
 *       and the sink's counters only where a sink is configured), {@code easyquant_stage_lag_events{stage}},
 *       {@code easyquant_stage_heartbeat_age_seconds{stage}}, {@code easyquant_uptime_seconds}.</li>
 *   <li>Summaries: {@code easyquant_stage_latency_seconds{stage}} (service time, and {@code stage="ring"} for the
 *       wait in the ring; sampled, see {@link PipelineMonitor}) and {@code easyquant_tick_to_trade_seconds}: quantiles
 *       over the last {@link LatencyView#WINDOW_SECONDS} s, count and sum since the start (the sum from the
 *       histogram's mean, to its 1% precision).</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
final class MetricsExporter
{
    static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

    private static final Set<String> SEPARATE = Set.of("events_in", "risk_rejects", "ingest_rejects", "trading_state",
        "last_event_time_ns");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    MetricsExporter(final Engine engine, final AdminSources sources, final LatencyView latency)
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

        SummaryWithCallback.builder()
            .name("easyquant_stage_latency_seconds")
            .help("Time a stage spent on an event (stage=ring: publish to the first stage), sampled; quantiles over " +
                "the last " + LatencyView.WINDOW_SECONDS + " s")
            .labelNames("stage")
            .callback(cb ->
            {
                for (final LatencyView.Summary s : latency.summaries(System.nanoTime(), QUANTILES))
                {
                    if (!LatencyView.TICK_TO_TRADE.equals(s.name()))
                    {
                        cb.call(s.totalCount(), s.totalSumSeconds(), quantiles(s), s.name());
                    }
                }
            })
            .register(registry);
        SummaryWithCallback.builder()
            .name("easyquant_tick_to_trade_seconds")
            .help("From a market-data event's publish to the hand-off to the venue of the order it caused; quantiles " +
                "over the last " + LatencyView.WINDOW_SECONDS + " s")
            .callback(cb ->
            {
                for (final LatencyView.Summary s : latency.summaries(System.nanoTime(), QUANTILES))
                {
                    if (LatencyView.TICK_TO_TRADE.equals(s.name()))
                    {
                        cb.call(s.totalCount(), s.totalSumSeconds(), quantiles(s));
                    }
                }
            })
            .register(registry);
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

    private static Quantiles quantiles(final LatencyView.Summary summary)
    {
        final List<Quantile> list = new ArrayList<>();
        for (int i = 0; i < QUANTILES.length; i++)
        {
            list.add(new Quantile(QUANTILES[i], summary.windowValuesSeconds()[i]));
        }
        return Quantiles.of(list);
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
