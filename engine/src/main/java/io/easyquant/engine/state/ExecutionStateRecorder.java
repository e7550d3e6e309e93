package io.easyquant.engine.state;

import io.easyquant.engine.order.Order;
import io.easyquant.engine.portfolio.PositionBook;

/**
 * Where the execution stage mirrors the state it owns (positions and working orders), entry by entry, each tagged
 * with the sequence of the input it reflects. Input sequences are continuous across sessions (the n-th journaled input
 * has sequence n), so the tag is the journal index of the input the entry reflects.
 *
 * <p>Called on the execution stage's own thread only, after the change; implementations write in place and allocate
 * nothing, never log and never lock.
 */
public interface ExecutionStateRecorder
{
    /** Records nothing. */
    ExecutionStateRecorder NONE = new ExecutionStateRecorder()
    {
        @Override
        public void position(final int instrumentIndex, final PositionBook positions, final long inputSequence)
        {
        }

        @Override
        public void order(final Order order, final long inputSequence)
        {
        }
    };

    /**
     * The instrument's position changed (a fill).
     *
     * @param positions the stage's book, read at {@code instrumentIndex}.
     */
    void position(int instrumentIndex, PositionBook positions, long inputSequence);

    /**
     * An order was sent, changed by a report, completed (its state is terminal: the slot is free again) or had a
     * cancel requested.
     *
     * @param order the order as it stands, at its pool {@link Order#slot() slot}.
     */
    void order(Order order, long inputSequence);
}
