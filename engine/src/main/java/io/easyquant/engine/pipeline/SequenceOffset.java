package io.easyquant.engine.pipeline;

/**
 * The difference between the sequence an input is stamped with and its ring sequence, shared by every
 * {@link InboundPublisher} of one ring. 0 for a fresh journal. After a recovery replay it is set once, before any
 * live input is published, so that the next input's sequence follows the last journaled one: a journal several
 * sessions appended to is one continuous stream of sequences.
 *
 * <p>Written by the thread that runs the recovery while no producer publishes; read by every producer on each
 * publish (a volatile read: a plain load on x86, no allocation).
 */
public final class SequenceOffset
{
    private volatile long value;

    /**
     * @return the offset added to the ring sequence.
     */
    public long value()
    {
        return value;
    }

    /**
     * Set the offset. Only while no producer publishes.
     */
    public void value(final long offset)
    {
        value = offset;
    }
}
