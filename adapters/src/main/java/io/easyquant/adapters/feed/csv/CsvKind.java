package io.easyquant.adapters.feed.csv;

import java.util.List;

/**
 * The kinds of CSV feed file, each recognised by its header. Columns come in the order listed; the last column of
 * bars ({@code duration_ms}) and of trades ({@code side}) may be left out.
 */
public enum CsvKind
{
    BAR("bars", List.of("timestamp", "symbol", "open", "high", "low", "close", "volume"), "duration_ms"),
    TRADE("trades", List.of("timestamp", "symbol", "price", "size"), "side"),
    QUOTE("quotes", List.of("timestamp", "symbol", "bid", "bid_size", "ask", "ask_size"), null);

    private final String description;
    private final List<String> requiredColumns;
    private final String optionalColumn;

    CsvKind(final String description, final List<String> requiredColumns, final String optionalColumn)
    {
        this.description = description;
        this.requiredColumns = requiredColumns;
        this.optionalColumn = optionalColumn;
    }

    /**
     * @return the columns every file of this kind has, in order.
     */
    public List<String> requiredColumns()
    {
        return requiredColumns;
    }

    /**
     * @return the column that may follow the required ones, or null if there is none.
     */
    public String optionalColumn()
    {
        return optionalColumn;
    }

    /**
     * @return the header as a person would write it, e.g. {@code timestamp,symbol,price,size[,side]}.
     */
    public String expectedHeader()
    {
        final String required = String.join(",", requiredColumns);
        return optionalColumn == null ? required : required + "[," + optionalColumn + "]";
    }

    /**
     * @return the plural name used in messages: "bars", "trades" or "quotes".
     */
    public String description()
    {
        return description;
    }

    /**
     * @param columns header names, already trimmed and lower-cased.
     */
    boolean matches(final List<String> columns)
    {
        final int required = requiredColumns.size();
        if (columns.size() == required)
        {
            return columns.equals(requiredColumns);
        }
        return optionalColumn != null && columns.size() == required + 1 &&
            columns.subList(0, required).equals(requiredColumns) && columns.get(required).equals(optionalColumn);
    }
}
