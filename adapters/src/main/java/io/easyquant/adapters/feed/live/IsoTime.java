package io.easyquant.adapters.feed.live;

/**
 * Allocation-free parsing of the UTC timestamps venues send, {@code 2023-02-09T20:32:50.714964855Z} (0 to 9
 * fractional digits, {@code Z} only), into nanoseconds since the Unix epoch.
 */
public final class IsoTime
{
    /** Returned for text that is not such a timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private IsoTime()
    {
    }

    public static long parseNanos(final char[] text, final int offset, final int length)
    {
        if (length < 20 || text[offset + length - 1] != 'Z' || text[offset + 4] != '-' ||
            text[offset + 7] != '-' || text[offset + 10] != 'T' || text[offset + 13] != ':' ||
            text[offset + 16] != ':')
        {
            return INVALID;
        }
        final int year = digits(text, offset, 4);
        final int month = digits(text, offset + 5, 2);
        final int day = digits(text, offset + 8, 2);
        final int hour = digits(text, offset + 11, 2);
        final int minute = digits(text, offset + 14, 2);
        final int second = digits(text, offset + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 ||
            minute > 59 || second < 0 || second > 60)
        {
            return INVALID;
        }
        long nanos = 0;
        final int end = offset + length - 1;
        int i = offset + 19;
        if (i < end)
        {
            if (text[i] != '.' || end - i - 1 > 9 || end - i - 1 < 1)
            {
                return INVALID;
            }
            int scale = 100_000_000;
            for (i++; i < end; i++)
            {
                final char c = text[i];
                if (c < '0' || c > '9')
                {
                    return INVALID;
                }
                nanos += (c - '0') * (long)scale;
                scale /= 10;
            }
        }
        final long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + minute) * 60_000_000_000L + second * 1_000_000_000L + nanos;
    }

    private static int digits(final char[] text, final int offset, final int count)
    {
        int value = 0;
        for (int i = 0; i < count; i++)
        {
            final char c = text[offset + i];
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
     */
    private static long daysFromCivil(final int year, final int month, final int day)
    {
        final int y = month <= 2 ? year - 1 : year;
        final int era = (y >= 0 ? y : y - 399) / 400;
        final int yearOfEra = y - era * 400;
        final int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }
}
