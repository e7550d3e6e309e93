package io.easyquant.admin;

import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.InboundPublisher;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.TradingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How state changes reach the engine: as admin command records published into the ring, like any other input, so
 * they are journaled (with principal, remote address, the engine time stamp and reason) before any stage acts on
 * them. One publisher is shared by the server's threads under a lock that only they take; the pipeline never does.
 *
 * <p>Each command waits a bounded time: for the lock, for ring capacity (the publisher's own bound), then for the
 * execution stage to report the target trading state.
 */
final class CommandGate
{
    private static final Logger AUDIT = LoggerFactory.getLogger("io.easyquant.admin.audit");
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(2);

    private final InboundPublisher publisher;
    private final EngineCounters counters;
    private final int sourceId;
    private final long timeoutNs;
    private final ReentrantLock lock = new ReentrantLock();

    CommandGate(final InboundPublisher publisher, final EngineCounters counters, final int sourceId,
        final long timeoutNs)
    {
        this.publisher = publisher;
        this.counters = counters;
        this.sourceId = sourceId;
        this.timeoutNs = timeoutNs;
    }

    enum Outcome
    {
        /** Journaled and applied: the engine is in the target state. */
        APPLIED,
        /** Published, but the engine had not reported the target state within the timeout. */
        PENDING,
        /** Not published: the ring (or another command) stayed busy for the whole timeout. */
        BUSY
    }

    /**
     * Publish a command and wait for the engine to reach {@code targetState}.
     *
     * @param command  an {@link AdminCommandType}.
     * @param argument the command's argument (the target state for SET_TRADING_STATE).
     * @param origin   the {@link CommandOrigin} journaled with it: API, or CLI for the command line.
     */
    Outcome send(
        final int command,
        final int argument,
        final int targetState,
        final int origin,
        final String principal,
        final String reason,
        final String remoteAddress)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        if (!lock.tryLock(timeoutNs, TimeUnit.NANOSECONDS))
        {
            AUDIT.warn("{} by {} from {} not sent: another command held the publisher for {} ms",
                AdminCommandType.name(command), principal, remoteAddress, TimeUnit.NANOSECONDS.toMillis(timeoutNs));
            return Outcome.BUSY;
        }
        final boolean published;
        try
        {
            published = publisher.publishAdminCommand(sourceId, command, argument, origin, principal,
                reason, remoteAddress, true);
        }
        finally
        {
            lock.unlock();
        }
        if (!published)
        {
            AUDIT.warn("{} by {} from {} not sent: the ring stayed full", AdminCommandType.name(command), principal,
                remoteAddress);
            return Outcome.BUSY;
        }
        AUDIT.info("{} by {} from {}: {}", command == AdminCommandType.SET_TRADING_STATE ?
            AdminCommandType.name(command) + " " + TradingState.name(argument) : AdminCommandType.name(command),
            principal, remoteAddress, reason);
        while (counters.get(EngineCounters.TRADING_STATE) != targetState)
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                return Outcome.PENDING;
            }
            TimeUnit.NANOSECONDS.sleep(POLL_NS);
        }
        return Outcome.APPLIED;
    }
}
