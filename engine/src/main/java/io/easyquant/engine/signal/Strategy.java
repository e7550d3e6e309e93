package io.easyquant.engine.signal;

import io.easyquant.engine.features.FeatureId;

/**
 * A trading strategy: turns an instrument's features into a target position. Called by the signal stage for every
 * event that moved an instrument's price, in event order, on one thread.
 *
 * <p>Contract: deterministic. A strategy takes time only from {@code timeNs} (the event's engine time), never from a
 * clock or an unseeded random source, so a replay of the same inputs gives the same targets. It must not allocate,
 * log or block: it runs on the hot path.
 */
public interface Strategy
{
    /** Returned by {@link #onPrice} to leave the target unchanged. */
    long NO_TARGET = Long.MIN_VALUE;

    /**
     * @param instrumentIndex dense index of the instrument whose price moved.
     * @param timeNs          the event's engine time, nanoseconds since the Unix epoch.
     * @param markTicks       the instrument's mark price after the event, in ticks (rounded down).
     * @param features        the instrument's features after the event, indexed by {@code FeatureId.ordinal()};
     *                        read-only, valid only during the call.
     * @return the target position in lots (negative for short), or {@link #NO_TARGET}.
     */
    long onPrice(int instrumentIndex, long timeNs, long markTicks, double[] features);

    /**
     * Whether {@link #onPrice} reads this feature. The features stage may skip computing a feature no strategy reads
     * and leave it at 0 in the slot, so a strategy must answer true for every feature it reads, its weights included
     * even when they multiply to nothing. The default, true for all, is always safe.
     */
    default boolean usesFeature(final FeatureId feature)
    {
        return true;
    }

    /**
     * @return the raw score behind the last returned target, for the journal and displays (not for decisions).
     */
    double lastScore();

    /**
     * @return a short name for logs and the journal.
     */
    String name();
}
