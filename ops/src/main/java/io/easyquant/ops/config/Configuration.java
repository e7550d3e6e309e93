package io.easyquant.ops.config;

import io.easyquant.admin.AdminContext;
import io.easyquant.adapters.feed.csv.CsvFeedContext;
import io.easyquant.adapters.feed.live.LiveFeedContext;
import io.easyquant.adapters.feed.synthetic.SyntheticFeedContext;
import io.easyquant.adapters.sink.postgres.PostgresSinkContext;
import io.easyquant.adapters.venue.paper.PaperVenueContext;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.Strategy;
import io.easyquant.journal.queue.JournalContext;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * A validated configuration: one immutable context per component, built once at start-up.
 *
 * @param file                  the file it was read from.
 * @param name                  the engine's name, for logs.
 * @param dataDir               where the engine keeps its files.
 * @param statusIntervalSeconds seconds between status lines.
 * @param timerIntervalNs       nanoseconds between timer ticks.
 * @param strategy              makes a fresh strategy (strategies hold state).
 * @param strategyDescription   the strategy and its parameters, for logs.
 * @param feeds                 the feeds, in file order.
 * @param journal               how the journal's files roll and are kept.
 * @param initialCapital        the capital a backtest starts with, in quote currency.
 * @param text                  the configuration file's text, as read: journaled so a replay rebuilds the engine.
 * @param sink                  the Postgres sink, or null when it is disabled; without a URL it runs an embedded
 *                              server under {@code <dataDir>/}{@value #EMBEDDED_POSTGRES_DIRECTORY}.
 * @param admin                 the admin server's settings, tokens from the environment included; null when it is
 *                              off (no {@code admin:} section, {@code enabled: false}, or a journaled configuration).
 * @param minFreeDiskBytes      free space under the journal below which the low-disk rule engages the kill-switch;
 *                              0 turns the rule off.
 */
public record Configuration(
    String file,
    String name,
    Path dataDir,
    int statusIntervalSeconds,
    Instruments instruments,
    PipelineContext pipeline,
    long timerIntervalNs,
    FeaturesContext features,
    Supplier<Strategy> strategy,
    String strategyDescription,
    RiskLimits riskLimits,
    ExecutionContext execution,
    List<Feed> feeds,
    PaperVenueContext venue,
    JournalContext journal,
    BigDecimal initialCapital,
    String text,
    PostgresSinkContext sink,
    AdminContext admin,
    long minFreeDiskBytes)
{
    /** The default of {@code risk.kill.minFreeDiskMb}. */
    public static final long DEFAULT_MIN_FREE_DISK_MB = 512;

    /** The embedded PostgreSQL's data directory under the data directory. */
    public static final String EMBEDDED_POSTGRES_DIRECTORY = "postgres";
    /** The environment variable with admin tokens as {@code name:role:secret,...}; hashed at start-up. */
    public static final String ADMIN_TOKENS_VARIABLE = "EASYQUANT_ADMIN_TOKENS";
    /** The environment variable with the admin TLS key store password, unless the configuration names another. */
    public static final String ADMIN_TLS_PASSWORD_VARIABLE = "EASYQUANT_ADMIN_TLS_PASSWORD";

    /** Source id stamped on the venue's execution reports. */
    public static final int VENUE_SOURCE_ID = 10;
    /** Source id stamped on admin and command-line commands. */
    public static final int ADMIN_SOURCE_ID = 20;
    /** Source id stamped on timer ticks. */
    public static final int TIMER_SOURCE_ID = 30;
    /** Source id of the first feed; the next feeds count up from it. */
    public static final int FIRST_FEED_SOURCE_ID = 100;

    /**
     * A configured feed.
     */
    public sealed interface Feed permits SyntheticFeedConfig, CsvFeedConfig, LiveFeedConfig
    {
    }

    /**
     * A live venue feed.
     *
     * @param venue   {@code binance} or {@code coinbase}.
     * @param context endpoints, instruments and timing.
     */
    public record LiveFeedConfig(String venue, LiveFeedContext context) implements Feed
    {
    }

    /**
     * A synthetic feed.
     */
    public record SyntheticFeedConfig(SyntheticFeedContext context) implements Feed
    {
    }

    /**
     * A CSV feed.
     */
    public record CsvFeedConfig(CsvFeedContext context) implements Feed
    {
    }
}
