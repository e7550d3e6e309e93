package io.easyquant.engine.order;

import io.easyquant.journal.codec.ExecType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static io.easyquant.engine.order.OrderState.ACKED;
import static io.easyquant.engine.order.OrderState.CANCELLED;
import static io.easyquant.engine.order.OrderState.EXPIRED;
import static io.easyquant.engine.order.OrderState.FILLED;
import static io.easyquant.engine.order.OrderState.NEW;
import static io.easyquant.engine.order.OrderState.PARTIALLY_FILLED;
import static io.easyquant.engine.order.OrderState.REJECTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderStateMachineTest
{
    private static final int X = OrderState.INVALID;

    /**
     * The expected next state for every (state, execType) pair, written out by hand from the documented diagram.
     * Rows: states NEW..EXPIRED (1..7). Columns: exec types 0..7.
     */
    private static final int[][] EXPECTED =
    {
        //                0  ACK    PARTIAL_FILL      FILL    CANCELLED  REJECTED  EXPIRED  CANCEL_REJECTED
        /* NEW       */ { X, ACKED, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED, EXPIRED, NEW },
        /* ACKED     */ { X, X,     PARTIALLY_FILLED, FILLED, CANCELLED, X,        EXPIRED, ACKED },
        /* PARTIALLY */ { X, X,     PARTIALLY_FILLED, FILLED, CANCELLED, X,        EXPIRED, PARTIALLY_FILLED },
        /* FILLED    */ { X, X,     X,                X,      X,         X,        X,       FILLED },
        /* CANCELLED */ { X, X,     X,                X,      X,         X,        X,       CANCELLED },
        /* REJECTED  */ { X, X,     X,                X,      X,         X,        X,       REJECTED },
        /* EXPIRED   */ { X, X,     X,                X,      X,         X,        X,       EXPIRED },
    };

    private static final byte[] OUT_OF_RANGE_EXEC_TYPES = { -1, 8, 127, Byte.MIN_VALUE };

    static List<Arguments> everyStateAndExecType()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (int state = NEW; state <= EXPIRED; state++)
        {
            for (byte execType = 0; execType <= ExecType.CANCEL_REJECTED; execType++)
            {
                cases.add(Arguments.of(state, execType, EXPECTED[state - NEW][execType]));
            }
            for (final byte execType : OUT_OF_RANGE_EXEC_TYPES)
            {
                cases.add(Arguments.of(state, execType, X));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{index}: state {0} + execType {1} -> {2}")
    @MethodSource("everyStateAndExecType")
    void shouldFollowTheTransitionTable(final int state, final byte execType, final int expectedNext)
    {
        assertEquals(
            expectedNext,
            OrderStateMachine.next(state, execType),
            OrderState.name(state) + " + " + ExecType.name(execType));
    }

    @Test
    void shouldCoverEveryPairExactlyOnce()
    {
        assertEquals(7 * (8 + OUT_OF_RANGE_EXEC_TYPES.length), everyStateAndExecType().size());
        assertEquals(EXPIRED - NEW + 1, EXPECTED.length);
    }

    @Test
    void shouldKeepAnyStateOnCancelRejected()
    {
        for (int state = NEW; state <= EXPIRED; state++)
        {
            assertEquals(state, OrderStateMachine.next(state, ExecType.CANCEL_REJECTED), OrderState.name(state));
        }
    }

    @Test
    void shouldAnswerInvalidForStatesOutsideTheMachine()
    {
        final int[] notStates = { OrderState.INVALID, EXPIRED + 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE };
        for (final int state : notStates)
        {
            for (int execType = Byte.MIN_VALUE; execType <= Byte.MAX_VALUE; execType++)
            {
                assertEquals(X, OrderStateMachine.next(state, (byte)execType), state + " + " + execType);
            }
        }
    }

    @Test
    void shouldTreatOnlyFilledCancelledRejectedAndExpiredAsTerminal()
    {
        assertFalse(OrderState.isTerminal(NEW));
        assertFalse(OrderState.isTerminal(ACKED));
        assertFalse(OrderState.isTerminal(PARTIALLY_FILLED));
        assertTrue(OrderState.isTerminal(FILLED));
        assertTrue(OrderState.isTerminal(CANCELLED));
        assertTrue(OrderState.isTerminal(REJECTED));
        assertTrue(OrderState.isTerminal(EXPIRED));
    }
}
