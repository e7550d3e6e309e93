package io.easyquant.perf.harness;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Latency histograms in nanoseconds and their Markdown rows in microseconds: p50, p90, p99, p99.9, p99.99, max and
 * the count.
 */
final class Latencies
{
    /** Highest value recorded; anything above is clamped (and still counted). */
    static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private Latencies()
    {
    }

    static Histogram newHistogram()
    {
        return new Histogram(HIGHEST_NS, 3);
    }

    static void record(final Histogram histogram, final long valueNs)
    {
        histogram.recordValue(Math.max(0, Math.min(HIGHEST_NS, valueNs)));
    }

    static void header(final PrintStream out, final String first)
    {
        out.println("| " + first + " | p50 µs | p90 µs | p99 µs | p99.9 µs | p99.99 µs | max µs | count |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    }

    static void row(final PrintStream out, final String name, final Histogram histogram)
    {
        final StringBuilder row = new StringBuilder("| ").append(name).append(" | ");
        for (final double percentile : PERCENTILES)
        {
            row.append(micros(histogram.getValueAtPercentile(percentile))).append(" | ");
        }
        row.append(micros(histogram.getMaxValue())).append(" | ").append(histogram.getTotalCount()).append(" |");
        out.println(row);
    }

    /**
     * A row of subject / baseline at each percentile.
     */
    static void ratioRow(final PrintStream out, final String name, final Histogram subject, final Histogram baseline)
    {
        final StringBuilder row = new StringBuilder("| ").append(name).append(" | ");
        for (final double percentile : PERCENTILES)
        {
            row.append(Rates.ratio(subject.getValueAtPercentile(percentile),
                baseline.getValueAtPercentile(percentile))).append(" | ");
        }
        row.append(Rates.ratio(subject.getMaxValue(), baseline.getMaxValue())).append(" | |");
        out.println(row);
    }

    static String micros(final double nanos)
    {
        if (nanos >= 100_000)
        {
            return String.format(Locale.ROOT, "%.0f", nanos / 1000.0);
        }
        if (nanos >= 10_000)
        {
            return String.format(Locale.ROOT, "%.1f", nanos / 1000.0);
        }
        return String.format(Locale.ROOT, "%.2f", nanos / 1000.0);
    }
}
