package io.easyquant.ops.runtime;

import io.easyquant.engine.pipeline.InboundPublisher;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The low-disk rule: once a second, the free space of the journal's file store; under the threshold it engages the
 * kill-switch, once, with a KILL_ENGAGE command through the ring (origin {@code risk-rule}, reason
 * {@code "low disk: N MB free under <dir>"}), so trading halts cleanly before the journal can fail. It arms again once
 * the space is back above the threshold. The command is journaled like any input, so a replay halts at the same place
 * without looking at any disk.
 *
 * <p>Runs on its own agent thread, off the hot path.
 */
public final class LowDiskGuard implements Agent
{
    /** The principal journaled with the command. */
    public static final String PRINCIPAL = "low-disk";

    private static final Logger LOG = LoggerFactory.getLogger(LowDiskGuard.class);
    private static final long CHECK_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long MB = 1024L * 1024;

    /**
     * Free bytes of a directory's file store.
     */
    @FunctionalInterface
    public interface FreeSpace
    {
        long usableBytes(Path directory) throws IOException;
    }

    private final Path directory;
    private final long minFreeBytes;
    private final InboundPublisher publisher;
    private final int sourceId;
    private final EpochNanoClock clock;
    private final FreeSpace freeSpace;
    private long nextCheckNs = Long.MIN_VALUE;
    private boolean engaged;
    private long engagements;

    /**
     * @param minFreeBytes the threshold, &gt; 0.
     * @param publisher    this agent's own publisher into the ring.
     * @param sourceId     stamped on the command.
     * @param clock        paces the checks (wall time; the engine's logic never sees it).
     */
    public LowDiskGuard(
        final Path directory,
        final long minFreeBytes,
        final InboundPublisher publisher,
        final int sourceId,
        final EpochNanoClock clock)
    {
        this(directory, minFreeBytes, publisher, sourceId, clock, dir -> Files.getFileStore(dir).getUsableSpace());
    }

    LowDiskGuard(
        final Path directory,
        final long minFreeBytes,
        final InboundPublisher publisher,
        final int sourceId,
        final EpochNanoClock clock,
        final FreeSpace freeSpace)
    {
        if (minFreeBytes <= 0)
        {
            throw new IllegalArgumentException("minFreeBytes: expected a positive number of bytes, got " +
                minFreeBytes);
        }
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
        this.publisher = publisher;
        this.sourceId = sourceId;
        this.clock = clock;
        this.freeSpace = freeSpace;
    }

    @Override
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        if (nextCheckNs != Long.MIN_VALUE && nowNs - nextCheckNs < 0)
        {
            return 0;
        }
        nextCheckNs = nowNs + CHECK_INTERVAL_NS;
        final long free;
        try
        {
            free = freeSpace.usableBytes(directory);
        }
        catch (final IOException ex)
        {
            LOG.warn("low-disk rule: cannot read the free space of {}: {}", directory, ex.getMessage());
            return 0;
        }
        if (free >= minFreeBytes)
        {
            engaged = false;
            return 0;
        }
        if (engaged)
        {
            return 0;
        }
        final String reason = "low disk: " + free / MB + " MB free under " + directory;
        if (publisher.publishAdminCommand(sourceId, AdminCommandType.KILL_ENGAGE, 0, CommandOrigin.RISK_RULE,
            PRINCIPAL, reason, "", false))
        {
            engaged = true;
            engagements++;
            LOG.error("{} (threshold {} MB): kill-switch engaged", reason, minFreeBytes / MB);
        }
        return 1;
    }

    /**
     * @return how many times the rule engaged the kill-switch.
     */
    public long engagements()
    {
        return engagements;
    }

    @Override
    public String roleName()
    {
        return "low-disk";
    }
}
