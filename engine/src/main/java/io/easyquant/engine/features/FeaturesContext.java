package io.easyquant.engine.features;

/**
 * Configuration of the features stage: the EMA periods and the lengths of the rolling windows. Built once at
 * start-up and validated in the constructor, so a bad value fails before anything runs.
 *
 * <p>Immutable and thread-safe.
 */
public final class FeaturesContext
{
    public static final int DEFAULT_EMA_FAST_PERIOD = 12;
    public static final int DEFAULT_EMA_SLOW_PERIOD = 26;
    public static final int DEFAULT_VOLATILITY_WINDOW = 50;
    public static final int DEFAULT_VWAP_WINDOW = 50;

    private final int emaFastPeriod;
    private final int emaSlowPeriod;
    private final int volatilityWindow;
    private final int vwapWindow;

    /**
     * A context with every default: EMA periods 12 and 26, windows of 50.
     */
    public FeaturesContext()
    {
        this(DEFAULT_EMA_FAST_PERIOD, DEFAULT_EMA_SLOW_PERIOD, DEFAULT_VOLATILITY_WINDOW, DEFAULT_VWAP_WINDOW);
    }

    /**
     * @param emaFastPeriod    period of the fast EMA, in mark updates: at least 1.
     * @param emaSlowPeriod    period of the slow EMA, in mark updates: greater than {@code emaFastPeriod}.
     * @param volatilityWindow number of log returns the volatility is computed over: at least 2.
     * @param vwapWindow       number of trades and bars the VWAP is computed over: at least 2.
     * @throws IllegalArgumentException whose message starts with the name of the first field out of range.
     */
    public FeaturesContext(
        final int emaFastPeriod, final int emaSlowPeriod, final int volatilityWindow, final int vwapWindow)
    {
        if (emaFastPeriod < 1)
        {
            throw new IllegalArgumentException("emaFastPeriod: expected an integer >= 1, got " + emaFastPeriod);
        }
        if (emaSlowPeriod < 1)
        {
            throw new IllegalArgumentException("emaSlowPeriod: expected an integer >= 1, got " + emaSlowPeriod);
        }
        if (emaFastPeriod >= emaSlowPeriod)
        {
            throw new IllegalArgumentException("emaSlowPeriod: expected more than emaFastPeriod (" + emaFastPeriod +
                "), got " + emaSlowPeriod);
        }
        if (volatilityWindow < 2)
        {
            throw new IllegalArgumentException("volatilityWindow: expected an integer >= 2, got " + volatilityWindow);
        }
        if (vwapWindow < 2)
        {
            throw new IllegalArgumentException("vwapWindow: expected an integer >= 2, got " + vwapWindow);
        }
        this.emaFastPeriod = emaFastPeriod;
        this.emaSlowPeriod = emaSlowPeriod;
        this.volatilityWindow = volatilityWindow;
        this.vwapWindow = vwapWindow;
    }

    /**
     * @return period of the fast EMA in mark updates; its smoothing factor is 2 / (period + 1).
     */
    public int emaFastPeriod()
    {
        return emaFastPeriod;
    }

    /**
     * @return period of the slow EMA in mark updates; its smoothing factor is 2 / (period + 1).
     */
    public int emaSlowPeriod()
    {
        return emaSlowPeriod;
    }

    /**
     * @return number of most recent log returns the volatility is computed over.
     */
    public int volatilityWindow()
    {
        return volatilityWindow;
    }

    /**
     * @return number of most recent trades and bars the VWAP is computed over.
     */
    public int vwapWindow()
    {
        return vwapWindow;
    }

    @Override
    public String toString()
    {
        return "FeaturesContext{emaFastPeriod=" + emaFastPeriod + ", emaSlowPeriod=" + emaSlowPeriod +
            ", volatilityWindow=" + volatilityWindow + ", vwapWindow=" + vwapWindow + "}";
    }
}
