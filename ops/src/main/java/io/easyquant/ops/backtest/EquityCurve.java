package io.easyquant.ops.backtest;

import io.easyquant.engine.instrument.Instrument;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The equity samples of a backtest, one per distinct market-data timestamp in increasing time order, and the drawdown
 * at each. Immutable.
 *
 * <p>Money is held as longs in the engine's cash units ({@link Instrument#CASH_SCALE}, 1e-8 of the quote currency),
 * so a curve of millions of samples costs 33 bytes a sample (drawdown included) and every figure is exact.
 *
 * <p>Drawdown at sample {@code i} is {@code (peak − equity[i]) / peak}, where {@code peak} is the highest equity
 * up to and including {@code i}; it is 0 while the peak is not positive.
 */
public final class EquityCurve
{
    private final int size;
    private final long[] timesNs;
    private final long[] equityCash;
    private final long[] grossExposureCash;
    private final boolean[] inMarket;
    private final double[] drawdown;

    EquityCurve(
        final int size,
        final long[] timesNs,
        final long[] equityCash,
        final long[] grossExposureCash,
        final boolean[] inMarket)
    {
        this.size = size;
        this.timesNs = Arrays.copyOf(timesNs, size);
        this.equityCash = Arrays.copyOf(equityCash, size);
        this.grossExposureCash = Arrays.copyOf(grossExposureCash, size);
        this.inMarket = Arrays.copyOf(inMarket, size);
        this.drawdown = new double[size];
        long peak = Long.MIN_VALUE;
        for (int i = 0; i < size; i++)
        {
            peak = Math.max(peak, this.equityCash[i]);
            drawdown[i] = drawdown(peak, this.equityCash[i]);
        }
    }

    static double drawdown(final long peakCash, final long equityCash)
    {
        return peakCash > 0 ? (double)(peakCash - equityCash) / (double)peakCash : 0.0;
    }

    /**
     * @return number of samples.
     */
    public int size()
    {
        return size;
    }

    /**
     * @param index sample index, 0 ≤ index &lt; {@link #size()}.
     * @return sample time, epoch nanoseconds.
     */
    public long timeNs(final int index)
    {
        return timesNs[checkIndex(index)];
    }

    /**
     * @param index sample index.
     * @return sample time as an instant.
     */
    public Instant time(final int index)
    {
        return instant(timeNs(index));
    }

    /**
     * @param index sample index.
     * @return equity in the quote currency, scale 8.
     */
    public BigDecimal equity(final int index)
    {
        return Instrument.cashToDecimal(equityCash(index));
    }

    /**
     * @param index sample index.
     * @return equity in cash units of 1e-8 of the quote currency.
     */
    public long equityCash(final int index)
    {
        return equityCash[checkIndex(index)];
    }

    /**
     * @param index sample index.
     * @return gross exposure (sum of absolute position values) in the quote currency, scale 8.
     */
    public BigDecimal grossExposure(final int index)
    {
        return Instrument.cashToDecimal(grossExposureCash(index));
    }

    /**
     * @param index sample index.
     * @return gross exposure in cash units of 1e-8 of the quote currency.
     */
    public long grossExposureCash(final int index)
    {
        return grossExposureCash[checkIndex(index)];
    }

    /**
     * @param index sample index.
     * @return whether any position was open at this sample.
     */
    public boolean inMarket(final int index)
    {
        return inMarket[checkIndex(index)];
    }

    /**
     * @param index sample index.
     * @return drawdown from the running peak as a fraction, 0 at a new peak.
     */
    public double drawdown(final int index)
    {
        return drawdown[checkIndex(index)];
    }

    static Instant instant(final long timeNs)
    {
        return Instant.ofEpochSecond(0, timeNs);
    }

    private int checkIndex(final int index)
    {
        return Objects.checkIndex(index, size);
    }
}
