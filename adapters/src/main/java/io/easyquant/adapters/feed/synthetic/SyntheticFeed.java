package io.easyquant.adapters.feed.synthetic;

import io.easyquant.adapters.feed.Pacing;
import io.easyquant.engine.feed.MarketDataPublisher;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A market-data feed that publishes a {@link SyntheticMarket} at a steady rate: event {@code k} (counting from 1)
 * is scheduled {@code k / ratePerSecond} seconds after the first {@code doWork()} and carries that scheduled time
 * as its {@code sourceTimeNs}.
 *
 * <p>Each {@code doWork()} reads the clock once and publishes the events whose time has come, at most
 * {@code maxBurst} of them; after a stall the backlog is worked off at that many per pass. If the publisher refuses
 * an event (ring still full after its bounded wait), the pass ends, the refusal is counted and the same event is
 * retried on the next pass with its original time: nothing is lost or reordered. After {@code maxEvents} events
 * (when set) the feed {@link #isDone() is done} and publishes nothing more.
 *
 * <p>Threading: {@code doWork()} runs on one agent thread; the counters may be read from any thread.
 */
public final class SyntheticFeed implements Agent
{
    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final MarketDataPublisher publisher;
    private final EpochNanoClock clock;
    private final SyntheticMarket market;
    private final SyntheticEvent event = new SyntheticEvent();
    private final int sourceId;
    private final long ratePerSecond;
    private final long maxEvents;
    private final int maxBurst;
    private final AtomicLong eventsPublished = new AtomicLong();
    private final AtomicLong publishRefusals = new AtomicLong();

    private long startNs = NOT_STARTED;
    private long publishedCount;
    private boolean hasPendingEvent;

    public SyntheticFeed(
        final SyntheticFeedContext context, final MarketDataPublisher publisher, final EpochNanoClock clock)
    {
        this.publisher = publisher;
        this.clock = clock;
        this.market = new SyntheticMarket(context);
        this.sourceId = context.sourceId();
        this.ratePerSecond = context.ratePerSecond();
        this.maxEvents = context.maxEvents();
        this.maxBurst = context.maxBurst();
    }

    /**
     * Publish the events that are due. The first call only starts the schedule.
     *
     * @return the number of events published in this pass.
     */
    @Override
    public int doWork()
    {
        if (limitReached())
        {
            return 0;
        }
        final long nowNs = clock.nanoTime();
        if (startNs == NOT_STARTED)
        {
            startNs = nowNs;
        }

        int published = 0;
        while (published < maxBurst && !limitReached())
        {
            final long dueNs = Pacing.scheduledTimeNs(startNs, publishedCount + 1, ratePerSecond);
            if (dueNs > nowNs)
            {
                break;
            }
            if (!hasPendingEvent)
            {
                market.next(event);
                hasPendingEvent = true;
            }
            if (!event.publishTo(publisher, sourceId, dueNs))
            {
                publishRefusals.lazySet(publishRefusals.get() + 1);
                break;
            }
            hasPendingEvent = false;
            publishedCount++;
            published++;
        }
        if (published > 0)
        {
            eventsPublished.lazySet(publishedCount);
        }
        return published;
    }

    @Override
    public String roleName()
    {
        return "feed-synthetic";
    }

    /**
     * @return true once {@code maxEvents} events have been published; never for an unlimited feed. Safe from any
     * thread.
     */
    public boolean isDone()
    {
        return maxEvents != 0 && eventsPublished.get() >= maxEvents;
    }

    /**
     * @return events published so far; safe from any thread.
     */
    public long eventsPublished()
    {
        return eventsPublished.get();
    }

    /**
     * @return times the publisher refused an event (each refused event is retried); safe from any thread.
     */
    public long publishRefusals()
    {
        return publishRefusals.get();
    }

    private boolean limitReached()
    {
        return maxEvents != 0 && publishedCount >= maxEvents;
    }

}
