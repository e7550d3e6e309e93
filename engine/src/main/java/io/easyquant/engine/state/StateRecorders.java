package io.easyquant.engine.state;

import java.util.Objects;

/**
 * The recorders the stages mirror their state through: execution's positions and orders, risk's counters and trading
 * state. {@link #NONE} for runs without a state store (replays, backtests, tests of the logic alone).
 */
public record StateRecorders(ExecutionStateRecorder execution, RiskStateRecorder risk)
{
    /** Records nothing. */
    public static final StateRecorders NONE = new StateRecorders(ExecutionStateRecorder.NONE, RiskStateRecorder.NONE);

    public StateRecorders
    {
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(risk, "risk");
    }

    /**
     * @return the store's recorders.
     */
    public static StateRecorders of(final StateStore store)
    {
        return new StateRecorders(store.executionRecorder(), store.riskRecorder());
    }
}
