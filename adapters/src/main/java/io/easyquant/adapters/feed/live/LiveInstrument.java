package io.easyquant.adapters.feed.live;

/**
 * One instrument of a live feed: the engine's id and the venue's symbol for it, with the engine's tick and lot size.
 *
 * @param instrumentId the engine's instrument id.
 * @param symbol       the engine's symbol (for messages).
 * @param venueSymbol  the venue's symbol: {@code BTCUSDT} on Binance, {@code BTC-USD} on Coinbase.
 * @param tick         the configured price increment.
 * @param lot          the configured quantity increment.
 */
public record LiveInstrument(int instrumentId, String symbol, String venueSymbol, Increment tick, Increment lot)
{
    public LiveInstrument
    {
        if (venueSymbol == null || venueSymbol.isBlank())
        {
            throw new IllegalArgumentException("venueSymbol: expected the venue's symbol for " + symbol);
        }
    }
}
