package io.easyquant.perf.harness;

/**
 * Something a producer thread feeds market events into, one at a time, numbered from 0: the engine or a baseline.
 * The harness paces the calls; the target measures on its consumer side and counts what it has consumed.
 */
interface Target extends AutoCloseable
{
    /**
     * Publish market event {@code k} from the producer thread.
     *
     * @param intendedNs the time the event was due to be sent (System.nanoTime), the reference of the latency
     *                   corrected for coordinated omission; the call time when unpaced.
     * @return false if the target refused it (its ring stayed full).
     */
    boolean publish(long k, long intendedNs);

    /**
     * @return the number of events the consumer side has finished with, readable from any thread.
     */
    long consumed();

    @Override
    void close();
}
