package io.easyquant.admin;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ServerThreadsTest
{
    /**
     * The 19th field of /proc/thread-self/stat is the thread's niceness (after the command in parentheses).
     */
    private static int currentNiceness() throws Exception
    {
        final String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    @Test
    void shouldStartServerThreadsAtTheConfiguredNiceness() throws Exception
    {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        final int before = currentNiceness();
        final AtomicReference<Object> seen = new AtomicReference<>();
        final Thread thread = new ServerThreads(7, new int[0]).newThread(() ->
        {
            try
            {
                seen.set(currentNiceness());
            }
            catch (final Exception ex)
            {
                seen.set(ex);
            }
        });

        thread.start();
        thread.join(5_000);

        assertEquals(7, seen.get());
        assertEquals(before, currentNiceness(), "the creating thread is untouched");
    }
}
