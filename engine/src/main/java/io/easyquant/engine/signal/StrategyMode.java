package io.easyquant.engine.signal;

/**
 * Which side a strategy may hold.
 */
public enum StrategyMode
{
    /** Long or flat: a sell signal goes flat. */
    LONG_ONLY,
    /** Long or short: a sell signal goes short. */
    LONG_SHORT
}
