package io.easyquant.adapters.feed.synthetic;

import org.agrona.collections.IntHashSet;

import java.util.List;

/**
 * Configuration of one {@link SyntheticFeed}. Immutable; every value is validated in the constructor, so a feed
 * never starts with a bad one.
 *
 * <ul>
 *   <li>{@code sourceId}: stamped on every published record; positive.</li>
 *   <li>{@code ratePerSecond}: events per second over all instruments, 1 to {@link #MAX_RATE_PER_SECOND}.</li>
 *   <li>{@code seed}: the random seed; the same seed gives the same stream of events.</li>
 *   <li>{@code tradeProbability}: probability in [0, 1] that an event is a trade rather than a quote; default
 *       {@link #DEFAULT_TRADE_PROBABILITY}.</li>
 *   <li>{@code maxEvents}: the feed publishes nothing after this many events; 0 (the default) for no limit.</li>
 *   <li>{@code maxBurst}: most events published by one {@code doWork()}, so that catching up after a stall does
 *       not flood the ring; default {@link #DEFAULT_MAX_BURST}.</li>
 *   <li>{@code instruments}: at least one, each instrument once; they take turns round-robin in list order.</li>
 * </ul>
 */
public final class SyntheticFeedContext
{
    public static final double DEFAULT_TRADE_PROBABILITY = 0.3;
    public static final int DEFAULT_MAX_BURST = 1024;
    public static final long MAX_RATE_PER_SECOND = 1_000_000_000L;

    private final int sourceId;
    private final long ratePerSecond;
    private final long seed;
    private final double tradeProbability;
    private final long maxEvents;
    private final int maxBurst;
    private final List<SyntheticInstrument> instruments;

    /**
     * A context with the default trade probability, no event limit and the default burst cap.
     *
     * @throws IllegalArgumentException whose message starts with the field name when a value is out of range.
     */
    public SyntheticFeedContext(
        final int sourceId, final long ratePerSecond, final long seed, final List<SyntheticInstrument> instruments)
    {
        this(sourceId, ratePerSecond, seed, DEFAULT_TRADE_PROBABILITY, 0, DEFAULT_MAX_BURST, instruments);
    }

    /**
     * @throws IllegalArgumentException whose message starts with the field name when a value is out of range.
     */
    public SyntheticFeedContext(
        final int sourceId,
        final long ratePerSecond,
        final long seed,
        final double tradeProbability,
        final long maxEvents,
        final int maxBurst,
        final List<SyntheticInstrument> instruments)
    {
        if (sourceId <= 0)
        {
            throw new IllegalArgumentException("sourceId: expected a positive integer, got " + sourceId);
        }
        if (ratePerSecond <= 0 || ratePerSecond > MAX_RATE_PER_SECOND)
        {
            throw new IllegalArgumentException(ratePerSecond <= 0 ?
                "ratePerSecond: expected a positive number, got " + ratePerSecond :
                "ratePerSecond: expected at most " + MAX_RATE_PER_SECOND + ", got " + ratePerSecond);
        }
        if (!(tradeProbability >= 0.0 && tradeProbability <= 1.0))
        {
            throw new IllegalArgumentException(
                "tradeProbability: expected a number from 0 to 1, got " + tradeProbability);
        }
        if (maxEvents < 0)
        {
            throw new IllegalArgumentException(
                "maxEvents: expected 0 (no limit) or a positive number, got " + maxEvents);
        }
        if (maxBurst <= 0)
        {
            throw new IllegalArgumentException("maxBurst: expected a positive number, got " + maxBurst);
        }
        if (instruments == null || instruments.isEmpty())
        {
            throw new IllegalArgumentException("instruments: expected at least one instrument");
        }
        final IntHashSet ids = new IntHashSet();
        for (int i = 0; i < instruments.size(); i++)
        {
            final SyntheticInstrument instrument = instruments.get(i);
            if (instrument == null)
            {
                throw new IllegalArgumentException("instruments[" + i + "]: expected an instrument, got null");
            }
            if (!ids.add(instrument.instrument().id()))
            {
                throw new IllegalArgumentException("instruments[" + i + "].instrument: " + instrument.instrument() +
                    " is listed twice");
            }
        }
        this.sourceId = sourceId;
        this.ratePerSecond = ratePerSecond;
        this.seed = seed;
        this.tradeProbability = tradeProbability;
        this.maxEvents = maxEvents;
        this.maxBurst = maxBurst;
        this.instruments = List.copyOf(instruments);
    }

    public int sourceId()
    {
        return sourceId;
    }

    public long ratePerSecond()
    {
        return ratePerSecond;
    }

    public long seed()
    {
        return seed;
    }

    public double tradeProbability()
    {
        return tradeProbability;
    }

    public long maxEvents()
    {
        return maxEvents;
    }

    public int maxBurst()
    {
        return maxBurst;
    }

    /**
     * @return the instruments in round-robin order; unmodifiable.
     */
    public List<SyntheticInstrument> instruments()
    {
        return instruments;
    }
}
