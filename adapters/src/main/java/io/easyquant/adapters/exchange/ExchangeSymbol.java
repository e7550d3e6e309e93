package io.easyquant.adapters.exchange;

import java.math.BigDecimal;
import java.util.List;

/**
 * A symbol the {@link FakeExchange} lists: its venue name, tick and lot size, and where its simulated price starts.
 *
 * @param symbol      {@code BTCUSDT} (Binance) or {@code BTC-USD} (Coinbase).
 * @param tickSize    price increment.
 * @param lotSize     quantity increment.
 * @param startPrice  the simulated market's first mid.
 * @param typicalSize a typical level size.
 */
public record ExchangeSymbol(String symbol, BigDecimal tickSize, BigDecimal lotSize, BigDecimal startPrice,
    BigDecimal typicalSize)
{
    /** What the exchange lists for Binance unless told otherwise (the venue's own tick and lot sizes). */
    public static final List<ExchangeSymbol> BINANCE_DEFAULTS = List.of(
        new ExchangeSymbol("BTCUSDT", new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("60000"),
            new BigDecimal("0.5")),
        new ExchangeSymbol("ETHUSDT", new BigDecimal("0.01"), new BigDecimal("0.0001"), new BigDecimal("3000"),
            new BigDecimal("5")));

    /**
     * What the exchange lists for Coinbase unless told otherwise. The price increments are the venue's; the base
     * increments are 0.000001, coarser than the venue's 0.00000001, because the engine needs tick &times; lot to be a
     * whole number of its cash unit (1e-8).
     */
    public static final List<ExchangeSymbol> COINBASE_DEFAULTS = List.of(
        new ExchangeSymbol("BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.000001"), new BigDecimal("60000"),
            new BigDecimal("0.5")),
        new ExchangeSymbol("ETH-USD", new BigDecimal("0.01"), new BigDecimal("0.000001"), new BigDecimal("3000"),
            new BigDecimal("5")));

    long ticks(final BigDecimal price)
    {
        return price.divide(tickSize).longValueExact();
    }

    long lots(final BigDecimal qty)
    {
        return qty.divide(lotSize).longValueExact();
    }

    String price(final long ticks)
    {
        return tickSize.multiply(BigDecimal.valueOf(ticks)).setScale(8).toPlainString();
    }

    String qty(final long lots)
    {
        return lotSize.multiply(BigDecimal.valueOf(lots)).setScale(8).toPlainString();
    }
}
