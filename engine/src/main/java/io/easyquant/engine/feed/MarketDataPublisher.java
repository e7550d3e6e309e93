package io.easyquant.engine.feed;

/**
 * The port a market-data feed publishes through. Each call claims a ring slot, writes one record, stamps it with
 * the engine sequence and the clock's time, and publishes it.
 *
 * <p>Every method waits a bounded time for ring capacity and returns false if none came: the caller decides whether
 * to retry, and the publisher counts the refusal. Each producing thread uses its own publisher instance; any number
 * of them may publish into one ring concurrently.
 *
 * <p>Prices are in ticks and quantities in lots of the instrument; times in nanoseconds since the Unix epoch.
 */
public interface MarketDataPublisher
{
    boolean publishTrade(
        int sourceId,
        int instrumentId,
        long sourceTimeNs,
        long priceTicks,
        long qtyLots,
        byte aggressorSide,
        long tradeId);

    boolean publishQuote(
        int sourceId, int instrumentId, long sourceTimeNs, long bidTicks, long bidLots, long askTicks, long askLots);

    boolean publishBar(
        int sourceId,
        int instrumentId,
        long sourceTimeNs,
        int durationMs,
        long openTicks,
        long highTicks,
        long lowTicks,
        long closeTicks,
        long volumeLots);
}
