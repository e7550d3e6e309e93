package io.easyquant.engine.state;

import java.util.List;

/**
 * A copy of the state maps as another process reads them ({@link StateReader}). Every entry carries its tag, the
 * sequence of the input it reflects (the journal index of that input; 0 for an entry never written), and its status:
 * {@code ok}, {@code torn} (a writer died mid-write) or {@code corrupt} (the bytes fail their checksum).
 *
 * @param positions    one per instrument index.
 * @param orders       the working orders, by slot (and any slot that is not {@code ok}).
 * @param counters     the risk counters that are not zero (and any that is not {@code ok}).
 * @param tradingState the trading state.
 */
public record StateSnapshot(
    List<Position> positions,
    List<WorkingOrder> orders,
    List<Counter> counters,
    Trading tradingState)
{
    /**
     * Money in cash units of 1e-8.
     */
    public record Position(
        int instrumentIndex,
        long positionLots,
        long costCash,
        long realizedCash,
        long feesCash,
        long fills,
        long tag,
        String status)
    {
    }

    /**
     * @param side  a {@link io.easyquant.journal.codec.Side} code.
     * @param type  an {@link io.easyquant.journal.codec.OrderType} code.
     * @param state an {@link io.easyquant.engine.order.OrderState}.
     */
    public record WorkingOrder(
        int slot,
        long clOrdId,
        int instrumentIndex,
        int side,
        int type,
        long qtyLots,
        long leavesQtyLots,
        long cumQtyLots,
        long limitPriceTicks,
        int state,
        boolean cancelRequested,
        long tag,
        String status)
    {
    }

    /**
     * @param instrumentIndex the instrument index, or -1 for an engine-wide counter.
     * @param counter         the risk counter id.
     */
    public record Counter(int instrumentIndex, int counter, long value, long tag, String status)
    {
    }

    /**
     * @param state  a {@link io.easyquant.journal.codec.TradingState}.
     * @param origin a {@link io.easyquant.journal.codec.CommandOrigin}.
     */
    public record Trading(int state, int origin, long tag, String status)
    {
    }
}
