package io.easyquant.journal.queue;

/**
 * A journal that cannot be opened or read as asked: its message names the journal and what was wrong, for the
 * operator as is.
 */
public final class JournalException extends Exception
{
    private static final long serialVersionUID = 1L;

    public JournalException(final String message)
    {
        super(message);
    }

    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
