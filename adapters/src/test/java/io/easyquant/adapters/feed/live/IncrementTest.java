package io.easyquant.adapters.feed.live;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncrementTest
{
    private static long units(final String increment, final String text)
    {
        final char[] chars = ("xx" + text + "yy").toCharArray();
        return new Increment(new BigDecimal(increment)).units(chars, 2, text.length());
    }

    @Test
    void shouldParseVenueDecimalsExactlyIntoWholeIncrements()
    {
        assertEquals(6_000_001L, units("0.01", "60000.01000000"));
        assertEquals(50_000L, units("0.00001", "0.50000000"));
        assertEquals(0L, units("0.00001", "0.00000000"));
        assertEquals(5L, units("0.5", "2.5"));
        assertEquals(3L, units("5", "15"));
        assertEquals(7L, units("0.001", ".007"));
        assertEquals(1L, units("0.01", "0.010000000000000000000000"));
    }

    @Test
    void shouldRefuseValuesOffTheGridWithoutRounding()
    {
        assertEquals(Increment.NOT_WHOLE, units("0.01", "60000.015"));
        assertEquals(Increment.NOT_WHOLE, units("0.5", "2.4"));
        assertEquals(Increment.NOT_WHOLE, units("5", "12"));
        assertEquals(Increment.NOT_WHOLE, units("0.01", "0.0100000000000000000001"));
        assertEquals(Increment.NOT_WHOLE, units("0.01", "99999999999999999999"));
    }

    @Test
    void shouldRefuseMalformedText()
    {
        assertEquals(Increment.MALFORMED, units("0.01", ""));
        assertEquals(Increment.MALFORMED, units("0.01", "."));
        assertEquals(Increment.MALFORMED, units("0.01", "-1.00"));
        assertEquals(Increment.MALFORMED, units("0.01", "1e3"));
        assertEquals(Increment.MALFORMED, units("0.01", "1.0.0"));
        assertEquals(Increment.MALFORMED, units("0.01", "12a"));
    }

    @Test
    void shouldCompareIncrementsAsNumbers()
    {
        final Increment tick = new Increment(new BigDecimal("0.0100"));
        assertTrue(tick.sameAs(new BigDecimal("0.01000000")));
        assertFalse(tick.sameAs(new BigDecimal("0.1")));
        assertEquals("0.01", tick.toString());
        assertThrows(IllegalArgumentException.class, () -> new Increment(BigDecimal.ZERO));
    }
}
