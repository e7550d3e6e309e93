package io.easyquant.adapters.feed.live;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.easyquant.engine.feed.BookFeedPublisher;
import io.easyquant.journal.codec.BookState;
import io.easyquant.journal.codec.BookStateReason;
import io.easyquant.journal.codec.Side;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Binance spot market data: {@code <symbol>@trade} and {@code <symbol>@depth@100ms} for every instrument on one raw
 * stream connection ({@code /ws}, one SUBSCRIBE request), the books kept by Binance's documented procedure:
 *
 * <ol>
 *   <li>buffer the diff depth events of a book (its raw frames) and note the first event's {@code U};</li>
 *   <li>fetch {@code /api/v3/depth?symbol=S&limit=N}; fetch again while its {@code lastUpdateId} is below that
 *       first {@code U};</li>
 *   <li>drop buffered events with {@code u <= lastUpdateId}, apply the rest in order, then every new event; an event
 *       whose {@code U} is past the book's last update id + 1 is a gap: the book goes SYNCING and starts over.</li>
 * </ol>
 *
 * Quantities are absolute, 0 removes a level. Prices and quantities are parsed exactly into ticks and lots; a value
 * that is not a whole number of them is counted ({@link FeedCounters#OFF_TICK_PRICES}) and, in a book update, makes
 * the book resync (a book missing a level is a wrong book). A {@code serverShutdown} event opens a replacement
 * connection at once; books move to it when its stream has caught up with theirs.
 *
 * <p>The REST snapshot runs on the JDK HTTP client's threads; the answer is taken up on the feed's thread. HTTP 429
 * and 418 are waited out for their {@code Retry-After} (counted); other failures retry with backoff.
 *
 * <p>Frame handling allocates nothing in steady state; snapshots and connection changes do (cold path).
 */
public final class BinanceFeed extends LiveFeed
{
    private static final Logger LOG = LoggerFactory.getLogger(BinanceFeed.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

    private static final int KIND_OTHER = 0;
    private static final int KIND_DEPTH = 1;
    private static final int KIND_TRADE = 2;
    private static final int KIND_SHUTDOWN = 3;

    private static final int ACTION_NONE = 0;
    private static final int ACTION_APPLY = 1;
    private static final int ACTION_SKIP = 2;

    private final ExpandableArrayBuffer[] buffered;
    private final int[] bufferedBytes;
    private final long[] firstBufferedU;
    private final List<CompletableFuture<HttpResponse<String>>> snapshots;
    private final long[] snapshotAtNs;
    private final int[] snapshotAttempts;
    private boolean replaying;
    /** Why replaying the buffered events failed (a {@link BookStateReason}), 0 while it has not. */
    private int replayFailure;

    // The frame being parsed.
    private int kind;
    private long eventTimeMs;
    private int instrument;
    private long firstId;
    private long finalId;
    private long tradeId;
    private long priceTicks;
    private long qtyLots;
    private boolean buyerMaker;
    private boolean badLevel;

    public BinanceFeed(final LiveFeedContext context, final BookFeedPublisher publisher, final EpochNanoClock clock)
    {
        super("binance", context, publisher, clock);
        buffered = new ExpandableArrayBuffer[instrumentCount];
        for (int i = 0; i < instrumentCount; i++)
        {
            buffered[i] = new ExpandableArrayBuffer(64 * 1024);
        }
        bufferedBytes = new int[instrumentCount];
        firstBufferedU = new long[instrumentCount];
        snapshots = new ArrayList<>(instrumentCount);
        for (int i = 0; i < instrumentCount; i++)
        {
            snapshots.add(null);
        }
        snapshotAtNs = new long[instrumentCount];
        snapshotAttempts = new int[instrumentCount];
    }

    // ---- instrument rules ----------------------------------------------------------------------------------

    /**
     * Read {@code /api/v3/exchangeInfo} for the instruments and compare each {@code PRICE_FILTER tickSize} and
     * {@code LOT_SIZE stepSize} with the configured tick and lot size.
     */
    @Override
    public void checkInstrumentRules()
    {
        final StringBuilder symbols = new StringBuilder("[");
        for (final LiveInstrument instrument : instruments)
        {
            symbols.append(symbols.length() > 1 ? "," : "").append('"').append(instrument.venueSymbol()).append('"');
        }
        symbols.append(']');
        final URI uri = context.restUrl().resolve("/api/v3/exchangeInfo?symbols=" +
            URLEncoder.encode(symbols.toString(), StandardCharsets.UTF_8));
        final JsonNode info = getJson(uri, MAPPER);
        final List<String> problems = new ArrayList<>();
        for (final LiveInstrument instrument : instruments)
        {
            JsonNode found = null;
            for (final JsonNode symbol : info.path("symbols"))
            {
                if (instrument.venueSymbol().equals(symbol.path("symbol").asText()))
                {
                    found = symbol;
                }
            }
            if (found == null)
            {
                problems.add(instrument.symbol() + " (" + instrument.venueSymbol() + "): not listed by the venue");
                continue;
            }
            for (final JsonNode filter : found.path("filters"))
            {
                final String type = filter.path("filterType").asText();
                if ("PRICE_FILTER".equals(type))
                {
                    compare(problems, instrument, "tick size", "tickSize", instrument.tick(),
                        filter.path("tickSize").asText());
                }
                else if ("LOT_SIZE".equals(type))
                {
                    compare(problems, instrument, "lot size", "stepSize", instrument.lot(),
                        filter.path("stepSize").asText());
                }
            }
        }
        if (!problems.isEmpty())
        {
            throw new IllegalStateException("binance instrument rules disagree with the configuration: " +
                String.join("; ", problems));
        }
    }

    // ---- subscription --------------------------------------------------------------------------------------

    @Override
    protected void subscribe(final int connectionId)
    {
        final StringBuilder params = new StringBuilder();
        for (final LiveInstrument instrument : instruments)
        {
            final String stream = instrument.venueSymbol().toLowerCase(Locale.ROOT);
            params.append(params.length() > 0 ? "," : "")
                .append('"').append(stream).append("@trade\",\"").append(stream).append("@depth@100ms\"");
        }
        client.send(connectionId, "{\"method\":\"SUBSCRIBE\",\"params\":[" + params + "],\"id\":" + connectionId +
            "}");
    }

    // ---- frames --------------------------------------------------------------------------------------------

    @Override
    protected void onFrame(final int connectionId, final byte[] bytes, final int offset, final int length)
    {
        try
        {
            json.begin(bytes, offset, length);
            if (!parse(connectionId, bytes, offset, length))
            {
                malformed(bytes, offset, length);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            json.reset();
            malformed(bytes, offset, length);
        }
    }

    /**
     * @return false if the frame is malformed.
     */
    private boolean parse(final int connectionId, final byte[] bytes, final int offset, final int length)
        throws IOException
    {
        if (json.next() != JsonToken.START_OBJECT)
        {
            return false;
        }
        kind = KIND_OTHER;
        eventTimeMs = 0;
        instrument = -2;
        firstId = -1;
        finalId = -1;
        tradeId = -1;
        priceTicks = Increment.MALFORMED;
        qtyLots = Increment.MALFORMED;
        buyerMaker = false;
        badLevel = false;
        boolean depthDone = false;
        int action = ACTION_NONE;

        JsonToken token;
        while ((token = json.next()) == JsonToken.FIELD_NAME)
        {
            final String name = json.name();
            final JsonToken value = json.next();
            if (value == JsonToken.NOT_AVAILABLE || value == null)
            {
                return false;
            }
            switch (name)
            {
                case "e":
                    kind = json.textEquals("depthUpdate") ? KIND_DEPTH : json.textEquals("trade") ? KIND_TRADE :
                        json.textEquals("serverShutdown") ? KIND_SHUTDOWN : KIND_OTHER;
                    break;
                case "E":
                    eventTimeMs = json.longValue();
                    break;
                case "s":
                    instrument = instrumentOf(json.chars(), json.offset(), json.length());
                    break;
                case "U":
                    firstId = json.longValue();
                    break;
                case "u":
                    finalId = json.longValue();
                    break;
                case "t":
                    tradeId = json.longValue();
                    break;
                case "p":
                    priceTicks = instrument >= 0 ? json.units(instruments[instrument].tick()) : Increment.MALFORMED;
                    break;
                case "q":
                    qtyLots = instrument >= 0 ? json.units(instruments[instrument].lot()) : Increment.MALFORMED;
                    break;
                case "m":
                    buyerMaker = value == JsonToken.VALUE_TRUE;
                    break;
                case "b":
                case "a":
                    if (kind != KIND_DEPTH || value != JsonToken.START_ARRAY)
                    {
                        json.skipValue();
                        break;
                    }
                    if (!depthDone)
                    {
                        depthDone = true;
                        if (instrument < 0 || firstId < 0 || finalId < firstId)
                        {
                            if (instrument == -1)
                            {
                                counters.increment(FeedCounters.UNKNOWN_SYMBOLS);
                                json.skipValue();
                                break;
                            }
                            return false;
                        }
                        action = decide(connectionId, bytes, offset, length);
                    }
                    if (action == ACTION_APPLY)
                    {
                        if (!applyLevels("b".equals(name)))
                        {
                            return false;
                        }
                    }
                    else
                    {
                        json.skipValue();
                    }
                    break;
                default:
                    json.skipValue();
                    break;
            }
        }
        if (token != JsonToken.END_OBJECT || !json.finish())
        {
            return false;
        }
        return complete(connectionId, action);
    }

    /**
     * What to do with a depth event, from its ids and the book's state.
     */
    private int decide(final int connectionId, final byte[] bytes, final int offset, final int length)
    {
        final int i = instrument;
        if (connectionId != bookConnection[i])
        {
            if (connectionId != pendingConnection)
            {
                return ACTION_SKIP;
            }
            if (state(i) == BookState.LIVE && !replaying)
            {
                if (finalId <= lastUpdateId[i] || firstId > lastUpdateId[i] + 1)
                {
                    // Behind the book (already applied from the old stream) or ahead of it: wait for the new
                    // stream to meet the book.
                    return ACTION_SKIP;
                }
                adopt(i, connectionId);
                return ACTION_APPLY;
            }
            adopt(i, connectionId);
            startSync(i, BookStateReason.SERVER_SHUTDOWN);
        }
        if (state(i) != BookState.LIVE && !replaying)
        {
            buffer(i, bytes, offset, length);
            return ACTION_SKIP;
        }
        if (finalId <= lastUpdateId[i])
        {
            if (!replaying)
            {
                counters.increment(FeedCounters.DUPLICATES);
            }
            return ACTION_SKIP;
        }
        if (firstId > lastUpdateId[i] + 1)
        {
            if (replaying)
            {
                replayFailure = BookStateReason.SEQUENCE_GAP;
                return ACTION_SKIP;
            }
            resync(i, BookStateReason.SEQUENCE_GAP);
            buffer(i, bytes, offset, length);
            return ACTION_SKIP;
        }
        return ACTION_APPLY;
    }

    private boolean applyLevels(final boolean bid) throws IOException
    {
        final OrderBook book = books[instrument];
        final LiveInstrument rules = instruments[instrument];
        JsonToken token;
        while ((token = json.next()) == JsonToken.START_ARRAY)
        {
            if (json.next() != JsonToken.VALUE_STRING)
            {
                return false;
            }
            final long price = json.units(rules.tick());
            if (json.next() != JsonToken.VALUE_STRING)
            {
                return false;
            }
            final long qty = json.units(rules.lot());
            if (json.next() != JsonToken.END_ARRAY)
            {
                return false;
            }
            if (price <= 0 || qty < 0)
            {
                if (price == Increment.MALFORMED || qty == Increment.MALFORMED || price == 0)
                {
                    return false;
                }
                counters.increment(FeedCounters.OFF_TICK_PRICES);
                badLevel = true;
                continue;
            }
            if (bid)
            {
                book.setBid(price, qty);
            }
            else
            {
                book.setAsk(price, qty);
            }
        }
        return token == JsonToken.END_ARRAY;
    }

    private boolean complete(final int connectionId, final int action)
    {
        final long sourceTimeNs = TimeUnit.MILLISECONDS.toNanos(eventTimeMs);
        switch (kind)
        {
            case KIND_DEPTH:
                if (action == ACTION_APPLY)
                {
                    lastUpdateId[instrument] = finalId;
                    if (badLevel && replaying)
                    {
                        replayFailure = BookStateReason.BAD_DATA;
                    }
                    else if (badLevel)
                    {
                        resync(instrument, BookStateReason.BAD_DATA);
                    }
                    else if (!replaying)
                    {
                        publishTop(instrument, sourceTimeNs);
                    }
                }
                else if (action == ACTION_NONE && instrument >= 0)
                {
                    return false;
                }
                return true;
            case KIND_TRADE:
                if (instrument == -1)
                {
                    counters.increment(FeedCounters.UNKNOWN_SYMBOLS);
                    return true;
                }
                if (instrument < 0 || tradeId < 0 || priceTicks == Increment.MALFORMED ||
                    qtyLots == Increment.MALFORMED)
                {
                    return false;
                }
                if (priceTicks <= 0 || qtyLots <= 0)
                {
                    counters.increment(FeedCounters.OFF_TICK_PRICES);
                    return true;
                }
                publishTrade(instrument, tradeId, priceTicks, qtyLots, buyerMaker ? Side.SELL : Side.BUY,
                    sourceTimeNs);
                return true;
            case KIND_SHUTDOWN:
                counters.increment(FeedCounters.SERVER_SHUTDOWNS);
                if (connectionId == activeConnection)
                {
                    LOG.warn("binance: serverShutdown on connection {}", connectionId);
                    replaceConnection();
                }
                return true;
            default:
                return true;
        }
    }

    // ---- snapshot and buffer -------------------------------------------------------------------------------

    private void buffer(final int i, final byte[] bytes, final int offset, final int length)
    {
        if (bufferedBytes[i] + length + Integer.BYTES > MAX_BUFFERED_BYTES)
        {
            // The snapshot is taking too long: start over from the newest event.
            bufferedBytes[i] = 0;
        }
        if (bufferedBytes[i] == 0)
        {
            firstBufferedU[i] = firstId;
        }
        final ExpandableArrayBuffer buffer = buffered[i];
        buffer.putInt(bufferedBytes[i], length);
        buffer.putBytes(bufferedBytes[i] + Integer.BYTES, bytes, offset, length);
        bufferedBytes[i] += length + Integer.BYTES;
        if (snapshots.get(i) == null && snapshotAtNs[i] == 0)
        {
            snapshotAtNs[i] = nowNs;
        }
    }

    @Override
    protected void onBookLost(final int i)
    {
        bufferedBytes[i] = 0;
        if (snapshots.get(i) != null)
        {
            snapshots.get(i).cancel(true);
            snapshots.set(i, null);
        }
        snapshotAtNs[i] = 0;
    }

    @Override
    protected int poll()
    {
        int work = 0;
        for (int i = 0; i < instrumentCount; i++)
        {
            if (snapshots.get(i) == null)
            {
                if (snapshotAtNs[i] != 0 && nowNs >= snapshotAtNs[i])
                {
                    requestSnapshot(i);
                    work++;
                }
            }
            else if (snapshots.get(i).isDone())
            {
                onSnapshot(i);
                work++;
            }
        }
        return work;
    }

    private void requestSnapshot(final int i)
    {
        snapshotAtNs[i] = 0;
        final URI uri = context.restUrl().resolve("/api/v3/depth?symbol=" + instruments[i].venueSymbol() +
            "&limit=" + context.bookLevels());
        snapshots.set(i, http.sendAsync(HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMillis(context.connectTimeoutMs())).GET().build(),
            HttpResponse.BodyHandlers.ofString()));
    }

    private void retrySnapshot(final int i, final long delayMs)
    {
        snapshotAtNs[i] = nowNs + TimeUnit.MILLISECONDS.toNanos(Math.max(1, delayMs));
    }

    private void onSnapshot(final int i)
    {
        final CompletableFuture<HttpResponse<String>> future = snapshots.get(i);
        snapshots.set(i, null);
        final HttpResponse<String> response;
        try
        {
            response = future.join();
        }
        catch (final RuntimeException ex)
        {
            counters.increment(FeedCounters.REST_FAILURES);
            final long delayMs = backoffMs(snapshotAttempts[i]++);
            LOG.warn("binance: {} depth snapshot failed ({}); retrying in {} ms", instruments[i].venueSymbol(),
                ex.getCause() != null ? ex.getCause().toString() : ex.toString(), delayMs);
            retrySnapshot(i, delayMs);
            return;
        }
        final int status = response.statusCode();
        if (status == 429 || status == 418)
        {
            counters.increment(FeedCounters.REST_THROTTLED);
            final long retryAfterMs = response.headers().firstValueAsLong("Retry-After").orElse(1) * 1000;
            LOG.warn("binance: {} depth snapshot answered HTTP {}; waiting {} ms (Retry-After)",
                instruments[i].venueSymbol(), status, retryAfterMs);
            retrySnapshot(i, Math.max(retryAfterMs, backoffMs(snapshotAttempts[i]++)));
            return;
        }
        if (status != 200)
        {
            counters.increment(FeedCounters.REST_FAILURES);
            final long delayMs = backoffMs(snapshotAttempts[i]++);
            LOG.warn("binance: {} depth snapshot answered HTTP {}; retrying in {} ms", instruments[i].venueSymbol(),
                status, delayMs);
            retrySnapshot(i, delayMs);
            return;
        }
        final long snapshotId;
        try
        {
            snapshotId = applySnapshot(i, response.body());
        }
        catch (final IOException | RuntimeException ex)
        {
            counters.increment(FeedCounters.MALFORMED_FRAMES);
            LOG.warn("binance: {} depth snapshot refused: {}", instruments[i].venueSymbol(), ex.getMessage());
            retrySnapshot(i, backoffMs(snapshotAttempts[i]++));
            return;
        }
        if (snapshotId < firstBufferedU[i])
        {
            // Older than the first buffered event: the events between would be missing.
            retrySnapshot(i, context.reconnectMinMs());
            return;
        }
        snapshotAttempts[i] = 0;
        lastUpdateId[i] = snapshotId;
        replay(i);
    }

    /**
     * Fill the book from a {@code /api/v3/depth} answer.
     *
     * @return its lastUpdateId.
     */
    private long applySnapshot(final int i, final String body) throws IOException
    {
        final JsonNode root = MAPPER.readTree(body);
        final JsonNode id = root.get("lastUpdateId");
        if (id == null || !id.canConvertToExactIntegral())
        {
            throw new IOException("no lastUpdateId");
        }
        final OrderBook book = books[i];
        book.clear();
        final LiveInstrument rules = instruments[i];
        for (final String side : new String[] {"bids", "asks"})
        {
            for (final JsonNode level : root.path(side))
            {
                final long price = units(rules.tick(), level.path(0).asText());
                final long qty = units(rules.lot(), level.path(1).asText());
                if (price <= 0 || qty < 0)
                {
                    if (price == Increment.NOT_WHOLE || qty == Increment.NOT_WHOLE)
                    {
                        counters.increment(FeedCounters.OFF_TICK_PRICES);
                    }
                    throw new IOException(side + " level " + level + " is not a whole number of ticks and lots");
                }
                if ("bids".equals(side))
                {
                    book.setBid(price, qty);
                }
                else
                {
                    book.setAsk(price, qty);
                }
            }
        }
        return id.asLong();
    }

    private static long units(final Increment increment, final String text)
    {
        final char[] chars = text.toCharArray();
        return increment.units(chars, 0, chars.length);
    }

    /**
     * Apply the buffered events after the snapshot; LIVE when they join up, else sync again.
     */
    private void replay(final int i)
    {
        final ExpandableArrayBuffer buffer = buffered[i];
        final int end = bufferedBytes[i];
        replaying = true;
        replayFailure = 0;
        long lastEventTimeNs = nowNs;
        try
        {
            int position = 0;
            while (position < end && replayFailure == 0)
            {
                final int length = buffer.getInt(position);
                onFrame(bookConnection[i], buffer.byteArray(), position + Integer.BYTES, length);
                lastEventTimeNs = TimeUnit.MILLISECONDS.toNanos(eventTimeMs);
                position += Integer.BYTES + length;
            }
        }
        finally
        {
            replaying = false;
            bufferedBytes[i] = 0;
        }
        if (replayFailure != 0)
        {
            resync(i, replayFailure);
            return;
        }
        goLive(i, lastEventTimeNs);
    }
}
