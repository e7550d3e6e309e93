package io.easyquant.engine.state;

/**
 * The fixed shape of the state maps, from configuration: one position entry per instrument, one order entry per
 * working-order slot ({@code execution.maxWorkingOrders}), one risk counter entry per (instrument or engine-wide,
 * counter id) with ids below {@code counterCapacity}, and one trading-state entry. Maps created with another shape are
 * refused at open and rebuilt.
 *
 * @param instrumentCount  the number of configured instruments.
 * @param maxWorkingOrders the execution stage's working-order capacity.
 * @param counterCapacity  how many risk counter ids an instrument (and the engine-wide set) may have.
 */
public record StateLayout(int instrumentCount, int maxWorkingOrders, int counterCapacity)
{
    /** Counter ids the maps hold by default: room for every risk counter. */
    public static final int DEFAULT_COUNTER_CAPACITY = 32;

    /** Incremented whenever the entries' layout changes, so older files are refused. */
    static final long LAYOUT_VERSION = 1;

    public StateLayout(final int instrumentCount, final int maxWorkingOrders)
    {
        this(instrumentCount, maxWorkingOrders, DEFAULT_COUNTER_CAPACITY);
    }

    public StateLayout
    {
        if (instrumentCount <= 0)
        {
            throw new IllegalArgumentException("instrumentCount: expected > 0, got " + instrumentCount);
        }
        if (maxWorkingOrders <= 0)
        {
            throw new IllegalArgumentException("maxWorkingOrders: expected > 0, got " + maxWorkingOrders);
        }
        if (counterCapacity <= 0 || counterCapacity > 1024)
        {
            throw new IllegalArgumentException("counterCapacity: expected 1..1024, got " + counterCapacity);
        }
    }

    /**
     * @return the number of risk counter entries: engine-wide and per instrument.
     */
    public int counterEntries()
    {
        return (instrumentCount + 1) * counterCapacity;
    }

    /**
     * @param instrumentIndex the dense instrument index, or -1 for engine-wide.
     * @return the counter's entry key, or -1 if the index or id is out of range.
     */
    public int counterKey(final int instrumentIndex, final int counter)
    {
        if (instrumentIndex < -1 || instrumentIndex >= instrumentCount || counter < 0 || counter >= counterCapacity)
        {
            return -1;
        }
        return (instrumentIndex + 1) * counterCapacity + counter;
    }
}
