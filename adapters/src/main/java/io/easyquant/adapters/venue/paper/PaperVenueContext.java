package io.easyquant.adapters.venue.paper;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The configuration of one {@link PaperVenue}: immutable, validated when built. Build it with {@link #builder()};
 * every field has a default (the {@code DEFAULT_*} constants).
 *
 * <p>All times are engine event time in nanoseconds (the {@code nowNs} handed to the venue), never wall-clock time.
 *
 * <p>Immutable and thread-safe.
 */
public final class PaperVenueContext
{
    /** How orders on an instrument whose latest market input was a bar are priced. */
    public enum BarFill
    {
        /** A market order fills at the open of the first bar that arrives after the order. */
        NEXT_OPEN,
        /** A market order fills at the close of the latest bar seen when the order arrives (the signal bar). */
        SIGNAL_CLOSE
    }

    /** Fees are given in basis points: parts per {@value}. */
    public static final long BPS_PER_UNIT = 10_000L;

    public static final int DEFAULT_SOURCE_ID = 0;
    public static final long DEFAULT_LATENCY_NS = 0L;
    public static final double DEFAULT_PARTIAL_FILL_PROBABILITY = 0.0;
    public static final double DEFAULT_REJECT_PROBABILITY = 0.0;
    public static final long DEFAULT_FEE_RATE_BPS = 0L;
    public static final long DEFAULT_SEED = 0L;
    public static final BarFill DEFAULT_BAR_FILL = BarFill.NEXT_OPEN;
    public static final long DEFAULT_ORDER_TTL_NS = 0L;
    public static final int DEFAULT_MAX_OPEN_ORDERS = 1024;
    /** The largest pool accepted: keeps the derived queue capacities within an int. */
    public static final int MAX_OPEN_ORDERS_LIMIT = 1 << 24;

    private final int sourceId;
    private final long latencyNs;
    private final double partialFillProbability;
    private final double rejectProbability;
    private final long feeRateBps;
    private final long seed;
    private final BarFill barFill;
    private final long orderTtlNs;
    private final int maxOpenOrders;

    private PaperVenueContext(final Builder builder)
    {
        if (builder.latencyNs < 0)
        {
            throw new IllegalArgumentException(
                "latencyNs: expected a non-negative number of nanoseconds, got " + builder.latencyNs);
        }
        checkProbability("partialFillProbability", builder.partialFillProbability);
        checkProbability("rejectProbability", builder.rejectProbability);
        if (builder.feeRateBps < 0 || builder.feeRateBps > BPS_PER_UNIT)
        {
            throw new IllegalArgumentException(
                "feeRateBps: expected basis points in [0, " + BPS_PER_UNIT + "], got " + builder.feeRateBps);
        }
        if (builder.barFill == null)
        {
            throw new IllegalArgumentException("barFill: expected NEXT_OPEN or SIGNAL_CLOSE, got null");
        }
        if (builder.orderTtlNs < 0)
        {
            throw new IllegalArgumentException(
                "orderTtlNs: expected 0 (good till cancel) or a positive number of nanoseconds, got " +
                builder.orderTtlNs);
        }
        if (builder.maxOpenOrders <= 0 || builder.maxOpenOrders > MAX_OPEN_ORDERS_LIMIT)
        {
            throw new IllegalArgumentException("maxOpenOrders: expected an integer in [1, " + MAX_OPEN_ORDERS_LIMIT +
                "], got " + builder.maxOpenOrders);
        }
        this.sourceId = builder.sourceId;
        this.latencyNs = builder.latencyNs;
        this.partialFillProbability = builder.partialFillProbability;
        this.rejectProbability = builder.rejectProbability;
        this.feeRateBps = builder.feeRateBps;
        this.seed = builder.seed;
        this.barFill = builder.barFill;
        this.orderTtlNs = builder.orderTtlNs;
        this.maxOpenOrders = builder.maxOpenOrders;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return the source id stamped on every execution report this venue publishes.
     */
    public int sourceId()
    {
        return sourceId;
    }

    /**
     * @return the delay, in event time, between a {@code send} or {@code cancel} and its effect at the venue.
     */
    public long latencyNs()
    {
        return latencyNs;
    }

    /**
     * @return the chance, in [0, 1], that a fill of an order with at least 2 lots left is only partial.
     */
    public double partialFillProbability()
    {
        return partialFillProbability;
    }

    /**
     * @return the chance, in [0, 1], that an order is rejected when it arrives.
     */
    public double rejectProbability()
    {
        return rejectProbability;
    }

    /**
     * @return the fee charged on each fill in basis points of its notional, in [0, 10000].
     */
    public long feeRateBps()
    {
        return feeRateBps;
    }

    /**
     * @return the seed of the venue's random generator.
     */
    public long seed()
    {
        return seed;
    }

    public BarFill barFill()
    {
        return barFill;
    }

    /**
     * @return how long an order may work before its unfilled remainder expires; 0 means good till cancel.
     */
    public long orderTtlNs()
    {
        return orderTtlNs;
    }

    /**
     * @return the capacity of the pre-allocated order pool: orders in flight or working at once.
     */
    public int maxOpenOrders()
    {
        return maxOpenOrders;
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof PaperVenueContext))
        {
            return false;
        }
        final PaperVenueContext that = (PaperVenueContext)o;
        return sourceId == that.sourceId && latencyNs == that.latencyNs &&
            Double.compare(partialFillProbability, that.partialFillProbability) == 0 &&
            Double.compare(rejectProbability, that.rejectProbability) == 0 && feeRateBps == that.feeRateBps &&
            seed == that.seed && barFill == that.barFill && orderTtlNs == that.orderTtlNs &&
            maxOpenOrders == that.maxOpenOrders;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(sourceId, latencyNs, partialFillProbability, rejectProbability, feeRateBps, seed, barFill,
            orderTtlNs, maxOpenOrders);
    }

    @Override
    public String toString()
    {
        return "PaperVenueContext{sourceId=" + sourceId + ", latencyNs=" + latencyNs + ", partialFillProbability=" +
            partialFillProbability + ", rejectProbability=" + rejectProbability + ", feeRateBps=" + feeRateBps +
            ", seed=" + seed + ", barFill=" + barFill + ", orderTtlNs=" + orderTtlNs + ", maxOpenOrders=" +
            maxOpenOrders + '}';
    }

    private static void checkProbability(final String field, final double value)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            throw new IllegalArgumentException(field + ": expected a number in [0, 1], got " + format(value));
        }
    }

    private static String format(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * Collects the fields of a {@link PaperVenueContext}; {@link #build()} validates them. Not thread-safe.
     */
    public static final class Builder
    {
        private int sourceId = DEFAULT_SOURCE_ID;
        private long latencyNs = DEFAULT_LATENCY_NS;
        private double partialFillProbability = DEFAULT_PARTIAL_FILL_PROBABILITY;
        private double rejectProbability = DEFAULT_REJECT_PROBABILITY;
        private long feeRateBps = DEFAULT_FEE_RATE_BPS;
        private long seed = DEFAULT_SEED;
        private BarFill barFill = DEFAULT_BAR_FILL;
        private long orderTtlNs = DEFAULT_ORDER_TTL_NS;
        private int maxOpenOrders = DEFAULT_MAX_OPEN_ORDERS;

        private Builder()
        {
        }

        public Builder sourceId(final int sourceId)
        {
            this.sourceId = sourceId;
            return this;
        }

        public Builder latencyNs(final long latencyNs)
        {
            this.latencyNs = latencyNs;
            return this;
        }

        public Builder partialFillProbability(final double partialFillProbability)
        {
            this.partialFillProbability = partialFillProbability;
            return this;
        }

        public Builder rejectProbability(final double rejectProbability)
        {
            this.rejectProbability = rejectProbability;
            return this;
        }

        public Builder feeRateBps(final long feeRateBps)
        {
            this.feeRateBps = feeRateBps;
            return this;
        }

        public Builder seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        public Builder barFill(final BarFill barFill)
        {
            this.barFill = barFill;
            return this;
        }

        public Builder orderTtlNs(final long orderTtlNs)
        {
            this.orderTtlNs = orderTtlNs;
            return this;
        }

        public Builder maxOpenOrders(final int maxOpenOrders)
        {
            this.maxOpenOrders = maxOpenOrders;
            return this;
        }

        /**
         * @throws IllegalArgumentException whose message starts with the field name, when a value is out of range.
         */
        public PaperVenueContext build()
        {
            return new PaperVenueContext(this);
        }
    }
}
