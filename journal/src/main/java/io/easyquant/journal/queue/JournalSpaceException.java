package io.easyquant.journal.queue;

/**
 * An append refused because the journal's disk is full and its reserve spent ({@link JournalSpace}): nothing was
 * written. One instance per journal, without a stack trace, so that refusing costs no allocation.
 */
public final class JournalSpaceException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    JournalSpaceException(final String message)
    {
        super(message, null, false, false);
    }
}
