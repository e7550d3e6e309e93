package io.easyquant.engine.risk;

import io.easyquant.engine.instrument.Instruments;

import java.util.Arrays;

/**
 * Pre-trade limits and the kill rules, per instrument (indexed by the dense instrument index) and engine-wide.
 *
 * <p>Units: quantities in lots, prices in ticks, money in cash units (1e-8 of the quote currency), times in
 * nanoseconds of event time, volatility in parts per million per market-data update. A limit of {@link #OFF}
 * ({@code Long.MAX_VALUE}) never rejects; a window of 0 turns its rule off; a collar of -1 is no collar.
 *
 * <p>Every limit is inclusive: a value at the limit passes, one unit past it is rejected or trips the rule.
 *
 * <p>Immutable; built with {@link #builder}, or with {@link #RiskLimits(long[], long[])} for the quantity limits alone.
 */
public final class RiskLimits
{
    /** A limit that never rejects. */
    public static final long OFF = Long.MAX_VALUE;
    /** The largest ring of timestamps a window rule may keep (the limit plus one entry). */
    public static final int MAX_WINDOW_COUNT = 1_000_000;
    /** The largest volatility window, in returns. */
    public static final int MAX_VOLATILITY_WINDOW = 100_000;
    /** One in parts per million. */
    public static final long PPM = 1_000_000L;

    private final int count;
    private final long[] cashPerTickLot;
    private final long[] maxOrderQtyLots;
    private final long[] maxPositionLots;
    private final long[] maxOrderNotionalCash;
    private final long[] collarTicks;
    private final long[] collarPpm;
    private final int[] maxMessages;
    private final long[] messageWindowNs;
    private final long[] staleAfterNs;
    private final long[] maxVolatilityPpm;
    private final int[] volatilityWindow;
    private final long[] duplicateWindowNs;
    private final int maxEngineMessages;
    private final long engineMessageWindowNs;
    private final long maxGrossExposureCash;
    private final long maxOpenOrders;
    private final long maxDailyLossCash;
    private final long maxConsecutiveLosses;
    private final int maxFills;
    private final long fillWindowNs;
    private final int maxVenueRejects;
    private final long rejectWindowNs;
    private final boolean flatten;

    /**
     * The quantity limits alone; every other check and rule is off, and a tick times a lot is worth one cash unit.
     *
     * @param maxOrderQtyLots the largest single order per instrument, each &gt; 0.
     * @param maxPositionLots the largest absolute position (long or short) per instrument, each &ge; 0.
     * @throws IllegalArgumentException naming the field for a bad value.
     */
    public RiskLimits(final long[] maxOrderQtyLots, final long[] maxPositionLots)
    {
        this(quantities(maxOrderQtyLots, maxPositionLots));
    }

    private static Builder quantities(final long[] maxOrderQtyLots, final long[] maxPositionLots)
    {
        if (maxOrderQtyLots.length != maxPositionLots.length)
        {
            throw new IllegalArgumentException("risk: expected limits for every instrument");
        }
        final long[] ones = new long[maxOrderQtyLots.length];
        Arrays.fill(ones, 1L);
        final Builder builder = new Builder(ones);
        for (int i = 0; i < ones.length; i++)
        {
            builder.maxOrderQtyLots(i, maxOrderQtyLots[i]).maxPositionLots(i, maxPositionLots[i]);
        }
        return builder;
    }

    private RiskLimits(final Builder b)
    {
        count = b.cashPerTickLot.length;
        for (int i = 0; i < count; i++)
        {
            positive("maxOrderQty", b.maxOrderQtyLots[i], " lots");
            atLeastZero("maxPosition", b.maxPositionLots[i], " lots");
            positive("maxOrderNotional", b.maxOrderNotionalCash[i], " cash units");
            if (b.collarTicks[i] < -1 || b.collarPpm[i] < -1)
            {
                throw new IllegalArgumentException("priceCollar: expected ticks >= 0 or percent >= 0");
            }
            if (b.collarTicks[i] >= 0 && b.collarPpm[i] >= 0)
            {
                throw new IllegalArgumentException("priceCollar: expected ticks or percent, not both");
            }
            atLeastZero("messageWindowMs", b.messageWindowNs[i], " ns");
            if (b.messageWindowNs[i] > 0 && (b.maxMessages[i] < 1 || b.maxMessages[i] >= MAX_WINDOW_COUNT))
            {
                throw new IllegalArgumentException("maxMessagesPerWindow: expected an integer from 1 to " +
                    (MAX_WINDOW_COUNT - 1) + ", got " + b.maxMessages[i]);
            }
            atLeastZero("staleAfterMs", b.staleAfterNs[i], " ns");
            atLeastZero("maxVolatility", b.maxVolatilityPpm[i], " ppm");
            if (b.maxVolatilityPpm[i] > 0 &&
                (b.volatilityWindow[i] < 2 || b.volatilityWindow[i] > MAX_VOLATILITY_WINDOW))
            {
                throw new IllegalArgumentException("volatilityWindow: expected an integer from 2 to " +
                    MAX_VOLATILITY_WINDOW + ", got " + b.volatilityWindow[i]);
            }
            if (b.maxVolatilityPpm[i] > PPM)
            {
                throw new IllegalArgumentException("maxVolatility: expected at most 1 (100% per update), got " +
                    b.maxVolatilityPpm[i] + " ppm");
            }
            atLeastZero("duplicateIntentWindowMs", b.duplicateWindowNs[i], " ns");
            positive("cashPerTickLot", b.cashPerTickLot[i], "");
        }
        window("maxMessagesPerWindow", b.maxEngineMessages, "messageWindowMs", b.engineMessageWindowNs);
        positive("maxGrossExposure", b.maxGrossExposureCash, " cash units");
        positive("maxOpenOrders", b.maxOpenOrders, " orders");
        positive("kill.dailyLoss", b.maxDailyLossCash, " cash units");
        atLeastZero("kill.maxConsecutiveLosses", b.maxConsecutiveLosses, " losses");
        window("kill.maxFills", b.maxFills, "kill.fillWindowMs", b.fillWindowNs);
        window("kill.maxVenueRejects", b.maxVenueRejects, "kill.rejectWindowMs", b.rejectWindowNs);
        cashPerTickLot = b.cashPerTickLot.clone();
        maxOrderQtyLots = b.maxOrderQtyLots.clone();
        maxPositionLots = b.maxPositionLots.clone();
        maxOrderNotionalCash = b.maxOrderNotionalCash.clone();
        collarTicks = b.collarTicks.clone();
        collarPpm = b.collarPpm.clone();
        maxMessages = b.maxMessages.clone();
        messageWindowNs = b.messageWindowNs.clone();
        staleAfterNs = b.staleAfterNs.clone();
        maxVolatilityPpm = b.maxVolatilityPpm.clone();
        volatilityWindow = b.volatilityWindow.clone();
        duplicateWindowNs = b.duplicateWindowNs.clone();
        maxEngineMessages = b.maxEngineMessages;
        engineMessageWindowNs = b.engineMessageWindowNs;
        maxGrossExposureCash = b.maxGrossExposureCash;
        maxOpenOrders = b.maxOpenOrders;
        maxDailyLossCash = b.maxDailyLossCash;
        maxConsecutiveLosses = b.maxConsecutiveLosses;
        maxFills = b.maxFills;
        fillWindowNs = b.fillWindowNs;
        maxVenueRejects = b.maxVenueRejects;
        rejectWindowNs = b.rejectWindowNs;
        flatten = b.flatten;
    }

    private static void positive(final String field, final long value, final String unit)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(field + ": expected a positive value, got " + value + unit);
        }
    }

    private static void atLeastZero(final String field, final long value, final String unit)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException(field + ": expected a value >= 0, got " + value + unit);
        }
    }

    private static void window(final String countField, final int max, final String windowField, final long windowNs)
    {
        atLeastZero(windowField, windowNs, " ns");
        if (windowNs > 0 && (max < 0 || max >= MAX_WINDOW_COUNT))
        {
            throw new IllegalArgumentException(countField + ": expected an integer from 0 to " +
                (MAX_WINDOW_COUNT - 1) + ", got " + max);
        }
    }

    /**
     * Limits for the instruments, every check off until set.
     */
    public static Builder builder(final Instruments instruments)
    {
        final long[] cashPerTickLot = new long[instruments.count()];
        for (int i = 0; i < cashPerTickLot.length; i++)
        {
            cashPerTickLot[i] = instruments.at(i).cashPerTickLot();
        }
        return new Builder(cashPerTickLot);
    }

    public int instrumentCount()
    {
        return count;
    }

    /** Cash units one tick times one lot is worth. */
    public long cashPerTickLot(final int instrumentIndex)
    {
        return cashPerTickLot[instrumentIndex];
    }

    public long maxOrderQtyLots(final int instrumentIndex)
    {
        return maxOrderQtyLots[instrumentIndex];
    }

    public long maxPositionLots(final int instrumentIndex)
    {
        return maxPositionLots[instrumentIndex];
    }

    /** Quantity times reference price, in cash units; {@link #OFF} for none. */
    public long maxOrderNotionalCash(final int instrumentIndex)
    {
        return maxOrderNotionalCash[instrumentIndex];
    }

    /** The collar in ticks around the reference price, or -1. */
    public long collarTicks(final int instrumentIndex)
    {
        return collarTicks[instrumentIndex];
    }

    /** The collar in parts per million of the reference price, or -1. */
    public long collarPpm(final int instrumentIndex)
    {
        return collarPpm[instrumentIndex];
    }

    /** New orders and cancels allowed in the message window (unacknowledged orders count too). */
    public int maxMessages(final int instrumentIndex)
    {
        return maxMessages[instrumentIndex];
    }

    /** The message window; 0: no message-rate limit. */
    public long messageWindowNs(final int instrumentIndex)
    {
        return messageWindowNs[instrumentIndex];
    }

    /** The longest time without market data before the instrument counts as stale; 0: never stale. */
    public long staleAfterNs(final int instrumentIndex)
    {
        return staleAfterNs[instrumentIndex];
    }

    /** The highest realized volatility per update, in ppm; 0: no volatility halt. */
    public long maxVolatilityPpm(final int instrumentIndex)
    {
        return maxVolatilityPpm[instrumentIndex];
    }

    /** The number of returns realized volatility is measured over. */
    public int volatilityWindow(final int instrumentIndex)
    {
        return volatilityWindow[instrumentIndex];
    }

    /** How long an accepted intent blocks an identical one; 0: no duplicate check. */
    public long duplicateWindowNs(final int instrumentIndex)
    {
        return duplicateWindowNs[instrumentIndex];
    }

    /** New orders and cancels allowed in the engine-wide message window, all instruments together. */
    public int maxEngineMessages()
    {
        return maxEngineMessages;
    }

    /** The engine-wide message window; 0: no engine-wide message-rate limit. */
    public long engineMessageWindowNs()
    {
        return engineMessageWindowNs;
    }

    /** Sum over instruments of |position + working orders| times reference price, in cash units. */
    public long maxGrossExposureCash()
    {
        return maxGrossExposureCash;
    }

    public long maxOpenOrders()
    {
        return maxOpenOrders;
    }

    /** The day's loss (realized + unrealized, net of fees, since the UTC day began) that halts trading. */
    public long maxDailyLossCash()
    {
        return maxDailyLossCash;
    }

    /** Losing fills in a row allowed; one more halts trading. */
    public long maxConsecutiveLosses()
    {
        return maxConsecutiveLosses;
    }

    /** Fills allowed in the fill window; one more halts trading. */
    public int maxFills()
    {
        return maxFills;
    }

    /** 0: no execution throttle. */
    public long fillWindowNs()
    {
        return fillWindowNs;
    }

    /** Venue rejects allowed in the reject window; one more halts trading. */
    public int maxVenueRejects()
    {
        return maxVenueRejects;
    }

    /** 0: no reject-storm rule. */
    public long rejectWindowNs()
    {
        return rejectWindowNs;
    }

    /** True when a HALTED engine also closes its positions (with orders that only reduce them). */
    public boolean flatten()
    {
        return flatten;
    }

    /**
     * Collects limits; every check starts off. Per-instrument setters take the dense instrument index.
     */
    public static final class Builder
    {
        private final long[] cashPerTickLot;
        private final long[] maxOrderQtyLots;
        private final long[] maxPositionLots;
        private final long[] maxOrderNotionalCash;
        private final long[] collarTicks;
        private final long[] collarPpm;
        private final int[] maxMessages;
        private final long[] messageWindowNs;
        private final long[] staleAfterNs;
        private final long[] maxVolatilityPpm;
        private final int[] volatilityWindow;
        private final long[] duplicateWindowNs;
        private int maxEngineMessages;
        private long engineMessageWindowNs;
        private long maxGrossExposureCash = OFF;
        private long maxOpenOrders = OFF;
        private long maxDailyLossCash = OFF;
        private long maxConsecutiveLosses = OFF;
        private int maxFills;
        private long fillWindowNs;
        private int maxVenueRejects;
        private long rejectWindowNs;
        private boolean flatten;

        private Builder(final long[] cashPerTickLot)
        {
            final int n = cashPerTickLot.length;
            this.cashPerTickLot = cashPerTickLot;
            maxOrderQtyLots = filled(n, OFF);
            maxPositionLots = filled(n, OFF);
            maxOrderNotionalCash = filled(n, OFF);
            collarTicks = filled(n, -1);
            collarPpm = filled(n, -1);
            maxMessages = new int[n];
            messageWindowNs = new long[n];
            staleAfterNs = new long[n];
            maxVolatilityPpm = new long[n];
            volatilityWindow = new int[n];
            duplicateWindowNs = new long[n];
        }

        private static long[] filled(final int n, final long value)
        {
            final long[] array = new long[n];
            Arrays.fill(array, value);
            return array;
        }

        public Builder maxOrderQtyLots(final int index, final long lots)
        {
            maxOrderQtyLots[index] = lots;
            return this;
        }

        public Builder maxPositionLots(final int index, final long lots)
        {
            maxPositionLots[index] = lots;
            return this;
        }

        public Builder maxOrderNotionalCash(final int index, final long cash)
        {
            maxOrderNotionalCash[index] = cash;
            return this;
        }

        /** A collar of {@code ticks} around the reference price (replaces a percent collar). */
        public Builder collarTicks(final int index, final long ticks)
        {
            collarTicks[index] = ticks;
            collarPpm[index] = -1;
            return this;
        }

        /** A collar of {@code ppm} parts per million of the reference price (replaces a tick collar). */
        public Builder collarPpm(final int index, final long ppm)
        {
            collarPpm[index] = ppm;
            collarTicks[index] = -1;
            return this;
        }

        public Builder messageRate(final int index, final int messages, final long windowNs)
        {
            maxMessages[index] = messages;
            messageWindowNs[index] = windowNs;
            return this;
        }

        public Builder staleAfterNs(final int index, final long ns)
        {
            staleAfterNs[index] = ns;
            return this;
        }

        public Builder volatilityHalt(final int index, final long maxPpm, final int windowReturns)
        {
            maxVolatilityPpm[index] = maxPpm;
            volatilityWindow[index] = windowReturns;
            return this;
        }

        public Builder duplicateWindowNs(final int index, final long ns)
        {
            duplicateWindowNs[index] = ns;
            return this;
        }

        /** A message-rate limit over all instruments together (unacknowledged orders count until acknowledged). */
        public Builder engineMessageRate(final int messages, final long windowNs)
        {
            maxEngineMessages = messages;
            engineMessageWindowNs = windowNs;
            return this;
        }

        public Builder maxGrossExposureCash(final long cash)
        {
            maxGrossExposureCash = cash;
            return this;
        }

        public Builder maxOpenOrders(final long orders)
        {
            maxOpenOrders = orders;
            return this;
        }

        public Builder maxDailyLossCash(final long cash)
        {
            maxDailyLossCash = cash;
            return this;
        }

        public Builder maxConsecutiveLosses(final long losses)
        {
            maxConsecutiveLosses = losses;
            return this;
        }

        public Builder executionThrottle(final int fills, final long windowNs)
        {
            maxFills = fills;
            fillWindowNs = windowNs;
            return this;
        }

        public Builder rejectStorm(final int rejects, final long windowNs)
        {
            maxVenueRejects = rejects;
            rejectWindowNs = windowNs;
            return this;
        }

        public Builder flatten(final boolean value)
        {
            flatten = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field for a bad value.
         */
        public RiskLimits build()
        {
            return new RiskLimits(this);
        }
    }
}
