package io.easyquant.admin;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import net.openhft.affinity.Affinity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.BitSet;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes the admin server's threads yield to the pipeline: each one, as it starts, lowers its own scheduling priority
 * (Linux: {@code setpriority(PRIO_PROCESS, tid, niceness)}, which applies to that one thread and needs no privilege
 * to raise niceness) and, if CPUs are given, pins itself to them. Under CPU contention, a flood of requests then takes
 * the time the pipeline leaves, not the pipeline's.
 *
 * <p>Where either is unavailable (another OS, no native library), the thread runs unchanged and one warning is logged.
 */
final class ServerThreads implements ThreadFactory
{
    private static final Logger LOG = LoggerFactory.getLogger(ServerThreads.class);
    private static final int PRIO_PROCESS = 0;
    private static final AtomicBoolean NICE_WARNED = new AtomicBoolean();
    private static final AtomicBoolean PIN_WARNED = new AtomicBoolean();

    private final int niceness;
    private final BitSet cpus = new BitSet();

    /**
     * @param niceness 0 to leave the priority alone, 1 to 19 to lower it.
     * @param cpus     CPUs to pin to; empty for none.
     */
    ServerThreads(final int niceness, final int[] cpus)
    {
        this.niceness = niceness;
        for (final int cpu : cpus)
        {
            this.cpus.set(cpu);
        }
    }

    @Override
    public Thread newThread(final Runnable runnable)
    {
        return new Thread(() ->
        {
            configureCurrentThread();
            runnable.run();
        }, "eq-admin");
    }

    private void configureCurrentThread()
    {
        if (niceness > 0 && !lowerPriority(niceness) && !NICE_WARNED.getAndSet(true))
        {
            LOG.warn("admin: cannot lower the priority of the server's threads (niceness {}); they compete with the " +
                "pipeline at normal priority", niceness);
        }
        if (!cpus.isEmpty())
        {
            try
            {
                Affinity.setAffinity(cpus);
            }
            catch (final RuntimeException | LinkageError ex)
            {
                if (!PIN_WARNED.getAndSet(true))
                {
                    LOG.warn("admin: cannot pin the server's threads to CPUs {}: {}", cpus, ex.toString());
                }
            }
        }
    }

    /**
     * @return true if the calling thread's niceness is now {@code niceness}.
     */
    static boolean lowerPriority(final int niceness)
    {
        if (!Platform.isLinux())
        {
            return false;
        }
        try
        {
            return LibC.INSTANCE.setpriority(PRIO_PROCESS, Affinity.getThreadId(), niceness) == 0;
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return false;
        }
    }

    /**
     * The C library's {@code setpriority}.
     */
    private interface LibC extends Library
    {
        LibC INSTANCE = Native.load("c", LibC.class);

        int setpriority(int which, int who, int prio);
    }
}
