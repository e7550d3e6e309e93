package io.easyquant.adapters.sink.postgres;

import io.easyquant.engine.instrument.Instruments;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Settings of the Postgres sink, validated when built: a bad value fails with an IllegalArgumentException whose
 * message starts with the field's name.
 *
 * <p>Immutable.
 */
public final class PostgresSinkContext
{
    /** Environment variable with the database user (when the URL does not name one). */
    public static final String USER_ENV = "EASYQUANT_PG_USER";
    /** Environment variable with the database password. */
    public static final String PASSWORD_ENV = "EASYQUANT_PG_PASSWORD";

    public static final int DEFAULT_BATCH_SIZE = 5_000;
    public static final long DEFAULT_MAX_BATCH_DELAY_MS = 200;
    public static final long DEFAULT_POSITION_SNAPSHOT_INTERVAL_MS = 1_000;
    public static final long DEFAULT_MIN_RETRY_DELAY_MS = 100;
    public static final long DEFAULT_MAX_RETRY_DELAY_MS = 5_000;
    public static final long DEFAULT_STOP_TIMEOUT_MS = 10_000;
    /** A stop signal gives the whole process 30 s: the ring's drain, the sink's flush, and a margin. */
    public static final long MAX_STOP_TIMEOUT_MS = 15_000;
    public static final int DEFAULT_CONNECT_TIMEOUT_S = 5;
    public static final int DEFAULT_SOCKET_TIMEOUT_S = 60;

    private final Instruments instruments;
    private final String url;
    private final int embeddedPort;
    private final String user;
    private final String password;
    private final String journalName;
    private final int batchSize;
    private final long maxBatchDelayNs;
    private final boolean bars;
    private final boolean ticks;
    private final long positionSnapshotIntervalNs;
    private final long minRetryDelayNs;
    private final long maxRetryDelayNs;
    private final long stopTimeoutNs;
    private final int connectTimeoutSeconds;
    private final int socketTimeoutSeconds;

    private PostgresSinkContext(final Builder builder)
    {
        instruments = Objects.requireNonNull(builder.instruments, "instruments");
        url = builder.url;
        embeddedPort = builder.embeddedPort;
        user = builder.user;
        password = builder.password;
        journalName = builder.journalName;
        batchSize = builder.batchSize;
        maxBatchDelayNs = TimeUnit.MILLISECONDS.toNanos(builder.maxBatchDelayMs);
        bars = builder.bars;
        ticks = builder.ticks;
        positionSnapshotIntervalNs = TimeUnit.MILLISECONDS.toNanos(builder.positionSnapshotIntervalMs);
        minRetryDelayNs = TimeUnit.MILLISECONDS.toNanos(builder.minRetryDelayMs);
        maxRetryDelayNs = TimeUnit.MILLISECONDS.toNanos(builder.maxRetryDelayMs);
        stopTimeoutNs = TimeUnit.MILLISECONDS.toNanos(builder.stopTimeoutMs);
        connectTimeoutSeconds = builder.connectTimeoutSeconds;
        socketTimeoutSeconds = builder.socketTimeoutSeconds;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * A builder with this context's values.
     */
    public Builder toBuilder()
    {
        final Builder builder = new Builder();
        builder.instruments = instruments;
        builder.url = url;
        builder.embeddedPort = embeddedPort;
        builder.user = user;
        builder.password = password;
        builder.journalName = journalName;
        builder.batchSize = batchSize;
        builder.maxBatchDelayMs = TimeUnit.NANOSECONDS.toMillis(maxBatchDelayNs);
        builder.bars = bars;
        builder.ticks = ticks;
        builder.positionSnapshotIntervalMs = TimeUnit.NANOSECONDS.toMillis(positionSnapshotIntervalNs);
        builder.minRetryDelayMs = TimeUnit.NANOSECONDS.toMillis(minRetryDelayNs);
        builder.maxRetryDelayMs = TimeUnit.NANOSECONDS.toMillis(maxRetryDelayNs);
        builder.stopTimeoutMs = TimeUnit.NANOSECONDS.toMillis(stopTimeoutNs);
        builder.connectTimeoutSeconds = connectTimeoutSeconds;
        builder.socketTimeoutSeconds = socketTimeoutSeconds;
        return builder;
    }

    /**
     * @return the instruments of the journal (positions are kept per instrument; the instruments table is filled
     * from them).
     */
    public Instruments instruments()
    {
        return instruments;
    }

    /**
     * @return the JDBC URL of the database, or null for an embedded server under the data directory.
     */
    public String url()
    {
        return url;
    }

    /**
     * @return the port of the embedded server; 0 picks a free one.
     */
    public int embeddedPort()
    {
        return embeddedPort;
    }

    /**
     * @return the database user, or null to use the URL's.
     */
    public String user()
    {
        return user;
    }

    /**
     * @return the database password, or null to use the URL's (or none).
     */
    public String password()
    {
        return password;
    }

    /**
     * @return the name the journal's rows are kept under, or null for the journal directory's absolute path.
     */
    public String journalName()
    {
        return journalName;
    }

    /**
     * @return the most journal records in one transaction.
     */
    public int batchSize()
    {
        return batchSize;
    }

    /**
     * @return the longest a read record waits for its batch to commit, in nanoseconds.
     */
    public long maxBatchDelayNs()
    {
        return maxBatchDelayNs;
    }

    public boolean bars()
    {
        return bars;
    }

    public boolean ticks()
    {
        return ticks;
    }

    /**
     * @return engine time between periodic position snapshots, in nanoseconds; 0 for none.
     */
    public long positionSnapshotIntervalNs()
    {
        return positionSnapshotIntervalNs;
    }

    public long minRetryDelayNs()
    {
        return minRetryDelayNs;
    }

    public long maxRetryDelayNs()
    {
        return maxRetryDelayNs;
    }

    /**
     * @return how long a stopping sink may take to write what is left, in nanoseconds.
     */
    public long stopTimeoutNs()
    {
        return stopTimeoutNs;
    }

    public int connectTimeoutSeconds()
    {
        return connectTimeoutSeconds;
    }

    public int socketTimeoutSeconds()
    {
        return socketTimeoutSeconds;
    }

    /**
     * Builds a validated {@link PostgresSinkContext}; every value has a default except the instruments.
     */
    public static final class Builder
    {
        private Instruments instruments;
        private String url;
        private int embeddedPort;
        private String user;
        private String password;
        private String journalName;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private long maxBatchDelayMs = DEFAULT_MAX_BATCH_DELAY_MS;
        private boolean bars = true;
        private boolean ticks;
        private long positionSnapshotIntervalMs = DEFAULT_POSITION_SNAPSHOT_INTERVAL_MS;
        private long minRetryDelayMs = DEFAULT_MIN_RETRY_DELAY_MS;
        private long maxRetryDelayMs = DEFAULT_MAX_RETRY_DELAY_MS;
        private long stopTimeoutMs = DEFAULT_STOP_TIMEOUT_MS;
        private int connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_S;
        private int socketTimeoutSeconds = DEFAULT_SOCKET_TIMEOUT_S;

        private Builder()
        {
        }

        public Builder instruments(final Instruments instruments)
        {
            this.instruments = instruments;
            return this;
        }

        /**
         * @param url a {@code jdbc:postgresql://} URL, or null (or blank) for the embedded server.
         */
        public Builder url(final String url)
        {
            this.url = url == null || url.isBlank() ? null : url.trim();
            return this;
        }

        public Builder embeddedPort(final int embeddedPort)
        {
            this.embeddedPort = embeddedPort;
            return this;
        }

        public Builder user(final String user)
        {
            this.user = user == null || user.isEmpty() ? null : user;
            return this;
        }

        public Builder password(final String password)
        {
            this.password = password == null || password.isEmpty() ? null : password;
            return this;
        }

        /**
         * User and password from {@link #USER_ENV} and {@link #PASSWORD_ENV}, where set.
         */
        public Builder credentialsFromEnvironment()
        {
            return user(System.getenv(USER_ENV)).password(System.getenv(PASSWORD_ENV));
        }

        public Builder journalName(final String journalName)
        {
            this.journalName = journalName == null || journalName.isBlank() ? null : journalName;
            return this;
        }

        public Builder batchSize(final int batchSize)
        {
            this.batchSize = batchSize;
            return this;
        }

        public Builder maxBatchDelayMs(final long maxBatchDelayMs)
        {
            this.maxBatchDelayMs = maxBatchDelayMs;
            return this;
        }

        public Builder bars(final boolean bars)
        {
            this.bars = bars;
            return this;
        }

        public Builder ticks(final boolean ticks)
        {
            this.ticks = ticks;
            return this;
        }

        public Builder positionSnapshotIntervalMs(final long positionSnapshotIntervalMs)
        {
            this.positionSnapshotIntervalMs = positionSnapshotIntervalMs;
            return this;
        }

        public Builder minRetryDelayMs(final long minRetryDelayMs)
        {
            this.minRetryDelayMs = minRetryDelayMs;
            return this;
        }

        public Builder maxRetryDelayMs(final long maxRetryDelayMs)
        {
            this.maxRetryDelayMs = maxRetryDelayMs;
            return this;
        }

        public Builder stopTimeoutMs(final long stopTimeoutMs)
        {
            this.stopTimeoutMs = stopTimeoutMs;
            return this;
        }

        public Builder connectTimeoutSeconds(final int connectTimeoutSeconds)
        {
            this.connectTimeoutSeconds = connectTimeoutSeconds;
            return this;
        }

        public Builder socketTimeoutSeconds(final int socketTimeoutSeconds)
        {
            this.socketTimeoutSeconds = socketTimeoutSeconds;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field of a bad value.
         */
        public PostgresSinkContext build()
        {
            if (instruments == null)
            {
                throw new IllegalArgumentException("instruments: required");
            }
            if (url != null && !url.startsWith("jdbc:postgresql:"))
            {
                throw new IllegalArgumentException("url: expected a PostgreSQL JDBC URL " +
                    "(jdbc:postgresql://host:port/database), got '" + url + "'");
            }
            check("embeddedPort", embeddedPort >= 0 && embeddedPort <= 65_535, "an integer from 0 (any free " +
                "port) to 65535", embeddedPort);
            check("batchSize", batchSize >= 1 && batchSize <= 1_000_000, "an integer from 1 to 1000000", batchSize);
            check("maxBatchDelayMs", maxBatchDelayMs >= 1 && maxBatchDelayMs <= 60_000, "an integer from 1 to 60000",
                maxBatchDelayMs);
            check("positionSnapshotIntervalMs", positionSnapshotIntervalMs >= 0,
                "an integer >= 0 (0: snapshots on fills only)", positionSnapshotIntervalMs);
            check("minRetryDelayMs", minRetryDelayMs >= 1, "an integer >= 1", minRetryDelayMs);
            check("maxRetryDelayMs", maxRetryDelayMs >= minRetryDelayMs && maxRetryDelayMs <= 300_000,
                "an integer from minRetryDelayMs (" + minRetryDelayMs + ") to 300000", maxRetryDelayMs);
            check("stopTimeoutMs", stopTimeoutMs >= 0 && stopTimeoutMs <= MAX_STOP_TIMEOUT_MS,
                "an integer from 0 to " + MAX_STOP_TIMEOUT_MS, stopTimeoutMs);
            check("connectTimeoutSeconds", connectTimeoutSeconds >= 1, "an integer >= 1", connectTimeoutSeconds);
            check("socketTimeoutSeconds", socketTimeoutSeconds >= 1, "an integer >= 1", socketTimeoutSeconds);
            return new PostgresSinkContext(this);
        }

        private static void check(final String field, final boolean valid, final String expected, final long value)
        {
            if (!valid)
            {
                throw new IllegalArgumentException(field + ": expected " + expected + ", got " + value);
            }
        }
    }
}
