package io.easyquant.ops.cli;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DurationsTest
{
    @Test
    void shouldFormatDurationsLargestUnitFirst()
    {
        assertEquals("5m", Durations.format(TimeUnit.MINUTES.toNanos(5)));
        assertEquals("2h2m", Durations.format(TimeUnit.MINUTES.toNanos(122)));
        assertEquals("1d1h", Durations.format(TimeUnit.HOURS.toNanos(25)));
        assertEquals("1s500ms", Durations.format(TimeUnit.MILLISECONDS.toNanos(1500)));
        assertEquals("1500ns", Durations.format(1500));
        assertEquals("0s", Durations.format(0));
    }

    @Test
    void shouldReadBackWhatItFormats()
    {
        for (final String text : new String[] {"500ms", "30s", "5m", "2h"})
        {
            assertEquals(text, Durations.format(Durations.parseNs(text)));
        }
    }
}
