package io.easyquant.adapters.sink.postgres;

/**
 * A problem the sink reports with a message of its own: the database holds another journal's rows under this name,
 * the journal is not the one the checkpoint was written for, another sink writes the same journal.
 */
public final class SinkException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public SinkException(final String message)
    {
        super(message);
    }
}
