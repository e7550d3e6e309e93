package io.easyquant.engine.features;

/**
 * The features computed per instrument. Prices are in ticks (as doubles: averages fall between ticks); returns and
 * volatility are dimensionless; imbalance is in [-1, 1].
 *
 * <p>Features are doubles: Java's floating point is strict IEEE 754 on every platform since Java 17 (JEP 306), so a
 * replay of the same inputs computes the same bits. Orders themselves are always priced and sized in longs.
 */
public enum FeatureId
{
    /** Price of the last trade, or the close of the last bar. */
    LAST_PRICE("last"),
    /** Mid of the last quote; the last price while no quote has been seen. */
    MID_PRICE("mid"),
    /** Natural log of the mark price over the previous mark price. */
    LOG_RETURN("log_return"),
    /** Exponential moving average of the mark price, fast period. */
    EMA_FAST("ema_fast"),
    /** Exponential moving average of the mark price, slow period. */
    EMA_SLOW("ema_slow"),
    /** (EMA fast - EMA slow) / EMA slow: the relative gap between the averages. */
    EMA_GAP("ema_gap"),
    /** Standard deviation of log returns over the rolling volatility window (per update, not annualised). */
    VOLATILITY("volatility"),
    /** Volume-weighted average price over the rolling VWAP window of trades or bars. */
    VWAP("vwap"),
    /** Ask minus bid of the last quote, in ticks. */
    SPREAD("spread"),
    /** (bid size - ask size) / (bid size + ask size) of the last quote. */
    IMBALANCE("imbalance"),
    /**
     * Size-weighted mid of the last quote, in ticks: (bid &times; askSize + ask &times; bidSize) / (bidSize +
     * askSize), leaning toward the side with less size (where the next trade is likelier); the mid when both are 0.
     */
    MICROPRICE("microprice"),
    /**
     * (bid depth - ask depth) / (bid depth + ask depth) over the best N levels of a venue book (N: the live feed's
     * {@code imbalanceLevels}), in [-1, 1]; 0 until a live feed's first book depth, and when both are 0.
     */
    BOOK_IMBALANCE("book_imbalance");

    public static final int COUNT = values().length;

    private static final FeatureId[] VALUES = values();

    private final String configName;

    FeatureId(final String configName)
    {
        this.configName = configName;
    }

    /**
     * @return the name used for this feature in configuration files.
     */
    public String configName()
    {
        return configName;
    }

    /**
     * @return the feature with the configuration name, or null.
     */
    public static FeatureId byConfigName(final String name)
    {
        for (final FeatureId id : VALUES)
        {
            if (id.configName.equals(name))
            {
                return id;
            }
        }
        return null;
    }
}
