package io.easyquant.ops.runtime;

import io.easyquant.engine.execution.ExecutionHandler;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.order.Order;
import io.easyquant.engine.order.OrderState;
import io.easyquant.engine.order.OrderTracker;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.engine.risk.RiskHandler;
import io.easyquant.journal.codec.TradingState;

import java.util.Arrays;

/**
 * The engine state that recovery must restore, as canonical text (one fact per line, working orders by client order
 * id): trading state (execution's and risk's), the next intent id, per instrument position, cost, realized PnL, fees
 * and fills, and every working order with its side, quantities, price and whether a cancel was requested. Two engines
 * with the same text hold the same state; the text is what a recovery writes and a chaos check compares with a full
 * replay. Cold path.
 */
public final class EngineState
{
    private EngineState()
    {
    }

    /**
     * Read the state of stopped or idle stages (from the thread that saw them idle).
     */
    public static String describe(
        final Instruments instruments, final ExecutionHandler execution, final RiskHandler risk)
    {
        final StringBuilder text = new StringBuilder(512);
        text.append("trading_state ").append(TradingState.name(execution.tradingState()))
            .append(" risk ").append(TradingState.name(risk.tradingState())).append('\n');
        text.append("next_intent_id ").append(risk.nextIntentId()).append('\n');
        final PositionBook positions = execution.positions();
        for (int i = 0; i < instruments.count(); i++)
        {
            text.append("position ").append(instruments.at(i).symbol())
                .append(" lots=").append(positions.positionLots(i))
                .append(" cost=").append(positions.costCash(i))
                .append(" realized=").append(positions.realizedCash(i))
                .append(" fees=").append(positions.feesCash(i))
                .append(" fills=").append(positions.fills(i))
                .append(" risk_lots=").append(risk.positionLots(i)).append('\n');
        }
        final OrderTracker orders = execution.orders();
        final long[] ids = new long[orders.capacity()];
        int count = 0;
        for (int slot = 0; slot < orders.capacity(); slot++)
        {
            final Order order = orders.workingAt(slot);
            if (order != null)
            {
                ids[count++] = order.clOrdId();
            }
        }
        Arrays.sort(ids, 0, count);
        for (int n = 0; n < count; n++)
        {
            final Order order = orders.find(ids[n]);
            text.append("working ").append(order.clOrdId())
                .append(' ').append(instruments.at(order.instrumentIndex()).symbol())
                .append(" side=").append(order.side())
                .append(" type=").append(order.orderType())
                .append(" qty=").append(order.qtyLots())
                .append(" cum=").append(order.cumQtyLots())
                .append(" leaves=").append(order.leavesQtyLots())
                .append(" limit=").append(order.limitPriceTicks())
                .append(" state=").append(OrderState.name(order.state()))
                .append(" cancel_requested=").append(order.cancelRequested()).append('\n');
        }
        return text.toString();
    }
}
