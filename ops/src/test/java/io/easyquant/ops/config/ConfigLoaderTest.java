package io.easyquant.ops.config;

import io.easyquant.admin.AdminContext;
import io.easyquant.admin.AdminToken;
import io.easyquant.admin.Role;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.ops.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.easyquant.ops.TestConfigs.MINIMAL;
import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every configuration error names the file, the field path and what was expected; the messages are asserted whole,
 * as the operator reads them.
 */
class ConfigLoaderTest
{
    private static final String FILE = "bad.yaml";

    @TempDir
    Path dir;

    @Test
    void shouldValidateEveryShippedConfiguration() throws Exception
    {
        final List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("../config")))
        {
            files = list.filter(file -> file.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() >= 2, "config/ ships at least the paper and linear configurations: " + files);
        for (final Path file : files)
        {
            final Configuration config = new ConfigLoader().load(file);
            assertFalse(config.feeds().isEmpty(), file.toString());
            assertNotNull(config.admin(), file + ": every shipped configuration serves the admin API, so that a " +
                "local operator can always halt");
            assertTrue(config.admin().address().isLoopbackAddress(), file.toString());
        }
    }

    @Test
    void shouldLoadTheLinearModelConfiguration() throws ConfigException
    {
        final Configuration config = new ConfigLoader().load(Path.of("../config/linear.yaml"));

        assertEquals("linear(LONG_SHORT)", config.strategyDescription());
        assertEquals(3, config.instruments().count());
    }

    @Test
    void shouldLoadThePaperConfiguration() throws ConfigException
    {
        final Configuration config = new ConfigLoader().load(TestConfigs.PAPER);

        assertEquals("paper", config.name());
        assertEquals(TestConfigs.PAPER.toString(), config.file());
        assertEquals(Path.of("../data/paper").toAbsolutePath().normalize(), config.dataDir());
        assertEquals(5, config.statusIntervalSeconds());
        assertEquals(3, config.instruments().count());
        assertEquals("SOL-USD", config.instruments().at(2).symbol());
        assertEquals(65536, config.pipeline().ringSize());
        assertEquals(PipelineContext.WaitStrategyType.SLEEPING, config.pipeline().waitStrategy());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), config.timerIntervalNs());
        assertEquals(1, config.feeds().size());
        final Configuration.SyntheticFeedConfig feed =
            assertInstanceOf(Configuration.SyntheticFeedConfig.class, config.feeds().get(0));
        assertEquals(3000, feed.context().ratePerSecond());
        assertEquals("ema-crossover(20,80,LONG_SHORT)", config.strategyDescription());
        assertEquals(500, config.riskLimits().maxOrderQtyLots(0), "0.05 BTC-USD in lots of 0.0001");
        assertEquals(2000, config.riskLimits().maxPositionLots(2), "20 SOL-USD in lots of 0.01");
        assertNull(config.sink().url(), "the embedded server");
        assertEquals(5000, config.sink().batchSize());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(200), config.sink().maxBatchDelayNs());
        assertTrue(config.sink().bars());
        assertFalse(config.sink().ticks());
        assertEquals(TimeUnit.SECONDS.toNanos(1), config.sink().positionSnapshotIntervalNs());
        assertEquals(3, config.sink().instruments().count());
    }

    @Test
    void shouldReadTheSinkSection() throws ConfigException
    {
        final Configuration config = parse(MINIMAL + "sink:\n  postgres:\n    url: jdbc:postgresql://db:5432/eq\n" +
            "    journalName: paper-1\n    batchSize: 100\n    marketData: { bars: false, ticks: true }\n" +
            "    positionSnapshotIntervalMs: 0\n    embeddedPort: 5544\n");

        assertEquals("jdbc:postgresql://db:5432/eq", config.sink().url());
        assertEquals("paper-1", config.sink().journalName());
        assertEquals(100, config.sink().batchSize());
        assertFalse(config.sink().bars());
        assertTrue(config.sink().ticks());
        assertEquals(0, config.sink().positionSnapshotIntervalNs());
        assertEquals(5544, config.sink().embeddedPort());
        assertNull(parse(MINIMAL + "sink:\n  postgres:\n    enabled: false\n").sink());
    }

    @Test
    void shouldAcceptANegativeLimitOffsetForPassiveRestingOrders() throws ConfigException
    {
        final Configuration config = parse(MINIMAL + "execution:\n  orderType: limit\n  limitOffsetTicks: -2\n");
        assertEquals(-2, config.execution().limitOffsetTicks());
        assertTrue(error(MINIMAL + "execution:\n  limitOffsetTicks: -2000000000\n")
            .contains("limitOffsetTicks: expected an integer from -1000000000 to 1000000000"));
    }

    @Test
    void shouldNameTheFieldOfABadSinkValue()
    {
        assertEquals(FILE + ": sink.postgres.url: expected a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), " +
            "got 'postgres://db/eq'", error(MINIMAL + "sink:\n  postgres:\n    url: postgres://db/eq\n"));
        assertEquals(FILE + ": sink.postgres.batchSize: expected an integer from 1 to 1000000, got 0",
            error(MINIMAL + "sink:\n  postgres:\n    batchSize: 0\n"));
        assertTrue(error(MINIMAL + "sink:\n  postgres:\n    password: secret\n").startsWith(FILE +
            ": sink.postgres.password: unknown key 'password' (line 17, column 5); expected one of: batchSize, "),
            "credentials come from the environment only");
    }

    @Test
    void shouldApplyDefaultsToAMinimalConfiguration() throws ConfigException
    {
        final Configuration config = parse(MINIMAL);

        assertEquals("easyquant", config.name());
        assertEquals(dir.resolve("data"), config.dataDir());
        assertEquals(5, config.statusIntervalSeconds());
        assertEquals(2, config.instruments().count());
        assertEquals("ema-crossover(10,30,LONG_ONLY)", config.strategyDescription());
        assertNull(config.sink().url(), "the sink is on by default, with the embedded server");
    }

    @Test
    void shouldReadTheInstrumentBoundsWithDefaultsThatKeepEveryProductExact() throws ConfigException
    {
        final Configuration defaults = parse(MINIMAL);
        final Instrument btc = defaults.instruments().at(0);
        assertEquals(0, new BigDecimal("1000000").compareTo(btc.maxPrice()));
        assertEquals(100_000_000L, btc.maxPriceTicks());
        assertEquals(100_000_000L, btc.maxQtyLots());
        assertEquals(30L * 24 * 3600 * 1_000_000_000L, btc.maxTimeJumpNs());
        assertTrue(Math.multiplyHigh(btc.maxPriceTicks() * btc.maxQtyLots(), btc.cashPerTickLot()) == 0 &&
            btc.maxPriceTicks() * btc.maxQtyLots() * btc.cashPerTickLot() <= Instrument.MAX_NOTIONAL_CASH);

        final Configuration own = parse(edit(MINIMAL, "lotSize: 0.0001 }",
            "lotSize: 0.0001, maxPrice: 250000.005, maxQuantity: 40000, maxTimeJumpMs: 0 }"));
        final Instrument bounded = own.instruments().at(0);
        assertEquals(25_000_000L, bounded.maxPriceTicks(), "rounded down to whole ticks");
        assertEquals(400_000_000L, bounded.maxQtyLots());
        assertEquals(0, bounded.maxTimeJumpNs());
    }

    @Test
    void shouldNameTheFieldOfABadInstrumentBound()
    {
        assertEquals(FILE + ": instruments[0].maxPrice: expected a decimal of at least one tick (0.01), got 0.001",
            error(edit(MINIMAL, "lotSize: 0.0001 }", "lotSize: 0.0001, maxPrice: 0.001 }")));
        assertEquals(FILE + ": instruments[1].maxQuantity: expected a decimal of at least one lot (0.001), got -1",
            error(edit(MINIMAL, "lotSize: 0.001 }", "lotSize: 0.001, maxQuantity: -1 }")));
        assertEquals(FILE + ": instruments[0]: maxPrice x maxQuantity: expected at most 10000000000 USD (so that " +
            "every notional, fee and PnL stays exact), got 1000000 x 10001 = 10001000000",
            error(edit(MINIMAL, "lotSize: 0.0001 }", "lotSize: 0.0001, maxQuantity: 10001 }")));
        assertEquals(FILE + ": instruments[0].maxTimeJumpMs: expected milliseconds from 0 (no limit) to " +
            "3162240000000, got -5", error(edit(MINIMAL, "lotSize: 0.0001 }", "lotSize: 0.0001, maxTimeJumpMs: -5 }")));
        assertEquals(FILE + ": risk.maxOrderQty.BTC-USD: expected at most the instrument's maxQuantity (0.01 " +
            "BTC-USD; larger reports are rejected at ingest), got 0.0500",
            error(edit(MINIMAL, "lotSize: 0.0001 }", "lotSize: 0.0001, maxQuantity: 0.01 }")));
        assertEquals(FILE + ": risk.maxPosition.BTC-USD: expected at most the instrument's maxQuantity (0.04 " +
            "BTC-USD; so that a position's value and PnL stay exact), got 0.0500",
            error(edit(edit(MINIMAL, "lotSize: 0.0001 }", "lotSize: 0.0001, maxQuantity: 0.04 }"),
            "maxOrderQty: { default: 0.05 }", "maxOrderQty: { default: 0.04 }")));
    }

    @Test
    void shouldRejectANumberLongerThanTheBoundAtOnce()
    {
        final String digits = "1" + "0".repeat(70);
        final String message = error(edit(MINIMAL, "tickSize: 0.01, lotSize: 0.0001", "tickSize: 0.01, lotSize: " +
            digits));
        assertTrue(message.startsWith(FILE + ": instruments[0].lotSize: "), message);
        assertTrue(message.contains("64"), message);
        final String quoted = error(edit(MINIMAL, "tickSize: 0.01, lotSize: 0.0001", "tickSize: 0.01, lotSize: \"" +
            digits + "\""));
        assertTrue(quoted.startsWith(FILE + ": instruments[0].lotSize: "), quoted);
        assertTrue(quoted.contains("64"), quoted);
    }

    @Test
    void shouldNameAMissingFile()
    {
        final Path missing = dir.resolve("missing.yaml");

        assertEquals(missing + ": file not found", loadError(missing));
    }

    @Test
    void shouldRejectADirectory()
    {
        assertEquals(dir + ": is a directory; expected a YAML configuration file", loadError(dir));
    }

    @Test
    void shouldRejectAnEmptyFile()
    {
        final String expected = ": the file is empty; expected a YAML mapping with the sections instruments, " +
            "feeds, strategy and risk";
        final Path empty = TestConfigs.write(dir.resolve("empty.yaml"), "");
        final Path comments = TestConfigs.write(dir.resolve("comments.yaml"), "# nothing yet\n\n");

        assertEquals(empty + expected, loadError(empty));
        assertEquals(comments + expected, loadError(comments));
    }

    @Test
    void shouldRejectATopLevelThatIsNotAMapping()
    {
        assertEquals(FILE + ": expected a YAML mapping (key: value) at the top level (line 1, column 1), got a list",
            error("- instruments\n- feeds\n"));
    }

    @Test
    void shouldGiveTheLineOfAYamlSyntaxErrorOnOneLine()
    {
        final String message = error(edit(MINIMAL, "    ratePerSecond: 100\n", "    ratePerSecond: 100\n      seed: 7\n"));

        assertEquals(FILE + ": not valid YAML (line 7, column 11): mapping values are not allowed here", message);
    }

    @Test
    void shouldListTheExpectedKeysForAnUnknownTopLevelKey()
    {
        assertEquals(FILE + ": strategies: unknown key 'strategies' (line 15, column 1); expected one of: admin, " +
            "backtest, engine, execution, features, feeds, instruments, journal, pipeline, risk, sink, strategy, venue",
            error(MINIMAL + "strategies: {}\n"));
    }

    @Test
    void shouldListTheExpectedKeysForAnUnknownNestedKey()
    {
        final String message = error(edit(MINIMAL, "  maxPosition:", "  maxPositon:"));

        assertEquals(FILE + ": risk.maxPositon: unknown key 'maxPositon' (line 14, column 3); expected one of: " +
            "defaults, instruments, kill, maxGrossExposure, maxMessagesPerWindow, maxOpenOrders, maxOrderQty, maxPosition, " +
            "messageWindowMs", message);
    }

    @Test
    void shouldRejectARepeatedKey()
    {
        final String message = error(edit(MINIMAL, "    ratePerSecond: 100\n", "    ratePerSecond: 100\n" +
            "    ratePerSecond: 5\n"));

        assertEquals(FILE + ": feeds[0].ratePerSecond: duplicate key 'ratePerSecond' (line 7, column 5); each key " +
            "may appear only once in a mapping", message);
    }

    @Test
    void shouldRejectTextWhereAnIntegerIsExpected()
    {
        assertEquals(FILE + ": pipeline.ringSize: expected an integer, got 'abc' (line 2, column 13)",
            error("pipeline:\n  ringSize: \"abc\"\n" + MINIMAL));
    }

    @Test
    void shouldRejectAFractionWhereAnIntegerIsExpected()
    {
        assertEquals(FILE + ": pipeline.ringSize: expected an integer, got '1024.5' (line 2, column 13)",
            error("pipeline:\n  ringSize: 1024.5\n" + MINIMAL));
        assertEquals(FILE + ": feeds[0].ratePerSecond: expected an integer, got '2.5' (line 6, column 20)",
            error(edit(MINIMAL, "ratePerSecond: 100", "ratePerSecond: 2.5")));
    }

    @Test
    void shouldListTheFeedTypesForAnUnknownOne()
    {
        assertEquals(FILE + ": feeds[0].type: unknown type 'kafka' (line 5, column 11); expected one of: synthetic, csv",
            error(edit(MINIMAL, "type: synthetic", "type: kafka")));
    }

    @Test
    void shouldListTheStrategyTypesForAnUnknownOne()
    {
        assertEquals(FILE + ": strategy.type: unknown type 'magic' (line 10, column 9); expected one of: " +
            "ma-crossover, linear", error(edit(MINIMAL, "type: ma-crossover", "type: magic")));
    }

    @Test
    void shouldNameTheLineOfAStrategyWithoutAType()
    {
        assertEquals(FILE + ": strategy.type: missing 'type' (line 9, column 1); expected one of: ma-crossover, linear",
            error(edit(MINIMAL, "  type: ma-crossover\n", "")));
    }

    @Test
    void shouldListTheVenueTypesForAnUnknownOne()
    {
        assertEquals(FILE + ": venue.type: unknown type 'binance' (line 16, column 9); expected one of: paper",
            error(MINIMAL + "venue:\n  type: binance\n"));
    }

    @Test
    void shouldRequireAStrategy()
    {
        final String message = error(edit(MINIMAL, "strategy:\n  type: ma-crossover\n  quantity: { default: 0.01 }\n", ""));

        assertEquals(FILE + ": strategy: expected a strategy section with a type: ma-crossover or linear", message);
    }

    @Test
    void shouldListTheChoicesOfABadEnum()
    {
        assertEquals(FILE + ": pipeline.waitStrategy: expected one of: busy-spin, yielding, sleeping, blocking; " +
            "got 'turbo'", error("pipeline:\n  waitStrategy: turbo\n" + MINIMAL));
    }

    @Test
    void shouldRejectATickSizeThatIsNotPositive()
    {
        assertEquals(FILE + ": instruments[0].tickSize: expected a positive decimal, got 0",
            error(edit(MINIMAL, "tickSize: 0.01, lotSize: 0.0001", "tickSize: 0, lotSize: 0.0001")));
        assertEquals(FILE + ": instruments[1].tickSize: expected a positive decimal, got -0.01",
            error(edit(MINIMAL, "tickSize: 0.01, lotSize: 0.001", "tickSize: -0.01, lotSize: 0.001")));
    }

    @Test
    void shouldRejectARepeatedInstrumentId()
    {
        assertEquals(FILE + ": instruments[1].id: 1 is used twice", error(edit(MINIMAL, "id: 2", "id: 1")));
    }

    @Test
    void shouldRejectARepeatedInstrumentSymbol()
    {
        assertEquals(FILE + ": instruments[1].symbol: BTC-USD is used twice",
            error(edit(MINIMAL, "symbol: ETH-USD", "symbol: BTC-USD")));
    }

    @Test
    void shouldRejectATickTimesLotThatIsNotAMultipleOfTheCashUnit()
    {
        final String message = error(edit(MINIMAL, "tickSize: 0.01, lotSize: 0.001", "tickSize: 0.0001, lotSize: 0.00001"));

        assertEquals(FILE + ": instruments[1]: tickSize x lotSize: expected a multiple of 1e-8 USD, got 0.000000001",
            message);
    }

    @Test
    void shouldRejectARiskQuantityForAnUnknownSymbol()
    {
        assertEquals(FILE + ": risk.maxOrderQty.XRP-USD: unknown instrument; expected 'default' or one of: BTC-USD, " +
            "ETH-USD", error(edit(MINIMAL, "maxOrderQty: { default: 0.05 }", "maxOrderQty: { default: 0.05, XRP-USD: 1 }")));
    }

    @Test
    void shouldRejectARiskQuantityThatIsNotAWholeNumberOfLots()
    {
        assertEquals(FILE + ": risk.maxOrderQty.BTC-USD: expected a whole number of lots of 0.0001 BTC-USD, got 0.00005",
            error(edit(MINIMAL, "maxOrderQty: { default: 0.05 }", "maxOrderQty: { default: 0.05, BTC-USD: 0.00005 }")));
    }

    @Test
    void shouldRequireAQuantityForEveryInstrumentWithoutADefault()
    {
        assertEquals(FILE + ": risk.maxOrderQty.ETH-USD: missing; expected a quantity for every instrument (or a " +
            "'default' entry)", error(edit(MINIMAL, "maxOrderQty: { default: 0.05 }", "maxOrderQty: { BTC-USD: 0.05 }")));
    }

    @Test
    void shouldRejectANegativeLimit()
    {
        assertEquals(FILE + ": risk.maxPosition.default: expected a quantity >= 0, got -1",
            error(edit(MINIMAL, "maxPosition: { default: 0.05 }", "maxPosition: { default: -1 }")));
    }

    @Test
    void shouldListTheFeaturesForAnUnknownLinearWeight()
    {
        final String message = error(edit(MINIMAL, "  type: ma-crossover\n",
            "  type: linear\n  weights: { ema_gap: 1.0, momentum: 0.5 }\n"));

        assertEquals(FILE + ": strategy.weights.momentum: unknown feature; expected one of: last, mid, log_return, " +
            "ema_fast, ema_slow, ema_gap, volatility, vwap, spread, imbalance, microprice, book_imbalance",
            message);
    }

    @Test
    void shouldRejectANegativeSyntheticRate()
    {
        assertEquals(FILE + ": feeds[0].ratePerSecond: expected a positive number, got -5",
            error(edit(MINIMAL, "ratePerSecond: 100", "ratePerSecond: -5")));
    }

    @Test
    void shouldRequireACsvFeedPath()
    {
        final String message = error(edit(MINIMAL, "  - type: synthetic\n", "  - type: csv\n    ratePerSecond: 10\n" +
            "  - type: synthetic\n"));

        assertEquals(FILE + ": feeds[0].path: missing; expected the path of a CSV file of bars, trades or quotes",
            message);
    }

    @Test
    void shouldRequireTheCsvFeedFileToExist()
    {
        final String message = error(edit(MINIMAL, "  - type: synthetic\n", "  - type: csv\n    path: quotes.csv\n" +
            "  - type: synthetic\n"));

        assertEquals(FILE + ": feeds[0].path: file not found: " + dir.resolve("quotes.csv") + " (relative paths are " +
            "resolved against " + dir + "); expected a CSV file of bars, trades or quotes", message);
    }

    @Test
    void shouldResolveTheCsvFeedPathAgainstTheConfigurationDirectory() throws Exception
    {
        Files.writeString(dir.resolve("quotes.csv"), "timestamp,symbol,bid,bid_size,ask,ask_size\n");

        final Configuration config = parse(edit(MINIMAL, "  - type: synthetic\n", "  - type: csv\n" +
            "    path: quotes.csv\n  - type: synthetic\n"));

        final Configuration.CsvFeedConfig csv = assertInstanceOf(Configuration.CsvFeedConfig.class, config.feeds().get(0));
        assertEquals(dir.resolve("quotes.csv"), csv.context().path());
    }

    @Test
    void shouldNeverPutAStackTraceOrAJavaTypeInAMessage()
    {
        final String[] bad = {
            "pipeline:\n  ringSize: [1, 2]\n" + MINIMAL,
            "pipeline:\n  cpus: { a: 1 }\n" + MINIMAL,
            edit(MINIMAL, "quantity: { default: 0.01 }", "quantity: 0.01"),
            edit(MINIMAL, "quantity: { default: 0.01 }", "quantity: { default: lots }"),
            "engine: {name: x\n" + MINIMAL,
        };
        for (final String yaml : bad)
        {
            final String message = error(yaml);
            assertTrue(message.startsWith(FILE + ": "), message);
            assertFalse(message.contains("\n"), message);
            assertFalse(message.contains("java."), message);
            assertFalse(message.contains("io.easyquant"), message);
            assertFalse(message.contains("Exception"), message);
        }
    }

    // ---- admin ----------------------------------------------------------------------------------------------

    private static final String SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void shouldTurnTheAdminServerOnForThePaperConfigurationOnLoopback() throws ConfigException
    {
        final AdminContext admin = new ConfigLoader(Map.of()).load(TestConfigs.PAPER).admin();

        assertEquals("127.0.0.1", admin.host());
        assertEquals(8080, admin.port());
        assertEquals(List.of(), admin.tokens());
        assertEquals(Configuration.ADMIN_SOURCE_ID, admin.sourceId());
    }

    @Test
    void shouldLeaveTheAdminServerOffWithoutASectionOrWhenDisabled() throws ConfigException
    {
        assertNull(parse(MINIMAL).admin());
        assertNull(parse(MINIMAL + "admin:\n  enabled: false\n  host: 10.0.0.1\n").admin());
    }

    @Test
    void shouldReadAdminTokensFromTheFileAndTheEnvironment() throws ConfigException
    {
        final String yaml = MINIMAL + "admin:\n  port: 9090\n  tokens:\n    - { name: alice, role: operator, sha256: " +
            SHA + " }\n  corsAllowedOrigins: [\"https://grafana.example:3000\"]\n";
        final AdminContext admin = new ConfigLoader(Map.of(Configuration.ADMIN_TOKENS_VARIABLE,
            "bob:viewer:0123456789abcdef0123")).parse(FILE, new ByteArrayInputStream(yaml.getBytes(
            StandardCharsets.UTF_8)), dir).admin();

        assertEquals(9090, admin.port());
        assertEquals(List.of("alice", "bob"), admin.tokens().stream().map(AdminToken::name).toList());
        assertEquals(Role.VIEWER, admin.tokens().get(1).role());
        assertEquals(Set.of("https://grafana.example:3000"), admin.corsAllowedOrigins());
    }

    @Test
    void shouldRefuseANonLoopbackAdminHostUnlessTokensAreConfigured() throws ConfigException
    {
        final String yaml = MINIMAL + "admin:\n  host: 10.0.0.1\n";
        assertEquals(FILE + ": admin.host: 10.0.0.1 is not a loopback address; the admin server listens beyond " +
            "this machine only with tokens configured (admin.tokens or EASYQUANT_ADMIN_TOKENS)", error(yaml));

        final ConfigException clear = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of(
            Configuration.ADMIN_TOKENS_VARIABLE, "ops:operator:0123456789abcdef0123")).parse(FILE,
            new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), dir));
        assertEquals(FILE + ": admin.host: 10.0.0.1 is not a loopback address; the admin server listens beyond " +
            "this machine only with TLS (admin.tls.keyStore), so that tokens never cross the network in clear",
            clear.getMessage());
    }

    @Test
    void shouldServeTlsWithTheKeyStoreOfTheConfigurationAndThePasswordFromTheEnvironment() throws Exception
    {
        Files.writeString(dir.resolve("admin.p12"), "key store");
        final String yaml = MINIMAL + "admin:\n  host: 10.0.0.1\n  tls: { keyStore: admin.p12, " +
            "keyStorePasswordEnv: ADMIN_P12_PASSWORD }\n";
        final Configuration config = new ConfigLoader(Map.of(Configuration.ADMIN_TOKENS_VARIABLE,
            "ops:operator:0123456789abcdef0123", "ADMIN_P12_PASSWORD", "p12-secret")).parse(FILE,
            new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), dir);
        assertEquals("10.0.0.1", config.admin().host());
        assertEquals(dir.resolve("admin.p12"), config.admin().tlsKeyStore());
        assertEquals("https", config.admin().scheme());

        final ConfigException noPassword = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of(
            Configuration.ADMIN_TOKENS_VARIABLE, "ops:operator:0123456789abcdef0123")).parse(FILE,
            new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), dir));
        assertEquals(FILE + ": admin.tls.keyStorePasswordEnv: the environment variable ADMIN_P12_PASSWORD holding " +
            "the key store's password is not set", noPassword.getMessage());
    }

    @Test
    void shouldNameTheAdminFieldThatIsWrong()
    {
        assertEquals(FILE + ": admin.tokens[0].role: expected viewer or operator, got 'root'",
            error(MINIMAL + "admin:\n  tokens:\n    - { name: a, role: root, sha256: " + SHA + " }\n"));
        assertEquals(FILE + ": admin.tokens[0].sha256: expected the 64 hex digits of the secret's SHA-256 " +
            "(printf %s \"$SECRET\" | sha256sum)",
            error(MINIMAL + "admin:\n  tokens:\n    - { name: a, role: viewer, sha256: abc }\n"));
        assertEquals(FILE + ": admin.tokens[0].name: missing; a value is required",
            error(MINIMAL + "admin:\n  tokens:\n    - { role: viewer, sha256: " + SHA + " }\n"));
        assertEquals(FILE + ": admin.host: 0.0.0.0 listens on every interface; expected one address, e.g. 127.0.0.1",
            error(MINIMAL + "admin:\n  host: 0.0.0.0\n"));
        assertEquals(FILE + ": admin.port: expected 0 to 65535, got 99999", error(MINIMAL + "admin:\n  port: 99999\n"));
        assertTrue(error(MINIMAL + "admin:\n  corsAllowedOrigins: [\"*\"]\n").startsWith(FILE +
            ": admin.corsAllowedOrigins: expected an origin scheme://host[:port]"));
        assertTrue(error(MINIMAL + "admin:\n  tls: true\n").startsWith(FILE + ": admin.tls"));
        assertTrue(error(MINIMAL + "admin:\n  tls: { certificate: x }\n").startsWith(FILE +
            ": admin.tls.certificate: unknown key 'certificate'"));
        final ConfigException env = assertThrows(ConfigException.class, () -> new ConfigLoader(
            Map.of(Configuration.ADMIN_TOKENS_VARIABLE, "ops:operator:short")).parse(FILE, new ByteArrayInputStream(
            (MINIMAL + "admin: {}\n").getBytes(StandardCharsets.UTF_8)), dir));
        assertEquals(FILE + ": the environment: EASYQUANT_ADMIN_TOKENS: entry 1: secret: expected at least 16 " +
            "characters", env.getMessage());
    }

    private Configuration parse(final String yaml) throws ConfigException
    {
        return new ConfigLoader(Map.of()).parse(FILE, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
            dir);
    }

    private String error(final String yaml)
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> parse(yaml));
        assertTrue(ex.getMessage().startsWith(FILE + ": "), ex.getMessage());
        return ex.getMessage();
    }

    private static String loadError(final Path path)
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> new ConfigLoader().load(path));
        assertEquals(path.toString(), ex.file());
        return ex.getMessage();
    }
}
