package io.easyquant.ops.backtest;

import org.junit.jupiter.api.Test;

import io.easyquant.engine.instrument.Instrument;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Fixed formats: the same value always gives the same characters, whatever the default locale.
 */
class FormatsTest
{
    @Test
    void shouldFormatMoneyAtTheCashScale()
    {
        assertEquals("-1.50000000", Formats.money(new BigDecimal("-1.5")));
        assertEquals("0.00000002", Formats.money(new BigDecimal("0.000000015")));
        assertEquals("0.00000002", Formats.money(new BigDecimal("0.000000025")));
        assertEquals("0.00000000", Formats.money(new BigDecimal("-0.000000004")));
        assertEquals("12345678901.00000000", Formats.money(new BigDecimal("1.2345678901E+10")));
    }

    @Test
    void shouldFormatQuantitiesWithoutTrailingZerosOrExponent()
    {
        assertEquals("100", Formats.plain(new BigDecimal("100.00")));
        assertEquals("0.5", Formats.plain(new BigDecimal("0.500")));
        assertEquals("0", Formats.plain(new BigDecimal("0.000")));
        assertEquals("0.00000001", Formats.plain(new BigDecimal("1E-8")));
    }

    @Test
    void shouldRoundRatiosToSixPlacesWithoutNegativeZero()
    {
        assertEquals("0.333333", Formats.ratio(1.0 / 3.0));
        assertEquals("-0.666667", Formats.ratio(-2.0 / 3.0));
        assertEquals("0.000000", Formats.ratio(-1e-9));
        assertEquals("8766.000000", Formats.ratio(8766.0));
        assertThrows(IllegalArgumentException.class, () -> Formats.ratio(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Formats.ratio(Double.POSITIVE_INFINITY));
    }

    @Test
    void shouldIgnoreTheDefaultLocale()
    {
        final Locale saved = Locale.getDefault();
        try
        {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("1,234.57", Formats.displayMoney(new BigDecimal("1234.567")));
            assertEquals("12.50 %", Formats.displayPercent(0.125));
            assertEquals("0.123457", Formats.ratio(0.1234567));
        }
        finally
        {
            Locale.setDefault(saved);
        }
    }

    @Test
    void shouldFormatTimesAsIsoUtc()
    {
        assertEquals("2024-01-02T00:00:00Z", Formats.time(1_704_153_600_000_000_000L));
        assertEquals("2024-01-02T00:00:00.000000001Z", Formats.time(1_704_153_600_000_000_001L));
        assertEquals("1969-12-31T23:59:59.999999999Z", Formats.time(-1));
        assertEquals("10800.000000", Formats.seconds(Duration.ofHours(3)));
    }

    @Test
    void shouldAppendMoneyExactlyAsTheDecimalFormPrintsIt()
    {
        final long[] edges = {0, 1, -1, 99_999_999, 100_000_000, -100_000_000, -150_000_000, 12_345_678_901_234L,
            Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (final long cash : edges)
        {
            assertEquals(Formats.money(Instrument.cashToDecimal(cash)), Formats.money(cash), "cash " + cash);
        }
        final SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++)
        {
            final long cash = i % 2 == 0 ? random.nextLong() : random.nextLong(-10_000_000_000_000L, 10_000_000_000_000L);
            assertEquals(Formats.money(Instrument.cashToDecimal(cash)), Formats.money(cash), "cash " + cash);
        }
    }

    @Test
    void shouldAppendRatiosExactlyAsTheDecimalFormPrintsThem()
    {
        final double[] edges = {0.0, -0.0, 1e-9, -1e-9, 5e-7, -5e-7, 4.999999e-7, 1.5e-6, 2.5e-6, 0.0000005, 0.9999995,
            1.0 / 3.0, -2.0 / 3.0, 8766.0, 2147.483647, 2147.4836475, 2147.483648, 1e12, -1e12, Double.MIN_VALUE,
            Double.MAX_VALUE, -Double.MAX_VALUE, 0.1234565, 0.1234575};
        for (final double value : edges)
        {
            assertEquals(Formats.exactRatio(value), Formats.ratio(value), "value " + value);
        }
        final SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 200_000; i++)
        {
            final double value;
            switch (i % 4)
            {
                case 0 -> value = random.nextDouble();
                case 1 -> value = random.nextDouble(-3000, 3000);
                case 2 -> value = (random.nextInt(-2_000_000, 2_000_000) + 0.5) / 1e6;
                default -> value = Double.longBitsToDouble(random.nextLong());
            }
            if (Double.isFinite(value))
            {
                assertEquals(Formats.exactRatio(value), Formats.ratio(value), "value " + value);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Formats.appendRatio(new StringBuilder(), Double.NaN));
    }

    @Test
    void shouldAppendTimesExactlyAsInstantPrintsThem()
    {
        final long[] edges = {0, 1, -1, 999_999_999, 1_000_000, 1_000, 1_704_153_600_000_000_000L,
            951_782_400_000_000_000L, 4_107_542_400_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (final long timeNs : edges)
        {
            assertEquals(Instant.ofEpochSecond(0, timeNs).toString(), Formats.time(timeNs), "time " + timeNs);
        }
        final SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++)
        {
            long timeNs = random.nextLong();
            if (i % 3 == 1)
            {
                timeNs -= timeNs % 1_000_000;
            }
            else if (i % 3 == 2)
            {
                timeNs -= timeNs % 1_000_000_000;
            }
            assertEquals(Instant.ofEpochSecond(0, timeNs).toString(), Formats.time(timeNs), "time " + timeNs);
        }
    }

    @Test
    void shouldFormatDurationsForPeople()
    {
        assertEquals("2d 3h", Formats.displayDuration(Duration.ofHours(51)));
        assertEquals("3h 0m", Formats.displayDuration(Duration.ofHours(3)));
        assertEquals("4m 5s", Formats.displayDuration(Duration.ofSeconds(245)));
        assertEquals("1.250 s", Formats.displayDuration(Duration.ofMillis(1250)));
    }

    @Test
    void shouldWriteReturnPeriodsAsIsoDurationsThatParseBack()
    {
        assertEquals("P1D", Formats.period(Duration.ofDays(1)));
        assertEquals("PT1H", Formats.period(Duration.ofHours(1)));
        assertEquals("PT1M", Formats.period(Duration.ofMinutes(1)));
        assertEquals("PT1S", Formats.period(Duration.ofSeconds(1)));
        assertEquals("PT36H", Formats.period(Duration.ofHours(36)));
        assertEquals(Duration.ofDays(1), Duration.parse(Formats.period(Duration.ofDays(1))));
    }

    @Test
    void shouldNameReturnPeriodsForPeopleInTheirLargestWholeUnit()
    {
        assertEquals("1 day", Formats.displayPeriod(Duration.ofDays(1)));
        assertEquals("1 hour", Formats.displayPeriod(Duration.ofHours(1)));
        assertEquals("36 hours", Formats.displayPeriod(Duration.ofHours(36)));
        assertEquals("1 minute", Formats.displayPeriod(Duration.ofMinutes(1)));
        assertEquals("90 seconds", Formats.displayPeriod(Duration.ofSeconds(90)));
        assertEquals("1.250 s", Formats.displayPeriod(Duration.ofMillis(1250)));
    }

    @Test
    void shouldQuoteCsvFieldsOnlyWhenNeeded()
    {
        assertEquals("BTC-USD", Formats.csv("BTC-USD"));
        assertEquals("\"A,B\"", Formats.csv("A,B"));
        assertEquals("\"say \"\"hi\"\"\"", Formats.csv("say \"hi\""));
    }

    @Test
    void shouldThinALongCurveToTheLowAndHighOfEachRun()
    {
        final double[] values = {5, 1, 9, 3, 4, 4, 7, 2, 8, 6};

        // runs [0, 3), [3, 6), [6, 10); a tie keeps the first
        assertArrayEquals(new int[] {1, 2, 3, 4, 7, 8}, EquityCharts.thin(values.length, 6, i -> values[i]));
        assertArrayEquals(new int[] {0, 1, 2}, EquityCharts.thin(3, 6, i -> values[i]));
    }
}
