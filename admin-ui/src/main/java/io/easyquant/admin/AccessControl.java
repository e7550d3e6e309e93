package io.easyquant.admin;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The checks every request passes before any handler runs, in this order:
 * <ol>
 *   <li>{@code Host} must name the bound address ({@link AdminContext#isAllowedHostHeader}), else 403: a page on
 *       another name that resolves here (DNS rebinding) gets nothing.</li>
 *   <li>An {@code Origin}, if present, must be the server's own or on the CORS allow-list, else 403. An allowed
 *       foreign origin gets {@code Access-Control-Allow-Origin} with its own value (never {@code *}, never
 *       credentials); its preflight is answered here.</li>
 *   <li>Everything but the page, {@code /health} and {@code /ready} needs {@code Authorization: Bearer <token>}: none
 *       or a wrong one is 401, answered late or refused with 429 once its client has failed too often
 *       ({@link AuthFailureThrottle}); a valid token is checked first and always passes, whatever anyone else failed.
 *       A valid token whose role is below the route's is 403. State changes are POST routes that require the operator
 *       role; no route reads a token from anywhere but that header, and no cookie is ever set.</li>
 * </ol>
 * Refusals are logged (repeated ones at most once a second, with a count) and counted ({@link AccessCounters}).
 *
 * <p>Thread-safe.
 */
final class AccessControl
{
    static final String CALLER = "easyquant.caller";

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    private static final Set<String> PUBLIC = Set.of("/", "/index.html", "/app.js", "/app.css", "/favicon.ico",
        "/health", "/ready");
    private static final String BEARER = "bearer ";
    private static final long LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final AdminContext context;
    private final List<AdminToken> tokens;
    private final AuthFailureThrottle throttle;
    private final AccessCounters counters = new AccessCounters();
    private final Map<String, Role> routeRoles;
    private final AtomicLong lastRefusalLogNs = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NS);
    private final AtomicLong suppressedRefusals = new AtomicLong();
    private volatile int boundPort;

    /**
     * @param routeRoles the role each POST route needs, by path; every other authenticated route needs viewer.
     */
    AccessControl(final AdminContext context, final Map<String, Role> routeRoles)
    {
        this.context = context;
        this.tokens = context.tokens();
        this.throttle = new AuthFailureThrottle(context.authFailureLimit(), context.authFailureWindowNs(),
            context.authFailureDelayNs(), Math.max(1, context.maxThreads() / 4));
        this.routeRoles = Map.copyOf(routeRoles);
    }

    AccessCounters counters()
    {
        return counters;
    }

    AuthFailureThrottle throttle()
    {
        return throttle;
    }

    void boundPort(final int port)
    {
        boundPort = port;
    }

    /**
     * The before-handler: returns normally to let the request through, or answers it and skips the rest.
     */
    void check(final Context ctx)
    {
        securityHeaders(ctx);
        final String remote = ctx.req().getRemoteAddr();
        final String host = ctx.header("Host");
        if (!context.isAllowedHostHeader(host, boundPort))
        {
            counters.onRefusal(AccessCounters.Refusal.HOST);
            refuse(ctx, 403, "host not allowed: this server answers to its bound address only", remote, "Host " + host);
            return;
        }
        final String origin = ctx.header("Origin");
        if (origin != null)
        {
            final boolean sameOrigin = origin.equalsIgnoreCase(context.scheme() + "://" + host);
            final boolean allowed = context.corsAllowedOrigins().contains(origin.toLowerCase(Locale.ROOT));
            if (!sameOrigin && !allowed)
            {
                counters.onRefusal(AccessCounters.Refusal.ORIGIN);
                refuse(ctx, 403, "origin not allowed", remote, "Origin " + origin);
                return;
            }
            if (allowed)
            {
                ctx.header("Access-Control-Allow-Origin", origin);
                ctx.header("Vary", "Origin");
            }
            if (ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null)
            {
                ctx.header("Access-Control-Allow-Methods", "GET, POST");
                ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
                ctx.header("Access-Control-Max-Age", "600");
                ctx.status(204);
                ctx.skipRemainingHandlers();
                return;
            }
        }
        final String path = ctx.path();
        if (PUBLIC.contains(path) && (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD))
        {
            return;
        }
        final String authorization = ctx.header("Authorization");
        final AdminToken caller = authenticate(authorization);
        if (caller == null)
        {
            failed(ctx, remote, authorization == null ? AccessCounters.Failure.NO_TOKEN :
                AccessCounters.Failure.BAD_TOKEN);
            return;
        }
        final Role required = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD ? Role.VIEWER :
            routeRoles.getOrDefault(path, Role.OPERATOR);
        if (!caller.role().allows(required))
        {
            counters.onRefusal(AccessCounters.Refusal.FORBIDDEN);
            refuse(ctx, 403, "the " + required.configName() + " role is required; token '" + caller.name() +
                "' is a " + caller.role().configName(), remote, caller.name() + " on " + ctx.method() + " " + path);
            return;
        }
        ctx.attribute(CALLER, caller);
    }

    /**
     * Answer a failed authentication: 401 at once while the client has failures to spare, else 401 after the
     * throttle's delay, or 429 at once when the client is being slowed down already (see {@link AuthFailureThrottle}).
     */
    private void failed(final Context ctx, final String remote, final AccessCounters.Failure failure)
    {
        counters.onFailure(failure);
        final long verdict = throttle.onFailure(remote, System.nanoTime());
        if (verdict == AuthFailureThrottle.REFUSE)
        {
            counters.onRefusal(AccessCounters.Refusal.THROTTLED);
            ctx.header("Retry-After", Long.toString(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(throttle.delayNs()))));
            refuse(ctx, 429, "too many failed authentications from this address; slow down", remote, null);
            return;
        }
        if (verdict > 0)
        {
            counters.onDelayed();
            try
            {
                TimeUnit.NANOSECONDS.sleep(verdict);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            finally
            {
                throttle.delayed(remote);
            }
        }
        counters.onRefusal(AccessCounters.Refusal.UNAUTHENTICATED);
        ctx.header("WWW-Authenticate", "Bearer realm=\"easyquant\"");
        final String why = failure == AccessCounters.Failure.NO_TOKEN ? "no token" : "bad token";
        refuse(ctx, 401, tokens.isEmpty() ? "no token is configured on this server (admin.tokens or " +
            "EASYQUANT_ADMIN_TOKENS)" : "a valid bearer token is required (" + why + ")", remote,
            verdict > 0 ? "answered after " + TimeUnit.NANOSECONDS.toMillis(verdict) + " ms" : null);
    }

    private AdminToken authenticate(final String authorization)
    {
        if (authorization == null || authorization.length() <= BEARER.length() ||
            !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        {
            return null;
        }
        final byte[] presented = AdminToken.sha256(authorization.substring(BEARER.length()).trim());
        AdminToken match = null;
        for (final AdminToken token : tokens)
        {
            if (token.matches(presented))
            {
                match = token;
            }
        }
        return match;
    }

    private static void securityHeaders(final Context ctx)
    {
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; " +
            "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }

    private void refuse(final Context ctx, final int status, final String message, final String remote,
        final String detail)
    {
        final long nowNs = System.nanoTime();
        final long last = lastRefusalLogNs.get();
        if (nowNs - last >= LOG_INTERVAL_NS && lastRefusalLogNs.compareAndSet(last, nowNs))
        {
            final long suppressed = suppressedRefusals.getAndSet(0);
            LOG.warn("admin: refused {} {} from {} with {}: {}{}{}", ctx.method(), ctx.path(), remote, status, message,
                detail == null ? "" : " (" + detail + ")",
                suppressed == 0 ? "" : "; " + suppressed + " more refusals in the last second(s)");
        }
        else
        {
            suppressedRefusals.incrementAndGet();
        }
        respond(ctx, status, message);
    }

    static void respond(final Context ctx, final int status, final String message)
    {
        ctx.status(status);
        ctx.json(Map.of("status", status, "error", message));
        ctx.skipRemainingHandlers();
    }

    /**
     * @return the authenticated caller of this request, or null on a public route.
     */
    static AdminToken caller(final Context ctx)
    {
        return ctx.attribute(CALLER);
    }
}
