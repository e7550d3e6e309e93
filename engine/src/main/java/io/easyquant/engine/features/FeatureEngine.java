package io.easyquant.engine.features;

import io.easyquant.engine.pipeline.EngineEvent;

/**
 * Incremental per-instrument market features (see {@link FeatureId}), kept in primitive arrays indexed by the dense
 * instrument index of {@link io.easyquant.engine.instrument.Instruments#indexOf(int)}.
 *
 * <h2>The mark price and mark updates</h2>
 * The mark of an instrument is the mid of its last quote once a quote has been seen, otherwise its last trade price
 * or bar close. A <em>mark update</em> happens on every event that sets the mark from its own prices: every quote,
 * and a trade or bar while no quote has been seen for the instrument. A trade or bar after a quote updates the last
 * price and the VWAP but is not a mark update: the mark stays the mid. Each mark update:
 * <ul>
 *   <li>sets {@link FeatureId#MID_PRICE} to the mark (exact, a half tick for odd bid + ask);</li>
 *   <li>sets {@link FeatureId#LOG_RETURN} to ln(mark / previous mark), 0 on the instrument's first mark;</li>
 *   <li>steps both EMAs with alpha = 2 / (period + 1); the first mark seeds both;</li>
 *   <li>sets {@link FeatureId#EMA_GAP} to (emaFast - emaSlow) / emaSlow;</li>
 *   <li>adds the log return (not the first mark's 0) to the volatility window and sets {@link FeatureId#VOLATILITY}
 *       to the population standard deviation of the last {@code volatilityWindow} returns (of all returns while
 *       fewer have been seen; 0 before the first).</li>
 * </ul>
 *
 * <h2>VWAP</h2>
 * Every trade and bar is one print of the rolling window of the last {@code vwapWindow} prints: a trade weighs its
 * price by its quantity, a bar weighs its typical price (high + low + close) / 3 by its volume. The window keeps
 * exact long sums of 3 x price x quantity (so a typical price stays a whole number) and of quantity, so there is no
 * drift however long it runs. VWAP = sum(3 x price x qty) / (3 x sum(qty)) in ticks; the last price while the
 * window's quantity is 0. Range: the sum over one window of 3 x price x qty must stay below 2^63 (about 9.2e18),
 * e.g. price x qty up to 6e16 ticks x lots per print with a window of 50. Intermediate overflow of a single print is
 * harmless (two's complement sums are exact modulo 2^64); only the window total must fit.
 *
 * <h2>Volatility</h2>
 * Computed two-pass (mean, then mean squared deviation) from the window's contents on every mark update, instead of
 * from running sums: it is exact by construction and cannot drift, for O(volatilityWindow) arithmetic (about a
 * hundred floating point operations at the default window of 50, a chain of dependent additions: the largest cost of
 * a market event in a backtest). An engine made with {@code computeVolatility} false, for a strategy that does not
 * read it, still keeps the window but leaves {@link FeatureId#VOLATILITY} at 0 in its features and snapshots;
 * {@link #value} computes it from the window when asked, with the same result to the bit.
 *
 * <h2>Values before data</h2>
 * Every feature is 0 until the event that defines it: prices until the first mark, last price until the first trade
 * or bar, spread and imbalance until the first quote. {@link #hasPrice(int)} tells whether a mark exists.
 *
 * <h2>Contract</h2>
 * Inputs are trusted: ingest has already rejected unknown instruments, non-positive prices, negative sizes, crossed
 * quotes, inconsistent bars and prices or sizes past the instrument's bounds (so one print's 3 x price x qty fits in
 * a long; it is formed with {@link Math#multiplyExact} all the same). The window's sum of prints is kept in 128 bits,
 * exact for any window. {@code index} must be in [0, instrumentCount). No method allocates, logs, locks or
 * reads a clock.
 *
 * <p>Not thread-safe: owned by the features stage's thread.
 */
public final class FeatureEngine
{
    private static final int LAST_PRICE = FeatureId.LAST_PRICE.ordinal();
    private static final int MID_PRICE = FeatureId.MID_PRICE.ordinal();
    private static final int LOG_RETURN = FeatureId.LOG_RETURN.ordinal();
    private static final int EMA_FAST = FeatureId.EMA_FAST.ordinal();
    private static final int EMA_SLOW = FeatureId.EMA_SLOW.ordinal();
    private static final int EMA_GAP = FeatureId.EMA_GAP.ordinal();
    private static final int VOLATILITY = FeatureId.VOLATILITY.ordinal();
    private static final int VWAP = FeatureId.VWAP.ordinal();
    private static final int SPREAD = FeatureId.SPREAD.ordinal();
    private static final int IMBALANCE = FeatureId.IMBALANCE.ordinal();
    private static final int MICROPRICE = FeatureId.MICROPRICE.ordinal();
    private static final int BOOK_IMBALANCE = FeatureId.BOOK_IMBALANCE.ordinal();

    private final int instrumentCount;
    private final int volatilityWindow;
    private final int vwapWindow;
    private final double alphaFast;
    private final double alphaSlow;
    private final boolean computeVolatility;

    /** Features of instrument i at [i * FeatureId.COUNT + ordinal]. */
    private final double[] features;
    private final boolean[] hasMark;
    private final boolean[] hasQuote;
    /** The mark rounded down to a whole tick. */
    private final long[] markTicks;
    private final long[] bidTicks;
    private final long[] askTicks;

    /** Ring of log returns of instrument i at [i * volatilityWindow, (i + 1) * volatilityWindow). */
    private final double[] returns;
    private final int[] returnCount;
    private final int[] returnNext;

    /** Ring of prints of instrument i at [i * vwapWindow, (i + 1) * vwapWindow): 3 x price x qty and qty. */
    private final long[] printNotional3;
    private final long[] printQtyLots;
    private final int[] printCount;
    private final int[] printNext;
    private final long[] notional3Sum;
    /** High 64 bits of the window's sum of 3 x price x qty; {@link #notional3Sum} holds the low 64, unsigned. */
    private final long[] notional3SumHigh;
    private final long[] qtyLotsSum;

    /**
     * Allocate the state of every instrument, computing every feature. Cold path.
     *
     * @param context         periods and window lengths.
     * @param instrumentCount number of instruments, the dense indexes being 0..instrumentCount-1.
     * @throws IllegalArgumentException if instrumentCount is not positive or the state would not fit in arrays.
     */
    public FeatureEngine(final FeaturesContext context, final int instrumentCount)
    {
        this(context, instrumentCount, true);
    }

    /**
     * Allocate the state of every instrument. Cold path.
     *
     * @param context           periods and window lengths.
     * @param instrumentCount   number of instruments, the dense indexes being 0..instrumentCount-1.
     * @param computeVolatility false when nothing reads {@link FeatureId#VOLATILITY} from the snapshots: it is then
     *                          left at 0 there, and computed only by {@link #value}.
     * @throws IllegalArgumentException if instrumentCount is not positive or the state would not fit in arrays.
     */
    public FeatureEngine(final FeaturesContext context, final int instrumentCount, final boolean computeVolatility)
    {
        if (instrumentCount < 1)
        {
            throw new IllegalArgumentException("instrumentCount: expected at least 1, got " + instrumentCount);
        }
        this.instrumentCount = instrumentCount;
        this.volatilityWindow = context.volatilityWindow();
        this.vwapWindow = context.vwapWindow();
        this.alphaFast = 2.0 / (context.emaFastPeriod() + 1.0);
        this.alphaSlow = 2.0 / (context.emaSlowPeriod() + 1.0);
        this.computeVolatility = computeVolatility;

        features = new double[arrayLength(instrumentCount, FeatureId.COUNT, "features")];
        hasMark = new boolean[instrumentCount];
        hasQuote = new boolean[instrumentCount];
        markTicks = new long[instrumentCount];
        bidTicks = new long[instrumentCount];
        askTicks = new long[instrumentCount];

        returns = new double[arrayLength(instrumentCount, volatilityWindow, "volatilityWindow")];
        returnCount = new int[instrumentCount];
        returnNext = new int[instrumentCount];

        printNotional3 = new long[arrayLength(instrumentCount, vwapWindow, "vwapWindow")];
        printQtyLots = new long[printNotional3.length];
        printCount = new int[instrumentCount];
        printNext = new int[instrumentCount];
        notional3Sum = new long[instrumentCount];
        notional3SumHigh = new long[instrumentCount];
        qtyLotsSum = new long[instrumentCount];
    }

    /**
     * @return the number of instruments this engine holds state for.
     */
    public int instrumentCount()
    {
        return instrumentCount;
    }

    /**
     * A trade print: sets the last price, adds the print to the VWAP window, and is a mark update while no quote has
     * been seen for the instrument.
     *
     * @param index      dense instrument index.
     * @param priceTicks trade price in ticks, positive.
     * @param qtyLots    trade quantity in lots, positive.
     */
    public void onTrade(final int index, final long priceTicks, final long qtyLots)
    {
        features[index * FeatureId.COUNT + LAST_PRICE] = priceTicks;
        addPrint(index, Math.multiplyExact(3 * priceTicks, qtyLots), qtyLots);
        if (!hasQuote[index])
        {
            updateMark(index, priceTicks, priceTicks);
        }
    }

    /**
     * A top-of-book quote: sets bid, ask, spread, imbalance and microprice, and is always a mark update with the mid
     * (bid + ask) / 2 as the mark. Imbalance is (bidLots - askLots) / (bidLots + askLots), 0 when both are 0.
     *
     * @param index    dense instrument index.
     * @param bidTicks best bid in ticks, positive.
     * @param bidLots  size at the bid in lots, not negative.
     * @param askTicks best ask in ticks, at least the bid.
     * @param askLots  size at the ask in lots, not negative.
     */
    public void onQuote(
        final int index, final long bidTicks, final long bidLots, final long askTicks, final long askLots)
    {
        final int base = index * FeatureId.COUNT;
        final long sizeLots = bidLots + askLots;
        this.bidTicks[index] = bidTicks;
        this.askTicks[index] = askTicks;
        hasQuote[index] = true;
        features[base + SPREAD] = askTicks - bidTicks;
        features[base + IMBALANCE] = sizeLots == 0 ? 0.0 : (bidLots - askLots) / (double)sizeLots;
        features[base + MICROPRICE] = sizeLots == 0 ? (bidTicks + askTicks) / 2.0 :
            ((double)bidTicks * askLots + (double)askTicks * bidLots) / sizeLots;

        final long sumTicks = bidTicks + askTicks;
        // An arithmetic shift rounds down, which is the documented rounding of markTicks.
        updateMark(index, sumTicks / 2.0, sumTicks >> 1);
    }

    /**
     * A venue book's depth: the size in its best N levels a side; sets the book imbalance. Not a mark update.
     *
     * @param bidDepthLots size in the best bid levels, not negative.
     * @param askDepthLots size in the best ask levels, not negative.
     */
    public void onBookDepth(final int index, final long bidDepthLots, final long askDepthLots)
    {
        final long total = bidDepthLots + askDepthLots;
        features[index * FeatureId.COUNT + BOOK_IMBALANCE] = total == 0 ? 0.0 :
            (bidDepthLots - askDepthLots) / (double)total;
    }

    /**
     * An OHLCV bar: sets the last price to the close, adds the typical price (high + low + close) / 3 weighted by the
     * volume to the VWAP window, and is a mark update with the close while no quote has been seen for the instrument.
     *
     * @param index      dense instrument index.
     * @param openTicks  open in ticks (not used by any feature yet).
     * @param highTicks  high in ticks.
     * @param lowTicks   low in ticks.
     * @param closeTicks close in ticks, positive.
     * @param volumeLots volume in lots, not negative; a bar of volume 0 still takes a slot of the VWAP window.
     */
    public void onBar(
        final int index,
        final long openTicks,
        final long highTicks,
        final long lowTicks,
        final long closeTicks,
        final long volumeLots)
    {
        features[index * FeatureId.COUNT + LAST_PRICE] = closeTicks;
        addPrint(index, Math.multiplyExact(highTicks + lowTicks + closeTicks, volumeLots), volumeLots);
        if (!hasQuote[index])
        {
            updateMark(index, closeTicks, closeTicks);
        }
    }

    /**
     * Copy the instrument's current state into a ring slot: {@link EngineEvent#markTicks} (the mark rounded down to a
     * whole tick; the exact mark is {@link FeatureId#MID_PRICE}), {@link EngineEvent#bidTicks},
     * {@link EngineEvent#askTicks} (0 before the first quote) and every feature.
     *
     * @param index dense instrument index.
     * @param event the slot to write.
     */
    public void snapshot(final int index, final EngineEvent event)
    {
        event.markTicks = markTicks[index];
        event.bidTicks = bidTicks[index];
        event.askTicks = askTicks[index];
        System.arraycopy(features, index * FeatureId.COUNT, event.features, 0, FeatureId.COUNT);
    }

    /**
     * @return the instrument's current value of the feature (0 until defined, see the class javadoc), the volatility
     *         included when this engine does not compute it for the snapshots.
     */
    public double value(final int index, final FeatureId id)
    {
        if (id == FeatureId.VOLATILITY && !computeVolatility)
        {
            return returnCount[index] == 0 ? 0.0 : volatility(index);
        }
        return features[index * FeatureId.COUNT + id.ordinal()];
    }

    /**
     * @return whether {@link FeatureId#VOLATILITY} is kept up to date in the features and snapshots.
     */
    public boolean computesVolatility()
    {
        return computeVolatility;
    }

    /**
     * @return true once the instrument has a mark price, that is after its first trade, quote or bar.
     */
    public boolean hasPrice(final int index)
    {
        return hasMark[index];
    }

    private void updateMark(final int index, final double mark, final long markFloorTicks)
    {
        final int base = index * FeatureId.COUNT;
        final double emaFast;
        final double emaSlow;
        if (hasMark[index])
        {
            final double logReturn = Math.log(mark / features[base + MID_PRICE]);
            emaFast = features[base + EMA_FAST] + alphaFast * (mark - features[base + EMA_FAST]);
            emaSlow = features[base + EMA_SLOW] + alphaSlow * (mark - features[base + EMA_SLOW]);
            features[base + LOG_RETURN] = logReturn;
            addReturn(index, logReturn);
            if (computeVolatility)
            {
                features[base + VOLATILITY] = volatility(index);
            }
        }
        else
        {
            hasMark[index] = true;
            emaFast = mark;
            emaSlow = mark;
            features[base + LOG_RETURN] = 0.0;
        }
        markTicks[index] = markFloorTicks;
        features[base + MID_PRICE] = mark;
        features[base + EMA_FAST] = emaFast;
        features[base + EMA_SLOW] = emaSlow;
        features[base + EMA_GAP] = (emaFast - emaSlow) / emaSlow;
    }

    /**
     * Add a return to the instrument's window.
     */
    private void addReturn(final int index, final double logReturn)
    {
        final int next = returnNext[index];
        returns[index * volatilityWindow + next] = logReturn;
        returnNext[index] = next + 1 == volatilityWindow ? 0 : next + 1;
        returnCount[index] = returnCount[index] == volatilityWindow ? volatilityWindow : returnCount[index] + 1;
    }

    /**
     * @return the population standard deviation of the instrument's window, which holds at least one return.
     */
    private double volatility(final int index)
    {
        final int base = index * volatilityWindow;
        final int count = returnCount[index];

        // The filled slots are always [0, count): the ring fills from slot 0 and then stays full.
        final int end = base + count;
        double sum = 0.0;
        for (int i = base; i < end; i++)
        {
            sum += returns[i];
        }
        final double mean = sum / count;
        double sumSquares = 0.0;
        for (int i = base; i < end; i++)
        {
            final double deviation = returns[i] - mean;
            sumSquares += deviation * deviation;
        }
        return Math.sqrt(sumSquares / count);
    }

    private void addPrint(final int index, final long notional3, final long qtyLots)
    {
        final int next = printNext[index];
        final int slot = index * vwapWindow + next;
        long notional3Low = notional3Sum[index];
        long notional3High = notional3SumHigh[index];
        long qtyLotsTotal = qtyLotsSum[index];
        if (printCount[index] == vwapWindow)
        {
            final long old = printNotional3[slot];
            if (Long.compareUnsigned(notional3Low, old) < 0)
            {
                notional3High--;
            }
            notional3Low -= old;
            qtyLotsTotal -= printQtyLots[slot];
        }
        final long low = notional3Low + notional3;
        if (Long.compareUnsigned(low, notional3Low) < 0)
        {
            notional3High++;
        }
        notional3Low = low;
        qtyLotsTotal = Math.addExact(qtyLotsTotal, qtyLots);
        if (printCount[index] < vwapWindow)
        {
            printCount[index]++;
        }
        printNotional3[slot] = notional3;
        printQtyLots[slot] = qtyLots;
        notional3Sum[index] = notional3Low;
        notional3SumHigh[index] = notional3High;
        qtyLotsSum[index] = qtyLotsTotal;
        printNext[index] = next + 1 == vwapWindow ? 0 : next + 1;

        final int base = index * FeatureId.COUNT;
        features[base + VWAP] = qtyLotsTotal == 0 ?
            features[base + LAST_PRICE] : toDouble(notional3High, notional3Low) / (3.0 * qtyLotsTotal);
    }

    /**
     * @return the non-negative 128-bit value {@code high:low} as a double; exactly {@code (double)low} when it fits in
     *         a long, as it always did before the sum was widened.
     */
    private static double toDouble(final long high, final long low)
    {
        if (high == 0 && low >= 0)
        {
            return low;
        }
        final double lowUnsigned = (double)(low >>> 1) * 2.0 + (low & 1L);
        return high * 0x1p64 + lowUnsigned;
    }

    private static int arrayLength(final int instrumentCount, final int perInstrument, final String field)
    {
        final long length = (long)instrumentCount * perInstrument;
        if (length > Integer.MAX_VALUE - 8)
        {
            throw new IllegalArgumentException(
                field + ": " + perInstrument + " x " + instrumentCount + " instruments does not fit in an array");
        }
        return (int)length;
    }
}
