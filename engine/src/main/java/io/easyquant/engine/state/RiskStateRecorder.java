package io.easyquant.engine.state;

/**
 * Where the risk stage mirrors the state it owns (its counters and the trading state), entry by entry, each tagged
 * with the sequence of the input it reflects, so the mirror can be checked against a replay of the journal.
 *
 * <p>Called on the risk stage's own thread only, after the change; implementations write in place and allocate
 * nothing, never log and never lock.
 */
public interface RiskStateRecorder
{
    /** Records nothing. */
    RiskStateRecorder NONE = new RiskStateRecorder()
    {
        @Override
        public void counter(final int instrumentIndex, final int counter, final long value, final long inputSequence)
        {
        }

        @Override
        public void tradingState(final int state, final int origin, final long inputSequence)
        {
        }
    };

    /**
     * @param instrumentIndex the dense instrument index, or -1 for an engine-wide counter.
     * @param counter         a {@code io.easyquant.engine.risk.RiskCounter} id.
     * @param value           the counter's new value.
     * @param inputSequence   the sequence of the input whose processing produced the value.
     */
    void counter(int instrumentIndex, int counter, long value, long inputSequence);

    /**
     * @param state         the new {@link io.easyquant.journal.codec.TradingState}.
     * @param origin        who moved it (an {@link io.easyquant.journal.codec.CommandOrigin} code).
     * @param inputSequence the sequence of the input that moved it.
     */
    void tradingState(int state, int origin, long inputSequence);
}
