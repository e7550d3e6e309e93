package io.easyquant.adapters.feed.live;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Configuration of one live feed ({@link BinanceFeed}, {@link CoinbaseFeed}). Immutable; validated in the
 * constructor.
 *
 * <ul>
 *   <li>{@code sourceId}: stamped on every record the feed publishes; positive.</li>
 *   <li>{@code webSocketUrl}: the venue's market-data WebSocket ({@code wss://stream.binance.com:9443/ws},
 *       {@code wss://advanced-trade-ws.coinbase.com}, or a local fake exchange's {@code ws://127.0.0.1:9555/ws}).</li>
 *   <li>{@code restUrl}: the venue's REST base ({@code https://api.binance.com}, {@code https://api.coinbase.com},
 *       or the local one), for instrument rules and snapshots.</li>
 *   <li>{@code instruments}: at least one, each venue symbol once.</li>
 *   <li>{@code bookLevels}: levels kept per side ({@link OrderBook}); also the depth of a Binance snapshot request
 *       (at most 5000).</li>
 *   <li>{@code quietTimeoutMs}: a connection silent for this long is closed and its books are STALE.</li>
 *   <li>{@code reconnectMinMs}, {@code reconnectMaxMs}: exponential backoff of reconnects and snapshot retries, with
 *       full jitter over the upper half.</li>
 *   <li>{@code maxConnectionAgeMs}: a connection older than this is replaced (new one first), ahead of the venue's
 *       own limit (Binance closes at 24 hours); 0 for never.</li>
 *   <li>{@code connectTimeoutMs}: TCP connect and WebSocket handshake, and each REST request.</li>
 *   <li>{@code checkInstrumentRules}: read the venue's tick and lot sizes at start and refuse to start when they
 *       differ from the configured ones.</li>
 *   <li>{@code imbalanceLevels}: N of the {@code book_imbalance} feature: the levels a side summed into each
 *       BOOK_DEPTH record (1 to {@code bookLevels}).</li>
 * </ul>
 */
public record LiveFeedContext(
    int sourceId,
    URI webSocketUrl,
    URI restUrl,
    List<LiveInstrument> instruments,
    int bookLevels,
    long quietTimeoutMs,
    long reconnectMinMs,
    long reconnectMaxMs,
    long maxConnectionAgeMs,
    int connectTimeoutMs,
    boolean checkInstrumentRules,
    int imbalanceLevels)
{
    public static final int DEFAULT_BOOK_LEVELS = 1000;
    public static final long DEFAULT_QUIET_TIMEOUT_MS = 10_000;
    public static final long DEFAULT_RECONNECT_MIN_MS = 250;
    public static final long DEFAULT_RECONNECT_MAX_MS = 30_000;
    /** 23 h 50 min: ahead of Binance's 24-hour limit. */
    public static final long DEFAULT_MAX_CONNECTION_AGE_MS = 85_800_000L;
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
    public static final int DEFAULT_IMBALANCE_LEVELS = 5;

    /**
     * @throws IllegalArgumentException whose message starts with the field name when a value is out of range.
     */
    public LiveFeedContext
    {
        if (sourceId <= 0)
        {
            throw new IllegalArgumentException("sourceId: expected a positive integer, got " + sourceId);
        }
        requireScheme("webSocketUrl", webSocketUrl, "ws", "wss");
        requireScheme("restUrl", restUrl, "http", "https");
        if (instruments == null || instruments.isEmpty())
        {
            throw new IllegalArgumentException("instruments: expected at least one instrument");
        }
        final Set<String> symbols = new HashSet<>();
        for (final LiveInstrument instrument : instruments)
        {
            if (!symbols.add(instrument.venueSymbol()))
            {
                throw new IllegalArgumentException("instruments: venue symbol " + instrument.venueSymbol() +
                    " appears twice");
            }
        }
        instruments = List.copyOf(instruments);
        if (bookLevels < 5 || bookLevels > 5000)
        {
            throw new IllegalArgumentException("bookLevels: expected 5 to 5000, got " + bookLevels);
        }
        if (quietTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("quietTimeoutMs: expected a positive number, got " + quietTimeoutMs);
        }
        if (reconnectMinMs <= 0 || reconnectMaxMs < reconnectMinMs)
        {
            throw new IllegalArgumentException("reconnectMinMs, reconnectMaxMs: expected 0 < min <= max, got " +
                reconnectMinMs + " and " + reconnectMaxMs);
        }
        if (maxConnectionAgeMs < 0)
        {
            throw new IllegalArgumentException("maxConnectionAgeMs: expected 0 (never) or a positive number, got " +
                maxConnectionAgeMs);
        }
        if (imbalanceLevels < 1 || imbalanceLevels > bookLevels)
        {
            throw new IllegalArgumentException("imbalanceLevels: expected 1 to bookLevels (" + bookLevels +
                "), got " + imbalanceLevels);
        }
        if (connectTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("connectTimeoutMs: expected a positive number, got " +
                connectTimeoutMs);
        }
    }

    private static void requireScheme(final String field, final URI uri, final String plain, final String secure)
    {
        if (uri == null || uri.getHost() == null ||
            !(plain.equalsIgnoreCase(uri.getScheme()) || secure.equalsIgnoreCase(uri.getScheme())))
        {
            throw new IllegalArgumentException(field + ": expected a " + plain + ":// or " + secure +
                ":// URL with a host, got " + uri);
        }
    }

    /**
     * A context with the defaults for everything but the endpoints and instruments.
     */
    public static LiveFeedContext withDefaults(
        final int sourceId, final URI webSocketUrl, final URI restUrl, final List<LiveInstrument> instruments)
    {
        return new LiveFeedContext(sourceId, webSocketUrl, restUrl, instruments, DEFAULT_BOOK_LEVELS,
            DEFAULT_QUIET_TIMEOUT_MS, DEFAULT_RECONNECT_MIN_MS, DEFAULT_RECONNECT_MAX_MS,
            DEFAULT_MAX_CONNECTION_AGE_MS, DEFAULT_CONNECT_TIMEOUT_MS, true, DEFAULT_IMBALANCE_LEVELS);
    }
}
