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
 *       or a wrong one is 401 (and counted: past the limit an address gets 429 until its window ends); a valid
 *       token whose role is below the route's is 403. State changes are POST routes that require the operator
 *       role; no route reads a token from anywhere but that header, and no cookie is ever set.</li>
 * </ol>
 * Refusals are logged (repeated ones at most once a second, with a count).
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
    private final AuthFailureLimiter limiter;
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
        this.limiter = new AuthFailureLimiter(context.authFailureLimit(), context.authFailureWindowNs());
        this.routeRoles = Map.copyOf(routeRoles);
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
            refuse(ctx, 403, "host not allowed: this server answers to its bound address only", remote, "Host " + host);
            return;
        }
        final String origin = ctx.header("Origin");
        if (origin != null)
        {
            final boolean sameOrigin = origin.equalsIgnoreCase("http://" + host);
            final boolean allowed = context.corsAllowedOrigins().contains(origin.toLowerCase(Locale.ROOT));
            if (!sameOrigin && !allowed)
            {
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
        final long nowNs = System.nanoTime();
        final long blockedNs = limiter.blockedForNs(remote, nowNs);
        if (blockedNs > 0)
        {
            ctx.header("Retry-After", Long.toString(TimeUnit.NANOSECONDS.toSeconds(blockedNs) + 1));
            refuse(ctx, 429, "too many failed authentications from this address; retry later", remote, null);
            return;
        }
        final AdminToken caller = authenticate(ctx.header("Authorization"));
        if (caller == null)
        {
            final int failures = limiter.onFailure(remote, nowNs);
            ctx.header("WWW-Authenticate", "Bearer realm=\"easyquant\"");
            final String why = ctx.header("Authorization") == null ? "no token" : "bad token";
            if (failures == limiter.limit())
            {
                LOG.warn("admin: {} locked out for {} s after {} failed authentications", remote,
                    TimeUnit.NANOSECONDS.toSeconds(context.authFailureWindowNs()), failures);
            }
            else if (failures < limiter.limit())
            {
                LOG.warn("admin: authentication failed ({}) from {} on {} {}", why, remote, ctx.method(), path);
            }
            respond(ctx, 401, tokens.isEmpty() ? "no token is configured on this server (admin.tokens or " +
                "EASYQUANT_ADMIN_TOKENS)" : "a valid bearer token is required (" + why + ")");
            return;
        }
        final Role required = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD ? Role.VIEWER :
            routeRoles.getOrDefault(path, Role.OPERATOR);
        if (!caller.role().allows(required))
        {
            refuse(ctx, 403, "the " + required.configName() + " role is required; token '" + caller.name() +
                "' is a " + caller.role().configName(), remote, caller.name() + " on " + ctx.method() + " " + path);
            return;
        }
        ctx.attribute(CALLER, caller);
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
