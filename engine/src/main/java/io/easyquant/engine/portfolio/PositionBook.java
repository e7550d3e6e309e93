package io.easyquant.engine.portfolio;

import io.easyquant.engine.instrument.Instruments;
import io.easyquant.journal.codec.Side;

/**
 * Positions and PnL per instrument, in exact integers: positions in lots, money in cash units (1e-8 of the quote
 * currency). Indexed by the dense instrument index.
 *
 * <p>The cost of the open position is kept exactly ({@code costCash}, signed like the position), so the average
 * price is cost / position and nothing drifts. Closing part of a position removes the same fraction of the cost,
 * truncated toward zero; closing all of it removes all of it. A fill that crosses zero closes the old position and
 * opens the rest at the fill price.
 *
 * <ul>
 *   <li>realized PnL: gross, from closed quantity; fees are kept apart.</li>
 *   <li>unrealized PnL: position &times; mark &times; cash per tick-lot &minus; cost.</li>
 *   <li>net PnL: realized + unrealized &minus; fees.</li>
 * </ul>
 *
 * Ranges: every product and sum is exact ({@link Math#multiplyExact}, {@link Math#addExact}; partial closes through
 * the 128-bit {@link FixedPoint#mulDiv}). A result that does not fit in a long (9.2e18 cash units, 9.2e10 quote
 * currency) throws {@link ArithmeticException} and changes nothing: never a wrapped number. Ingest's bounds
 * ({@code Instrument.maxPriceTicks}, {@code maxQtyLots}) keep one fill's value within 1e18 cash units, so this is not
 * reached in routine operation; on the order path it is a stage fault, which halts trading.
 *
 * <p>Not thread-safe: owned by one stage.
 */
public final class PositionBook
{
    private final long[] cashPerTickLot;
    private final long[] positionLots;
    private final long[] costCash;
    private final long[] realizedCash;
    private final long[] feesCash;
    private final long[] markTicks;
    private final long[] boughtLots;
    private final long[] soldLots;
    private final long[] fills;

    public PositionBook(final Instruments instruments)
    {
        this(cashPerTickLot(instruments));
    }

    /**
     * @param cashPerTickLot per instrument, the cash units one tick times one lot is worth.
     */
    public PositionBook(final long[] cashPerTickLot)
    {
        final int count = cashPerTickLot.length;
        this.cashPerTickLot = cashPerTickLot.clone();
        positionLots = new long[count];
        costCash = new long[count];
        realizedCash = new long[count];
        feesCash = new long[count];
        markTicks = new long[count];
        boughtLots = new long[count];
        soldLots = new long[count];
        fills = new long[count];
    }

    private static long[] cashPerTickLot(final Instruments instruments)
    {
        final long[] values = new long[instruments.count()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = instruments.at(i).cashPerTickLot();
        }
        return values;
    }

    public int count()
    {
        return positionLots.length;
    }

    /**
     * Apply one fill.
     *
     * @param side       {@link Side#BUY} or {@link Side#SELL}.
     * @param qtyLots    filled quantity, &gt; 0.
     * @param priceTicks fill price.
     * @param feeCash    fee charged, in cash units.
     * @throws ArithmeticException if a figure would not fit in a long; the book is then unchanged.
     */
    public void applyFill(
        final int index, final byte side, final long qtyLots, final long priceTicks, final long feeCash)
    {
        final long signedQty = side == Side.BUY ? qtyLots : -qtyLots;
        final long cpt = cashPerTickLot[index];
        final long position = positionLots[index];

        // Every figure is computed exactly before any is stored: an overflow throws and leaves the book unchanged.
        final long fees = Math.addExact(feesCash[index], feeCash);
        final long bought = side == Side.BUY ? Math.addExact(boughtLots[index], qtyLots) : boughtLots[index];
        final long sold = side == Side.BUY ? soldLots[index] : Math.addExact(soldLots[index], qtyLots);
        final long newPosition;
        final long newCost;
        final long newRealized;
        if (position == 0 || (position > 0) == (signedQty > 0))
        {
            newPosition = Math.addExact(position, signedQty);
            newCost = Math.addExact(costCash[index], value(signedQty, priceTicks, cpt));
            newRealized = realizedCash[index];
        }
        else
        {
            final long absPosition = Math.abs(position);
            final long closeLots = Math.min(qtyLots, absPosition);
            final long removedCost = closeLots == absPosition ?
                costCash[index] : FixedPoint.mulDiv(costCash[index], closeLots, absPosition);
            final long closeValue = value(closeLots, priceTicks, cpt);
            newRealized = Math.addExact(realizedCash[index],
                Math.subtractExact(position > 0 ? closeValue : -closeValue, removedCost));
            final long remaining = qtyLots - closeLots;
            if (remaining > 0)
            {
                newPosition = side == Side.BUY ? remaining : -remaining;
                newCost = value(newPosition, priceTicks, cpt);
            }
            else
            {
                newPosition = position > 0 ? position - closeLots : position + closeLots;
                newCost = costCash[index] - removedCost;
            }
        }

        fills[index]++;
        feesCash[index] = fees;
        boughtLots[index] = bought;
        soldLots[index] = sold;
        positionLots[index] = newPosition;
        costCash[index] = newCost;
        realizedCash[index] = newRealized;
    }

    /**
     * @return lots &times; ticks &times; cash per tick-lot, exactly.
     * @throws ArithmeticException if it does not fit in a long.
     */
    private static long value(final long lots, final long ticks, final long cashPerTickLot)
    {
        return Math.multiplyExact(Math.multiplyExact(lots, ticks), cashPerTickLot);
    }

    /**
     * Set the mark price used for unrealized PnL.
     */
    public void mark(final int index, final long markTicks)
    {
        this.markTicks[index] = markTicks;
    }

    public long positionLots(final int index)
    {
        return positionLots[index];
    }

    public long costCash(final int index)
    {
        return costCash[index];
    }

    public long realizedCash(final int index)
    {
        return realizedCash[index];
    }

    public long feesCash(final int index)
    {
        return feesCash[index];
    }

    public long markTicks(final int index)
    {
        return markTicks[index];
    }

    public long boughtLots(final int index)
    {
        return boughtLots[index];
    }

    public long soldLots(final int index)
    {
        return soldLots[index];
    }

    public long fills(final int index)
    {
        return fills[index];
    }

    /**
     * @return unrealized PnL at the mark, in cash units; 0 when flat or before the first mark.
     */
    public long unrealizedCash(final int index)
    {
        if (positionLots[index] == 0 || markTicks[index] == 0)
        {
            return 0;
        }
        return Math.subtractExact(value(positionLots[index], markTicks[index], cashPerTickLot[index]), costCash[index]);
    }

    /**
     * @return realized + unrealized - fees, in cash units.
     */
    public long netPnlCash(final int index)
    {
        return Math.subtractExact(Math.addExact(realizedCash[index], unrealizedCash(index)), feesCash[index]);
    }

    /**
     * @return the average entry price of the open position in ticks (fractional), or 0 when flat. For display.
     */
    public double averagePriceTicks(final int index)
    {
        final long position = positionLots[index];
        return position == 0 ? 0.0 : (double)costCash[index] / ((double)position * cashPerTickLot[index]);
    }

    /**
     * @return the absolute value of the position at the mark, in cash units.
     */
    public long exposureCash(final int index)
    {
        return Math.abs(value(positionLots[index], markTicks[index], cashPerTickLot[index]));
    }

    /**
     * Set one instrument's figures to values this book (or one with the same instruments) had, e.g. read back from
     * a stored snapshot: the next fill continues from them as if it had been applied to that book.
     */
    public void restore(final int index, final long positionLots, final long costCash, final long realizedCash,
        final long feesCash, final long markTicks, final long boughtLots, final long soldLots, final long fills)
    {
        this.positionLots[index] = positionLots;
        this.costCash[index] = costCash;
        this.realizedCash[index] = realizedCash;
        this.feesCash[index] = feesCash;
        this.markTicks[index] = markTicks;
        this.boughtLots[index] = boughtLots;
        this.soldLots[index] = soldLots;
        this.fills[index] = fills;
    }
}
