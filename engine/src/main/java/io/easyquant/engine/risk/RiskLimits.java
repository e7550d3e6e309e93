package io.easyquant.engine.risk;

/**
 * Pre-trade limits per instrument, in lots, indexed by the dense instrument index.
 *
 * <p>Immutable.
 */
public final class RiskLimits
{
    private final long[] maxOrderQtyLots;
    private final long[] maxPositionLots;

    /**
     * @param maxOrderQtyLots the largest single order per instrument, each &gt; 0.
     * @param maxPositionLots the largest absolute position (long or short) per instrument, each &ge; 0.
     * @throws IllegalArgumentException naming the field for a bad value.
     */
    public RiskLimits(final long[] maxOrderQtyLots, final long[] maxPositionLots)
    {
        if (maxOrderQtyLots.length != maxPositionLots.length)
        {
            throw new IllegalArgumentException("risk: expected limits for every instrument");
        }
        for (int i = 0; i < maxOrderQtyLots.length; i++)
        {
            if (maxOrderQtyLots[i] <= 0)
            {
                throw new IllegalArgumentException("maxOrderQty: expected a positive quantity, got " +
                    maxOrderQtyLots[i] + " lots");
            }
            if (maxPositionLots[i] < 0)
            {
                throw new IllegalArgumentException("maxPosition: expected a quantity >= 0, got " +
                    maxPositionLots[i] + " lots");
            }
        }
        this.maxOrderQtyLots = maxOrderQtyLots.clone();
        this.maxPositionLots = maxPositionLots.clone();
    }

    public long maxOrderQtyLots(final int instrumentIndex)
    {
        return maxOrderQtyLots[instrumentIndex];
    }

    public long maxPositionLots(final int instrumentIndex)
    {
        return maxPositionLots[instrumentIndex];
    }
}
