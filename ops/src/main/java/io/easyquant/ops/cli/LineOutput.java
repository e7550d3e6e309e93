package io.easyquant.ops.cli;

import java.io.PrintStream;

/**
 * Lines to a {@link PrintStream} in chunks rather than a flush per line, noticing when the reader has gone: a
 * {@code PrintStream} swallows write errors, so after each chunk {@link PrintStream#checkError()} tells whether the
 * pipe was closed (as {@code | head} does) and the command can stop quietly.
 *
 * <p>Not thread-safe.
 */
final class LineOutput
{
    /** Lines are written once this many characters are pending. */
    static final int CHUNK_CHARS = 64 * 1024;

    private final PrintStream out;
    private final StringBuilder pending = new StringBuilder(CHUNK_CHARS + 512);
    private boolean closed;

    LineOutput(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * @return the buffer to append the current line to, without its terminator; end it with {@link #endLine()}.
     */
    StringBuilder line()
    {
        return pending;
    }

    /**
     * End the current line, writing the pending chunk once it is large enough.
     *
     * @return false once the output is closed: stop writing.
     */
    boolean endLine()
    {
        pending.append('\n');
        return pending.length() < CHUNK_CHARS ? !closed : flush();
    }

    /**
     * Write what is pending.
     *
     * @return false if the output is closed.
     */
    boolean flush()
    {
        if (!closed)
        {
            out.append(pending);
            closed = out.checkError();
        }
        pending.setLength(0);
        return !closed;
    }
}
