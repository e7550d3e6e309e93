package io.easyquant.journal.codec;

/**
 * The kinds of record in the event schema. The code is the {@code templateId} in the {@link RecordHeader}; codes
 * are part of the journal format and never change meaning.
 */
public enum RecordType
{
    TRADE(1, TradeCodec.LENGTH, true),
    QUOTE(2, QuoteCodec.LENGTH, true),
    BAR(3, BarCodec.LENGTH, true),
    BOOK_STATE(4, BookStateCodec.LENGTH, true),
    BOOK_DEPTH(5, BookDepthCodec.LENGTH, true),
    SIGNAL(10, SignalCodec.LENGTH, false),
    ORDER_INTENT(11, OrderIntentCodec.LENGTH, false),
    RISK_DECISION(12, RiskDecisionCodec.LENGTH, false),
    ORDER(13, OrderCodec.LENGTH, false),
    CANCEL(14, CancelCodec.LENGTH, false),
    TRADING_STATE_CHANGE(15, TradingStateChangeCodec.LENGTH, false),
    EXECUTION_REPORT(20, ExecutionReportCodec.LENGTH, true),
    ADMIN_COMMAND(30, AdminCommandCodec.LENGTH, true),
    TIMER_TICK(40, TimerTickCodec.LENGTH, true),
    MARKET_DATA_DROPPED(45, MarketDataDroppedCodec.LENGTH, true),
    SEQUENCE_SKIP(46, SequenceSkipCodec.LENGTH, true);

    private static final RecordType[] BY_CODE = new RecordType[64];

    static
    {
        for (final RecordType type : values())
        {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final int length;
    private final boolean input;

    RecordType(final int code, final int length, final boolean input)
    {
        this.code = code;
        this.length = length;
        this.input = input;
    }

    /**
     * @return the template id written in the record header.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return the fixed total length of a record of this type, header included, in bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return true for records that enter the engine from outside (market data, venue reports, commands, timers),
     * false for decisions the engine makes.
     */
    public boolean isInput()
    {
        return input;
    }

    /**
     * @return true for market data: trades, quotes and bars.
     */
    public boolean isMarketData()
    {
        return this == TRADE || this == QUOTE || this == BAR;
    }

    /**
     * @return true if the code is that of a trade, quote or bar.
     */
    public static boolean isMarketData(final int code)
    {
        final RecordType type = get(code);
        return type != null && type.isMarketData();
    }

    /**
     * Look up a type by its code without allocating.
     *
     * @param code the template id.
     * @return the type, or null if the code is unknown.
     */
    public static RecordType get(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
