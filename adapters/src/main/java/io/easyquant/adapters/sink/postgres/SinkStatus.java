package io.easyquant.adapters.sink.postgres;

import java.util.Locale;

/**
 * What the Postgres sink is doing, for status lines, the session summary and metrics. Written by the sink thread
 * only; any thread may read (each value is recent; values are not a consistent snapshot of one moment).
 *
 * <p>Metrics an admin server can export, by getter: {@code easyquant_sink_up} ({@link #connected()} as 0/1),
 * {@code easyquant_sink_lag_records} ({@link #lagRecords()}, -1 while unknown), {@code easyquant_sink_lag_seconds}
 * ({@link #lagSeconds()}), {@code easyquant_sink_records_total} ({@link #records()}),
 * {@code easyquant_sink_rows_total} ({@link #rows()}), {@code easyquant_sink_batches_total} ({@link #batches()}),
 * {@code easyquant_sink_failures_total} ({@link #failures()}).
 */
public final class SinkStatus
{
    /**
     * The sink's phase.
     */
    public enum State
    {
        /** Not connected yet. */
        STARTING,
        /** Connected, writing or caught up. */
        CONNECTED,
        /** The last attempt failed; retrying with backoff (see {@link #lastError()}). */
        RETRYING,
        /** Stopped. */
        STOPPED
    }

    private volatile State state = State.STARTING;
    private volatile String lastError;
    private volatile long lagRecords = -1;
    private volatile long lagNs;
    private volatile long records;
    private volatile long rows;
    private volatile long batches;
    private volatile long failures;
    private volatile long checkpointIndex = -1;

    public State state()
    {
        return state;
    }

    public boolean connected()
    {
        return state == State.CONNECTED;
    }

    /**
     * @return the last failure's message, or null if the sink has not failed since it last connected.
     */
    public String lastError()
    {
        return lastError;
    }

    /**
     * @return journal entries not yet committed to the database, or -1 while unknown (never connected).
     */
    public long lagRecords()
    {
        return lagRecords;
    }

    /**
     * @return engine time between the last committed record and the journal's last record, in nanoseconds.
     */
    public long lagNs()
    {
        return lagNs;
    }

    public double lagSeconds()
    {
        return lagNs / 1e9;
    }

    /**
     * @return journal records committed by this sink since it started.
     */
    public long records()
    {
        return records;
    }

    /**
     * @return rows committed by this sink since it started.
     */
    public long rows()
    {
        return rows;
    }

    public long batches()
    {
        return batches;
    }

    /**
     * @return failed connection attempts and batches since the sink started.
     */
    public long failures()
    {
        return failures;
    }

    /**
     * @return the journal index of the last committed record, or -1.
     */
    public long checkpointIndex()
    {
        return checkpointIndex;
    }

    /**
     * One line: {@code ok lag=0/0.0s rows=1234} or {@code RETRYING lag=812/4.1s rows=1234 error: ...}.
     */
    public String line()
    {
        final State current = state;
        final StringBuilder out = new StringBuilder(96);
        out.append(current == State.CONNECTED ? "ok" : current.name())
            .append(" lag=").append(lagRecords < 0 ? "?" : Long.toString(lagRecords))
            .append('/').append(String.format(Locale.ROOT, "%.1fs", lagSeconds()))
            .append(" rows=").append(rows);
        final String error = lastError;
        if (current != State.CONNECTED && error != null)
        {
            out.append(" error: ").append(error);
        }
        return out.toString();
    }

    void state(final State state)
    {
        this.state = state;
    }

    void lastError(final String lastError)
    {
        this.lastError = lastError;
    }

    void lag(final long lagRecords, final long lagNs)
    {
        this.lagRecords = lagRecords;
        this.lagNs = lagNs;
    }

    void committed(final long records, final long rows, final long checkpointIndex)
    {
        this.records += records;
        this.rows += rows;
        this.batches++;
        this.checkpointIndex = checkpointIndex;
    }

    void checkpointIndex(final long checkpointIndex)
    {
        this.checkpointIndex = checkpointIndex;
    }

    void failed()
    {
        failures++;
    }
}
