package io.easyquant.ops.runtime;

/**
 * What wrote a journal, as recorded in its header.
 */
public final class JournalKinds
{
    /** A live or paper session of {@code run}. */
    public static final String LIVE = "live";
    /** A backtest. */
    public static final String BACKTEST = "backtest";
    /** An import of historical data. */
    public static final String IMPORT = "import";

    private JournalKinds()
    {
    }
}
