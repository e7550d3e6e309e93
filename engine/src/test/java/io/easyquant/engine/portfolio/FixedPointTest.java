package io.easyquant.engine.portfolio;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class FixedPointTest
{
    private static final BigInteger TWO_POW_63 = BigInteger.ONE.shiftLeft(63);

    @Test
    void shouldMatchBigIntegerWhenQuotientFitsForRandomTriplesWithBGreaterThanOrEqualToC()
    {
        final SplittableRandom random = new SplittableRandom(0x5EED_F1ED_0001L);
        int wideProducts = 0;
        for (int i = 0; i < 200_000; i++)
        {
            final long a = randomA(random);
            final long c = 1 + random.nextLong(Long.MAX_VALUE);
            final long b = random.nextLong(c + 1 < 0 ? Long.MAX_VALUE : c + 1);
            if (product(a, b).abs().compareTo(TWO_POW_63) >= 0)
            {
                wideProducts++;
            }
            assertEquals(expected(a, b, c).longValueExact(), FixedPoint.mulDiv(a, b, c), a + " * " + b + " / " + c);
        }
        assertTrue(wideProducts > 100_000, "products beyond 2^63 exercised: " + wideProducts);
    }

    @Test
    void shouldMatchBigIntegerOrThrowForRandomTriplesOfRandomWidths()
    {
        final SplittableRandom random = new SplittableRandom(0x5EED_F1ED_0002L);
        int exact = 0;
        int wideExact = 0;
        int negativeExact = 0;
        int overflows = 0;
        for (int i = 0; i < 300_000; i++)
        {
            final long a = withBits(random, random.nextInt(64)) * (random.nextBoolean() ? 1 : -1);
            final long b = withBits(random, random.nextInt(64));
            final long c = Math.max(1, withBits(random, random.nextInt(64)));
            final BigInteger quotient = expected(a, b, c);
            if (quotient.abs().bitLength() <= 63)
            {
                assertEquals(quotient.longValueExact(), FixedPoint.mulDiv(a, b, c), a + " * " + b + " / " + c);
                exact++;
                if (product(a, b).abs().compareTo(TWO_POW_63) >= 0)
                {
                    wideExact++;
                }
                if (a < 0 && quotient.signum() != 0)
                {
                    negativeExact++;
                }
            }
            else
            {
                try
                {
                    FixedPoint.mulDiv(a, b, c);
                    fail("expected overflow for " + a + " * " + b + " / " + c + " = " + quotient);
                }
                catch (final ArithmeticException expected)
                {
                    overflows++;
                }
            }
        }
        assertTrue(exact > 10_000 && wideExact > 10_000 && negativeExact > 10_000 && overflows > 10_000,
            "exact " + exact + ", wide " + wideExact + ", negative " + negativeExact + ", overflows " + overflows);
    }

    @Test
    void shouldBeExactAtTheEdgesOfTheRange()
    {
        assertEquals(Long.MAX_VALUE, FixedPoint.mulDiv(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(-Long.MAX_VALUE, FixedPoint.mulDiv(-Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE - 1, FixedPoint.mulDiv(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE));
        assertEquals(1, FixedPoint.mulDiv(Long.MAX_VALUE, 1, Long.MAX_VALUE));
        assertEquals(0, FixedPoint.mulDiv(Long.MAX_VALUE - 1, 1, Long.MAX_VALUE));
        assertEquals(0, FixedPoint.mulDiv(0, Long.MAX_VALUE, 1));
        assertEquals(0, FixedPoint.mulDiv(Long.MAX_VALUE, 0, 1));
        assertEquals(Long.MAX_VALUE, FixedPoint.mulDiv(Long.MAX_VALUE, 1, 1));
        assertEquals(-Long.MAX_VALUE, FixedPoint.mulDiv(-Long.MAX_VALUE, 1, 1));
        // (2^63 - 1) * 2 / 3 = (2^64 - 2) / 3 = 6148914691236517204.67
        assertEquals(6_148_914_691_236_517_204L, FixedPoint.mulDiv(Long.MAX_VALUE, 2, 3));
        assertEquals(-6_148_914_691_236_517_204L, FixedPoint.mulDiv(-Long.MAX_VALUE, 2, 3));
        // 10^18 * 10^18 / 10^18 through a 120-bit product
        assertEquals(1_000_000_000_000_000_000L,
            FixedPoint.mulDiv(1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L));
    }

    @Test
    void shouldReturnAForAnyAWhenBEqualsC()
    {
        final SplittableRandom random = new SplittableRandom(0x5EED_F1ED_0003L);
        for (int i = 0; i < 10_000; i++)
        {
            final long a = randomA(random);
            final long c = 1 + random.nextLong(Long.MAX_VALUE);
            assertEquals(a, FixedPoint.mulDiv(a, c, c));
        }
    }

    @Test
    void shouldTruncateTowardZero()
    {
        assertEquals(3, FixedPoint.mulDiv(7, 1, 2));
        assertEquals(-3, FixedPoint.mulDiv(-7, 1, 2));
        assertEquals(0, FixedPoint.mulDiv(-1, 1, 2));
        assertEquals(0, FixedPoint.mulDiv(1, 1, 2));
        assertEquals(-10_033, FixedPoint.mulDiv(-30_100, 1, 3));
        assertEquals(20_066, FixedPoint.mulDiv(30_100, 2, 3));
        // a wide product: (2^62 + 1) * 3 / 4 = 3 * 2^60 + 0.75
        assertEquals(3L << 60, FixedPoint.mulDiv((1L << 62) + 1, 3, 4));
        assertEquals(-(3L << 60), FixedPoint.mulDiv(-((1L << 62) + 1), 3, 4));
    }

    @Test
    void shouldThrowForNonPositiveDivisor()
    {
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(1, 1, 0));
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(1, 1, -1));
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(-5, 3, Long.MIN_VALUE));
    }

    @Test
    void shouldThrowForNegativeB()
    {
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(1, -1, 1));
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(-4, Long.MIN_VALUE, 3));
    }

    @Test
    void shouldThrowForLongMinValueA()
    {
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(Long.MIN_VALUE, 1, 1));
    }

    @Test
    void shouldThrowWhenQuotientDoesNotFit()
    {
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(Long.MAX_VALUE, 2, 1));
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(-Long.MAX_VALUE, 2, 1));
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(1L << 62, 4, 2));
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(Long.MAX_VALUE, Long.MAX_VALUE, 1));
        // quotient exactly 2^63: one past Long.MAX_VALUE
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(1L << 62, 2, 1));
        assertEquals(Long.MAX_VALUE, FixedPoint.mulDiv(Long.MAX_VALUE, 4, 4));
    }

    private static long randomA(final SplittableRandom random)
    {
        final long a = random.nextLong();
        return a == Long.MIN_VALUE ? 0 : a;
    }

    /** A non-negative value below 2^bits, with its top bit usually set so that widths are spread evenly. */
    private static long withBits(final SplittableRandom random, final int bits)
    {
        if (bits == 0)
        {
            return random.nextInt(2);
        }
        final long top = 1L << (bits - 1);
        return top | (random.nextLong() & (top - 1));
    }

    private static BigInteger product(final long a, final long b)
    {
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
    }

    /** BigInteger division truncates toward zero, as mulDiv promises. */
    private static BigInteger expected(final long a, final long b, final long c)
    {
        return product(a, b).divide(BigInteger.valueOf(c));
    }

    @Test
    void shouldCompareProductsExactlyBeyondTheLongRange()
    {
        assertEquals(0, Integer.signum(FixedPoint.compareProducts(Long.MAX_VALUE, 4, Long.MAX_VALUE, 4)));
        assertEquals(1, Integer.signum(FixedPoint.compareProducts(Long.MAX_VALUE, 4, Long.MAX_VALUE, 3)));
        assertEquals(-1, Integer.signum(FixedPoint.compareProducts(1L << 62, 4, (1L << 62) + 1, 4)),
            "products of 2^64 and 2^64 + 4: the low 64 bits alone would say 0 < 4 the other way round");
        assertEquals(1, Integer.signum(FixedPoint.compareProducts(3, 1L << 62, 1, Long.MAX_VALUE)),
            "3 x 2^62 wraps negative in 64 bits");
        final SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++)
        {
            final long a = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            final long b = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            final long c = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            final long d = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            final int expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
                .compareTo(BigInteger.valueOf(c).multiply(BigInteger.valueOf(d)));
            assertEquals(expected, Integer.signum(FixedPoint.compareProducts(a, b, c, d)),
                a + " x " + b + " vs " + c + " x " + d);
        }
        assertThrows(ArithmeticException.class, () -> FixedPoint.compareProducts(-1, 1, 1, 1));
    }
}
