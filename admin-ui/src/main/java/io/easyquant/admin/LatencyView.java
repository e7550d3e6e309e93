package io.easyquant.admin;

import io.easyquant.engine.metrics.PipelineMonitor;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one reader of the pipeline's latency recorders. Each {@link #refresh} takes the interval histogram of every
 * recorder (the pipeline threads never wait for it) and adds it to a total since the start and to a window of the last
 * {@link #WINDOW_SECONDS} seconds, kept as {@link #BUCKETS} buckets that rotate.
 *
 * <p>Series: {@code ring} (publish to the first stage), one per stage (its service time), both measured on one event
 * in {@link PipelineMonitor#sampleEvery()}, and {@code tick_to_trade} (market-data publish to the order's hand-off to
 * the venue, every order).
 *
 * <p>Thread-safe: every method is synchronized; refreshes closer together than {@link #MIN_REFRESH_NS} are skipped, so
 * a flood of requests costs the pipeline nothing and the server little.
 */
final class LatencyView
{
    static final int BUCKETS = 6;
    static final long BUCKET_NS = TimeUnit.SECONDS.toNanos(10);
    static final long WINDOW_SECONDS = TimeUnit.NANOSECONDS.toSeconds(BUCKETS * BUCKET_NS);
    static final long MIN_REFRESH_NS = TimeUnit.MILLISECONDS.toNanos(200);

    static final String RING = "ring";
    static final String TICK_TO_TRADE = "tick_to_trade";

    private final PipelineMonitor monitor;
    private final List<Series> series = new ArrayList<>();
    private final Histogram scratch = PipelineMonitor.newHistogram();
    private long lastRefreshNs;
    private boolean refreshed;

    LatencyView(final PipelineMonitor monitor)
    {
        this.monitor = monitor;
        series.add(new Series(RING, "stage", monitor.queueLatency()));
        for (int stage = 0; stage < monitor.stageCount(); stage++)
        {
            series.add(new Series(monitor.stageName(stage), "stage", monitor.stageLatency(stage)));
        }
        series.add(new Series(TICK_TO_TRADE, "end-to-end", monitor.tickToTrade()));
    }

    /**
     * Take new intervals from the recorders, unless the last refresh is more recent than {@link #MIN_REFRESH_NS}.
     */
    synchronized void refresh(final long nowNs)
    {
        if (refreshed && nowNs - lastRefreshNs < MIN_REFRESH_NS)
        {
            return;
        }
        for (final Series s : series)
        {
            s.refresh(nowNs);
        }
        lastRefreshNs = nowNs;
        refreshed = true;
    }

    /**
     * Percentiles of one series, in microseconds; null values when nothing was recorded.
     */
    record Percentiles(long count, Double p50, Double p90, Double p99, Double p999, Double max)
    {
    }

    record SeriesView(String name, String kind, Percentiles window, Percentiles total)
    {
    }

    record Latency(String unit, long windowSeconds, int sampleEvery, List<SeriesView> series)
    {
    }

    synchronized Latency view(final long nowNs)
    {
        refresh(nowNs);
        final List<SeriesView> views = new ArrayList<>();
        for (final Series s : series)
        {
            views.add(new SeriesView(s.name, s.kind, percentiles(s.window(scratch)), percentiles(s.total)));
        }
        return new Latency("us", WINDOW_SECONDS, monitor.sampleEvery(), views);
    }

    /**
     * One series as a classic histogram since the start (replay excluded, see {@link #discardRecorded}).
     *
     * @param bucketCounts per bucket, not cumulative: observations up to each bound (and above the last one, at
     *                     the end), to the recorders' precision (2 significant digits) at the bounds.
     */
    record Buckets(String name, long count, double sumSeconds, long[] bucketCounts)
    {
    }

    /**
     * @param boundsNs the buckets' upper bounds in nanoseconds, ascending; the answer has one more count, above them.
     */
    synchronized List<Buckets> histograms(final long nowNs, final long[] boundsNs)
    {
        refresh(nowNs);
        final List<Buckets> list = new ArrayList<>();
        for (final Series s : series)
        {
            final long count = s.total.getTotalCount();
            final long[] counts = new long[boundsNs.length + 1];
            long below = 0;
            for (int i = 0; i < boundsNs.length; i++)
            {
                final long upTo = count == 0 ? 0 : Math.min(count, s.total.getCountBetweenValues(0, boundsNs[i]));
                counts[i] = Math.max(0, upTo - below);
                below = Math.max(below, upTo);
            }
            counts[boundsNs.length] = count - below;
            list.add(new Buckets(s.name, count, count == 0 ? 0 : s.total.getMean() * count / 1e9, counts));
        }
        return list;
    }

    /**
     * Drop what the recorders hold so far: called once the recovery replay is over (when the server starts), so
     * that the replay's latencies, measured on recorded events at replay speed, never count.
     */
    synchronized void discardRecorded()
    {
        for (final Series s : series)
        {
            s.interval = s.recorder.getIntervalHistogram(s.interval);
        }
    }

    private static Percentiles percentiles(final Histogram histogram)
    {
        final long count = histogram.getTotalCount();
        if (count == 0)
        {
            return new Percentiles(0, null, null, null, null, null);
        }
        return new Percentiles(count, micros(histogram.getValueAtPercentile(50)),
            micros(histogram.getValueAtPercentile(90)), micros(histogram.getValueAtPercentile(99)),
            micros(histogram.getValueAtPercentile(99.9)), micros(histogram.getMaxValue()));
    }

    private static Double micros(final long nanos)
    {
        return Math.round(nanos / 10.0) / 100.0;
    }

    /**
     * One recorder, its total and its window.
     */
    private static final class Series
    {
        final String name;
        final String kind;
        final SingleWriterRecorder recorder;
        final Histogram total = PipelineMonitor.newHistogram();
        final Histogram[] buckets = new Histogram[BUCKETS];
        Histogram interval;
        int current;
        long currentStartNs;
        boolean started;

        Series(final String name, final String kind, final SingleWriterRecorder recorder)
        {
            this.name = name;
            this.kind = kind;
            this.recorder = recorder;
            for (int i = 0; i < BUCKETS; i++)
            {
                buckets[i] = PipelineMonitor.newHistogram();
            }
        }

        void refresh(final long nowNs)
        {
            if (!started)
            {
                currentStartNs = nowNs;
                started = true;
            }
            while (nowNs - currentStartNs >= BUCKET_NS)
            {
                current = (current + 1) % BUCKETS;
                buckets[current].reset();
                currentStartNs += BUCKET_NS;
                if (nowNs - currentStartNs >= BUCKETS * BUCKET_NS)
                {
                    for (final Histogram bucket : buckets)
                    {
                        bucket.reset();
                    }
                    currentStartNs = nowNs;
                }
            }
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
            buckets[current].add(interval);
        }

        Histogram window(final Histogram into)
        {
            into.reset();
            for (final Histogram bucket : buckets)
            {
                into.add(bucket);
            }
            return into;
        }
    }
}
