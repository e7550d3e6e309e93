package io.easyquant.engine.execution;

import io.easyquant.journal.codec.OrderType;

/**
 * How targets become orders: the order type, the limit offset, and the most orders working at once. Both the risk
 * stage (which plans and checks the order) and the execution stage (which sends it) read it.
 *
 * <p>Immutable.
 */
public final class ExecutionContext
{
    /** The largest {@code |limitOffsetTicks|}: far beyond any book, and no overflow when added to a price. */
    public static final long MAX_LIMIT_OFFSET_TICKS = 1_000_000_000L;

    private final byte orderType;
    private final long limitOffsetTicks;
    private final int maxWorkingOrders;

    /**
     * @param orderType        {@link OrderType#MARKET} or {@link OrderType#LIMIT}.
     * @param limitOffsetTicks for limit orders: how far through the touch to price (buy at ask + offset,
     *                         sell at bid - offset, never below one tick); negative prices inside the spread or
     *                         behind the touch, so the order rests passively. At most
     *                         {@link #MAX_LIMIT_OFFSET_TICKS} either way.
     * @param maxWorkingOrders the most orders working at once, &ge; 1.
     * @throws IllegalArgumentException naming the field for a bad value.
     */
    public ExecutionContext(final byte orderType, final long limitOffsetTicks, final int maxWorkingOrders)
    {
        if (!OrderType.isValid(orderType))
        {
            throw new IllegalArgumentException("orderType: expected market or limit");
        }
        if (limitOffsetTicks < -MAX_LIMIT_OFFSET_TICKS || limitOffsetTicks > MAX_LIMIT_OFFSET_TICKS)
        {
            throw new IllegalArgumentException("limitOffsetTicks: expected an integer from -" +
                MAX_LIMIT_OFFSET_TICKS + " to " + MAX_LIMIT_OFFSET_TICKS + ", got " + limitOffsetTicks);
        }
        if (maxWorkingOrders < 1)
        {
            throw new IllegalArgumentException("maxWorkingOrders: expected an integer >= 1, got " + maxWorkingOrders);
        }
        this.orderType = orderType;
        this.limitOffsetTicks = limitOffsetTicks;
        this.maxWorkingOrders = maxWorkingOrders;
    }

    public byte orderType()
    {
        return orderType;
    }

    public long limitOffsetTicks()
    {
        return limitOffsetTicks;
    }

    public int maxWorkingOrders()
    {
        return maxWorkingOrders;
    }
}
