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
    private final byte orderType;
    private final long limitOffsetTicks;
    private final int maxWorkingOrders;

    /**
     * @param orderType        {@link OrderType#MARKET} or {@link OrderType#LIMIT}.
     * @param limitOffsetTicks for limit orders: how far through the touch to price (buy at ask + offset,
     *                         sell at bid - offset), &ge; 0.
     * @param maxWorkingOrders the most orders working at once, &ge; 1.
     * @throws IllegalArgumentException naming the field for a bad value.
     */
    public ExecutionContext(final byte orderType, final long limitOffsetTicks, final int maxWorkingOrders)
    {
        if (!OrderType.isValid(orderType))
        {
            throw new IllegalArgumentException("orderType: expected market or limit");
        }
        if (limitOffsetTicks < 0)
        {
            throw new IllegalArgumentException("limitOffsetTicks: expected an integer >= 0, got " + limitOffsetTicks);
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
