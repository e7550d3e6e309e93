package io.easyquant.ops.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Fixed number and text formats of the report files: the same value always prints the same characters, whatever
 * the default locale.
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
        if (!Double.isFinite(value))
        {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        return new BigDecimal(value).setScale(RATIO_SCALE, RoundingMode.HALF_EVEN).toPlainString();
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
     * @return ISO-8601 UTC, e.g. {@code 2024-01-01T00:00:00Z} (fraction digits only when there is a fraction).
     */
    static String time(final long timeNs)
    {
        return EquityCurve.instant(timeNs).toString();
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
