package io.easyquant.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.easyquant.engine.Engine;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.TradingState;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;


/**
 * The admin server: a Javalin (Jetty) server on the configured address serving the admin page, health and readiness,
 * Prometheus metrics, the read API and the two state-changing POST routes.
 *
 * <pre>
 *   GET  /                      the admin page (index.html, app.js, app.css from this module's resources)
 *   GET  /health                200 while the process is up                                  (no token)
 *   GET  /ready                 200, or 503 with the reasons: pipeline, journal, feeds        (no token)
 *   GET  /metrics               Prometheus text format                                        (viewer)
 *   GET  /api/v1/status         trading state, uptime, instruments, counts, PnL, sink, caller  (viewer)
 *   GET  /api/v1/positions      position, average price, mark and PnL per instrument          (viewer)
 *   GET  /api/v1/orders         working and recently completed orders                         (viewer)
 *   GET  /api/v1/risk           limits, usage, rejections by reason and the latest ones       (viewer)
 *   GET  /api/v1/latency        per-stage and tick-to-trade percentiles                       (viewer)
 *   GET  /api/v1/events         journal records, newest first, then older history from the    (viewer)
 *                               archive (see {@link EventsView})
 *                               ?stage=&amp;type=&amp;since=&amp;before=&amp;limit=&amp;cursor=&amp;source=
 *   GET  /api/v1/processes      stages and agents: thread, state, heartbeat age, count, lag   (viewer)
 *   POST /api/v1/kill-switch    {"action":"engage"|"release","reason":"..."}                  (operator)
 *   POST /api/v1/trading-state  {"state":"ACTIVE"|"REDUCING"|"HALTED","reason":"..."}         (operator)
 * </pre>
 *
 * Every request first passes {@link AccessControl}. Reads come from what the pipeline publishes; state changes go
 * through {@link CommandGate} into the ring. The server's threads run at a lower priority than the pipeline's (and
 * on the configured CPUs): see {@link ServerThreads}. A state change answers 200 with the new state once the engine
 * reports it, 202 if it is journaled but not yet applied within the command timeout, 503 if the ring stayed full;
 * a trading-state change out of HALTED answers 409 (only the kill-switch release leaves it), and so does a release
 * when the engine is not HALTED. The command is journaled
 * with origin {@code api}, or {@code cli} when an operator's request carries {@value #ORIGIN_HEADER}{@code : cli}
 * (the {@code easyquant} command line does).
 *
 * <p>Lifecycle: construct, {@link #start()} (binds; fails if the address is taken), {@link #close()}.
 */
public final class AdminServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final String JSON = "application/json";
    /** The request header by which the command line says a state change comes from it. */
    public static final String ORIGIN_HEADER = "X-EasyQuant-Origin";
    private static final String RESOURCES = "/io/easyquant/admin/ui/";
    /** The largest body a state change may have; the requests are a few dozen bytes. */
    private static final int MAX_BODY_BYTES = 4 * 1024;
    /** The largest body the server reads at all (a larger one is refused before it is read). */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int THREAD_IDLE_TIMEOUT_MS = 60_000;

    private final AdminContext context;
    private final Engine engine;
    private final EngineViews views;
    private final LatencyView latency;
    private final MetricsExporter metrics;
    private final EventsView events;
    private final CommandGate commands;
    private final AccessControl access;
    private final Map<String, byte[]> page = new LinkedHashMap<>();
    private final ObjectMapper mapper;
    private final Javalin app;
    private volatile boolean started;

    public AdminServer(final AdminContext context, final Engine engine, final AdminSources sources)
    {
        this.context = context;
        this.engine = engine;
        views = new EngineViews(engine, sources, context.staleAfterNs());
        latency = new LatencyView(engine.monitor());
        access = new AccessControl(context, Map.of("/api/v1/kill-switch", Role.OPERATOR,
            "/api/v1/trading-state", Role.OPERATOR));
        metrics = new MetricsExporter(engine, sources, latency, access.counters());
        events = new EventsView(sources.journal() == null ? null : new JournalEvents(sources.journal()),
            sources.archive(), sources.historyTimeoutMs(), new ServerThreads(context.threadNiceness(), context.cpus()));
        commands = new CommandGate(engine.newPublisher(), engine.counters(), context.sourceId(),
            context.commandTimeoutNs());
        page.put("/", resource("index.html"));
        page.put("/index.html", page.get("/"));
        page.put("/app.js", resource("app.js"));
        page.put("/app.css", resource("app.css"));

        mapper = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        final QueuedThreadPool threads = new QueuedThreadPool(context.maxThreads(), 2, THREAD_IDLE_TIMEOUT_MS, -1,
            null, null, new ServerThreads(context.threadNiceness(), context.cpus()));
        threads.setName("eq-admin");
        threads.setDaemon(true);
        app = Javalin.create(cfg ->
        {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = context.address().getHostAddress();
            cfg.jetty.port = context.port();
            cfg.jetty.threadPool = threads;
            if (context.tls())
            {
                cfg.jetty.addConnector((server, http) -> httpsConnector(server, http, context));
            }
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.http.prefer405over404 = true;
            cfg.http.generateEtags = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));

            cfg.routes.before(access::check);
            cfg.routes.get("/", ctx -> serve(ctx, "/", "text/html; charset=utf-8"));
            cfg.routes.get("/index.html", ctx -> serve(ctx, "/index.html", "text/html; charset=utf-8"));
            cfg.routes.get("/app.js", ctx -> serve(ctx, "/app.js", "text/javascript; charset=utf-8"));
            cfg.routes.get("/app.css", ctx -> serve(ctx, "/app.css", "text/css; charset=utf-8"));
            cfg.routes.get("/favicon.ico", ctx -> ctx.status(204));
            cfg.routes.get("/health", ctx -> ctx.json(Map.of("status", "up")));
            cfg.routes.get("/ready", this::ready);
            cfg.routes.get("/metrics", this::metrics);
            cfg.routes.get("/api/v1/status", ctx -> ctx.json(views.status(AccessControl.caller(ctx))));
            cfg.routes.get("/api/v1/positions", ctx -> ctx.json(Map.of("positions", views.positions())));
            cfg.routes.get("/api/v1/orders", ctx -> ctx.json(views.orders()));
            cfg.routes.get("/api/v1/risk", ctx -> ctx.json(views.risk()));
            cfg.routes.get("/api/v1/latency", ctx -> ctx.json(latency.view(System.nanoTime())));
            cfg.routes.get("/api/v1/processes", ctx -> ctx.json(Map.of("processes", views.processes(),
                "feeds", views.feeds())));
            cfg.routes.get("/api/v1/events", this::events);
            cfg.routes.post("/api/v1/kill-switch", this::killSwitch);
            cfg.routes.post("/api/v1/trading-state", this::tradingState);

            cfg.routes.exception(Exception.class, (ex, ctx) ->
            {
                LOG.error("admin: {} {} failed", ctx.method(), ctx.path(), ex);
                AccessControl.respond(ctx, 500, "internal error (logged by the server)");
            });
            cfg.routes.error(404, ctx -> error(ctx, "no such resource"));
            cfg.routes.error(405, ctx -> error(ctx, "method not allowed: state changes are POST, reads are GET"));
            cfg.routes.error(413, ctx -> error(ctx, "request too large"));
        });
    }

    /**
     * The only connector when TLS is on: HTTP/1.1 over TLS (Jetty's defaults: TLS 1.2 and 1.3, no weak suites) with
     * the configured PKCS#12 key store. SNI is not required (clients of an IP address send none); the {@code Host}
     * header is checked by {@link AccessControl}.
     */
    private static ServerConnector httpsConnector(final Server server, final HttpConfiguration http,
        final AdminContext context)
    {
        final SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePath(context.tlsKeyStore().toAbsolutePath().toString());
        ssl.setKeyStorePassword(context.tlsKeyStorePassword());
        ssl.setSniRequired(false);
        final SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        final ServerConnector connector = new ServerConnector(server,
            new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(http));
        connector.setHost(context.address().getHostAddress());
        connector.setPort(context.port());
        return connector;
    }

    private static byte[] resource(final String name)
    {
        try (InputStream in = AdminServer.class.getResourceAsStream(RESOURCES + name))
        {
            if (in == null)
            {
                throw new IllegalStateException("the admin page resource " + RESOURCES + name + " is missing");
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Bind and start serving.
     *
     * @throws IllegalStateException naming the address if it cannot be bound.
     */
    public void start()
    {
        try
        {
            app.start();
        }
        catch (final RuntimeException ex)
        {
            app.stop();
            throw new IllegalStateException("admin: cannot listen on " + context.host() + ":" + context.port() + ": " +
                rootMessage(ex), ex);
        }
        access.boundPort(app.port());
        latency.discardRecorded();
        started = true;
        LOG.info("admin server on {} ({} token(s){})", url(), context.tokens().size(),
            context.tokens().isEmpty() ? "; every API call will be refused until tokens are configured" : "");
    }

    private static String rootMessage(final Throwable error)
    {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause)
        {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /**
     * @return the port the server listens on (the chosen one when configured with 0).
     */
    public int port()
    {
        return app.port();
    }

    /**
     * @return the base URL, e.g. {@code http://127.0.0.1:8080} ({@code https://} with TLS).
     */
    public String url()
    {
        final String host = context.address().getAddress().length == 16 ?
            "[" + context.address().getHostAddress() + "]" : context.address().getHostAddress();
        return context.scheme() + "://" + host + ":" + port();
    }

    @Override
    public void close()
    {
        if (started)
        {
            started = false;
            app.stop();
            LOG.info("admin server stopped");
        }
        events.close();
    }

    // ---- handlers ----------------------------------------------------------------------------------------------

    private void serve(final Context ctx, final String path, final String contentType)
    {
        ctx.contentType(contentType);
        ctx.result(page.get(path));
    }

    private void ready(final Context ctx)
    {
        final EngineViews.Readiness readiness = views.readiness();
        ctx.status(readiness.ready() ? 200 : 503);
        ctx.json(readiness);
    }

    private void metrics(final Context ctx) throws IOException
    {
        ctx.contentType(metrics.contentType());
        metrics.write(ctx.res().getOutputStream());
    }

    private void events(final Context ctx) throws InterruptedException
    {
        if (!events.available())
        {
            AccessControl.respond(ctx, 503, "this engine keeps no journal");
            return;
        }
        try
        {
            ctx.json(events.query(JournalEvents.parse(ctx.queryParam("stage"), ctx.queryParam("type"),
                ctx.queryParam("since"), ctx.queryParam("before"), ctx.queryParam("limit"), ctx.queryParam("cursor"),
                ctx.queryParam("source"))));
        }
        catch (final JournalEvents.BadQuery ex)
        {
            AccessControl.respond(ctx, 400, ex.getMessage());
        }
    }

    /**
     * The body of POST /api/v1/kill-switch.
     */
    record KillSwitchRequest(String action, String reason)
    {
    }

    /**
     * The body of POST /api/v1/trading-state.
     */
    record TradingStateRequest(String state, String reason)
    {
    }

    private void killSwitch(final Context ctx) throws InterruptedException
    {
        final KillSwitchRequest request = body(ctx, KillSwitchRequest.class);
        if (request == null)
        {
            return;
        }
        final String action = request.action() == null ? "" : request.action().trim().toLowerCase(Locale.ROOT);
        if (!"engage".equals(action) && !"release".equals(action))
        {
            AccessControl.respond(ctx, 400, "action: expected engage or release");
            return;
        }
        final String reason = reason(ctx, request.reason());
        if (reason == null)
        {
            return;
        }
        final boolean engage = "engage".equals(action);
        final long current = engine.counters().get(EngineCounters.TRADING_STATE);
        if (!engage && current != TradingState.HALTED)
        {
            AccessControl.respond(ctx, 409, "action: release leaves HALTED only; the engine is " +
                TradingState.name((int)current) + " (POST /api/v1/trading-state moves between ACTIVE and REDUCING)");
            return;
        }
        change(ctx, engage ? AdminCommandType.KILL_ENGAGE : AdminCommandType.KILL_RELEASE, 0,
            engage ? TradingState.HALTED : TradingState.ACTIVE, reason);
    }

    private void tradingState(final Context ctx) throws InterruptedException
    {
        final TradingStateRequest request = body(ctx, TradingStateRequest.class);
        if (request == null)
        {
            return;
        }
        int state = 0;
        for (int s = TradingState.ACTIVE; s <= TradingState.HALTED; s++)
        {
            if (TradingState.name(s).equalsIgnoreCase(request.state() == null ? "" : request.state().trim()))
            {
                state = s;
            }
        }
        if (state == 0)
        {
            AccessControl.respond(ctx, 400, "state: expected ACTIVE, REDUCING or HALTED");
            return;
        }
        final String reason = reason(ctx, request.reason());
        if (reason == null)
        {
            return;
        }
        if (state != TradingState.HALTED && engine.counters().get(EngineCounters.TRADING_STATE) == TradingState.HALTED)
        {
            AccessControl.respond(ctx, 409, "state: the engine is HALTED; only a kill-switch release " +
                "(POST /api/v1/kill-switch {\"action\":\"release\"}) leaves it");
            return;
        }
        change(ctx, AdminCommandType.SET_TRADING_STATE, state, state, reason);
    }

    private <T> T body(final Context ctx, final Class<T> type)
    {
        if (!isJson(ctx.contentType()))
        {
            AccessControl.respond(ctx, 415, "expected a JSON body (Content-Type: application/json)");
            return null;
        }
        final byte[] bytes;
        try
        {
            bytes = ctx.bodyAsBytes();
        }
        catch (final HttpResponseException ex)
        {
            AccessControl.respond(ctx, ex.getStatus(), ex.getMessage());
            return null;
        }
        if (bytes.length > MAX_BODY_BYTES)
        {
            AccessControl.respond(ctx, 413, "request too large: at most " + MAX_BODY_BYTES + " bytes");
            return null;
        }
        try
        {
            final T value = mapper.readValue(bytes, type);
            if (value == null)
            {
                AccessControl.respond(ctx, 400, "expected a JSON object");
            }
            return value;
        }
        catch (final IOException | RuntimeException ex)
        {
            AccessControl.respond(ctx, 400, "expected a JSON object with only the documented fields (" +
                String.join(", ", fields(type)) + "): " + problem(ex));
            return null;
        }
    }

    /**
     * Whether a Content-Type names JSON exactly: the media type {@code application/json} (any case), with at most a
     * UTF-8 charset parameter; {@code application/jsonp} or {@code application/json-seq} are not JSON.
     */
    static boolean isJson(final String contentType)
    {
        if (contentType == null)
        {
            return false;
        }
        final String[] parts = contentType.split(";", -1);
        if (!JSON.equalsIgnoreCase(parts[0].trim()))
        {
            return false;
        }
        for (int i = 1; i < parts.length; i++)
        {
            final String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
            if (!parameter.equals("charset=utf-8") && !parameter.equals("charset=\"utf-8\""))
            {
                return false;
            }
        }
        return true;
    }

    private static List<String> fields(final Class<?> type)
    {
        final List<String> names = new ArrayList<>();
        for (final RecordComponent component : type.getRecordComponents())
        {
            names.add(component.getName());
        }
        return names;
    }

    /**
     * What was wrong with a body, in the request's terms: never a Java class name or a parser's internals.
     */
    private static String problem(final Exception error)
    {
        if (error instanceof UnrecognizedPropertyException)
        {
            return "unknown field '" + ((UnrecognizedPropertyException)error).getPropertyName() + "'";
        }
        if (error instanceof MismatchedInputException)
        {
            final List<JsonMappingException.Reference> path = ((MismatchedInputException)error).getPath();
            return path.isEmpty() || path.get(path.size() - 1).getFieldName() == null ? "not a JSON object" :
                "field '" + path.get(path.size() - 1).getFieldName() + "' has the wrong type (expected a string)";
        }
        if (error instanceof JsonProcessingException)
        {
            final JsonLocation location = ((JsonProcessingException)error).getLocation();
            return location == null ? "not valid JSON" :
                "not valid JSON at line " + location.getLineNr() + ", column " + location.getColumnNr();
        }
        return "not valid JSON";
    }

    /**
     * @return the reason if it is 1 to 80 printable ASCII characters (it is journaled as such), else null with the
     * request answered 400.
     */
    private static String reason(final Context ctx, final String reason)
    {
        final String text = reason == null ? "" : reason.trim();
        if (text.isEmpty() || text.length() > io.easyquant.journal.codec.AdminCommandCodec.REASON_WIDTH ||
            !text.chars().allMatch(c -> c >= 0x20 && c < 0x7F))
        {
            AccessControl.respond(ctx, 400, "reason: expected 1 to " +
                io.easyquant.journal.codec.AdminCommandCodec.REASON_WIDTH + " printable ASCII characters saying why");
            return null;
        }
        return text;
    }

    private void change(final Context ctx, final int command, final int argument, final int target,
        final String reason) throws InterruptedException
    {
        final AdminToken caller = AccessControl.caller(ctx);
        final String from = ctx.header(ORIGIN_HEADER);
        final int origin = from != null && "cli".equalsIgnoreCase(from.trim()) && caller.role() == Role.OPERATOR ?
            CommandOrigin.CLI : CommandOrigin.API;
        final CommandGate.Outcome outcome = commands.send(command, argument, target, origin, caller.name(), reason,
            ctx.req().getRemoteAddr());
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", AdminCommandType.name(command));
        body.put("principal", caller.name());
        body.put("origin", CommandOrigin.name(origin));
        body.put("reason", reason);
        body.put("tradingState", views.tradingState());
        switch (outcome)
        {
            case APPLIED:
                body.put("applied", true);
                ctx.status(200);
                break;
            case PENDING:
                body.put("applied", false);
                body.put("message", "journaled; the engine has not applied it yet");
                ctx.status(202);
                break;
            default:
                body.put("applied", false);
                body.put("error", "the engine's ring stayed full; the command was not sent, try again");
                ctx.status(503);
                break;
        }
        ctx.json(body);
    }

    private static void error(final Context ctx, final String message)
    {
        if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{"))
        {
            ctx.json(Map.of("status", ctx.statusCode(), "error", message));
        }
    }

    /**
     * @return what access control turned away (for tests).
     */
    AccessControl access()
    {
        return access;
    }

    /**
     * @return the engine this server reads (for tests).
     */
    Engine engine()
    {
        return engine;
    }
}
