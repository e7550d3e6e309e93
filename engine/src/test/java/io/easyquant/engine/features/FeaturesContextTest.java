package io.easyquant.engine.features;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeaturesContextTest
{
    @Test
    void shouldUseDocumentedDefaults()
    {
        final FeaturesContext context = new FeaturesContext();

        assertEquals(12, context.emaFastPeriod());
        assertEquals(26, context.emaSlowPeriod());
        assertEquals(50, context.volatilityWindow());
        assertEquals(50, context.vwapWindow());
    }

    @Test
    void shouldAcceptSmallestValidValues()
    {
        final FeaturesContext context = new FeaturesContext(1, 2, 2, 2);

        assertEquals(1, context.emaFastPeriod());
        assertEquals(2, context.emaSlowPeriod());
        assertEquals(2, context.volatilityWindow());
        assertEquals(2, context.vwapWindow());
    }

    @Test
    void shouldRejectFastPeriodBelowOne()
    {
        assertMessageStartsWith("emaFastPeriod: expected", 0, 26, 50, 50);
        assertMessageStartsWith("emaFastPeriod: expected", -3, 26, 50, 50);
    }

    @Test
    void shouldRejectSlowPeriodBelowOne()
    {
        assertMessageStartsWith("emaSlowPeriod: expected", 1, 0, 50, 50);
    }

    @Test
    void shouldRejectSlowPeriodNotAboveFastPeriod()
    {
        assertMessageStartsWith("emaSlowPeriod: expected more than emaFastPeriod (12), got 12", 12, 12, 50, 50);
        assertMessageStartsWith("emaSlowPeriod: expected more than emaFastPeriod (26), got 12", 26, 12, 50, 50);
    }

    @Test
    void shouldRejectVolatilityWindowBelowTwo()
    {
        assertMessageStartsWith("volatilityWindow: expected", 12, 26, 1, 50);
    }

    @Test
    void shouldRejectVwapWindowBelowTwo()
    {
        assertMessageStartsWith("vwapWindow: expected", 12, 26, 50, 1);
    }

    private static void assertMessageStartsWith(
        final String prefix,
        final int emaFastPeriod,
        final int emaSlowPeriod,
        final int volatilityWindow,
        final int vwapWindow)
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class,
            () -> new FeaturesContext(emaFastPeriod, emaSlowPeriod, volatilityWindow, vwapWindow));
        assertTrue(ex.getMessage().startsWith(prefix), ex.getMessage());
    }
}
