package io.easyquant.admin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Slows down failed authentications per client (remote address), never the authenticated ones: the server checks a
 * presented token first, and a valid token passes whatever other requests from the same address did (on a
 * loopback-only server every local process shares one address, so anything else would let one local process lock the
 * operator out of the kill-switch).
 *
 * <p>Per client, up to {@code freeFailures} failures in a window of {@code windowNs} are answered at once. Past that,
 * each further failure in the window is answered after {@code delayNs} (a bounded delay, taken on the request's own
 * thread), one at a time per client and at most {@code maxDelayed} at once over all clients, so that delaying never
 * takes more than a few of the server's threads; a failure that finds its client already waiting, or no room, is
 * refused at once (429). What protects a token from guessing is its length (at least
 * {@link AdminToken#MIN_SECRET_LENGTH} characters): any answer to a wrong guess says it was wrong; the throttle keeps a
 * flood of them cheap for the server and out of the way of everyone else.
 *
 * <p>Thread-safe. At most {@link #MAX_TRACKED} clients are tracked; expired windows are dropped first.
 */
final class AuthFailureThrottle
{
    static final int MAX_TRACKED = 10_000;
    /** {@link #onFailure} verdict: answer now. */
    static final long ANSWER_NOW = 0;
    /** {@link #onFailure} verdict: refuse now (429), the client is being slowed down already. */
    static final long REFUSE = -1;

    private final int freeFailures;
    private final long windowNs;
    private final long delayNs;
    private final Semaphore delaySlots;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    AuthFailureThrottle(final int freeFailures, final long windowNs, final long delayNs, final int maxDelayed)
    {
        this.freeFailures = freeFailures;
        this.windowNs = windowNs;
        this.delayNs = delayNs;
        this.delaySlots = new Semaphore(maxDelayed);
    }

    /**
     * Record a failed authentication and say how to answer it. A positive answer is a delay the caller must wait and
     * then report with {@link #delayed(String)}, whatever happens in between.
     *
     * @return {@link #ANSWER_NOW}, {@link #REFUSE}, or the nanoseconds to wait before answering.
     */
    long onFailure(final String address, final long nowNs)
    {
        if (clients.size() >= MAX_TRACKED)
        {
            clients.values().removeIf(c -> c.expired(nowNs, windowNs));
        }
        final Client client = clients.computeIfAbsent(address, a -> new Client(nowNs));
        synchronized (client)
        {
            if (client.expired(nowNs, windowNs))
            {
                client.startNs = nowNs;
                client.failures = 0;
            }
            client.failures++;
            if (client.failures <= freeFailures)
            {
                return ANSWER_NOW;
            }
            if (client.waiting || !delaySlots.tryAcquire())
            {
                return REFUSE;
            }
            client.waiting = true;
            return delayNs;
        }
    }

    /**
     * The delayed answer to a failure of this client has been given (or abandoned).
     */
    void delayed(final String address)
    {
        final Client client = clients.get(address);
        if (client != null)
        {
            synchronized (client)
            {
                client.waiting = false;
            }
        }
        delaySlots.release();
    }

    /**
     * @return whether a failure of this client is being answered late right now.
     */
    boolean isWaiting(final String address)
    {
        final Client client = clients.get(address);
        if (client == null)
        {
            return false;
        }
        synchronized (client)
        {
            return client.waiting;
        }
    }

    int freeFailures()
    {
        return freeFailures;
    }

    long delayNs()
    {
        return delayNs;
    }

    private static final class Client
    {
        long startNs;
        int failures;
        boolean waiting;

        Client(final long startNs)
        {
            this.startNs = startNs;
        }

        synchronized boolean expired(final long nowNs, final long windowNs)
        {
            return !waiting && nowNs - startNs >= windowNs;
        }
    }
}
