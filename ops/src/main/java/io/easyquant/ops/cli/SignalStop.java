package io.easyquant.ops.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a command that runs until it is stopped ({@code run}, {@code sink --follow}) answers SIGTERM and SIGINT: a
 * shutdown hook asks the command's thread to stop ({@link #awaitStop}), waits a bounded time for it to finish
 * ({@link #finished}), then ends the process with the command's exit code, so a signalled command that stopped
 * cleanly exits 0 rather than with the signal's status, and one that hangs exits 1.
 *
 * <p>Construct it (which installs the hook) before the command starts its work.
 */
final class SignalStop
{
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long timeoutS;
    private final String what;
    private final Thread hook;
    private volatile boolean signalled;
    private volatile int exitCode;

    /**
     * @param threadName the hook thread's name.
     * @param timeoutS   how long the hook waits for the command to finish.
     * @param what       what did not stop, for the error printed when the wait runs out; null to print nothing.
     */
    SignalStop(final String threadName, final long timeoutS, final String what)
    {
        this.timeoutS = timeoutS;
        this.what = what;
        hook = new Thread(this::onSignal, threadName);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * @return true if a signal asked the command to stop within the wait.
     */
    boolean awaitStop(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return stop.await(timeout, unit);
    }

    /**
     * @return true if the stop came from a signal.
     */
    boolean signalled()
    {
        return signalled;
    }

    /**
     * The command has finished: a signal's hook ends the process with this exit code; without a signal the hook is
     * removed.
     *
     * @return {@code exitCode}.
     */
    int finished(final int exitCode)
    {
        this.exitCode = exitCode;
        stopped.countDown();
        if (!signalled)
        {
            remove();
        }
        return exitCode;
    }

    /**
     * The command ends without having started its work: the hook is removed.
     */
    void cancel()
    {
        remove();
    }

    private void remove()
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException signalledMeanwhile)
        {
            // The hook is running and ends the process with the exit code.
        }
    }

    private void onSignal()
    {
        signalled = true;
        stop.countDown();
        try
        {
            if (!stopped.await(timeoutS, TimeUnit.SECONDS))
            {
                if (what != null)
                {
                    System.err.println("error: " + what + " did not stop within " + timeoutS + " s");
                }
                exitCode = 1;
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            exitCode = 1;
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(exitCode);
    }
}
