package io.easyquant.perf.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Summarises a unified JVM GC log ({@code -Xlog:gc:file=...:uptime}): the pauses before and after a warm-up time,
 * by kind, with their total pause time.
 */
final class GcLogSummary
{
    /** e.g. {@code [12.345s] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(1024M) 2.345ms}. */
    private static final Pattern PAUSE = Pattern.compile(
        "^\\[(\\d+(?:\\.\\d+)?)s\\].*GC\\(\\d+\\) (Pause [A-Za-z]+(?: \\([A-Za-z ]+\\))?).*?([\\d.]+)ms\\s*$");

    private GcLogSummary()
    {
    }

    static void summarise(final Path log, final double warmupSeconds, final PrintStream out) throws IOException
    {
        final List<String> lines = Files.readAllLines(log);
        final Map<String, long[]> before = new TreeMap<>();
        final Map<String, long[]> after = new TreeMap<>();
        final Map<String, double[]> afterMs = new TreeMap<>();
        for (final String line : lines)
        {
            final Matcher matcher = PAUSE.matcher(line);
            if (!matcher.matches())
            {
                continue;
            }
            final double uptime = Double.parseDouble(matcher.group(1));
            final String kind = matcher.group(2);
            if (uptime < warmupSeconds)
            {
                before.computeIfAbsent(kind, key -> new long[1])[0]++;
            }
            else
            {
                after.computeIfAbsent(kind, key -> new long[1])[0]++;
                afterMs.computeIfAbsent(kind, key -> new double[1])[0] += Double.parseDouble(matcher.group(3));
            }
        }
        long total = 0;
        for (final long[] count : after.values())
        {
            total += count[0];
        }
        out.printf(Locale.ROOT, "GC pauses in the first %.0f s (start-up and warm-up): %s.%n%n", warmupSeconds,
            before.isEmpty() ? "none" : describe(before));
        out.printf(Locale.ROOT, "**GC pauses after warm-up: %d**%s%n%n", total,
            after.isEmpty() ? "." : " (" + describe(after) + "; pause time " + pauseTimes(afterMs) + ").");
    }

    private static String describe(final Map<String, long[]> counts)
    {
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<String, long[]> entry : counts.entrySet())
        {
            if (text.length() > 0)
            {
                text.append(", ");
            }
            text.append(entry.getValue()[0]).append(" × ").append(entry.getKey());
        }
        return text.toString();
    }

    private static String pauseTimes(final Map<String, double[]> times)
    {
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<String, double[]> entry : times.entrySet())
        {
            if (text.length() > 0)
            {
                text.append(", ");
            }
            text.append(String.format(Locale.ROOT, "%s %.1f ms", entry.getKey(), entry.getValue()[0]));
        }
        return text.toString();
    }
}
