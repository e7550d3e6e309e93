package io.easyquant.engine.order;

import io.easyquant.journal.codec.ExecType;

/**
 * The legal transitions of an order, as a table. An illegal transition answers {@link OrderState#INVALID}: the
 * caller rejects and counts the report and leaves the order unchanged.
 *
 * <pre>
 *   NEW ──ACK──▶ ACKED ──PARTIAL_FILL──▶ PARTIALLY_FILLED ──FILL──▶ FILLED
 *    │             │                         │  ▲ PARTIAL_FILL
 *    │             ├──FILL──▶ FILLED         │  └─┘
 *    │             └──CANCELLED / EXPIRED──▶ CANCELLED / EXPIRED ◀── (also from PARTIALLY_FILLED)
 *    └──REJECTED / PARTIAL_FILL / FILL / CANCELLED / EXPIRED (a fill implies the ack)
 * </pre>
 *
 * A CANCEL_REJECTED report leaves any state as it is (the cancel raced a fill). FILLED, CANCELLED, REJECTED and
 * EXPIRED are terminal: every other report on them is illegal.
 */
public final class OrderStateMachine
{
    private static final int EXEC_TYPES = 8;
    private static final int[][] TABLE = new int[8][EXEC_TYPES];

    static
    {
        TABLE[OrderState.NEW][ExecType.ACK] = OrderState.ACKED;
        TABLE[OrderState.NEW][ExecType.PARTIAL_FILL] = OrderState.PARTIALLY_FILLED;
        TABLE[OrderState.NEW][ExecType.FILL] = OrderState.FILLED;
        TABLE[OrderState.NEW][ExecType.CANCELLED] = OrderState.CANCELLED;
        TABLE[OrderState.NEW][ExecType.REJECTED] = OrderState.REJECTED;
        TABLE[OrderState.NEW][ExecType.EXPIRED] = OrderState.EXPIRED;

        TABLE[OrderState.ACKED][ExecType.PARTIAL_FILL] = OrderState.PARTIALLY_FILLED;
        TABLE[OrderState.ACKED][ExecType.FILL] = OrderState.FILLED;
        TABLE[OrderState.ACKED][ExecType.CANCELLED] = OrderState.CANCELLED;
        TABLE[OrderState.ACKED][ExecType.EXPIRED] = OrderState.EXPIRED;

        TABLE[OrderState.PARTIALLY_FILLED][ExecType.PARTIAL_FILL] = OrderState.PARTIALLY_FILLED;
        TABLE[OrderState.PARTIALLY_FILLED][ExecType.FILL] = OrderState.FILLED;
        TABLE[OrderState.PARTIALLY_FILLED][ExecType.CANCELLED] = OrderState.CANCELLED;
        TABLE[OrderState.PARTIALLY_FILLED][ExecType.EXPIRED] = OrderState.EXPIRED;

        for (int state = OrderState.NEW; state <= OrderState.EXPIRED; state++)
        {
            TABLE[state][ExecType.CANCEL_REJECTED] = state;
        }
    }

    private OrderStateMachine()
    {
    }

    /**
     * @param state    the order's current {@link OrderState}.
     * @param execType the report's {@link ExecType}.
     * @return the next state, or {@link OrderState#INVALID} if the report is illegal in this state.
     */
    public static int next(final int state, final byte execType)
    {
        if (state < OrderState.NEW || state > OrderState.EXPIRED || execType < 0 || execType >= EXEC_TYPES)
        {
            return OrderState.INVALID;
        }
        return TABLE[state][execType];
    }
}
