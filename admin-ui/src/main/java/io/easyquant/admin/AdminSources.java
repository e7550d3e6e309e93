package io.easyquant.admin;

import io.easyquant.engine.feed.FeedMetrics;
import io.easyquant.engine.metrics.MonitoredAgent;
import io.easyquant.journal.queue.Journal;

import java.util.ArrayList;
import java.util.List;

/**
 * What the admin server reads besides the engine: the session's name, its agents (feeds, timer), extra readiness
 * checks, the journal (for the events view and its size) and, where a journal sink runs, its progress
 * ({@link SinkMetrics}) and the archive of older events it keeps ({@link EventArchive}). Everything is optional but
 * the name.
 *
 * <p>Immutable once built.
 */
public final class AdminSources
{
    /** How long an events request waits for the archive by default: well inside the admin page's 3 s poll limit. */
    public static final long DEFAULT_HISTORY_TIMEOUT_MS = 2_000;

    private final String name;
    private final List<MonitoredAgent> agents;
    private final List<FeedMetrics> feeds;
    private final List<ReadinessCheck> checks;
    private final Journal journal;
    private final SinkMetrics sink;
    private final EventArchive archive;
    private final long historyTimeoutMs;
    private final String version;

    private AdminSources(final Builder builder)
    {
        name = builder.name;
        agents = List.copyOf(builder.agents);
        feeds = List.copyOf(builder.feeds);
        checks = List.copyOf(builder.checks);
        journal = builder.journal;
        sink = builder.sink;
        archive = builder.archive;
        historyTimeoutMs = builder.historyTimeoutMs;
        version = builder.version;
    }

    public static Builder builder(final String name)
    {
        return new Builder(name);
    }

    public String name()
    {
        return name;
    }

    public List<MonitoredAgent> agents()
    {
        return agents;
    }

    /**
     * @return the feeds that keep venue books (their counters and book states).
     */
    public List<FeedMetrics> feeds()
    {
        return feeds;
    }

    public List<ReadinessCheck> checks()
    {
        return checks;
    }

    /**
     * @return the journal the engine writes, or null if it journals nothing.
     */
    public Journal journal()
    {
        return journal;
    }

    /**
     * @return the journal sink's progress, or null where no sink is configured.
     */
    public SinkMetrics sink()
    {
        return sink;
    }

    /**
     * @return the archive of events older than the journal, or null where there is none.
     */
    public EventArchive archive()
    {
        return archive;
    }

    /**
     * @return the longest an events request waits for the archive, in milliseconds.
     */
    public long historyTimeoutMs()
    {
        return historyTimeoutMs;
    }

    /**
     * @return the running build's version, for {@code easyquant_build_info}; null when unknown.
     */
    public String version()
    {
        return version;
    }

    /**
     * Collects the sources.
     */
    public static final class Builder
    {
        private final String name;
        private final List<MonitoredAgent> agents = new ArrayList<>();
        private final List<FeedMetrics> feeds = new ArrayList<>();
        private final List<ReadinessCheck> checks = new ArrayList<>();
        private Journal journal;
        private SinkMetrics sink;
        private EventArchive archive;
        private long historyTimeoutMs = DEFAULT_HISTORY_TIMEOUT_MS;
        private String version;

        private Builder(final String name)
        {
            this.name = name;
        }

        public Builder agent(final MonitoredAgent agent)
        {
            agents.add(agent);
            return this;
        }

        public Builder feed(final FeedMetrics feed)
        {
            feeds.add(feed);
            return this;
        }

        public Builder check(final ReadinessCheck check)
        {
            checks.add(check);
            return this;
        }

        public Builder journal(final Journal value)
        {
            journal = value;
            return this;
        }

        public Builder sink(final SinkMetrics value)
        {
            sink = value;
            return this;
        }

        public Builder archive(final EventArchive value)
        {
            archive = value;
            return this;
        }

        /**
         * @param value the longest an events request waits for the archive, 1 ms or more (default
         *              {@link #DEFAULT_HISTORY_TIMEOUT_MS}).
         */
        public Builder historyTimeoutMs(final long value)
        {
            if (value < 1)
            {
                throw new IllegalArgumentException("historyTimeoutMs: expected at least 1, got " + value);
            }
            historyTimeoutMs = value;
            return this;
        }

        public Builder version(final String value)
        {
            version = value;
            return this;
        }

        public AdminSources build()
        {
            return new AdminSources(this);
        }
    }
}
