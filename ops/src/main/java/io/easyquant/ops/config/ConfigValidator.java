package io.easyquant.ops.config;

import io.easyquant.admin.AdminContext;
import io.easyquant.admin.AdminToken;
import io.easyquant.admin.Role;
import io.easyquant.adapters.feed.csv.CsvFeedContext;
import io.easyquant.adapters.feed.live.Increment;
import io.easyquant.adapters.feed.live.LiveFeedContext;
import io.easyquant.adapters.feed.live.LiveInstrument;
import io.easyquant.adapters.feed.synthetic.SyntheticFeedContext;
import io.easyquant.adapters.feed.synthetic.SyntheticInstrument;
import io.easyquant.adapters.sink.postgres.PostgresSinkContext;
import io.easyquant.adapters.venue.paper.PaperVenueContext;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeatureId;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.LinearModel;
import io.easyquant.engine.signal.MovingAverageCrossover;
import io.easyquant.engine.signal.Strategy;
import io.easyquant.engine.signal.StrategyMode;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.queue.JournalContext;
import io.easyquant.ops.config.EasyQuantConfig.CrossoverSection;
import io.easyquant.ops.config.EasyQuantConfig.CsvFeedSection;
import io.easyquant.ops.config.EasyQuantConfig.FeedSection;
import io.easyquant.ops.config.EasyQuantConfig.InstrumentSection;
import io.easyquant.ops.config.EasyQuantConfig.LinearSection;
import io.easyquant.ops.config.EasyQuantConfig.PaperVenueSection;
import io.easyquant.ops.config.EasyQuantConfig.SyntheticFeedSection;
import io.easyquant.ops.config.EasyQuantConfig.SyntheticInstrumentSection;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns the parsed file into validated component contexts. Every problem becomes a {@link ConfigException} naming
 * the file, the field path and what was expected; the components' own checks (IllegalArgumentException starting with
 * the field name) are reported under their section.
 */
final class ConfigValidator
{
    private static final String DEFAULT_KEY = "default";
    private static final BigDecimal DEFAULT_INITIAL_CAPITAL = new BigDecimal("100000");
    private static final int DEFAULT_VOLATILITY_WINDOW = 50;
    /** The longest {@code maxTimeJumpMs}: 100 years, well inside the nanosecond range of a long. */
    private static final long MAX_TIME_JUMP_MS = 100L * 366 * 24 * 3600 * 1000;

    private final String file;
    private final Path baseDir;
    private final boolean checkFiles;
    private final String text;
    private final Map<String, String> environment;

    /**
     * @param checkFiles  true for a file to run: input files must exist and the admin section is read (with tokens
     *                    from the environment); false for a journaled configuration, whose admin section is ignored
     *                    (a replay never serves the admin API).
     * @param environment where {@link Configuration#ADMIN_TOKENS_VARIABLE} is looked up.
     */
    ConfigValidator(final String file, final Path baseDir, final boolean checkFiles, final String text,
        final Map<String, String> environment)
    {
        this.file = file;
        this.baseDir = baseDir;
        this.checkFiles = checkFiles;
        this.text = text;
        this.environment = environment;
    }

    Configuration validate(final EasyQuantConfig raw) throws ConfigException
    {
        final EasyQuantConfig.EngineSection engine = raw.engine() != null ?
            raw.engine() : new EasyQuantConfig.EngineSection(null, null, null);
        final String name = engine.name() != null ? engine.name() : "easyquant";
        final Path dataDir = baseDir.resolve(engine.dataDir() != null ? engine.dataDir() : "data").normalize();
        final int statusIntervalSeconds = orDefault(engine.statusIntervalSeconds(), 5);
        if (statusIntervalSeconds < 1)
        {
            throw error("engine.statusIntervalSeconds", "expected an integer >= 1, got " + statusIntervalSeconds);
        }

        final Instruments instruments = instruments(raw.instruments());
        final EasyQuantConfig.PipelineSection pipelineSection = raw.pipeline() != null ?
            raw.pipeline() : new EasyQuantConfig.PipelineSection(null, null, null, null, null, null);
        final PipelineContext pipeline = pipeline(pipelineSection);
        final long timerIntervalMs = orDefault(pipelineSection.timerIntervalMs(), 100L);
        if (timerIntervalMs < 1)
        {
            throw error("pipeline.timerIntervalMs", "expected an integer >= 1, got " + timerIntervalMs);
        }

        final FeaturesContext features = features(raw.features());
        final String[] description = new String[1];
        final Supplier<Strategy> strategy = strategy(raw.strategy(), instruments, description);
        final RiskLimits risk = risk(raw.risk(), instruments);
        final long minFreeDiskMb = raw.risk() == null || raw.risk().kill() == null ||
            raw.risk().kill().minFreeDiskMb() == null ? Configuration.DEFAULT_MIN_FREE_DISK_MB :
            raw.risk().kill().minFreeDiskMb();
        if (minFreeDiskMb < 0)
        {
            throw error("risk.kill.minFreeDiskMb", "expected megabytes >= 0 (0 turns the rule off), got " +
                minFreeDiskMb);
        }
        final ExecutionContext execution = execution(raw.execution());
        final List<Configuration.Feed> feeds = feeds(raw.feeds(), instruments);
        final PaperVenueContext venue = venue(raw.venue(), execution);

        final JournalContext journal = journal(raw.journal());
        final BigDecimal initialCapital = raw.backtest() == null || raw.backtest().initialCapital() == null ?
            DEFAULT_INITIAL_CAPITAL : raw.backtest().initialCapital();
        if (initialCapital.signum() <= 0)
        {
            throw error("backtest.initialCapital", "expected a positive amount, got " + initialCapital.toPlainString());
        }
        final PostgresSinkContext sink = sink(raw.sink(), instruments);
        final AdminContext admin = admin(raw.admin());
        return new Configuration(file, name, dataDir, statusIntervalSeconds, instruments, pipeline,
            TimeUnit.MILLISECONDS.toNanos(timerIntervalMs), features, strategy, description[0], risk, execution, feeds,
            venue, journal, initialCapital, text, sink, admin, minFreeDiskMb * 1024 * 1024);
    }

    /**
     * The Postgres sink: on unless {@code enabled: false}; no URL means the embedded server. Credentials come from
     * the environment, never from the file.
     */
    private PostgresSinkContext sink(final EasyQuantConfig.SinkSection section, final Instruments instruments)
        throws ConfigException
    {
        final EasyQuantConfig.PostgresSection postgres = section == null || section.postgres() == null ?
            new EasyQuantConfig.PostgresSection(null, null, null, null, null, null, null, null, null, null) :
            section.postgres();
        if (!orDefault(postgres.enabled(), true))
        {
            return null;
        }
        final EasyQuantConfig.MarketDataSection marketData = postgres.marketData() != null ?
            postgres.marketData() : new EasyQuantConfig.MarketDataSection(null, null);
        return component("sink.postgres", () -> PostgresSinkContext.builder()
            .instruments(instruments)
            .url(postgres.url())
            .embeddedPort(orDefault(postgres.embeddedPort(), 0))
            .journalName(postgres.journalName())
            .batchSize(orDefault(postgres.batchSize(), PostgresSinkContext.DEFAULT_BATCH_SIZE))
            .maxBatchDelayMs(orDefault(postgres.maxBatchDelayMs(), PostgresSinkContext.DEFAULT_MAX_BATCH_DELAY_MS))
            .bars(orDefault(marketData.bars(), true))
            .ticks(orDefault(marketData.ticks(), false))
            .positionSnapshotIntervalMs(orDefault(postgres.positionSnapshotIntervalMs(),
                PostgresSinkContext.DEFAULT_POSITION_SNAPSHOT_INTERVAL_MS))
            .maxRetryDelayMs(orDefault(postgres.maxRetryDelayMs(), PostgresSinkContext.DEFAULT_MAX_RETRY_DELAY_MS))
            .stopTimeoutMs(orDefault(postgres.stopTimeoutMs(), PostgresSinkContext.DEFAULT_STOP_TIMEOUT_MS))
            .credentialsFromEnvironment()
            .build());
    }

    private AdminContext admin(final EasyQuantConfig.AdminSection section) throws ConfigException
    {
        if (section == null || !checkFiles || !orDefault(section.enabled(), true))
        {
            return null;
        }
        final List<AdminToken> tokens = new ArrayList<>();
        if (section.tokens() != null)
        {
            for (int i = 0; i < section.tokens().size(); i++)
            {
                final EasyQuantConfig.AdminTokenSection token = section.tokens().get(i);
                final String prefix = "admin.tokens[" + i + "]";
                if (token == null)
                {
                    throw error(prefix, "expected a mapping with name, role and sha256");
                }
                require(prefix + ".name", token.name());
                require(prefix + ".role", token.role());
                require(prefix + ".sha256", token.sha256());
                final Role role = Role.byConfigName(token.role());
                if (role == null)
                {
                    throw error(prefix + ".role", "expected viewer or operator, got '" + token.role() + "'");
                }
                tokens.add(component(prefix, () -> AdminToken.ofHash(token.name(), role, token.sha256())));
            }
        }
        try
        {
            tokens.addAll(AdminToken.parseList(Configuration.ADMIN_TOKENS_VARIABLE,
                environment.get(Configuration.ADMIN_TOKENS_VARIABLE)));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(file, "", "the environment: " + ex.getMessage());
        }
        final List<String> origins = new ArrayList<>();
        if (section.corsAllowedOrigins() != null)
        {
            for (int i = 0; i < section.corsAllowedOrigins().size(); i++)
            {
                require("admin.corsAllowedOrigins[" + i + "]", section.corsAllowedOrigins().get(i));
                origins.add(section.corsAllowedOrigins().get(i));
            }
        }
        final int[] cpus = section.cpus() == null ? new int[0] :
            section.cpus().stream().mapToInt(cpu -> cpu == null ? -1 : cpu).toArray();
        Path keyStore = null;
        String keyStorePassword = null;
        if (section.tls() != null)
        {
            require("admin.tls.keyStore", section.tls().keyStore());
            keyStore = baseDir.resolve(section.tls().keyStore()).normalize();
            final String variable = orDefault(section.tls().keyStorePasswordEnv(),
                Configuration.ADMIN_TLS_PASSWORD_VARIABLE);
            keyStorePassword = environment.get(variable);
            if (keyStorePassword == null || keyStorePassword.isEmpty())
            {
                throw error("admin.tls.keyStorePasswordEnv", "the environment variable " + variable +
                    " holding the key store's password is not set");
            }
        }
        final Path tlsKeyStore = keyStore;
        final String tlsPassword = keyStorePassword;
        return component("admin", () -> AdminContext.builder()
            .cpus(cpus)
            .threadNiceness(orDefault(section.threadNiceness(), AdminContext.DEFAULT_THREAD_NICENESS))
            .host(orDefault(section.host(), AdminContext.DEFAULT_HOST))
            .port(orDefault(section.port(), AdminContext.DEFAULT_PORT))
            .tokens(tokens)
            .corsAllowedOrigins(origins)
            .sourceId(Configuration.ADMIN_SOURCE_ID)
            .tls(tlsKeyStore, tlsPassword)
            .build());
    }

    private JournalContext journal(final EasyQuantConfig.JournalSection section) throws ConfigException
    {
        if (section == null)
        {
            return JournalContext.DEFAULT;
        }
        return component("journal", () -> new JournalContext(
            section.rollCycle() != null ? section.rollCycle() : JournalContext.DEFAULT.rollCycleName(),
            section.retentionCycles() != null ? section.retentionCycles() : 0));
    }

    private Instruments instruments(final List<InstrumentSection> sections) throws ConfigException
    {
        if (sections == null || sections.isEmpty())
        {
            throw error("instruments", "expected a list of at least one instrument (id, symbol, tickSize, lotSize, " +
                "quoteCurrency)");
        }
        final List<Instrument> list = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++)
        {
            final InstrumentSection section = sections.get(i);
            final String prefix = "instruments[" + i + "]";
            if (section == null)
            {
                throw error(prefix, "expected a mapping with id, symbol, tickSize, lotSize, quoteCurrency");
            }
            require(prefix + ".id", section.id());
            require(prefix + ".symbol", section.symbol());
            require(prefix + ".tickSize", section.tickSize());
            require(prefix + ".lotSize", section.lotSize());
            final String currency = section.quoteCurrency() != null ?
                section.quoteCurrency().trim().toUpperCase(Locale.ROOT) : "USD";
            if (i > 0 && !currency.equals(list.get(0).quoteCurrency()))
            {
                throw error(prefix + ".quoteCurrency", "expected " + list.get(0).quoteCurrency() + " like " +
                    "instruments[0] (cash is added across instruments: PnL, gross exposure, daily loss; there is no " +
                    "currency conversion), got " + currency);
            }
            final long maxTimeJumpMs = section.maxTimeJumpMs() != null ?
                section.maxTimeJumpMs() : TimeUnit.NANOSECONDS.toMillis(Instrument.DEFAULT_MAX_TIME_JUMP_NS);
            if (maxTimeJumpMs < 0 || maxTimeJumpMs > MAX_TIME_JUMP_MS)
            {
                throw error(prefix + ".maxTimeJumpMs", "expected milliseconds from 0 (no limit) to " +
                    MAX_TIME_JUMP_MS + ", got " + maxTimeJumpMs);
            }
            list.add(component(prefix, () -> new Instrument(
                section.id(), section.symbol(), section.tickSize(), section.lotSize(), currency,
                section.maxPrice() != null ? section.maxPrice() : Instrument.DEFAULT_MAX_PRICE,
                section.maxQuantity() != null ? section.maxQuantity() : Instrument.DEFAULT_MAX_QUANTITY,
                TimeUnit.MILLISECONDS.toNanos(maxTimeJumpMs))));
        }
        // Instruments names the entry itself (instruments[i].id), so no section prefix.
        return component("", () -> new Instruments(list));
    }

    private PipelineContext pipeline(final EasyQuantConfig.PipelineSection section) throws ConfigException
    {
        final PipelineContext.WaitStrategyType wait = choice("pipeline.waitStrategy",
            orDefault(section.waitStrategy(), "sleeping"), PipelineContext.WaitStrategyType.class);
        final PipelineContext.Layout layout = choice("pipeline.layout",
            orDefault(section.layout(), "auto"), PipelineContext.Layout.class);
        final int[] cpus = section.cpus() == null ? new int[0] :
            section.cpus().stream().mapToInt(cpu -> cpu == null ? -1 : cpu).toArray();
        final long publishTimeoutMs = orDefault(section.publishTimeoutMs(), 1000L);
        if (publishTimeoutMs < 1)
        {
            throw error("pipeline.publishTimeoutMs", "expected an integer >= 1, got " + publishTimeoutMs);
        }
        return component("pipeline", () -> new PipelineContext(orDefault(section.ringSize(), 65536), wait, layout,
            cpus, TimeUnit.MILLISECONDS.toNanos(publishTimeoutMs)));
    }

    private FeaturesContext features(final EasyQuantConfig.FeaturesSection section) throws ConfigException
    {
        if (section == null)
        {
            return new FeaturesContext();
        }
        return component("features", () -> new FeaturesContext(
            orDefault(section.emaFastPeriod(), FeaturesContext.DEFAULT_EMA_FAST_PERIOD),
            orDefault(section.emaSlowPeriod(), FeaturesContext.DEFAULT_EMA_SLOW_PERIOD),
            orDefault(section.volatilityWindow(), FeaturesContext.DEFAULT_VOLATILITY_WINDOW),
            orDefault(section.vwapWindow(), FeaturesContext.DEFAULT_VWAP_WINDOW)));
    }

    private Supplier<Strategy> strategy(
        final EasyQuantConfig.StrategySection section, final Instruments instruments, final String[] description)
        throws ConfigException
    {
        if (section == null)
        {
            throw error("strategy", "expected a strategy section with a type: ma-crossover or linear");
        }
        if (section instanceof CrossoverSection)
        {
            final CrossoverSection crossover = (CrossoverSection)section;
            final MovingAverageCrossover.AverageType average = choice("strategy.average",
                orDefault(crossover.average(), "ema"), MovingAverageCrossover.AverageType.class);
            final StrategyMode mode = choice("strategy.mode", orDefault(crossover.mode(), "long-only"),
                StrategyMode.class);
            final long[] quantity = perInstrument("strategy.quantity", crossover.quantity(), instruments, false);
            final int fast = orDefault(crossover.fastPeriod(), 10);
            final int slow = orDefault(crossover.slowPeriod(), 30);
            final Supplier<Strategy> supplier = () -> new MovingAverageCrossover(average, fast, slow, mode, quantity);
            description[0] = component("strategy", supplier::get).name();
            return supplier;
        }
        final LinearSection linear = (LinearSection)section;
        final double[] weights = new double[FeatureId.COUNT];
        if (linear.weights() == null || linear.weights().isEmpty())
        {
            throw error("strategy.weights",
                "expected a mapping of feature name to weight; features: " + featureNames());
        }
        for (final Map.Entry<String, Double> entry : linear.weights().entrySet())
        {
            final FeatureId feature = FeatureId.byConfigName(entry.getKey());
            if (feature == null)
            {
                throw error("strategy.weights." + entry.getKey(),
                    "unknown feature; expected one of: " + featureNames());
            }
            require("strategy.weights." + entry.getKey(), entry.getValue());
            weights[feature.ordinal()] = entry.getValue();
        }
        final StrategyMode mode = choice("strategy.mode", orDefault(linear.mode(), "long-only"), StrategyMode.class);
        final long[] quantity = perInstrument("strategy.quantity", linear.quantity(), instruments, false);
        final double bias = orDefault(linear.bias(), 0.0);
        final double threshold = orDefault(linear.entryThreshold(), 0.0);
        final long warmup = orDefault(linear.warmupUpdates(), 0L);
        final Supplier<Strategy> supplier = () -> new LinearModel(weights, bias, threshold, mode, quantity, warmup);
        description[0] = component("strategy", supplier::get).name();
        return supplier;
    }

    private RiskLimits risk(final EasyQuantConfig.RiskSection section, final Instruments instruments)
        throws ConfigException
    {
        if (section == null)
        {
            throw error("risk", "expected risk limits: defaults (maxOrderQty, maxPosition, ...) and per-instrument " +
                "overrides under instruments");
        }
        final Map<String, EasyQuantConfig.RiskLimitSection> overrides = section.instruments() != null ?
            section.instruments() : Map.of();
        for (final String symbol : overrides.keySet())
        {
            if (instruments.bySymbol(symbol) == null)
            {
                throw error("risk.instruments." + symbol, "unknown instrument; expected one of: " +
                    symbols(instruments));
            }
            if (overrides.get(symbol) == null)
            {
                throw error("risk.instruments." + symbol, "expected a mapping of limits");
            }
        }
        final long[] legacyQty = section.maxOrderQty() == null ? null :
            perInstrument("risk.maxOrderQty", section.maxOrderQty(), instruments, false);
        final long[] legacyPosition = section.maxPosition() == null ? null :
            perInstrument("risk.maxPosition", section.maxPosition(), instruments, true);
        final EasyQuantConfig.RiskLimitSection defaults = section.defaults() != null ? section.defaults() :
            new EasyQuantConfig.RiskLimitSection(null, null, null, null, null, null, null, null, null, null);
        final RiskLimits.Builder builder = RiskLimits.builder(instruments);
        for (int i = 0; i < instruments.count(); i++)
        {
            final Instrument instrument = instruments.at(i);
            final EasyQuantConfig.RiskLimitSection own = overrides.get(instrument.symbol());
            final InstrumentLimits limits = new InstrumentLimits(instrument, own, defaults);

            final Long qty = limits.lots("maxOrderQty", EasyQuantConfig.RiskLimitSection::maxOrderQty, false);
            if (qty == null && legacyQty == null)
            {
                throw error("risk.defaults.maxOrderQty", "missing; expected the largest order of every instrument " +
                    "(in risk.defaults or risk.instruments." + instrument.symbol() + ")");
            }
            final long orderQtyLots = qty != null ? qty : legacyQty[i];
            if (orderQtyLots > instrument.maxQtyLots())
            {
                final String field = qty == null ? "risk.maxOrderQty." + instrument.symbol() :
                    own != null && own.maxOrderQty() != null ? "risk.instruments." + instrument.symbol() +
                    ".maxOrderQty" : "risk.defaults.maxOrderQty";
                throw error(field, "expected at most the instrument's maxQuantity (" +
                    instrument.maxQuantity().toPlainString() + " " + instrument.symbol() + "; larger reports are " +
                    "rejected at ingest), got " + instrument.lotsToQty(orderQtyLots).toPlainString());
            }
            builder.maxOrderQtyLots(i, orderQtyLots);
            final Long position = limits.lots("maxPosition", EasyQuantConfig.RiskLimitSection::maxPosition, true);
            if (position == null && legacyPosition == null)
            {
                throw error("risk.defaults.maxPosition", "missing; expected the largest absolute position of every " +
                    "instrument (in risk.defaults or risk.instruments." + instrument.symbol() + ")");
            }
            final long positionLots = position != null ? position : legacyPosition[i];
            if (positionLots > instrument.maxQtyLots())
            {
                final String field = position == null ? "risk.maxPosition." + instrument.symbol() :
                    own != null && own.maxPosition() != null ? "risk.instruments." + instrument.symbol() +
                    ".maxPosition" : "risk.defaults.maxPosition";
                throw error(field, "expected at most the instrument's maxQuantity (" +
                    instrument.maxQuantity().toPlainString() + " " + instrument.symbol() + "; so that a position's " +
                    "value and PnL stay exact), got " + instrument.lotsToQty(positionLots).toPlainString());
            }
            builder.maxPositionLots(i, positionLots);
            final Long notional = limits.cash("maxOrderNotional", EasyQuantConfig.RiskLimitSection::maxOrderNotional);
            if (notional != null)
            {
                builder.maxOrderNotionalCash(i, notional);
            }
            limits.collar(builder, i);
            final Integer messages = limits.integer("maxMessagesPerWindow",
                EasyQuantConfig.RiskLimitSection::maxMessagesPerWindow, 1, RiskLimits.MAX_WINDOW_COUNT - 1);
            final Long messageWindowMs = limits.millis("messageWindowMs",
                EasyQuantConfig.RiskLimitSection::messageWindowMs);
            if ((messages == null) != (messageWindowMs == null))
            {
                throw error(limits.where(messages == null ? "maxMessagesPerWindow" : "messageWindowMs"),
                    "missing; the message-rate limit needs both maxMessagesPerWindow and messageWindowMs");
            }
            if (messages != null)
            {
                builder.messageRate(i, messages, TimeUnit.MILLISECONDS.toNanos(messageWindowMs));
            }
            final Long staleMs = limits.millis("staleAfterMs", EasyQuantConfig.RiskLimitSection::staleAfterMs);
            if (staleMs != null)
            {
                builder.staleAfterNs(i, TimeUnit.MILLISECONDS.toNanos(staleMs));
            }
            final Long volatilityPpm = limits.ppm("maxVolatility", EasyQuantConfig.RiskLimitSection::maxVolatility,
                BigDecimal.ONE, "a fraction per market-data update, e.g. 0.001");
            final Integer window = limits.integer("volatilityWindow",
                EasyQuantConfig.RiskLimitSection::volatilityWindow, 2, RiskLimits.MAX_VOLATILITY_WINDOW);
            if (volatilityPpm != null)
            {
                builder.volatilityHalt(i, volatilityPpm, window != null ? window : DEFAULT_VOLATILITY_WINDOW);
            }
            final Long duplicateMs = limits.millis("duplicateIntentWindowMs",
                EasyQuantConfig.RiskLimitSection::duplicateIntentWindowMs);
            if (duplicateMs != null)
            {
                builder.duplicateWindowNs(i, TimeUnit.MILLISECONDS.toNanos(duplicateMs));
            }
        }
        if (section.maxGrossExposure() != null)
        {
            builder.maxGrossExposureCash(cash("risk.maxGrossExposure", section.maxGrossExposure()));
        }
        if (section.maxOpenOrders() != null)
        {
            if (section.maxOpenOrders() < 1)
            {
                throw error("risk.maxOpenOrders", "expected an integer >= 1, got " + section.maxOpenOrders());
            }
            builder.maxOpenOrders(section.maxOpenOrders());
        }
        if (section.maxMessagesPerWindow() != null || section.messageWindowMs() != null)
        {
            builder.engineMessageRate(
                windowCount("risk.maxMessagesPerWindow", section.maxMessagesPerWindow(), "risk.messageWindowMs"),
                windowMs("risk.messageWindowMs", section.messageWindowMs(), "risk.maxMessagesPerWindow"));
        }
        kill(section.kill(), builder);
        return component("risk", builder::build);
    }

    private void kill(final EasyQuantConfig.KillSection kill, final RiskLimits.Builder builder) throws ConfigException
    {
        if (kill == null)
        {
            return;
        }
        if (kill.dailyLoss() != null)
        {
            builder.maxDailyLossCash(cash("risk.kill.dailyLoss", kill.dailyLoss()));
        }
        if (kill.maxConsecutiveLosses() != null)
        {
            if (kill.maxConsecutiveLosses() < 1)
            {
                throw error("risk.kill.maxConsecutiveLosses", "expected an integer >= 1, got " +
                    kill.maxConsecutiveLosses());
            }
            builder.maxConsecutiveLosses(kill.maxConsecutiveLosses());
        }
        if (kill.maxFills() != null || kill.fillWindowMs() != null)
        {
            builder.executionThrottle(windowCount("risk.kill.maxFills", kill.maxFills(), "risk.kill.fillWindowMs"),
                windowMs("risk.kill.fillWindowMs", kill.fillWindowMs(), "risk.kill.maxFills"));
        }
        if (kill.maxVenueRejects() != null || kill.rejectWindowMs() != null)
        {
            builder.rejectStorm(
                windowCount("risk.kill.maxVenueRejects", kill.maxVenueRejects(), "risk.kill.rejectWindowMs"),
                windowMs("risk.kill.rejectWindowMs", kill.rejectWindowMs(), "risk.kill.maxVenueRejects"));
        }
        builder.flatten(orDefault(kill.flatten(), false));
    }

    private int windowCount(final String field, final Integer value, final String other) throws ConfigException
    {
        if (value == null)
        {
            throw error(field, "missing; expected it with " + other);
        }
        if (value < 1 || value >= RiskLimits.MAX_WINDOW_COUNT)
        {
            throw error(field, "expected an integer from 1 to " + (RiskLimits.MAX_WINDOW_COUNT - 1) + ", got " +
                value);
        }
        return value;
    }

    private long windowMs(final String field, final Long value, final String other) throws ConfigException
    {
        if (value == null)
        {
            throw error(field, "missing; expected it with " + other);
        }
        if (value < 1)
        {
            throw error(field, "expected milliseconds >= 1, got " + value);
        }
        return TimeUnit.MILLISECONDS.toNanos(value);
    }

    /**
     * An amount of quote currency in cash units (1e-8); it must be positive.
     */
    private long cash(final String field, final BigDecimal amount) throws ConfigException
    {
        if (amount.signum() <= 0)
        {
            throw error(field, "expected a positive amount of quote currency, got " + amount.toPlainString());
        }
        try
        {
            return amount.movePointRight(8).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw error(field, "expected an amount with at most 8 decimal places below " +
                BigDecimal.valueOf(Long.MAX_VALUE, 8).toPlainString() + ", got " + amount.toPlainString());
        }
    }

    /**
     * One instrument's limit section over the defaults: each value is the instrument's own, else the default; errors
     * name the section the value came from.
     */
    private final class InstrumentLimits
    {
        private final Instrument instrument;
        private final EasyQuantConfig.RiskLimitSection own;
        private final EasyQuantConfig.RiskLimitSection defaults;
        private String lastWhere;

        InstrumentLimits(
            final Instrument instrument,
            final EasyQuantConfig.RiskLimitSection own,
            final EasyQuantConfig.RiskLimitSection defaults)
        {
            this.instrument = instrument;
            this.own = own;
            this.defaults = defaults;
        }

        private <T> T value(final String key, final Function<EasyQuantConfig.RiskLimitSection, T>
            getter)
        {
            final T mine = own == null ? null : getter.apply(own);
            lastWhere = (mine != null ? "risk.instruments." + instrument.symbol() : "risk.defaults") + "." + key;
            return mine != null ? mine : getter.apply(defaults);
        }

        /**
         * Where a key missing from both sections belongs: the defaults.
         */
        String where(final String key)
        {
            return "risk.defaults." + key;
        }

        Long lots(final String key, final Function<EasyQuantConfig.RiskLimitSection, BigDecimal>
            getter, final boolean allowZero) throws ConfigException
        {
            final BigDecimal qty = value(key, getter);
            if (qty == null)
            {
                return null;
            }
            if (qty.signum() < 0 || (!allowZero && qty.signum() == 0))
            {
                throw error(lastWhere, "expected a quantity " + (allowZero ? ">= 0" : "> 0") + ", got " +
                    qty.toPlainString());
            }
            return ConfigValidator.this.lots(lastWhere, qty, instrument);
        }

        Long cash(final String key, final Function<EasyQuantConfig.RiskLimitSection, BigDecimal>
            getter) throws ConfigException
        {
            final BigDecimal amount = value(key, getter);
            return amount == null ? null : ConfigValidator.this.cash(lastWhere, amount);
        }

        Integer integer(final String key, final Function<EasyQuantConfig.RiskLimitSection, Integer>
            getter, final int min, final int max) throws ConfigException
        {
            final Integer value = value(key, getter);
            if (value != null && (value < min || value > max))
            {
                throw error(lastWhere, "expected an integer from " + min + " to " + max + ", got " + value);
            }
            return value;
        }

        Long millis(final String key, final Function<EasyQuantConfig.RiskLimitSection, Long>
            getter) throws ConfigException
        {
            final Long value = value(key, getter);
            if (value != null && value < 1)
            {
                throw error(lastWhere, "expected milliseconds >= 1, got " + value);
            }
            return value;
        }

        Long ppm(final String key, final Function<EasyQuantConfig.RiskLimitSection, BigDecimal>
            getter, final BigDecimal max, final String expected) throws ConfigException
        {
            final BigDecimal value = value(key, getter);
            if (value == null)
            {
                return null;
            }
            if (value.signum() <= 0 || value.compareTo(max) > 0)
            {
                throw error(lastWhere, "expected " + expected + ", above 0 and at most " + max.toPlainString() +
                    ", got " + value.toPlainString());
            }
            try
            {
                return value.movePointRight(6).longValueExact();
            }
            catch (final ArithmeticException ex)
            {
                throw error(lastWhere, "expected at most 6 decimal places, got " + value.toPlainString());
            }
        }

        void collar(final RiskLimits.Builder builder, final int index) throws ConfigException
        {
            final EasyQuantConfig.PriceCollarSection collar = value("priceCollar",
                EasyQuantConfig.RiskLimitSection::priceCollar);
            if (collar == null)
            {
                return;
            }
            if ((collar.ticks() == null) == (collar.percent() == null))
            {
                throw error(lastWhere, "expected either { ticks: N } or { percent: P }");
            }
            if (collar.ticks() != null)
            {
                if (collar.ticks() < 0)
                {
                    throw error(lastWhere + ".ticks", "expected ticks >= 0, got " + collar.ticks());
                }
                builder.collarTicks(index, collar.ticks());
                return;
            }
            final BigDecimal percent = collar.percent();
            if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)
            {
                throw error(lastWhere + ".percent", "expected a percent above 0 and at most 100, got " +
                    percent.toPlainString());
            }
            try
            {
                builder.collarPpm(index, percent.movePointRight(4).longValueExact());
            }
            catch (final ArithmeticException ex)
            {
                throw error(lastWhere + ".percent", "expected at most 4 decimal places, got " +
                    percent.toPlainString());
            }
        }
    }

    private ExecutionContext execution(final EasyQuantConfig.ExecutionSection section) throws ConfigException
    {
        final EasyQuantConfig.ExecutionSection s = section != null ?
            section : new EasyQuantConfig.ExecutionSection(null, null, null);
        final String type = orDefault(s.orderType(), "market").toLowerCase(Locale.ROOT);
        final byte orderType;
        if ("market".equals(type))
        {
            orderType = OrderType.MARKET;
        }
        else if ("limit".equals(type))
        {
            orderType = OrderType.LIMIT;
        }
        else
        {
            throw error("execution.orderType", "expected market or limit, got '" + s.orderType() + "'");
        }
        return component("execution", () -> new ExecutionContext(
            orderType, orDefault(s.limitOffsetTicks(), 0L), orDefault(s.maxWorkingOrders(), 256)));
    }

    private List<Configuration.Feed> feeds(final List<FeedSection> sections, final Instruments instruments)
        throws ConfigException
    {
        if (sections == null || sections.isEmpty())
        {
            throw error("feeds", "expected a list of at least one feed (type: synthetic or csv)");
        }
        final List<Configuration.Feed> feeds = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++)
        {
            final String prefix = "feeds[" + i + "]";
            final int sourceId = Configuration.FIRST_FEED_SOURCE_ID + i;
            final FeedSection section = sections.get(i);
            if (section instanceof SyntheticFeedSection)
            {
                feeds.add(new Configuration.SyntheticFeedConfig(synthetic(prefix, sourceId,
                    (SyntheticFeedSection)section, instruments)));
            }
            else if (section instanceof CsvFeedSection)
            {
                final CsvFeedSection csv = (CsvFeedSection)section;
                final Path path = csvPath(prefix + ".path", csv.path());
                feeds.add(new Configuration.CsvFeedConfig(component(prefix, () -> new CsvFeedContext(
                    sourceId, path, orDefault(csv.ratePerSecond(), 0L), instruments))));
            }
            else if (section instanceof EasyQuantConfig.LiveFeedSection)
            {
                final EasyQuantConfig.LiveFeedSection live = (EasyQuantConfig.LiveFeedSection)section;
                final String venue = live instanceof EasyQuantConfig.BinanceFeedSection ? "binance" : "coinbase";
                feeds.add(new Configuration.LiveFeedConfig(venue, liveFeed(prefix, sourceId, venue, live,
                    instruments)));
            }
            else
            {
                throw error(prefix, "expected a feed with a type: synthetic, csv, binance or coinbase");
            }
        }
        return feeds;
    }

    private LiveFeedContext liveFeed(
        final String prefix,
        final int sourceId,
        final String venue,
        final EasyQuantConfig.LiveFeedSection section,
        final Instruments instruments) throws ConfigException
    {
        if (section.instruments() == null || section.instruments().isEmpty())
        {
            throw error(prefix + ".instruments", "expected a list of instruments (symbol, venueSymbol)");
        }
        final List<LiveInstrument> list = new ArrayList<>();
        for (int i = 0; i < section.instruments().size(); i++)
        {
            final EasyQuantConfig.LiveInstrumentSection s = section.instruments().get(i);
            final String at = prefix + ".instruments[" + i + "]";
            if (s == null)
            {
                throw error(at, "expected a mapping with symbol and venueSymbol");
            }
            final Instrument instrument = instrument(at + ".symbol", s.symbol(), instruments);
            if (s.venueSymbol() == null || s.venueSymbol().isBlank())
            {
                throw error(at + ".venueSymbol", "missing; expected the venue's symbol, e.g. " +
                    ("binance".equals(venue) ? "BTCUSDT" : "BTC-USD"));
            }
            list.add(new LiveInstrument(instrument.id(), instrument.symbol(), s.venueSymbol().trim(),
                new Increment(instrument.tickSize()), new Increment(instrument.lotSize())));
        }
        final boolean binance = "binance".equals(venue);
        final URI webSocketUrl = url(prefix + ".webSocketUrl", section.webSocketUrl(),
            binance ? "wss://stream.binance.com:9443/ws" : "wss://advanced-trade-ws.coinbase.com");
        final URI restUrl = url(prefix + ".restUrl", section.restUrl(),
            binance ? "https://api.binance.com" : "https://api.coinbase.com");
        return component(prefix, () -> new LiveFeedContext(sourceId, webSocketUrl, restUrl, list,
            orDefault(section.bookLevels(), LiveFeedContext.DEFAULT_BOOK_LEVELS),
            orDefault(section.quietTimeoutMs(), LiveFeedContext.DEFAULT_QUIET_TIMEOUT_MS),
            orDefault(section.reconnectMinMs(), LiveFeedContext.DEFAULT_RECONNECT_MIN_MS),
            orDefault(section.reconnectMaxMs(), LiveFeedContext.DEFAULT_RECONNECT_MAX_MS),
            orDefault(section.maxConnectionAgeMs(), LiveFeedContext.DEFAULT_MAX_CONNECTION_AGE_MS),
            orDefault(section.connectTimeoutMs(), LiveFeedContext.DEFAULT_CONNECT_TIMEOUT_MS),
            orDefault(section.checkInstrumentRules(), true),
            orDefault(section.imbalanceLevels(), LiveFeedContext.DEFAULT_IMBALANCE_LEVELS)));
    }

    private URI url(final String field, final String value, final String defaultValue) throws ConfigException
    {
        final String text = value == null ? defaultValue : value.trim();
        try
        {
            return new URI(text);
        }
        catch (final URISyntaxException ex)
        {
            throw error(field, "'" + text + "' is not a URL: " + ex.getReason());
        }
    }

    /**
     * The CSV file, resolved against the configuration file's directory; it must exist now, so that check-config
     * finds a wrong path rather than the first run.
     */
    private Path csvPath(final String field, final String value) throws ConfigException
    {
        if (value == null)
        {
            throw error(field, "missing; expected the path of a CSV file of bars, trades or quotes");
        }
        final Path path;
        try
        {
            path = baseDir.resolve(value).normalize();
        }
        catch (final InvalidPathException ex)
        {
            throw error(field, "'" + value + "' is not a valid path: " + ex.getReason());
        }
        if (checkFiles && !Files.isRegularFile(path))
        {
            throw error(field, (Files.isDirectory(path) ? "is a directory: " : "file not found: ") + path +
                (Path.of(value).isAbsolute() ? "" : " (relative paths are resolved against " + baseDir + ")") +
                "; expected a CSV file of bars, trades or quotes");
        }
        return path;
    }

    private SyntheticFeedContext synthetic(
        final String prefix, final int sourceId, final SyntheticFeedSection section, final Instruments instruments)
        throws ConfigException
    {
        if (section.instruments() == null || section.instruments().isEmpty())
        {
            throw error(prefix + ".instruments", "expected a list of instruments (symbol, startPrice, " +
                "annualVolatility, spreadTicks, size)");
        }
        final List<SyntheticInstrument> list = new ArrayList<>();
        for (int i = 0; i < section.instruments().size(); i++)
        {
            final SyntheticInstrumentSection s = section.instruments().get(i);
            final String at = prefix + ".instruments[" + i + "]";
            if (s == null)
            {
                throw error(at, "expected a mapping with symbol, startPrice, annualVolatility, spreadTicks, size");
            }
            final Instrument instrument = instrument(at + ".symbol", s.symbol(), instruments);
            require(at + ".startPrice", s.startPrice());
            require(at + ".annualVolatility", s.annualVolatility());
            require(at + ".size", s.size());
            final long sizeLots = lots(at + ".size", s.size(), instrument);
            list.add(component(at, () -> new SyntheticInstrument(instrument, s.startPrice(), s.annualVolatility(),
                orDefault(s.annualDrift(), 0.0), orDefault(s.spreadTicks(), 1L), sizeLots)));
        }
        require(prefix + ".ratePerSecond", section.ratePerSecond());
        return component(prefix, () -> new SyntheticFeedContext(sourceId, section.ratePerSecond(),
            orDefault(section.seed(), 1L), orDefault(section.tradeProbability(),
            SyntheticFeedContext.DEFAULT_TRADE_PROBABILITY), orDefault(section.maxEvents(), 0L),
            SyntheticFeedContext.DEFAULT_MAX_BURST, list));
    }

    private PaperVenueContext venue(final EasyQuantConfig.VenueSection section, final ExecutionContext execution)
        throws ConfigException
    {
        final PaperVenueSection paper = section instanceof PaperVenueSection ? (PaperVenueSection)section :
            new PaperVenueSection(null, null, null, null, null, null, null, null);
        final PaperVenueContext.BarFill barFill = choice("venue.barFill",
            orDefault(paper.barFill(), "next-open"), PaperVenueContext.BarFill.class);
        final long latencyMs = orDefault(paper.latencyMs(), 0L);
        final long ttlMs = orDefault(paper.orderTtlMs(), 0L);
        if (latencyMs < 0)
        {
            throw error("venue.latencyMs", "expected an integer >= 0, got " + latencyMs);
        }
        if (ttlMs < 0)
        {
            throw error("venue.orderTtlMs", "expected 0 (good till cancel) or a positive integer, got " + ttlMs);
        }
        final int maxOpenOrders = orDefault(paper.maxOpenOrders(), Math.max(1024, execution.maxWorkingOrders()));
        return component("venue", () -> PaperVenueContext.builder()
            .sourceId(Configuration.VENUE_SOURCE_ID)
            .latencyNs(TimeUnit.MILLISECONDS.toNanos(latencyMs))
            .partialFillProbability(orDefault(paper.partialFillProbability(), 0.0))
            .rejectProbability(orDefault(paper.rejectProbability(), 0.0))
            .feeRateBps(orDefault(paper.feeBps(), 0L))
            .seed(orDefault(paper.seed(), 1L))
            .barFill(barFill)
            .orderTtlNs(TimeUnit.MILLISECONDS.toNanos(ttlMs))
            .maxOpenOrders(maxOpenOrders)
            .build());
    }

    private long[] perInstrument(
        final String field,
        final Map<String, BigDecimal> values,
        final Instruments instruments,
        final boolean allowZero)
        throws ConfigException
    {
        if (values == null || values.isEmpty())
        {
            throw error(field, "expected a quantity per symbol, or a 'default' entry");
        }
        for (final String key : values.keySet())
        {
            if (!DEFAULT_KEY.equals(key) && instruments.bySymbol(key) == null)
            {
                throw error(field + "." + key,
                    "unknown instrument; expected 'default' or one of: " + symbols(instruments));
            }
        }
        final long[] lots = new long[instruments.count()];
        for (int i = 0; i < lots.length; i++)
        {
            final Instrument instrument = instruments.at(i);
            BigDecimal value = values.get(instrument.symbol());
            String at = field + "." + instrument.symbol();
            if (value == null)
            {
                value = values.get(DEFAULT_KEY);
                at = field + "." + DEFAULT_KEY;
            }
            if (value == null)
            {
                throw error(field + "." + instrument.symbol(), "missing; expected a quantity for every instrument " +
                    "(or a 'default' entry)");
            }
            if (value.signum() < 0 || (!allowZero && value.signum() == 0))
            {
                throw error(at, "expected a quantity " + (allowZero ? ">= 0" : "> 0") + ", got " +
                    value.toPlainString());
            }
            lots[i] = lots(at, value, instrument);
        }
        return lots;
    }

    private long lots(final String field, final BigDecimal qty, final Instrument instrument) throws ConfigException
    {
        try
        {
            return instrument.qtyToLots(qty);
        }
        catch (final ArithmeticException ex)
        {
            throw error(field, "expected a whole number of lots of " + instrument.lotSize().toPlainString() + " " +
                instrument.symbol() + ", got " + qty.toPlainString());
        }
    }

    private Instrument instrument(final String field, final String symbol, final Instruments instruments)
        throws ConfigException
    {
        require(field, symbol);
        final Instrument instrument = instruments.bySymbol(symbol);
        if (instrument == null)
        {
            throw error(field, "unknown instrument '" + symbol + "'; expected one of: " + symbols(instruments));
        }
        return instrument;
    }

    private static String symbols(final Instruments instruments)
    {
        final List<String> symbols = new ArrayList<>();
        for (int i = 0; i < instruments.count(); i++)
        {
            symbols.add(instruments.at(i).symbol());
        }
        return String.join(", ", symbols);
    }

    private static String featureNames()
    {
        final List<String> names = new ArrayList<>();
        for (final FeatureId id : FeatureId.values())
        {
            names.add(id.configName());
        }
        return String.join(", ", names);
    }

    private <E extends Enum<E>> E choice(final String field, final String value, final Class<E> type)
        throws ConfigException
    {
        final String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (final E constant : type.getEnumConstants())
        {
            if (constant.name().equals(normalized))
            {
                return constant;
            }
        }
        final List<String> names = new ArrayList<>();
        for (final E constant : type.getEnumConstants())
        {
            names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw error(field, "expected one of: " + String.join(", ", names) + "; got '" + value + "'");
    }

    private void require(final String field, final Object value) throws ConfigException
    {
        if (value == null)
        {
            throw error(field, "missing; a value is required");
        }
    }

    private static <T> T orDefault(final T value, final T defaultValue)
    {
        return value != null ? value : defaultValue;
    }

    /**
     * A component constructor that validates its arguments.
     */
    @FunctionalInterface
    private interface Builder<T>
    {
        T build();
    }

    private <T> T component(final String section, final Builder<T> builder) throws ConfigException
    {
        try
        {
            return builder.build();
        }
        catch (final IllegalArgumentException ex)
        {
            final String message = ex.getMessage() == null ? "invalid value" : ex.getMessage();
            final int colon = message.indexOf(": ");
            if (colon > 0 && !message.substring(0, colon).contains(" "))
            {
                final String field = message.substring(0, colon);
                throw error(section.isEmpty() ? field : section + "." + field, message.substring(colon + 2));
            }
            throw error(section, message);
        }
    }

    private ConfigException error(final String field, final String problem)
    {
        return new ConfigException(file, field, problem);
    }
}
