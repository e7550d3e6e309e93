package io.easyquant.ops.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The configuration file as written, one record per section. Absent sections and keys take the defaults documented in
 * the top README; {@link ConfigLoader} validates the whole file and builds each component's context from it.
 * Unknown keys are errors.
 */
public record EasyQuantConfig(
    EngineSection engine,
    List<InstrumentSection> instruments,
    PipelineSection pipeline,
    List<FeedSection> feeds,
    FeaturesSection features,
    StrategySection strategy,
    RiskSection risk,
    ExecutionSection execution,
    VenueSection venue,
    JournalSection journal,
    BacktestSection backtest,
    SinkSection sink,
    AdminSection admin)
{
    /**
     * Where the engine's journal is copied for analysis.
     */
    public record SinkSection(PostgresSection postgres)
    {
    }

    /**
     * The Postgres sink; user and password come from the environment (EASYQUANT_PG_USER, EASYQUANT_PG_PASSWORD).
     */
    public record PostgresSection(
        Boolean enabled,
        String url,
        Integer embeddedPort,
        String journalName,
        Integer batchSize,
        Long maxBatchDelayMs,
        MarketDataSection marketData,
        Long positionSnapshotIntervalMs,
        Long maxRetryDelayMs,
        Long stopTimeoutMs)
    {
    }

    /**
     * The admin server.
     */
    public record AdminSection(
        Boolean enabled,
        String host,
        Integer port,
        List<AdminTokenSection> tokens,
        List<String> corsAllowedOrigins,
        List<Integer> cpus,
        Integer threadNiceness,
        AdminTlsSection tls)
    {
    }

    /**
     * HTTPS for the admin server: a PKCS#12 key store and the environment variable holding its password.
     */
    public record AdminTlsSection(String keyStore, String keyStorePasswordEnv)
    {
    }

    /**
     * Which market data the sink writes.
     */
    public record MarketDataSection(Boolean bars, Boolean ticks)
    {
    }

    /**
     * One admin token: its name, role and the SHA-256 of its secret.
     */
    public record AdminTokenSection(String name, String role, String sha256)
    {
    }

    /**
     * The journal's files.
     */
    public record JournalSection(String rollCycle, Integer retentionCycles)
    {
    }

    /**
     * Backtest settings.
     */
    public record BacktestSection(BigDecimal initialCapital)
    {
    }

    /**
     * Engine-wide settings.
     */
    public record EngineSection(String name, String dataDir, Integer statusIntervalSeconds)
    {
    }

    /**
     * One instrument.
     */
    public record InstrumentSection(
        Integer id, String symbol, BigDecimal tickSize, BigDecimal lotSize, String quoteCurrency, BigDecimal maxPrice,
        BigDecimal maxQuantity, Long maxTimeJumpMs)
    {
    }

    /**
     * The ring and its threads.
     */
    public record PipelineSection(
        Integer ringSize,
        String waitStrategy,
        String layout,
        List<Integer> cpus,
        Long publishTimeoutMs,
        Long timerIntervalMs)
    {
    }

    /**
     * A market-data feed; {@code type} selects the kind.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = SyntheticFeedSection.class, name = "synthetic"),
        @JsonSubTypes.Type(value = CsvFeedSection.class, name = "csv"),
        @JsonSubTypes.Type(value = BinanceFeedSection.class, name = "binance"),
        @JsonSubTypes.Type(value = CoinbaseFeedSection.class, name = "coinbase")})
    public sealed interface FeedSection permits SyntheticFeedSection, CsvFeedSection, LiveFeedSection
    {
    }

    /**
     * A live venue feed: endpoints, instruments mapped to the venue's symbols, book depth and connection timing.
     */
    public sealed interface LiveFeedSection extends FeedSection permits BinanceFeedSection, CoinbaseFeedSection
    {
        String webSocketUrl();

        String restUrl();

        List<LiveInstrumentSection> instruments();

        Integer bookLevels();

        Long quietTimeoutMs();

        Long reconnectMinMs();

        Long reconnectMaxMs();

        Long maxConnectionAgeMs();

        Integer connectTimeoutMs();

        Boolean checkInstrumentRules();

        Integer imbalanceLevels();
    }

    /**
     * Binance spot: trades and diff depth over WebSocket, snapshots and instrument rules over REST.
     */
    public record BinanceFeedSection(
        String webSocketUrl,
        String restUrl,
        List<LiveInstrumentSection> instruments,
        Integer bookLevels,
        Long quietTimeoutMs,
        Long reconnectMinMs,
        Long reconnectMaxMs,
        Long maxConnectionAgeMs,
        Integer connectTimeoutMs,
        Boolean checkInstrumentRules,
        Integer imbalanceLevels) implements LiveFeedSection
    {
    }

    /**
     * Coinbase Advanced Trade: level2, market_trades and heartbeats over WebSocket, instrument rules over REST.
     */
    public record CoinbaseFeedSection(
        String webSocketUrl,
        String restUrl,
        List<LiveInstrumentSection> instruments,
        Integer bookLevels,
        Long quietTimeoutMs,
        Long reconnectMinMs,
        Long reconnectMaxMs,
        Long maxConnectionAgeMs,
        Integer connectTimeoutMs,
        Boolean checkInstrumentRules,
        Integer imbalanceLevels) implements LiveFeedSection
    {
    }

    /**
     * One instrument of a live feed: the engine's symbol and the venue's.
     */
    public record LiveInstrumentSection(String symbol, String venueSymbol)
    {
    }

    /**
     * Geometric Brownian motion quotes and trades.
     */
    public record SyntheticFeedSection(
        Long ratePerSecond,
        Long seed,
        Double tradeProbability,
        Long maxEvents,
        List<SyntheticInstrumentSection> instruments) implements FeedSection
    {
    }

    /**
     * One instrument of a synthetic feed.
     */
    public record SyntheticInstrumentSection(
        String symbol,
        BigDecimal startPrice,
        Double annualVolatility,
        Double annualDrift,
        Long spreadTicks,
        BigDecimal size)
    {
    }

    /**
     * Trades, quotes or bars from a CSV file.
     */
    public record CsvFeedSection(String path, Long ratePerSecond) implements FeedSection
    {
    }

    /**
     * Feature windows.
     */
    public record FeaturesSection(
        Integer emaFastPeriod,
        Integer emaSlowPeriod,
        Integer volatilityWindow,
        Integer vwapWindow)
    {
    }

    /**
     * The strategy; {@code type} selects it.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = CrossoverSection.class, name = "ma-crossover"),
        @JsonSubTypes.Type(value = LinearSection.class, name = "linear")})
    public sealed interface StrategySection permits CrossoverSection, LinearSection
    {
    }

    /**
     * Moving-average crossover.
     */
    public record CrossoverSection(
        String average,
        Integer fastPeriod,
        Integer slowPeriod,
        String mode,
        Map<String, BigDecimal> quantity) implements StrategySection
    {
    }

    /**
     * Linear model over named features.
     */
    public record LinearSection(
        Map<String, Double> weights,
        Double bias,
        Double entryThreshold,
        String mode,
        Long warmupUpdates,
        Map<String, BigDecimal> quantity) implements StrategySection
    {
    }

    /**
     * Pre-trade limits and kill rules: per-instrument limits in {@code defaults}, overridden per symbol in
     * {@code instruments}; engine-wide limits; the kill rules. The older {@code maxOrderQty} and {@code maxPosition}
     * maps (quantities per symbol, with an optional {@code default} entry) still work, under the new keys.
     */
    public record RiskSection(
        Map<String, BigDecimal> maxOrderQty,
        Map<String, BigDecimal> maxPosition,
        RiskLimitSection defaults,
        Map<String, RiskLimitSection> instruments,
        BigDecimal maxGrossExposure,
        Integer maxOpenOrders,
        Integer maxMessagesPerWindow,
        Long messageWindowMs,
        KillSection kill)
    {
    }

    /**
     * The limits of one instrument (or the defaults of all); quantities in the instrument's units, money in quote
     * currency.
     */
    public record RiskLimitSection(
        BigDecimal maxOrderQty,
        BigDecimal maxOrderNotional,
        BigDecimal maxPosition,
        PriceCollarSection priceCollar,
        Integer maxMessagesPerWindow,
        Long messageWindowMs,
        Long staleAfterMs,
        BigDecimal maxVolatility,
        Integer volatilityWindow,
        Long duplicateIntentWindowMs)
    {
    }

    /**
     * How far a limit price may be from the reference price: in ticks or in percent, not both.
     */
    public record PriceCollarSection(Long ticks, BigDecimal percent)
    {
    }

    /**
     * The rules that engage the kill-switch.
     */
    public record KillSection(
        BigDecimal dailyLoss,
        Long maxConsecutiveLosses,
        Integer maxFills,
        Long fillWindowMs,
        Integer maxVenueRejects,
        Long rejectWindowMs,
        Long minFreeDiskMb,
        Boolean flatten)
    {
    }

    /**
     * How targets become orders.
     */
    public record ExecutionSection(String orderType, Long limitOffsetTicks, Integer maxWorkingOrders)
    {
    }

    /**
     * The venue; {@code type} selects it.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = PaperVenueSection.class, name = "paper")})
    public sealed interface VenueSection permits PaperVenueSection
    {
    }

    /**
     * The simulated venue.
     */
    public record PaperVenueSection(
        Long latencyMs,
        Double partialFillProbability,
        Double rejectProbability,
        Long feeBps,
        Long seed,
        String barFill,
        Long orderTtlMs,
        Integer maxOpenOrders) implements VenueSection
    {
    }
}
