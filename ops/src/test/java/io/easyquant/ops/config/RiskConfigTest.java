package io.easyquant.ops.config;

import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.ops.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The risk section: every limit and rule read into exact units, the older maps still accepted, and every bad value
 * (unknown instrument, negative or zero where positive, half a pair) refused naming the file, field and what was
 * expected.
 */
class RiskConfigTest
{
    private static final String FILE = "risk.yaml";
    private static final String BASE =
        "instruments:\n" +
        "  - { id: 1, symbol: BTC-USD, tickSize: 0.01, lotSize: 0.0001 }\n" +
        "  - { id: 2, symbol: ETH-USD, tickSize: 0.01, lotSize: 0.001 }\n" +
        "feeds:\n" +
        "  - type: synthetic\n" +
        "    ratePerSecond: 100\n" +
        "    instruments:\n" +
        "      - { symbol: BTC-USD, startPrice: 60000, annualVolatility: 0.8, size: 0.5 }\n" +
        "strategy:\n" +
        "  type: ma-crossover\n" +
        "  quantity: { default: 0.01 }\n";
    private static final String FULL = BASE +
        "risk:\n" +
        "  defaults:\n" +
        "    maxOrderQty: 1\n" +
        "    maxPosition: 2\n" +
        "    maxOrderNotional: 10000\n" +
        "    priceCollar: { percent: 0.5 }\n" +
        "    maxMessagesPerWindow: 20\n" +
        "    messageWindowMs: 1000\n" +
        "    staleAfterMs: 5000\n" +
        "    maxVolatility: 0.002\n" +
        "    volatilityWindow: 100\n" +
        "    duplicateIntentWindowMs: 200\n" +
        "  instruments:\n" +
        "    BTC-USD: { maxOrderQty: 0.05, maxPosition: 0.05, priceCollar: { ticks: 300 } }\n" +
        "  maxGrossExposure: 1000000\n" +
        "  maxOpenOrders: 32\n" +
        "  maxMessagesPerWindow: 40\n" +
        "  messageWindowMs: 500\n" +
        "  kill: { dailyLoss: 5000.5, maxConsecutiveLosses: 5, maxFills: 50, fillWindowMs: 1000, maxVenueRejects: 10," +
        " rejectWindowMs: 2000, minFreeDiskMb: 100, flatten: true }\n";

    @TempDir
    Path dir;

    @Test
    void shouldReadEveryLimitInExactUnits() throws ConfigException
    {
        final Configuration config = parse(FULL);
        final RiskLimits limits = config.riskLimits();
        assertEquals(500, limits.maxOrderQtyLots(0), "0.05 BTC in lots of 0.0001");
        assertEquals(1000, limits.maxOrderQtyLots(1), "1 ETH in lots of 0.001");
        assertEquals(500, limits.maxPositionLots(0));
        assertEquals(2000, limits.maxPositionLots(1));
        assertEquals(10_000L * 100_000_000L, limits.maxOrderNotionalCash(0));
        assertEquals(300, limits.collarTicks(0));
        assertEquals(-1, limits.collarPpm(0));
        assertEquals(5_000, limits.collarPpm(1), "0.5% in ppm");
        assertEquals(20, limits.maxMessages(1));
        assertEquals(TimeUnit.SECONDS.toNanos(1), limits.messageWindowNs(1));
        assertEquals(TimeUnit.SECONDS.toNanos(5), limits.staleAfterNs(0));
        assertEquals(2_000, limits.maxVolatilityPpm(0));
        assertEquals(100, limits.volatilityWindow(0));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(200), limits.duplicateWindowNs(1));
        assertEquals(1_000_000L * 100_000_000L, limits.maxGrossExposureCash());
        assertEquals(32, limits.maxOpenOrders());
        assertEquals(40, limits.maxEngineMessages());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), limits.engineMessageWindowNs());
        assertEquals(500_050_000_000L, limits.maxDailyLossCash());
        assertEquals(5, limits.maxConsecutiveLosses());
        assertEquals(50, limits.maxFills());
        assertEquals(TimeUnit.SECONDS.toNanos(1), limits.fillWindowNs());
        assertEquals(10, limits.maxVenueRejects());
        assertEquals(TimeUnit.SECONDS.toNanos(2), limits.rejectWindowNs());
        assertEquals(100L * 1024 * 1024, config.minFreeDiskBytes());
        assertEquals(true, limits.flatten());
    }

    @Test
    void shouldKeepTheOlderMapsWorkingWithEveryOtherCheckOff() throws ConfigException
    {
        final Configuration config = parse(TestConfigs.MINIMAL);
        final RiskLimits limits = config.riskLimits();
        assertEquals(500, limits.maxOrderQtyLots(0));
        assertEquals(RiskLimits.OFF, limits.maxOrderNotionalCash(0));
        assertEquals(0, limits.messageWindowNs(0));
        assertEquals(RiskLimits.OFF, limits.maxDailyLossCash());
        assertFalse(limits.flatten());
        assertEquals(512L * 1024 * 1024, config.minFreeDiskBytes(), "the low-disk rule is on by default");
    }

    @Test
    void shouldLoadTheShippedConfigurationsWithTheFullRiskSet() throws ConfigException
    {
        for (final String name : new String[] {"../config/paper.yaml", "../config/linear.yaml"})
        {
            final RiskLimits limits = new ConfigLoader(Map.of()).load(Path.of(name)).riskLimits();
            assertEquals(500, limits.maxOrderQtyLots(0), name);
            assertEquals(10_000, limits.collarPpm(0), name);
            assertEquals(5_000L * 100_000_000L, limits.maxDailyLossCash(), name);
        }
    }

    @Test
    void shouldRefuseAnUnknownInstrument()
    {
        assertEquals(FILE + ": risk.instruments.XRP-USD: unknown instrument; expected one of: BTC-USD, ETH-USD",
            error(FULL.replace("    BTC-USD: { maxOrderQty: 0.05,", "    XRP-USD: { maxOrderQty: 0.05,")));
    }

    @Test
    void shouldRefuseNegativeLimitsNamingTheField()
    {
        assertEquals(FILE + ": risk.instruments.BTC-USD.maxOrderQty: expected a quantity > 0, got -0.05",
            error(FULL.replace("{ maxOrderQty: 0.05,", "{ maxOrderQty: -0.05,")));
        assertEquals(FILE + ": risk.defaults.maxPosition: expected a quantity >= 0, got -2",
            error(FULL.replace("    maxPosition: 2\n", "    maxPosition: -2\n")));
        assertEquals(FILE + ": risk.defaults.maxOrderNotional: expected a positive amount of quote currency, got -1",
            error(FULL.replace("maxOrderNotional: 10000", "maxOrderNotional: -1")));
        assertEquals(FILE + ": risk.maxGrossExposure: expected a positive amount of quote currency, got -5",
            error(FULL.replace("maxGrossExposure: 1000000", "maxGrossExposure: -5")));
        assertEquals(FILE + ": risk.kill.dailyLoss: expected a positive amount of quote currency, got -5000.5",
            error(FULL.replace("dailyLoss: 5000.5", "dailyLoss: -5000.5")));
        assertEquals(FILE + ": risk.defaults.staleAfterMs: expected milliseconds >= 1, got -1",
            error(FULL.replace("staleAfterMs: 5000", "staleAfterMs: -1")));
        assertEquals(FILE + ": risk.instruments.BTC-USD.priceCollar.ticks: expected ticks >= 0, got -3",
            error(FULL.replace("{ ticks: 300 }", "{ ticks: -3 }")));
        assertEquals(FILE + ": risk.kill.minFreeDiskMb: expected megabytes >= 0 (0 turns the rule off), got -1",
            error(FULL.replace("minFreeDiskMb: 100", "minFreeDiskMb: -1")));
    }

    @Test
    void shouldRefuseZeroWherePositiveIsExpected()
    {
        assertEquals(FILE + ": risk.defaults.maxMessagesPerWindow: expected an integer from 1 to 999999, got 0",
            error(FULL.replace("maxMessagesPerWindow: 20", "maxMessagesPerWindow: 0")));
        assertEquals(FILE + ": risk.maxOpenOrders: expected an integer >= 1, got 0",
            error(FULL.replace("maxOpenOrders: 32", "maxOpenOrders: 0")));
        assertEquals(FILE + ": risk.kill.maxConsecutiveLosses: expected an integer >= 1, got 0",
            error(FULL.replace("maxConsecutiveLosses: 5", "maxConsecutiveLosses: 0")));
        assertEquals(FILE + ": risk.kill.fillWindowMs: expected milliseconds >= 1, got 0",
            error(FULL.replace("fillWindowMs: 1000", "fillWindowMs: 0")));
        assertEquals(FILE + ": risk.defaults.maxVolatility: expected a fraction per market-data update, e.g. 0.001, " +
            "above 0 and at most 1, got 0", error(FULL.replace("maxVolatility: 0.002", "maxVolatility: 0")));
        assertEquals(FILE + ": risk.defaults.priceCollar.percent: expected a percent above 0 and at most 100, got 0",
            error(FULL.replace("{ percent: 0.5 }", "{ percent: 0 }")));
    }

    @Test
    void shouldRefuseHalfAPairAndAnUnknownKey()
    {
        assertEquals(FILE + ": risk.defaults.messageWindowMs: missing; the message-rate limit needs both " +
            "maxMessagesPerWindow and messageWindowMs", error(FULL.replace("    messageWindowMs: 1000\n", "")));
        assertEquals(FILE + ": risk.messageWindowMs: missing; expected it with risk.maxMessagesPerWindow",
            error(FULL.replace("  messageWindowMs: 500\n", "")));
        assertEquals(FILE + ": risk.kill.maxVenueRejects: missing; expected it with risk.kill.rejectWindowMs",
            error(FULL.replace(" maxVenueRejects: 10,", "")));
        assertEquals(FILE + ": risk.defaults.priceCollar: expected either { ticks: N } or { percent: P }",
            error(FULL.replace("{ percent: 0.5 }", "{ ticks: 1, percent: 0.5 }")));
        final String unknown = error(FULL.replace("    staleAfterMs: 5000\n", "    staleAfter: 5000\n"));
        assertEquals(FILE + ": risk.defaults.staleAfter: unknown key 'staleAfter' (line 20, column 5); expected one " +
            "of: duplicateIntentWindowMs, maxMessagesPerWindow, maxOrderNotional, maxOrderQty, maxPosition, " +
            "maxVolatility, messageWindowMs, priceCollar, staleAfterMs, volatilityWindow", unknown);
    }

    @Test
    void shouldRefuseInstrumentsQuotedInDifferentCurrencies()
    {
        assertEquals(FILE + ": instruments[1].quoteCurrency: expected USD like instruments[0] (cash is added across " +
            "instruments: PnL, gross exposure, daily loss; there is no currency conversion), got EUR",
            error(FULL.replace("symbol: ETH-USD, tickSize: 0.01, lotSize: 0.001 }",
                "symbol: ETH-USD, tickSize: 0.01, lotSize: 0.001, quoteCurrency: EUR }")));
    }

    @Test
    void shouldRequireTheQuantityLimitsOfEveryInstrument()
    {
        assertEquals(FILE + ": risk.defaults.maxOrderQty: missing; expected the largest order of every instrument " +
            "(in risk.defaults or risk.instruments.ETH-USD)", error(FULL.replace("    maxOrderQty: 1\n", "")));
    }

    private Configuration parse(final String yaml) throws ConfigException
    {
        return new ConfigLoader(Map.of()).parse(FILE, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
            dir);
    }

    private String error(final String yaml)
    {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }
}
