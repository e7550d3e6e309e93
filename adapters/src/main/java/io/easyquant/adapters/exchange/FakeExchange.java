package io.easyquant.adapters.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A local exchange for tests and demos, on loopback: a Javalin server speaking a venue's documented public
 * market-data formats over WebSocket and REST, fed by a seeded {@link SimulatedMarket} per symbol or by a recorded
 * JSONL fixture of the venue's own stream messages, with {@link ExchangeFaults} injected.
 *
 * <p>Binance ({@link Venue#BINANCE}): WebSocket {@code /ws} taking {@code {"method":"SUBSCRIBE","params":[...],
 * "id":N}} for {@code <symbol>@trade} and {@code <symbol>@depth@100ms} and answering {@code {"result":null,"id":N}};
 * diff depth events ({@code e, E, s, U, u, b, a}) and trades ({@code e, E, s, t, p, q, T, m, M}); REST
 * {@code /api/v3/depth?symbol=S&limit=N} ({@code lastUpdateId, bids, asks}) and {@code /api/v3/exchangeInfo}
 * ({@code PRICE_FILTER tickSize}, {@code LOT_SIZE stepSize}). {@link CoinbaseProtocol} covers Coinbase.
 *
 * <p>Every {@code intervalMs} the exchange advances each symbol's market (or plays the fixture's next lines) and sends
 * the resulting messages to the sockets subscribed to them. The messages as generated, before any fault, go to the
 * {@code tap} (tests rebuild the true book from it).
 */
public final class FakeExchange implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(FakeExchange.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The venue whose formats the exchange speaks.
     */
    public enum Venue
    {
        BINANCE, COINBASE;

        /**
         * @throws IllegalArgumentException naming the expected values.
         */
        public static Venue parse(final String name)
        {
            for (final Venue venue : values())
            {
                if (venue.name().equalsIgnoreCase(name))
                {
                    return venue;
                }
            }
            throw new IllegalArgumentException("venue: expected binance or coinbase, got '" + name + "'");
        }
    }

    private final Venue venue;
    private final List<ExchangeSymbol> symbols;
    private final ExchangeFaults faults;
    private final long intervalMs;
    private final List<String> fixture;
    private final Consumer<String> tap;
    private final Random faultRandom;
    private final Map<String, SimulatedMarket> markets = new ConcurrentHashMap<>();
    private final Map<String, ExchangeSymbol> bySymbol = new ConcurrentHashMap<>();
    private final Map<String, long[]> updateIds = new ConcurrentHashMap<>();
    private final Map<WsContext, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger dropsLeft;
    private final AtomicInteger throttledLeft;
    private final AtomicInteger bannedLeft;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final CoinbaseProtocol coinbase;
    private final ScheduledExecutorService ticker;
    private final Javalin app;
    private volatile boolean paused;
    private boolean shutdownSent;
    private int fixtureLine;
    private long quietUntilMs;
    private boolean quietDone;

    /**
     * @param port        0 for a free port.
     * @param fixture     lines of the venue's stream messages to play instead of simulating, or null.
     * @param tap         receives every market message as generated, before faults (may be null).
     */
    public FakeExchange(
        final Venue venue,
        final int port,
        final List<ExchangeSymbol> symbols,
        final ExchangeFaults faults,
        final long intervalMs,
        final Path fixture,
        final Consumer<String> tap) throws IOException
    {
        this.venue = venue;
        this.symbols = List.copyOf(symbols);
        this.faults = faults;
        this.intervalMs = intervalMs;
        this.tap = tap == null ? message -> { } : tap;
        this.fixture = fixture == null ? null : Files.readAllLines(fixture);
        faultRandom = new Random(faults.seed() * 31 + 7);
        dropsLeft = new AtomicInteger(faults.drops());
        throttledLeft = new AtomicInteger(faults.throttled());
        bannedLeft = new AtomicInteger(faults.banned());
        long seed = faults.seed();
        for (final ExchangeSymbol symbol : this.symbols)
        {
            bySymbol.put(symbol.symbol(), symbol);
            updateIds.put(symbol.symbol(), new long[] {1000});
            markets.put(symbol.symbol(), new SimulatedMarket(seed++, symbol.ticks(symbol.startPrice()),
                symbol.lots(symbol.typicalSize())));
        }
        coinbase = new CoinbaseProtocol(this);
        app = Javalin.create(cfg ->
        {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = port;
            if (venue == Venue.BINANCE)
            {
                cfg.routes.get("/api/v3/exchangeInfo", this::binanceExchangeInfo);
                cfg.routes.get("/api/v3/depth", this::binanceDepth);
                cfg.routes.ws("/ws", ws ->
                {
                    ws.onConnect(ctx -> onConnect(ctx));
                    ws.onMessage(ctx -> onBinanceRequest(ctx, ctx.message()));
                    ws.onClose(ctx -> sessions.remove(ctx));
                    ws.onError(ctx -> sessions.remove(ctx));
                });
            }
            else
            {
                cfg.routes.get("/api/v3/brokerage/market/products/{product}", coinbase::product);
                cfg.routes.ws("/", ws ->
                {
                    ws.onConnect(ctx -> onConnect(ctx));
                    ws.onMessage(ctx -> coinbase.onRequest(ctx, sessions.get(ctx), ctx.message()));
                    ws.onClose(ctx -> sessions.remove(ctx));
                    ws.onError(ctx -> sessions.remove(ctx));
                });
            }
        });
        ticker = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "fake-exchange-" + venue.name().toLowerCase(Locale.ROOT));
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A Binance or Coinbase exchange with its default symbols, simulated, no faults, 100 ms between events.
     */
    public static FakeExchange simulated(final Venue venue, final int port) throws IOException
    {
        return new FakeExchange(venue, port, venue == Venue.BINANCE ? ExchangeSymbol.BINANCE_DEFAULTS :
            ExchangeSymbol.COINBASE_DEFAULTS, ExchangeFaults.NONE, 100, null, null);
    }

    /**
     * Listen and start the market clock.
     *
     * @return this.
     */
    public FakeExchange start()
    {
        app.start();
        if (fixture == null)
        {
            synchronized (this)
            {
                for (final ExchangeSymbol symbol : symbols)
                {
                    final SimulatedMarket market = markets.get(symbol.symbol());
                    emitChanges(symbol, market.open(50), System.currentTimeMillis(), true);
                }
            }
        }
        ticker.scheduleAtFixedRate(this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        LOG.info("fake {} exchange on http://127.0.0.1:{} ({})", venue.name().toLowerCase(Locale.ROOT), port(),
            fixture == null ? "simulated market" : "fixture of " + fixture.size() + " messages");
        return this;
    }

    public int port()
    {
        return app.port();
    }

    public Venue venue()
    {
        return venue;
    }

    /**
     * @return WebSocket connections accepted so far.
     */
    public long connections()
    {
        return connections.get();
    }

    /**
     * @return sockets dropped on purpose so far.
     */
    public long dropped()
    {
        return dropped.get();
    }

    /**
     * @return market messages generated so far.
     */
    public long messages()
    {
        return messages.get();
    }

    /**
     * Stop (or resume) the market: no new events until resumed; sockets and REST stay up.
     */
    public void pause(final boolean pause)
    {
        paused = pause;
    }

    /**
     * The exchange's own book of a symbol, best first: {@code [priceTicks, qtyLots]} per level.
     */
    public synchronized List<long[]> book(final String symbol, final boolean bid)
    {
        final List<long[]> levels = new ArrayList<>();
        for (final Map.Entry<Long, Long> level : markets.get(symbol).levels(bid, Integer.MAX_VALUE))
        {
            levels.add(new long[] {level.getKey(), level.getValue()});
        }
        return levels;
    }

    @Override
    public void close()
    {
        ticker.shutdownNow();
        try
        {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        app.stop();
    }

    // ---- sessions and sending ------------------------------------------------------------------------------

    /**
     * One market-data socket and its faults.
     */
    static final class Session
    {
        final WsContext ctx;
        final Set<String> streams = ConcurrentHashMap.newKeySet();
        long sent;
        long dropAt = Long.MAX_VALUE;
        long shutdownAt = Long.MAX_VALUE;
        long closeAt = Long.MAX_VALUE;
        String held;
        long nextSequence;
        volatile boolean subscribed;

        Session(final WsContext ctx)
        {
            this.ctx = ctx;
        }
    }

    private void onConnect(final WsContext ctx)
    {
        connections.incrementAndGet();
        ctx.disableAutomaticPings();
        sessions.put(ctx, new Session(ctx));
    }

    /**
     * A socket subscribed: arm its faults.
     */
    synchronized void armFaults(final Session session)
    {
        if (session.subscribed)
        {
            return;
        }
        session.subscribed = true;
        if (dropsLeft.get() > 0)
        {
            session.dropAt = faults.dropMinMessages() +
                faultRandom.nextInt(faults.dropMaxMessages() - faults.dropMinMessages() + 1);
        }
        if (faults.shutdownAfterMessages() > 0 && !shutdownSent)
        {
            session.shutdownAt = faults.shutdownAfterMessages();
        }
    }

    /**
     * Send a market message on every socket subscribed to {@code stream}, through the faults.
     *
     * @param depth whether it is a book update (which the skip fault may leave out).
     */
    void publish(final String stream, final String message, final boolean depth)
    {
        tap.accept(message);
        messages.incrementAndGet();
        final long nowMs = System.currentTimeMillis();
        if (faults.quietAfterMessages() > 0 && !quietDone && messages.get() >= faults.quietAfterMessages())
        {
            quietDone = true;
            quietUntilMs = nowMs + faults.quietMs();
        }
        if (nowMs < quietUntilMs)
        {
            return;
        }
        for (final Session session : sessions.values())
        {
            if (!session.subscribed || !session.streams.contains(stream))
            {
                continue;
            }
            if (depth && faults.skipProbability() > 0 && faultRandom.nextDouble() < faults.skipProbability())
            {
                continue;
            }
            if (faults.reorderProbability() > 0 && session.held == null &&
                faultRandom.nextDouble() < faults.reorderProbability())
            {
                session.held = message;
                continue;
            }
            send(session, message);
            if (faults.duplicateProbability() > 0 && faultRandom.nextDouble() < faults.duplicateProbability())
            {
                send(session, message);
            }
            if (session.held != null)
            {
                final String held = session.held;
                session.held = null;
                send(session, held);
            }
        }
    }

    /**
     * Send a message rendered per socket (Coinbase's per-connection sequence numbers) to every socket subscribed to
     * {@code stream}, through the faults: a skipped book update still uses up its rendering (a sequence number).
     */
    void publishEach(final String stream, final boolean book, final java.util.function.Function<Session, String> render)
    {
        messages.incrementAndGet();
        final long nowMs = System.currentTimeMillis();
        if (faults.quietAfterMessages() > 0 && !quietDone && messages.get() >= faults.quietAfterMessages())
        {
            quietDone = true;
            quietUntilMs = nowMs + faults.quietMs();
        }
        boolean tapped = false;
        for (final Session session : sessions.values())
        {
            if (!session.subscribed || !session.streams.contains(stream))
            {
                continue;
            }
            final String message = render.apply(session);
            if (!tapped)
            {
                tap.accept(message);
                tapped = true;
            }
            if (nowMs < quietUntilMs ||
                (book && faults.skipProbability() > 0 && faultRandom.nextDouble() < faults.skipProbability()))
            {
                continue;
            }
            if (faults.reorderProbability() > 0 && session.held == null &&
                faultRandom.nextDouble() < faults.reorderProbability())
            {
                session.held = message;
                continue;
            }
            send(session, message);
            if (faults.duplicateProbability() > 0 && faultRandom.nextDouble() < faults.duplicateProbability())
            {
                send(session, message);
            }
            if (session.held != null)
            {
                final String held = session.held;
                session.held = null;
                send(session, held);
            }
        }
    }

    void send(final Session session, final String message)
    {
        if (!session.ctx.session.isOpen())
        {
            sessions.remove(session.ctx);
            return;
        }
        try
        {
            session.ctx.send(message);
        }
        catch (final RuntimeException ex)
        {
            sessions.remove(session.ctx);
            return;
        }
        session.sent++;
        if (session.sent >= session.shutdownAt && venue == Venue.BINANCE)
        {
            shutdownSent = true;
            session.shutdownAt = Long.MAX_VALUE;
            session.closeAt = session.sent + faults.shutdownGraceMessages();
            // The notice already ends this socket: the random drops are kept for sockets the client still relies on
            // (a client that has moved to its replacement closes this one itself, and a drop here would go unseen).
            session.dropAt = Long.MAX_VALUE;
            session.ctx.send("{\"e\":\"serverShutdown\",\"E\":" + System.currentTimeMillis() + "}");
        }
        if (session.sent >= session.closeAt || (session.sent >= session.dropAt && dropsLeft.getAndDecrement() > 0))
        {
            dropped.incrementAndGet();
            sessions.remove(session.ctx);
            session.ctx.closeSession();
        }
    }

    // ---- the market clock ----------------------------------------------------------------------------------

    private void tick()
    {
        if (paused)
        {
            return;
        }
        try
        {
            synchronized (this)
            {
                final long nowMs = System.currentTimeMillis();
                if (fixture != null)
                {
                    playFixtureLine(nowMs);
                    return;
                }
                for (final ExchangeSymbol symbol : symbols)
                {
                    final SimulatedMarket market = markets.get(symbol.symbol());
                    emitChanges(symbol, market.step(), nowMs, false);
                    for (final SimulatedMarket.Trade trade : market.trades())
                    {
                        emitTrade(symbol, trade, nowMs);
                    }
                }
                if (venue == Venue.COINBASE)
                {
                    coinbase.heartbeat(nowMs);
                }
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.error("fake exchange: market tick failed", ex);
        }
    }

    private void emitChanges(
        final ExchangeSymbol symbol, final List<SimulatedMarket.Change> changes, final long nowMs,
        final boolean opening)
    {
        if (changes.isEmpty())
        {
            return;
        }
        if (venue == Venue.COINBASE)
        {
            coinbase.update(symbol, changes, nowMs);
            return;
        }
        final long[] ids = updateIds.get(symbol.symbol());
        final long first = ids[0] + 1;
        ids[0] += changes.size();
        final StringBuilder bids = new StringBuilder();
        final StringBuilder asks = new StringBuilder();
        for (final SimulatedMarket.Change change : changes)
        {
            final StringBuilder side = change.bid() ? bids : asks;
            side.append(side.length() > 0 ? "," : "").append("[\"").append(symbol.price(change.priceTicks()))
                .append("\",\"").append(symbol.qty(change.qtyLots())).append("\"]");
        }
        final String message = "{\"e\":\"depthUpdate\",\"E\":" + nowMs + ",\"s\":\"" + symbol.symbol() +
            "\",\"U\":" + first + ",\"u\":" + ids[0] + ",\"b\":[" + bids + "],\"a\":[" + asks + "]}";
        publish(stream(symbol.symbol(), "@depth@100ms"), message, !opening);
    }

    private void emitTrade(final ExchangeSymbol symbol, final SimulatedMarket.Trade trade, final long nowMs)
    {
        if (venue == Venue.COINBASE)
        {
            coinbase.trade(symbol, trade, nowMs);
            return;
        }
        final String message = "{\"e\":\"trade\",\"E\":" + nowMs + ",\"s\":\"" + symbol.symbol() + "\",\"t\":" +
            trade.id() + ",\"p\":\"" + symbol.price(trade.priceTicks()) + "\",\"q\":\"" +
            symbol.qty(trade.qtyLots()) + "\",\"T\":" + nowMs + ",\"m\":" + trade.buyerMaker() + ",\"M\":true}";
        publish(stream(symbol.symbol(), "@trade"), message, false);
    }

    private static String stream(final String symbol, final String suffix)
    {
        return symbol.toLowerCase(Locale.ROOT) + suffix;
    }

    /**
     * Play the fixture's next line: a Binance depthUpdate (applied to the book, its U and u kept) or trade, or a
     * Coinbase message; anything else is sent as it is.
     */
    private void playFixtureLine(final long nowMs)
    {
        while (fixtureLine < fixture.size())
        {
            final String line = fixture.get(fixtureLine++).trim();
            if (line.isEmpty())
            {
                continue;
            }
            final JsonNode node;
            try
            {
                node = MAPPER.readTree(line);
            }
            catch (final IOException ex)
            {
                LOG.warn("fake exchange: fixture line {} is not JSON; sent as it is", fixtureLine);
                for (final Session session : sessions.values())
                {
                    send(session, line);
                }
                return;
            }
            if (venue == Venue.COINBASE)
            {
                coinbase.playFixture(node, line);
                return;
            }
            final String symbol = node.path("s").asText();
            final ExchangeSymbol rules = bySymbol.get(symbol);
            final String kind = node.path("e").asText();
            if (rules != null && "depthUpdate".equals(kind))
            {
                final SimulatedMarket market = markets.get(symbol);
                for (final JsonNode level : node.path("b"))
                {
                    market.set(true, rules.ticks(new BigDecimal(level.path(0).asText())),
                        rules.lots(new BigDecimal(level.path(1).asText())));
                }
                for (final JsonNode level : node.path("a"))
                {
                    market.set(false, rules.ticks(new BigDecimal(level.path(0).asText())),
                        rules.lots(new BigDecimal(level.path(1).asText())));
                }
                updateIds.get(symbol)[0] = node.path("u").asLong();
                publish(stream(symbol, "@depth@100ms"), line, true);
            }
            else if (rules != null && "trade".equals(kind))
            {
                publish(stream(symbol, "@trade"), line, false);
            }
            else
            {
                tap.accept(line);
                for (final Session session : sessions.values())
                {
                    send(session, line);
                }
            }
            return;
        }
    }

    // ---- Binance requests ----------------------------------------------------------------------------------

    private void onBinanceRequest(final WsContext ctx, final String text)
    {
        final Session session = sessions.get(ctx);
        if (session == null)
        {
            return;
        }
        try
        {
            final JsonNode request = MAPPER.readTree(text);
            final String method = request.path("method").asText();
            final JsonNode id = request.path("id");
            if ("SUBSCRIBE".equals(method))
            {
                for (final JsonNode param : request.path("params"))
                {
                    session.streams.add(param.asText());
                }
                ctx.send("{\"result\":null,\"id\":" + id + "}");
                armFaults(session);
            }
            else if ("UNSUBSCRIBE".equals(method))
            {
                for (final JsonNode param : request.path("params"))
                {
                    session.streams.remove(param.asText());
                }
                ctx.send("{\"result\":null,\"id\":" + id + "}");
            }
            else
            {
                ctx.send("{\"code\":-1,\"msg\":\"Unknown method.\",\"id\":" + id + "}");
            }
        }
        catch (final IOException ex)
        {
            ctx.send("{\"code\":3,\"msg\":\"Invalid JSON.\"}");
        }
    }

    private void binanceExchangeInfo(final Context ctx)
    {
        final Set<String> wanted = new HashSet<>();
        final String one = ctx.queryParam("symbol");
        if (one != null)
        {
            wanted.add(one);
        }
        final String many = ctx.queryParam("symbols");
        if (many != null)
        {
            try
            {
                for (final JsonNode name : MAPPER.readTree(many))
                {
                    wanted.add(name.asText());
                }
            }
            catch (final IOException ex)
            {
                ctx.status(400).result("{\"code\":-1100,\"msg\":\"Illegal characters found in parameter " +
                    "'symbols'.\"}");
                return;
            }
        }
        final List<String> entries = new ArrayList<>();
        for (final ExchangeSymbol symbol : symbols)
        {
            if (!wanted.isEmpty() && !wanted.contains(symbol.symbol()))
            {
                continue;
            }
            final String base = symbol.symbol().substring(0, 3);
            final String quote = symbol.symbol().substring(3);
            entries.add("{\"symbol\":\"" + symbol.symbol() + "\",\"status\":\"TRADING\",\"baseAsset\":\"" + base +
                "\",\"baseAssetPrecision\":8,\"quoteAsset\":\"" + quote + "\",\"quotePrecision\":8," +
                "\"quoteAssetPrecision\":8,\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"" +
                symbol.price(1) + "\",\"maxPrice\":\"1000000.00000000\",\"tickSize\":\"" + symbol.price(1) +
                "\"},{\"filterType\":\"LOT_SIZE\",\"minQty\":\"" + symbol.qty(1) + "\",\"maxQty\":\"9000.00000000\"," +
                "\"stepSize\":\"" + symbol.qty(1) + "\"}]}");
        }
        if (!wanted.isEmpty() && entries.size() < wanted.size())
        {
            ctx.status(400).contentType("application/json").result("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
            return;
        }
        ctx.contentType("application/json").result("{\"timezone\":\"UTC\",\"serverTime\":" +
            System.currentTimeMillis() + ",\"rateLimits\":[],\"exchangeFilters\":[],\"symbols\":[" +
            String.join(",", entries) + "]}");
    }

    private void binanceDepth(final Context ctx)
    {
        if (throttledLeft.getAndDecrement() > 0)
        {
            ctx.status(429).header("Retry-After", Integer.toString(faults.retryAfterSeconds()))
                .contentType("application/json")
                .result("{\"code\":-1003,\"msg\":\"Too many requests; current limit is 6000 request weight per 1 " +
                    "MINUTE.\"}");
            return;
        }
        if (bannedLeft.getAndDecrement() > 0)
        {
            ctx.status(418).header("Retry-After", Integer.toString(faults.retryAfterSeconds()))
                .contentType("application/json")
                .result("{\"code\":-1003,\"msg\":\"Way too many requests; IP banned.\"}");
            return;
        }
        final ExchangeSymbol symbol = bySymbol.get(String.valueOf(ctx.queryParam("symbol")));
        if (symbol == null)
        {
            ctx.status(400).contentType("application/json").result("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
            return;
        }
        int limit = 100;
        final String limitText = ctx.queryParam("limit");
        if (limitText != null)
        {
            limit = Math.max(1, Math.min(5000, Integer.parseInt(limitText)));
        }
        final String body;
        synchronized (this)
        {
            final SimulatedMarket market = markets.get(symbol.symbol());
            body = "{\"lastUpdateId\":" + updateIds.get(symbol.symbol())[0] + ",\"bids\":" +
                levels(symbol, market, true, limit) + ",\"asks\":" + levels(symbol, market, false, limit) + "}";
        }
        ctx.contentType("application/json").result(body);
    }

    static String levels(final ExchangeSymbol symbol, final SimulatedMarket market, final boolean bid,
        final int limit)
    {
        final StringBuilder out = new StringBuilder("[");
        for (final Map.Entry<Long, Long> level : market.levels(bid, limit))
        {
            out.append(out.length() > 1 ? "," : "").append("[\"").append(symbol.price(level.getKey()))
                .append("\",\"").append(symbol.qty(level.getValue())).append("\"]");
        }
        return out.append(']').toString();
    }

    // ---- for the Coinbase protocol -------------------------------------------------------------------------

    List<ExchangeSymbol> symbols()
    {
        return symbols;
    }

    ExchangeSymbol symbol(final String name)
    {
        return bySymbol.get(name);
    }

    SimulatedMarket market(final String name)
    {
        return markets.get(name);
    }

    Map<WsContext, Session> sessions()
    {
        return sessions;
    }
}
