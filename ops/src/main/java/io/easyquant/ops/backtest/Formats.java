package io.easyquant.ops.backtest;

import io.easyquant.engine.instrument.Instrument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Fixed number and text formats of the report files: the same value always prints the same characters, whatever
 * the default locale.
 *
 * <p>The {@code append...} forms write into a caller's {@link StringBuilder} without the intermediate
 * {@link BigDecimal} or {@link Instant}: a report of millions of equity samples spent most of its time there. They
 * print exactly what the {@link BigDecimal} and {@link Instant#toString()} forms print, falling back to them for the
 * values they do not handle themselves.
 */
final class Formats
{
    /**
     * Decimal places of money in the machine-readable files: the engine's cash unit, 1e-8, so amounts are exact.
     */
    static final int MONEY_SCALE = 8;

    /**
     * Decimal places of ratios and other doubles in the machine-readable files.
     */
    static final int RATIO_SCALE = 6;

    /** 10000-01-01T00:00:00Z in epoch seconds: from there {@link Instant#toString()} prints a signed year. */
    private static final long LAST_FAST_SECOND = 253_402_300_800L;

    private Formats()
    {
    }

    /**
     * @return the amount at scale 8, rounded half-even, e.g. {@code -1.50000000}.
     */
    static String money(final BigDecimal amount)
    {
        return amount.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * @return cash units (1e-8 of the quote currency) as {@link #money(BigDecimal)} prints them.
     */
    static String money(final long cash)
    {
        return appendMoney(new StringBuilder(24), cash).toString();
    }

    /**
     * Append cash units (1e-8 of the quote currency) at scale 8, exactly as {@link #money(BigDecimal)} prints
     * {@link Instrument#cashToDecimal(long)}.
     */
    static StringBuilder appendMoney(final StringBuilder out, final long cash)
    {
        if (cash == Long.MIN_VALUE)
        {
            return out.append(money(Instrument.cashToDecimal(cash)));
        }
        if (cash < 0)
        {
            out.append('-');
        }
        final long abs = Math.abs(cash);
        out.append(abs / Instrument.CASH_SCALE).append('.');
        return appendDigits(out, abs % Instrument.CASH_SCALE, MONEY_SCALE);
    }

    /**
     * @return a quantity or price without trailing zeros and without exponent, e.g. {@code 0.5} or {@code 100}.
     */
    static String plain(final BigDecimal value)
    {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /**
     * @return the exact binary value rounded half-even to 6 places, never {@code -0.000000}.
     * @throws IllegalArgumentException if the value is NaN or infinite.
     */
    static String ratio(final double value)
    {
        return appendRatio(new StringBuilder(24), value).toString();
    }

    /**
     * {@link #ratio(double)} the slow, obviously exact way: the reference the fast path is tested against.
     */
    static String exactRatio(final double value)
    {
        if (!Double.isFinite(value))
        {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        return new BigDecimal(value).setScale(RATIO_SCALE, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * Append {@link #ratio(double)}. The value times 10^6 is rounded directly when it is small enough to be within
     * 2.5e-7 of the exact product and clearly not a tie; otherwise (large values, near-ties) {@link #exactRatio}
     * decides.
     *
     * @throws IllegalArgumentException if the value is NaN or infinite.
     */
    static StringBuilder appendRatio(final StringBuilder out, final double value)
    {
        if (!Double.isFinite(value))
        {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        final double scaled = value * 1e6;
        if (Math.abs(scaled) < 0x1p31)
        {
            final double floor = Math.floor(scaled);
            final double fraction = scaled - floor;
            if (Math.abs(fraction - 0.5) > 1e-6)
            {
                final long rounded = (long)floor + (fraction > 0.5 ? 1 : 0);
                if (rounded < 0)
                {
                    out.append('-');
                }
                final long abs = Math.abs(rounded);
                out.append(abs / 1_000_000).append('.');
                return appendDigits(out, abs % 1_000_000, RATIO_SCALE);
            }
        }
        return out.append(exactRatio(value));
    }

    /**
     * @return nanoseconds as seconds with 6 places.
     */
    static String seconds(final Duration duration)
    {
        return BigDecimal.valueOf(duration.toNanos(), 9).setScale(RATIO_SCALE, RoundingMode.HALF_EVEN)
            .toPlainString();
    }

    /**
     * @return ISO-8601 UTC, e.g. {@code 2024-01-01T00:00:00Z} (fraction digits only when there is a fraction), as
     *         {@link Instant#toString()} prints it.
     */
    static String time(final long timeNs)
    {
        return appendTime(new StringBuilder(32), timeNs).toString();
    }

    /**
     * Append {@link #time(long)}: computed directly for times from 1970 to 9999, as {@link Instant#toString()} prints
     * them (fraction digits in groups of three, only when there is a fraction); other times by {@link Instant}.
     */
    static StringBuilder appendTime(final StringBuilder out, final long timeNs)
    {
        final long seconds = Math.floorDiv(timeNs, 1_000_000_000L);
        if (seconds < 0 || seconds >= LAST_FAST_SECOND)
        {
            return out.append(EquityCurve.instant(timeNs));
        }
        final int nanos = (int)Math.floorMod(timeNs, 1_000_000_000L);
        final long epochDay = seconds / 86_400;
        final int secondOfDay = (int)(seconds % 86_400);
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm), valid for every day handled here.
        final long z = epochDay + 719_468;
        final long era = z / 146_097;
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long monthIndex = (5 * dayOfYear + 2) / 153;
        final long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        final long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        appendDigits(out, year, 4).append('-');
        appendDigits(out, month, 2).append('-');
        appendDigits(out, day, 2).append('T');
        appendDigits(out, secondOfDay / 3_600, 2).append(':');
        appendDigits(out, secondOfDay / 60 % 60, 2).append(':');
        appendDigits(out, secondOfDay % 60, 2);
        if (nanos != 0)
        {
            out.append('.');
            if (nanos % 1_000_000 == 0)
            {
                appendDigits(out, nanos / 1_000_000, 3);
            }
            else if (nanos % 1_000 == 0)
            {
                appendDigits(out, nanos / 1_000, 6);
            }
            else
            {
                appendDigits(out, nanos, 9);
            }
        }
        return out.append('Z');
    }

    /**
     * Append a value of at most {@code digits} digits, zero-padded on the left to exactly that many.
     */
    private static StringBuilder appendDigits(final StringBuilder out, final long value, final int digits)
    {
        long limit = 10;
        for (int i = 1; i < digits; i++)
        {
            if (value < limit)
            {
                out.append('0');
            }
            limit *= 10;
        }
        return out.append(value);
    }

    /**
     * @return an ISO-8601 duration that {@link Duration#parse} reads back: whole days as {@code P1D}, otherwise as
     *         {@link Duration#toString()}, e.g. {@code PT1H}.
     */
    static String period(final Duration duration)
    {
        final boolean wholeDays = !duration.isZero() && duration.toNanos() % Duration.ofDays(1).toNanos() == 0;
        return wholeDays ? "P" + duration.toDays() + "D" : duration.toString();
    }

    /**
     * @return a UTC time for a person, e.g. {@code 2024-01-02 13:45:00} (fraction digits only when there is one).
     */
    static String displayTime(final Instant time)
    {
        final String iso = time.toString();
        return iso.substring(0, iso.length() - 1).replace('T', ' ');
    }

    /**
     * @return money for a person: two places, grouped thousands, e.g. {@code 12,345.68}.
     */
    static String displayMoney(final BigDecimal amount)
    {
        return String.format(Locale.ROOT, "%,.2f", amount.setScale(2, RoundingMode.HALF_EVEN));
    }

    /**
     * @return a fraction as a percentage with two places, e.g. {@code 12.50 %}.
     */
    static String displayPercent(final double fraction)
    {
        return String.format(Locale.ROOT, "%.2f %%", fraction * 100.0);
    }

    /**
     * @return a number with the given places and grouped thousands.
     */
    static String displayNumber(final double value, final int places)
    {
        return String.format(Locale.ROOT, "%,." + places + "f", value);
    }

    /**
     * @return a duration for a person: {@code 2d 3h}, {@code 3h 4m}, {@code 4m 5s} or {@code 1.250 s}.
     */
    static String displayDuration(final Duration duration)
    {
        if (duration.toDays() > 0)
        {
            return duration.toDays() + "d " + duration.toHoursPart() + "h";
        }
        if (duration.toHours() > 0)
        {
            return duration.toHours() + "h " + duration.toMinutesPart() + "m";
        }
        if (duration.toMinutes() > 0)
        {
            return duration.toMinutes() + "m " + duration.toSecondsPart() + "s";
        }
        return String.format(Locale.ROOT, "%.3f s", duration.toNanos() / 1e9);
    }

    /**
     * @return a period for a person in its largest whole unit, e.g. {@code 1 day}, {@code 1 hour}, {@code 5 minutes},
     *         {@code 1 second}, or {@link #displayDuration} when it is not a whole number of seconds.
     */
    static String displayPeriod(final Duration duration)
    {
        final long seconds = duration.toSeconds();
        if (duration.isZero() || duration.isNegative() || duration.toNanosPart() != 0)
        {
            return displayDuration(duration);
        }
        if (seconds % 86_400 == 0)
        {
            return plural(seconds / 86_400, "day");
        }
        if (seconds % 3_600 == 0)
        {
            return plural(seconds / 3_600, "hour");
        }
        return seconds % 60 == 0 ? plural(seconds / 60, "minute") : plural(seconds, "second");
    }

    private static String plural(final long count, final String unit)
    {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /**
     * @return the field as RFC 4180 wants it: quoted, inner quotes doubled, when it holds a comma, quote or line break.
     */
    static String csv(final String field)
    {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0)
        {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /**
     * @return the text with {@code & < > " '} escaped for HTML text and attribute values.
     */
    static String html(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
