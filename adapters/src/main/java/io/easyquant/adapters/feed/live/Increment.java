package io.easyquant.adapters.feed.live;

import java.math.BigDecimal;

/**
 * An instrument's price or quantity increment (tick or lot size) as an exact decimal, and the exact conversion of a
 * venue's decimal text to a whole number of increments. Nothing is rounded: text that is not a whole number of
 * increments, or that does not fit a long, is refused with {@link #NOT_WHOLE} or {@link #MALFORMED}.
 *
 * <p>Immutable; {@link #units(char[], int, int)} allocates nothing.
 */
public final class Increment
{
    /** Returned for well-formed text that is not a whole number of increments (or does not fit a long). */
    public static final long NOT_WHOLE = Long.MIN_VALUE;
    /** Returned for text that is not a plain non-negative decimal. */
    public static final long MALFORMED = Long.MIN_VALUE + 1;

    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private final BigDecimal value;
    private final long unscaled;
    private final int scale;

    /**
     * @param value a positive decimal with at most 18 fractional digits, e.g. 0.01.
     */
    public Increment(final BigDecimal value)
    {
        final BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.signum() <= 0)
        {
            throw new IllegalArgumentException("increment: expected a positive decimal, got " + value);
        }
        final BigDecimal normalised = stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        if (normalised.scale() > 18 || normalised.precision() > 18)
        {
            throw new IllegalArgumentException("increment: expected at most 18 digits, got " + value);
        }
        this.value = normalised;
        this.unscaled = normalised.unscaledValue().longValueExact();
        this.scale = normalised.scale();
    }

    /**
     * @return the increment as a decimal without trailing zeros.
     */
    public BigDecimal value()
    {
        return value;
    }

    /**
     * @return whether the two increments are equal as numbers (0.010 equals 0.01).
     */
    public boolean sameAs(final BigDecimal other)
    {
        return other != null && value.compareTo(other) == 0;
    }

    /**
     * The whole number of increments in a plain decimal ({@code 123}, {@code 123.4500}, {@code .5}); no sign, no
     * exponent.
     *
     * @return the number of increments, {@link #NOT_WHOLE} or {@link #MALFORMED}.
     */
    public long units(final char[] text, final int offset, final int length)
    {
        long digits = 0;
        int fraction = -1;
        int significant = 0;
        boolean any = false;
        final int end = offset + length;
        for (int i = offset; i < end; i++)
        {
            final char c = text[i];
            if (c == '.')
            {
                if (fraction >= 0)
                {
                    return MALFORMED;
                }
                fraction = 0;
                continue;
            }
            if (c < '0' || c > '9')
            {
                return MALFORMED;
            }
            any = true;
            if (fraction >= 0)
            {
                fraction++;
            }
            if (digits == 0 && c == '0')
            {
                continue;
            }
            if (++significant > 18 || fraction > 18)
            {
                return trailingZerosOnly(text, i, end, digits, Math.max(fraction, 0) - 1);
            }
            digits = digits * 10 + (c - '0');
        }
        if (!any)
        {
            return MALFORMED;
        }
        return divide(digits, Math.max(fraction, 0));
    }

    /**
     * Past 18 significant digits only zeros of the fraction may follow (venues pad to 8 decimals).
     */
    private long trailingZerosOnly(
        final char[] text, final int from, final int end, final long digits, final int fractionSoFar)
    {
        if (fractionSoFar < 0)
        {
            return NOT_WHOLE;
        }
        for (int i = from; i < end; i++)
        {
            final char c = text[i];
            if (c == '.')
            {
                return MALFORMED;
            }
            if (c != '0')
            {
                return c >= '0' && c <= '9' ? NOT_WHOLE : MALFORMED;
            }
        }
        return divide(digits, fractionSoFar);
    }

    /**
     * digits &times; 10^-fraction / (unscaled &times; 10^-scale), exact or {@link #NOT_WHOLE}.
     */
    private long divide(final long digits, final int fraction)
    {
        if (fraction <= scale)
        {
            final int shift = scale - fraction;
            if (shift > 18 || (digits != 0 && digits > Long.MAX_VALUE / POWERS_OF_TEN[shift]))
            {
                return NOT_WHOLE;
            }
            final long numerator = digits * POWERS_OF_TEN[shift];
            return numerator % unscaled == 0 ? numerator / unscaled : NOT_WHOLE;
        }
        final int shift = fraction - scale;
        if (shift > 18)
        {
            return digits == 0 ? 0 : NOT_WHOLE;
        }
        final long power = POWERS_OF_TEN[shift];
        if (digits % power != 0)
        {
            return NOT_WHOLE;
        }
        final long numerator = digits / power;
        return numerator % unscaled == 0 ? numerator / unscaled : NOT_WHOLE;
    }

    @Override
    public String toString()
    {
        return value.toPlainString();
    }
}
