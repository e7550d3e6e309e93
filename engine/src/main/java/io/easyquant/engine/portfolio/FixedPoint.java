package io.easyquant.engine.portfolio;

/**
 * Exact integer arithmetic for money: products that may overflow 64 bits are carried in 128 bits.
 * Allocation-free and deterministic.
 */
public final class FixedPoint
{
    private FixedPoint()
    {
    }

    /**
     * {@code a * b / c} with a 128-bit intermediate, the quotient truncated toward zero.
     *
     * @param a any value except {@link Long#MIN_VALUE}.
     * @param b a value &ge; 0.
     * @param c a divisor &gt; 0 such that the quotient fits in a long (always true when {@code b <= c}).
     * @return the truncated quotient.
     * @throws ArithmeticException if the quotient does not fit in a long or {@code c <= 0}.
     */
    public static long mulDiv(final long a, final long b, final long c)
    {
        if (c <= 0 || b < 0 || a == Long.MIN_VALUE)
        {
            throw new ArithmeticException("mulDiv: expected b >= 0, c > 0 and a > Long.MIN_VALUE");
        }
        final long absA = Math.abs(a);
        final long hi = Math.multiplyHigh(absA, b);
        final long lo = absA * b;
        final long quotient;
        if (hi == 0 && lo >= 0)
        {
            quotient = lo / c;
        }
        else
        {
            quotient = divide128(hi, lo, c);
        }
        return a < 0 ? -quotient : quotient;
    }

    /**
     * Compare {@code a * b} with {@code c * d} exactly (128-bit products), for non-negative arguments.
     *
     * @return a negative number, zero or a positive number as {@code a * b} is less than, equal to or greater than
     *         {@code c * d}.
     * @throws ArithmeticException if an argument is negative.
     */
    public static int compareProducts(final long a, final long b, final long c, final long d)
    {
        if (a < 0 || b < 0 || c < 0 || d < 0)
        {
            throw new ArithmeticException("compareProducts: expected arguments >= 0");
        }
        final int high = Long.compare(Math.multiplyHigh(a, b), Math.multiplyHigh(c, d));
        return high != 0 ? high : Long.compareUnsigned(a * b, c * d);
    }

    /**
     * Unsigned 128-by-63-bit division by shift and subtract; {@code hi:lo} is non-negative.
     */
    private static long divide128(final long hi, final long lo, final long divisor)
    {
        if (Long.compareUnsigned(hi, divisor) >= 0)
        {
            throw new ArithmeticException("mulDiv: quotient does not fit in 64 bits");
        }
        long remainder = hi;
        long quotient = 0;
        for (int bit = 63; bit >= 0; bit--)
        {
            final boolean carry = remainder < 0;
            remainder = (remainder << 1) | ((lo >>> bit) & 1L);
            quotient <<= 1;
            if (carry || Long.compareUnsigned(remainder, divisor) >= 0)
            {
                remainder -= divisor;
                quotient |= 1L;
            }
        }
        if (quotient < 0)
        {
            throw new ArithmeticException("mulDiv: quotient does not fit in 63 bits");
        }
        return quotient;
    }
}
