package io.easyquant.engine.state;

/**
 * The risk stage's state as a check reads it, after the recovery replay: bind it to the risk stage's counters and
 * trading state.
 */
public interface RiskStateSource
{
    /** A source with no counters and an ACTIVE engine. */
    RiskStateSource NONE = new RiskStateSource()
    {
        @Override
        public int counterCount()
        {
            return 0;
        }

        @Override
        public long counter(final int instrumentIndex, final int counter)
        {
            return 0;
        }

        @Override
        public int tradingState()
        {
            return io.easyquant.journal.codec.TradingState.ACTIVE;
        }
    };

    /**
     * @return the number of counter ids (ids are 0 to count - 1).
     */
    int counterCount();

    /**
     * @param instrumentIndex the dense instrument index, or -1 for an engine-wide counter.
     */
    long counter(int instrumentIndex, int counter);

    /**
     * @return the {@link io.easyquant.journal.codec.TradingState}.
     */
    int tradingState();
}
