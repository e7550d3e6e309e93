package io.easyquant.ops.replay;

import io.easyquant.engine.risk.RiskReason;

import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of a what-if ({@link WhatIf}): how the decisions and the final positions of a run with a changed
 * configuration differ from those of the baseline run over the same market data. Quantities, prices and money are
 * decimals in the instrument's units and the quote currency.
 *
 * <p>Every difference list is ordered by decision point (market event ordinal, then instrument id), then by the order
 * in which the run produced it.
 *
 * @param marketEvents          market events run, the same in both runs.
 * @param ordersBaseline        orders the baseline sent.
 * @param ordersWhatIf          orders the what-if sent.
 * @param rejectionsBaseline    intents the baseline's risk rejected.
 * @param rejectionsWhatIf      intents the what-if's risk rejected.
 * @param ordersAdded           orders only the what-if sent.
 * @param ordersRemoved         orders only the baseline sent.
 * @param ordersChanged         orders both sent at the same decision point, with a different side, type, quantity or
 *                              limit price.
 * @param rejectionsAdded       risk rejections only the what-if made.
 * @param rejectionsRemoved     risk rejections only the baseline made.
 * @param instruments           final position and PnL per instrument, baseline and what-if.
 */
public record DiffResult(
    long marketEvents,
    long ordersBaseline,
    long ordersWhatIf,
    long rejectionsBaseline,
    long rejectionsWhatIf,
    List<Order> ordersAdded,
    List<Order> ordersRemoved,
    List<OrderChange> ordersChanged,
    List<Rejection> rejectionsAdded,
    List<Rejection> rejectionsRemoved,
    List<InstrumentResult> instruments)
{
    public DiffResult
    {
        ordersAdded = List.copyOf(ordersAdded);
        ordersRemoved = List.copyOf(ordersRemoved);
        ordersChanged = List.copyOf(ordersChanged);
        rejectionsAdded = List.copyOf(rejectionsAdded);
        rejectionsRemoved = List.copyOf(rejectionsRemoved);
        instruments = List.copyOf(instruments);
    }

    /**
     * @return true if the two runs made the same orders and rejections and ended with the same positions and PnL.
     */
    public boolean identical()
    {
        if (!ordersAdded.isEmpty() || !ordersRemoved.isEmpty() || !ordersChanged.isEmpty() ||
            !rejectionsAdded.isEmpty() || !rejectionsRemoved.isEmpty())
        {
            return false;
        }
        for (final InstrumentResult instrument : instruments)
        {
            if (!instrument.difference().isZero())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * An order one run sent.
     *
     * @param marketEvent  the decision point: market events run before the one that caused the order.
     * @param timeNs       engine time of the decision, in nanoseconds since the epoch.
     * @param instrumentId the instrument's configured id.
     * @param symbol       the instrument's symbol.
     * @param side         {@link io.easyquant.journal.codec.Side}.
     * @param orderType    {@link io.easyquant.journal.codec.OrderType}.
     * @param qty          quantity.
     * @param limitPrice   limit price, or null for a market order.
     */
    public record Order(
        long marketEvent,
        long timeNs,
        int instrumentId,
        String symbol,
        byte side,
        byte orderType,
        BigDecimal qty,
        BigDecimal limitPrice)
    {
        /**
         * @return true if the other order has the same side, type, quantity and limit price.
         */
        public boolean sameTerms(final Order other)
        {
            return side == other.side && orderType == other.orderType && qty.compareTo(other.qty) == 0 &&
                (limitPrice == null ? other.limitPrice == null :
                    other.limitPrice != null && limitPrice.compareTo(other.limitPrice) == 0);
        }
    }

    /**
     * Orders both runs sent at the same decision point, on different terms.
     */
    public record OrderChange(Order baseline, Order whatIf)
    {
    }

    /**
     * An order intent that pre-trade risk rejected.
     *
     * @param marketEvent  the decision point: market events run before the one that caused the intent.
     * @param timeNs       engine time of the decision.
     * @param instrumentId the instrument's configured id.
     * @param symbol       the instrument's symbol.
     * @param side         the intent's side.
     * @param orderType    the intent's order type.
     * @param qty          the intent's quantity.
     * @param limitPrice   the intent's limit price, or null for a market order.
     * @param reasonCode   the {@link RiskReason} code.
     */
    public record Rejection(
        long marketEvent,
        long timeNs,
        int instrumentId,
        String symbol,
        byte side,
        byte orderType,
        BigDecimal qty,
        BigDecimal limitPrice,
        int reasonCode)
    {
        /**
         * @return the reason's name, e.g. {@code max_position}.
         */
        public String reason()
        {
            return RiskReason.name(reasonCode);
        }
    }

    /**
     * Position and PnL at the end of a run, in the instrument's quantity and its quote currency.
     *
     * @param position   final position (negative short).
     * @param realized   realized PnL, gross of fees.
     * @param unrealized unrealized PnL at the last mark.
     * @param fees       fees paid.
     * @param net        realized + unrealized - fees.
     */
    public record Pnl(BigDecimal position, BigDecimal realized, BigDecimal unrealized, BigDecimal fees, BigDecimal net)
    {
        /** Flat, for an instrument a run's configuration does not have. */
        public static final Pnl NONE =
            new Pnl(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        /**
         * @return this minus the other, field by field.
         */
        public Pnl minus(final Pnl other)
        {
            return new Pnl(position.subtract(other.position), realized.subtract(other.realized),
                unrealized.subtract(other.unrealized), fees.subtract(other.fees), net.subtract(other.net));
        }

        public boolean isZero()
        {
            return position.signum() == 0 && realized.signum() == 0 && unrealized.signum() == 0 &&
                fees.signum() == 0 && net.signum() == 0;
        }
    }

    /**
     * One instrument's result in both runs.
     */
    public record InstrumentResult(int instrumentId, String symbol, Pnl baseline, Pnl whatIf)
    {
        /**
         * @return what-if minus baseline.
         */
        public Pnl difference()
        {
            return whatIf.minus(baseline);
        }
    }
}
