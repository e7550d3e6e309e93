package io.easyquant.adapters.feed.live;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IsoTimeTest
{
    private static long parse(final String text)
    {
        return IsoTime.parseNanos(text.toCharArray(), 0, text.length());
    }

    private static long nanos(final String text)
    {
        final Instant instant = Instant.parse(text);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Test
    void shouldParseVenueTimestampsToEpochNanos()
    {
        for (final String text : new String[] {"2023-02-09T20:32:50.714964855Z", "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59.5Z", "2026-12-08T03:04:05.123Z", "2000-03-01T00:00:00.000000001Z"})
        {
            assertEquals(nanos(text), parse(text), text);
        }
    }

    @Test
    void shouldRefuseOtherShapes()
    {
        for (final String text : new String[] {"", "2023-02-09 20:32:50Z", "2023-02-09T20:32:50", "2023-13-09T20:32:50Z",
            "2023-02-09T20:32:50.Z", "2023-02-09T20:32:50.1234567890Z", "2023-02-09T2x:32:50Z"})
        {
            assertEquals(IsoTime.INVALID, parse(text), text);
        }
    }
}
