package io.easyquant.ops.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the journal commands print indexes, times and sizes.
 */
final class JournalFormats
{
    /** As {@link io.easyquant.journal.codec.RecordFormatter} prints record times: UTC, nine fraction digits. */
    private static final DateTimeFormatter TIME_FORMAT =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private JournalFormats()
    {
    }

    /**
     * A Chronicle index in hex, as Chronicle prints it: the roll cycle in the high bits, the entry's sequence within
     * the cycle in the low bits, e.g. {@code 0x4e2000000001}.
     */
    static String index(final long index)
    {
        return "0x" + Long.toHexString(index);
    }

    /**
     * @param timeNs nanoseconds since the Unix epoch.
     * @return the instant in ISO-8601 UTC with nine fraction digits, e.g. {@code 2024-01-02T03:04:05.000000000Z}.
     */
    static String time(final long timeNs)
    {
        return TIME_FORMAT.format(
            Instant.ofEpochSecond(Math.floorDiv(timeNs, NANOS_PER_SECOND), Math.floorMod(timeNs, NANOS_PER_SECOND)));
    }

    /**
     * @return the size in binary units with one decimal, e.g. {@code 80.1 MiB}, or {@code 512 B} under 1 KiB.
     */
    static String size(final long bytes)
    {
        if (bytes < 1024)
        {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, BINARY_UNITS[unit]);
    }
}
