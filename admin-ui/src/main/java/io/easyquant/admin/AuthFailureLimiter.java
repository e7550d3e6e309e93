package io.easyquant.admin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed authentications per remote address in fixed windows: up to {@code limit} failures in a window are
 * answered 401; once an address reaches the limit, every request from it that needs authentication is answered 429
 * until its window ends, valid token or not (otherwise a guesser could tell a right token from the answer).
 *
 * <p>On a loopback-only server every local client shares one address, so a local process guessing tokens also locks
 * out the page for the rest of the window; the window is short and the lock-out is logged.
 *
 * <p>Thread-safe. At most {@link #MAX_TRACKED} addresses are tracked; expired windows are dropped first.
 */
final class AuthFailureLimiter
{
    static final int MAX_TRACKED = 10_000;

    private final int limit;
    private final long windowNs;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    AuthFailureLimiter(final int limit, final long windowNs)
    {
        this.limit = limit;
        this.windowNs = windowNs;
    }

    /**
     * @return 0 if the address may try to authenticate, otherwise the nanoseconds until it may again.
     */
    long blockedForNs(final String address, final long nowNs)
    {
        final Window window = windows.get(address);
        if (window == null)
        {
            return 0;
        }
        synchronized (window)
        {
            final long remainingNs = window.startNs + windowNs - nowNs;
            if (remainingNs <= 0)
            {
                windows.remove(address, window);
                return 0;
            }
            return window.failures >= limit ? remainingNs : 0;
        }
    }

    /**
     * Record a failed authentication.
     *
     * @return the number of failures of the address in its current window (the one that reaches the limit locks it).
     */
    int onFailure(final String address, final long nowNs)
    {
        if (windows.size() >= MAX_TRACKED)
        {
            windows.values().removeIf(w -> w.expired(nowNs, windowNs));
        }
        final Window window = windows.computeIfAbsent(address, a -> new Window(nowNs));
        synchronized (window)
        {
            if (window.expired(nowNs, windowNs))
            {
                window.startNs = nowNs;
                window.failures = 0;
            }
            return ++window.failures;
        }
    }

    int limit()
    {
        return limit;
    }

    private static final class Window
    {
        long startNs;
        int failures;

        Window(final long startNs)
        {
            this.startNs = startNs;
        }

        synchronized boolean expired(final long nowNs, final long windowNs)
        {
            return nowNs - startNs >= windowNs;
        }
    }
}
