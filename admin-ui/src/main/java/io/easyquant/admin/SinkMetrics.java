package io.easyquant.admin;

/**
 * The port through which the admin server reads a journal sink's progress for {@code /metrics}: the composition root
 * implements it over the running sink. Called on scrape, from the server's threads: implementations return recent
 * values without blocking.
 */
public interface SinkMetrics
{
    /**
     * @return true while the sink is connected to its database and writing (or caught up).
     */
    boolean up();

    /**
     * @return journal records not yet written, or -1 while unknown (never connected).
     */
    long lagRecords();

    /**
     * @return engine time between the last record written and the journal's last record, in seconds.
     */
    double lagSeconds();

    /**
     * @return journal records written since the sink started.
     */
    long records();

    /**
     * @return database rows written since the sink started.
     */
    long rows();

    /**
     * @return failed connection attempts and batches since the sink started.
     */
    long failures();
}
