package io.easyquant.ops.cli;

import picocli.CommandLine;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Parses durations such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}; a bare number is seconds. Formats
 * them back for messages ({@link #format(long)}).
 */
public final class Durations implements CommandLine.ITypeConverter<Long>
{
    /**
     * @return the duration in nanoseconds.
     */
    @Override
    public Long convert(final String value)
    {
        return parseNs(value);
    }

    /**
     * @throws CommandLine.TypeConversionException with the expected format for a bad value.
     */
    public static long parseNs(final String value)
    {
        final String text = value.trim().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < text.length() && (Character.isDigit(text.charAt(split)) || text.charAt(split) == '.'))
        {
            split++;
        }
        final String number = text.substring(0, split);
        final String unit = text.substring(split).trim();
        final double amount;
        try
        {
            amount = Double.parseDouble(number);
        }
        catch (final NumberFormatException ex)
        {
            throw new CommandLine.TypeConversionException(
                "'" + value + "' is not a duration; expected a number with ms, s, m or h, e.g. 30s");
        }
        final TimeUnit timeUnit;
        switch (unit)
        {
            case "ms":
                timeUnit = TimeUnit.MILLISECONDS;
                break;
            case "":
            case "s":
                timeUnit = TimeUnit.SECONDS;
                break;
            case "m":
                timeUnit = TimeUnit.MINUTES;
                break;
            case "h":
                timeUnit = TimeUnit.HOURS;
                break;
            default:
                throw new CommandLine.TypeConversionException(
                    "'" + value + "' has an unknown unit '" + unit + "'; expected ms, s, m or h");
        }
        final long ns = (long)(amount * timeUnit.toNanos(1));
        if (ns <= 0)
        {
            throw new CommandLine.TypeConversionException("'" + value + "': expected a positive duration");
        }
        return ns;
    }

    /**
     * Format a duration the way {@link #parseNs} reads it, largest units first: {@code 5m}, {@code 1h30m},
     * {@code 2d3h}, {@code 1s500ms}; a remainder under a millisecond is shown in {@code ns}.
     *
     * @param ns a duration in nanoseconds, at least 0.
     */
    public static String format(final long ns)
    {
        if (ns == 0)
        {
            return "0s";
        }
        final StringBuilder out = new StringBuilder(16);
        long rest = ns;
        rest = appendUnit(out, rest, TimeUnit.DAYS.toNanos(1), "d");
        rest = appendUnit(out, rest, TimeUnit.HOURS.toNanos(1), "h");
        rest = appendUnit(out, rest, TimeUnit.MINUTES.toNanos(1), "m");
        rest = appendUnit(out, rest, TimeUnit.SECONDS.toNanos(1), "s");
        rest = appendUnit(out, rest, TimeUnit.MILLISECONDS.toNanos(1), "ms");
        appendUnit(out, rest, 1, "ns");
        return out.toString();
    }

    private static long appendUnit(final StringBuilder out, final long ns, final long unitNs, final String unit)
    {
        final long count = ns / unitNs;
        if (count > 0)
        {
            out.append(count).append(unit);
        }
        return ns - count * unitNs;
    }
}
