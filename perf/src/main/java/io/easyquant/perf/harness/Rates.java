package io.easyquant.perf.harness;

import java.util.Arrays;
import java.util.Locale;

/**
 * Throughputs of repeated rounds of one run, in events per second: best and median, as the method asks.
 */
final class Rates
{
    private double[] values = new double[8];
    private int count;

    void add(final long events, final long elapsedNs)
    {
        if (count == values.length)
        {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = events * 1e9 / Math.max(1, elapsedNs);
    }

    int count()
    {
        return count;
    }

    double best()
    {
        double best = 0;
        for (int i = 0; i < count; i++)
        {
            best = Math.max(best, values[i]);
        }
        return best;
    }

    double median()
    {
        if (count == 0)
        {
            return 0;
        }
        final double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }

    /**
     * @return e.g. {@code 3.41 M/s}, {@code 812 k/s}.
     */
    static String format(final double perSecond)
    {
        if (perSecond >= 1e6)
        {
            return String.format(Locale.ROOT, "%.2f M/s", perSecond / 1e6);
        }
        if (perSecond >= 1e3)
        {
            return String.format(Locale.ROOT, "%.0f k/s", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f /s", perSecond);
    }

    static String ratio(final double numerator, final double denominator)
    {
        if (denominator <= 0)
        {
            return "n/a";
        }
        final double ratio = numerator / denominator;
        return ratio < 0.01 ? "<0.01×" : String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
