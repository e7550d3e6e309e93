package io.easyquant.ops.cli;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * A process that starts an append to a Chronicle queue and never finishes it, to be killed with SIGKILL: the entry's
 * header stays incomplete and its write lock is held by a dead process, as when the engine is killed mid-append.
 * Prints {@code torn} once the entry is open, then waits.
 */
public final class TornAppend
{
    private TornAppend()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final SingleChronicleQueue queue = ChronicleQueue.singleBuilder(Path.of(args[0])).build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext document = appender.writingDocument();
        document.wire().bytes().write(new byte[] {1, 2, 3});
        System.out.println("torn");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
