package io.easyquant.admin;

import io.easyquant.engine.metrics.MonitoredAgent;
import io.easyquant.journal.queue.Journal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the admin server reads besides the engine: the session's name, its agents (feeds, timer), extra readiness
 * checks, the journal (for the events view and its size) and, where one runs, the lag of a journal sink. Everything is
 * optional but the name.
 *
 * <p>Immutable once built.
 */
public final class AdminSources
{
    private final String name;
    private final List<MonitoredAgent> agents;
    private final List<ReadinessCheck> checks;
    private final Journal journal;
    private final LongSupplier sinkLagRecords;

    private AdminSources(final Builder builder)
    {
        name = builder.name;
        agents = List.copyOf(builder.agents);
        checks = List.copyOf(builder.checks);
        journal = builder.journal;
        sinkLagRecords = builder.sinkLagRecords;
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
     * @return the records a journal sink has yet to write, or null where no sink runs.
     */
    public LongSupplier sinkLagRecords()
    {
        return sinkLagRecords;
    }

    /**
     * Collects the sources.
     */
    public static final class Builder
    {
        private final String name;
        private final List<MonitoredAgent> agents = new ArrayList<>();
        private final List<ReadinessCheck> checks = new ArrayList<>();
        private Journal journal;
        private LongSupplier sinkLagRecords;

        private Builder(final String name)
        {
            this.name = name;
        }

        public Builder agent(final MonitoredAgent agent)
        {
            agents.add(agent);
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

        public Builder sinkLagRecords(final LongSupplier value)
        {
            sinkLagRecords = value;
            return this;
        }

        public AdminSources build()
        {
            return new AdminSources(this);
        }
    }
}
