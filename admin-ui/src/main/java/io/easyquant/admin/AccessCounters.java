package io.easyquant.admin;

import java.util.concurrent.atomic.LongAdder;

/**
 * What {@link AccessControl} turned away, for {@code /metrics}: failed authentications by why, how many of them were
 * answered late (slowed down), and refusals by cause.
 *
 * <p>Thread-safe: written by the server's request threads, read at scrape time.
 */
final class AccessCounters
{
    /** Why an authentication failed. */
    enum Failure
    {
        NO_TOKEN("no_token"),
        BAD_TOKEN("bad_token");

        final String label;

        Failure(final String label)
        {
            this.label = label;
        }
    }

    /** Why a request was refused before its handler ran. */
    enum Refusal
    {
        /** 403: a {@code Host} header that does not name the server. */
        HOST("host"),
        /** 403: an {@code Origin} neither the page's own nor allowed. */
        ORIGIN("origin"),
        /** 401: no token or a wrong one. */
        UNAUTHENTICATED("unauthenticated"),
        /** 403: a valid token whose role is below the route's. */
        FORBIDDEN("forbidden"),
        /** 429: a failed authentication refused at once, its client being slowed down already. */
        THROTTLED("throttled");

        final String label;

        Refusal(final String label)
        {
            this.label = label;
        }
    }

    private final LongAdder[] failures = adders(Failure.values().length);
    private final LongAdder[] refusals = adders(Refusal.values().length);
    private final LongAdder delayed = new LongAdder();

    private static LongAdder[] adders(final int count)
    {
        final LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++)
        {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    void onFailure(final Failure failure)
    {
        failures[failure.ordinal()].increment();
    }

    void onRefusal(final Refusal refusal)
    {
        refusals[refusal.ordinal()].increment();
    }

    void onDelayed()
    {
        delayed.increment();
    }

    long failures(final Failure failure)
    {
        return failures[failure.ordinal()].sum();
    }

    long refusals(final Refusal refusal)
    {
        return refusals[refusal.ordinal()].sum();
    }

    long delayed()
    {
        return delayed.sum();
    }
}
