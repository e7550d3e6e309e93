package io.easyquant.adapters.feed.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.easyquant.engine.feed.BookFeedPublisher;
import io.easyquant.engine.feed.FeedMetrics;
import io.easyquant.journal.codec.BookState;
import io.easyquant.journal.codec.BookStateReason;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.MessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * What every live venue feed shares: its WebSocket connections and their lifecycle (connect, reconnect with
 * exponential backoff and full jitter, quiet deadline, replacement of an old connection by a new one opened first),
 * one {@link OrderBook} per instrument with its {@link BookState}, and publishing into the ring: each state change as
 * a BOOK_STATE input, the top of book as a quote while (and only while) the journaled state is LIVE, preceded by a
 * BOOK_DEPTH record when the size in the best {@code imbalanceLevels} levels changed, trades as trades.
 *
 * <p>Threads: Netty's I/O thread only copies frame bytes into the {@link FrameRing}; everything else runs in
 * {@link #doWork()} on the feed's agent thread, which owns the books. A state change the ring refuses is retried on
 * the next duty cycle, and no quote of that instrument is published until it is journaled.
 *
 * <p>Source times: the venue's event time, never earlier than the instrument's previous record's (trades and depth
 * come on separate streams whose times may interleave), so ingest's time-order rule never rejects live data.
 */
public abstract class LiveFeed implements Agent, FeedMetrics
{
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    /** Frames read per duty cycle by default. */
    public static final int FRAMES_PER_DUTY_CYCLE = 256;

    protected final LiveFeedContext context;
    protected final BookFeedPublisher publisher;
    protected final EpochNanoClock clock;
    protected final FeedCounters counters = new FeedCounters();
    protected final FrameRing frames;
    protected final WebSocketClient client;
    protected final JsonFrameParser json = new JsonFrameParser();
    /** REST requests (instrument rules, snapshots): cold path. */
    protected final HttpClient http;
    protected final int instrumentCount;
    protected final LiveInstrument[] instruments;
    protected final OrderBook[] books;
    protected final long[] lastUpdateId;
    protected final long[] lastTradeId;
    /** The connection whose stream each book follows. */
    protected final int[] bookConnection;

    private final String venue;
    private final int[] state;
    /** {@link #state} for other threads. */
    private final AtomicIntegerArray sharedState;
    private final int[] reason;
    private final long[] stateTimeNs;
    private final int[] journaledState;
    private final long[] lastSourceTimeNs;
    private final long[] quoteBid;
    private final long[] quoteBidQty;
    private final long[] quoteAsk;
    private final long[] quoteAskQty;
    private final long[] depthBid;
    private final long[] depthAsk;
    private final char[][] venueSymbols;
    private final MessageHandler frameHandler = this::onMessage;
    private final byte[] scratch = new byte[WebSocketClient.MAX_FRAME_BYTES];

    protected long nowNs;
    private int framesPerDutyCycle = FRAMES_PER_DUTY_CYCLE;
    protected int activeConnection;
    protected int pendingConnection;
    private boolean activeOpen;
    private long activeOpenedNs;
    private long lastFrameNs;
    private long reconnectAtNs = Long.MAX_VALUE;
    private int reconnectAttempts;
    private boolean unjournaled;
    private long refusedFrames;
    private boolean closed;

    protected LiveFeed(
        final String venue,
        final LiveFeedContext context,
        final BookFeedPublisher publisher,
        final EpochNanoClock clock)
    {
        this.venue = venue;
        this.context = context;
        this.publisher = publisher;
        this.clock = clock;
        instrumentCount = context.instruments().size();
        instruments = context.instruments().toArray(new LiveInstrument[0]);
        books = new OrderBook[instrumentCount];
        venueSymbols = new char[instrumentCount][];
        for (int i = 0; i < instrumentCount; i++)
        {
            books[i] = new OrderBook(context.bookLevels() + 1000);
            venueSymbols[i] = instruments[i].venueSymbol().toCharArray();
        }
        lastUpdateId = new long[instrumentCount];
        lastTradeId = new long[instrumentCount];
        bookConnection = new int[instrumentCount];
        state = new int[instrumentCount];
        sharedState = new AtomicIntegerArray(instrumentCount);
        reason = new int[instrumentCount];
        stateTimeNs = new long[instrumentCount];
        journaledState = new int[instrumentCount];
        lastSourceTimeNs = new long[instrumentCount];
        quoteBid = new long[instrumentCount];
        quoteBidQty = new long[instrumentCount];
        quoteAsk = new long[instrumentCount];
        quoteAskQty = new long[instrumentCount];
        depthBid = new long[instrumentCount];
        depthAsk = new long[instrumentCount];
        frames = new FrameRing(1 << 24);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(context.connectTimeoutMs())).build();
        client = new WebSocketClient(frames, venue + "-ws-io", context.connectTimeoutMs());
    }

    /**
     * @return the feed's counters.
     */
    public FeedCounters counters()
    {
        return counters;
    }

    /**
     * @return the state of an instrument's book as the feed last set it (0 before the first connection); any thread.
     */
    @Override
    public int bookState(final int instrumentIndex)
    {
        return sharedState.get(instrumentIndex);
    }

    @Override
    public String name()
    {
        return roleName();
    }

    @Override
    public int counterCount()
    {
        return FeedCounters.COUNT;
    }

    @Override
    public String counterName(final int counter)
    {
        return FeedCounters.name(counter);
    }

    @Override
    public long counter(final int counter)
    {
        return counters.get(counter);
    }

    @Override
    public int bookCount()
    {
        return instrumentCount;
    }

    @Override
    public int bookInstrumentId(final int book)
    {
        return instruments[book].instrumentId();
    }

    /**
     * @return the book of an instrument (read it on the feed's thread only).
     */
    public OrderBook book(final int instrumentIndex)
    {
        return books[instrumentIndex];
    }

    /**
     * Read at most this many frames per duty cycle (1 lets a caller driving {@link #doWork()} look at the books after
     * every frame).
     */
    public void framesPerDutyCycle(final int frames)
    {
        if (frames <= 0)
        {
            throw new IllegalArgumentException("framesPerDutyCycle: expected a positive number, got " + frames);
        }
        framesPerDutyCycle = frames;
    }

    @Override
    public void onStart()
    {
        nowNs = clock.nanoTime();
        connect();
    }

    @Override
    public int doWork()
    {
        nowNs = clock.nanoTime();
        int work = frames.read(frameHandler, framesPerDutyCycle);
        final int lateClose = client.pollLateClose();
        if (lateClose != 0)
        {
            onClosed(lateClose);
            work++;
        }
        final long refused = client.refusedFrames();
        if (refused != refusedFrames)
        {
            // The frame ring was full: the venue sequence checks see the gap and resync; the count says why.
            LOG.warn("{}: {} frame(s) found the frame ring full and were lost", venue(), refused - refusedFrames);
            while (refusedFrames < refused)
            {
                counters.increment(FeedCounters.REFUSED_FRAMES);
                refusedFrames++;
            }
        }
        if (unjournaled)
        {
            work += flushStates();
        }
        work += checkConnections();
        work += poll();
        return work;
    }

    @Override
    public void onClose()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        nowNs = clock.nanoTime();
        for (int i = 0; i < instrumentCount; i++)
        {
            if (state[i] == BookState.LIVE || state[i] == BookState.SYNCING)
            {
                setState(i, BookState.STALE, BookStateReason.STOPPED, nowNs);
            }
        }
        client.close();
    }

    @Override
    public String roleName()
    {
        return venue + "-feed";
    }

    // ---- venue-specific --------------------------------------------------------------------------------------

    /**
     * Read the venue's instrument rules and compare each tick and lot size with the configured ones (a blocking REST
     * call, before the feed starts).
     *
     * @throws IllegalStateException naming the instrument and both values when one differs, or when the venue does
     *                               not list a symbol or cannot be read.
     */
    public abstract void checkInstrumentRules();

    /**
     * A connection completed its handshake: subscribe on it.
     */
    protected abstract void subscribe(int connectionId);

    /**
     * One text frame, in place: bytes {@code [offset, offset + length)} of {@code bytes}.
     */
    protected abstract void onFrame(int connectionId, byte[] bytes, int offset, int length);

    /**
     * Venue work besides frames (snapshot requests in flight, resubscriptions): called every duty cycle.
     *
     * @return work done.
     */
    protected abstract int poll();

    /**
     * The book of instrument {@code i} stopped following a live stream (its connection closed or went quiet): drop
     * what the venue protocol keeps for it (buffers, requests in flight).
     */
    protected abstract void onBookLost(int i);

    // ---- connections ---------------------------------------------------------------------------------------

    private void connect()
    {
        activeConnection = client.connect(context.webSocketUrl());
        activeOpen = false;
        activeOpenedNs = nowNs;
        lastFrameNs = nowNs;
        reconnectAtNs = Long.MAX_VALUE;
    }

    /**
     * Open a new connection while the current one still works (a venue shutdown notice, the connection's age): books
     * move over to it one by one once its stream has caught up with theirs ({@link #adopt}).
     */
    protected final void replaceConnection()
    {
        if (pendingConnection == 0 && activeOpen)
        {
            pendingConnection = client.connect(context.webSocketUrl());
            LOG.info("{}: opening connection {} to replace connection {}", venue, pendingConnection,
                activeConnection);
        }
    }

    /**
     * Move a book to the pending connection's stream; once no book follows the old connection, it is closed.
     */
    protected final void adopt(final int i, final int connectionId)
    {
        bookConnection[i] = connectionId;
        for (int j = 0; j < instrumentCount; j++)
        {
            if (bookConnection[j] != connectionId)
            {
                return;
            }
        }
        final int old = activeConnection;
        activeConnection = connectionId;
        pendingConnection = 0;
        activeOpenedNs = nowNs;
        lastFrameNs = nowNs;
        LOG.info("{}: connection {} replaced connection {}", venue, connectionId, old);
        client.close(old);
    }

    private void onMessage(final int type, final DirectBuffer buffer, final int index, final int length)
    {
        final int connectionId = buffer.getInt(index);
        switch (type)
        {
            case FrameRing.FRAME:
                counters.increment(FeedCounters.FRAMES);
                if (connectionId == activeConnection)
                {
                    lastFrameNs = nowNs;
                }
                if (connectionId == activeConnection || connectionId == pendingConnection)
                {
                    final int frameLength = length - FrameRing.HEADER_LENGTH;
                    buffer.getBytes(index + FrameRing.HEADER_LENGTH, scratch, 0, frameLength);
                    onFrame(connectionId, scratch, 0, frameLength);
                }
                break;
            case FrameRing.OPENED:
                onOpened(connectionId);
                break;
            case FrameRing.CLOSED:
                onClosed(connectionId);
                break;
            default:
                break;
        }
    }

    private void onOpened(final int connectionId)
    {
        if (connectionId != activeConnection && connectionId != pendingConnection)
        {
            client.close(connectionId);
            return;
        }
        counters.increment(FeedCounters.CONNECTS);
        LOG.info("{}: connection {} open to {}", venue, connectionId, context.webSocketUrl());
        if (connectionId == activeConnection)
        {
            activeOpen = true;
            activeOpenedNs = nowNs;
            lastFrameNs = nowNs;
            for (int i = 0; i < instrumentCount; i++)
            {
                bookConnection[i] = connectionId;
                startSync(i, BookStateReason.SUBSCRIBED);
            }
        }
        subscribe(connectionId);
    }

    private void onClosed(final int connectionId)
    {
        if (connectionId == pendingConnection)
        {
            counters.increment(FeedCounters.DISCONNECTS);
            LOG.warn("{}: replacement connection {} closed", venue, connectionId);
            pendingConnection = 0;
            return;
        }
        if (connectionId != activeConnection)
        {
            return;
        }
        counters.increment(FeedCounters.DISCONNECTS);
        activeOpen = false;
        if (closed)
        {
            return;
        }
        for (int i = 0; i < instrumentCount; i++)
        {
            if (bookConnection[i] == connectionId || bookConnection[i] == 0)
            {
                loseBook(i, BookStateReason.DISCONNECTED);
            }
        }
        if (pendingConnection != 0)
        {
            // The replacement takes over at once: every book still on the old stream resyncs on the new one.
            final int next = pendingConnection;
            pendingConnection = 0;
            activeConnection = next;
            activeOpen = true;
            activeOpenedNs = nowNs;
            lastFrameNs = nowNs;
            LOG.warn("{}: connection {} closed; connection {} takes over", venue, connectionId, next);
            for (int i = 0; i < instrumentCount; i++)
            {
                if (bookConnection[i] != next)
                {
                    bookConnection[i] = next;
                    startSync(i, BookStateReason.DISCONNECTED);
                }
            }
            return;
        }
        final long delayMs = backoffMs(reconnectAttempts++);
        reconnectAtNs = nowNs + TimeUnit.MILLISECONDS.toNanos(delayMs);
        LOG.warn("{}: connection {} closed; reconnecting in {} ms (attempt {})", venue, connectionId, delayMs,
            reconnectAttempts);
    }

    private int checkConnections()
    {
        if (closed)
        {
            return 0;
        }
        if (nowNs >= reconnectAtNs)
        {
            connect();
            return 1;
        }
        if (activeOpen && nowNs - lastFrameNs > TimeUnit.MILLISECONDS.toNanos(context.quietTimeoutMs()))
        {
            counters.increment(FeedCounters.QUIET_TIMEOUTS);
            LOG.warn("{}: connection {} quiet for {} ms; closing it", venue, activeConnection,
                context.quietTimeoutMs());
            for (int i = 0; i < instrumentCount; i++)
            {
                loseBook(i, BookStateReason.QUIET);
            }
            lastFrameNs = nowNs;
            client.close(activeConnection);
            return 1;
        }
        if (activeOpen && context.maxConnectionAgeMs() > 0 &&
            nowNs - activeOpenedNs > TimeUnit.MILLISECONDS.toNanos(context.maxConnectionAgeMs()))
        {
            replaceConnection();
            activeOpenedNs = nowNs;
            return 1;
        }
        return 0;
    }

    /**
     * Exponential backoff from the minimum, capped, with full jitter over its upper half.
     */
    protected final long backoffMs(final int attempt)
    {
        final long ceiling = Math.min(context.reconnectMaxMs(),
            context.reconnectMinMs() << Math.min(attempt, 20));
        final long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }

    // ---- books and their states ----------------------------------------------------------------------------

    /**
     * Start syncing a book afresh: SYNCING, book cleared, venue state dropped.
     */
    protected final void startSync(final int i, final int why)
    {
        books[i].clear();
        lastUpdateId[i] = 0;
        onBookLost(i);
        setState(i, BookState.SYNCING, why, nowNs);
    }

    /**
     * A gap or bad data on a LIVE book: counted as a resync and synced afresh.
     */
    protected final void resync(final int i, final int why)
    {
        counters.increment(FeedCounters.RESYNCS);
        if (why == BookStateReason.SEQUENCE_GAP)
        {
            counters.increment(FeedCounters.GAPS);
        }
        LOG.warn("{}: {} book resyncs ({}) after update id {}", venue, instruments[i].venueSymbol(),
            BookStateReason.name(why), lastUpdateId[i]);
        startSync(i, why);
    }

    private void loseBook(final int i, final int why)
    {
        onBookLost(i);
        if (state[i] != 0)
        {
            setState(i, BookState.STALE, why, nowNs);
        }
    }

    /**
     * The book was rebuilt and is in sync with the venue: LIVE, and its top published.
     */
    protected final void goLive(final int i, final long sourceTimeNs)
    {
        reconnectAttempts = 0;
        setState(i, BookState.LIVE, BookStateReason.SNAPSHOT_APPLIED, sourceTimeNs);
        publishTop(i, sourceTimeNs);
    }

    protected final int state(final int i)
    {
        return state[i];
    }

    private void setState(final int i, final int newState, final int why, final long sourceTimeNs)
    {
        if (state[i] == newState)
        {
            return;
        }
        if (state[i] != 0 || newState != BookState.SYNCING || why != BookStateReason.SUBSCRIBED)
        {
            LOG.info("{}: {} book {} -> {} ({})", venue, instruments[i].venueSymbol(), BookState.name(state[i]),
                BookState.name(newState), BookStateReason.name(why));
        }
        state[i] = newState;
        sharedState.lazySet(i, newState);
        reason[i] = why;
        stateTimeNs[i] = sourceTime(i, sourceTimeNs);
        counters.increment(FeedCounters.BOOK_STATE_CHANGES);
        flushState(i);
    }

    private boolean flushState(final int i)
    {
        if (journaledState[i] == state[i])
        {
            return true;
        }
        if (publisher.publishBookState(context.sourceId(), instruments[i].instrumentId(), stateTimeNs[i], state[i],
            reason[i], lastUpdateId[i]))
        {
            journaledState[i] = state[i];
            quoteBid[i] = 0;
            quoteAsk[i] = 0;
            depthBid[i] = -1;
            depthAsk[i] = -1;
            return true;
        }
        counters.increment(FeedCounters.PUBLISH_REFUSALS);
        unjournaled = true;
        return false;
    }

    private int flushStates()
    {
        int work = 0;
        unjournaled = false;
        for (int i = 0; i < instrumentCount; i++)
        {
            if (!flushState(i))
            {
                return work;
            }
            work++;
            if (state[i] == BookState.LIVE)
            {
                publishTop(i, stateTimeNs[i]);
            }
        }
        return work;
    }

    private long sourceTime(final int i, final long sourceTimeNs)
    {
        final long time = Math.max(sourceTimeNs, lastSourceTimeNs[i]);
        lastSourceTimeNs[i] = time;
        return time;
    }

    /**
     * Publish the book's top as a quote if the book is journaled LIVE and the top changed. A one-sided or crossed
     * book publishes nothing (a crossed one is counted).
     */
    protected final void publishTop(final int i, final long sourceTimeNs)
    {
        if (journaledState[i] != BookState.LIVE)
        {
            return;
        }
        final OrderBook book = books[i];
        if (book.bidLevels() == 0 || book.askLevels() == 0)
        {
            return;
        }
        if (book.isCrossed())
        {
            counters.increment(FeedCounters.CROSSED_BOOKS);
            return;
        }
        publishDepth(i, book, sourceTimeNs);
        final long bid = book.bidPrice(0);
        final long bidQty = book.bidQty(0);
        final long ask = book.askPrice(0);
        final long askQty = book.askQty(0);
        if (bid == quoteBid[i] && bidQty == quoteBidQty[i] && ask == quoteAsk[i] && askQty == quoteAskQty[i])
        {
            return;
        }
        if (publisher.publishQuote(context.sourceId(), instruments[i].instrumentId(), sourceTime(i, sourceTimeNs),
            bid, bidQty, ask, askQty))
        {
            quoteBid[i] = bid;
            quoteBidQty[i] = bidQty;
            quoteAsk[i] = ask;
            quoteAskQty[i] = askQty;
            counters.increment(FeedCounters.QUOTES);
        }
        else
        {
            counters.increment(FeedCounters.PUBLISH_REFUSALS);
        }
    }

    /**
     * Publish the size in the best {@code imbalanceLevels} levels of each side when either changed.
     */
    private void publishDepth(final int i, final OrderBook book, final long sourceTimeNs)
    {
        final int levels = context.imbalanceLevels();
        long bidDepth = 0;
        for (int level = 0, n = Math.min(levels, book.bidLevels()); level < n; level++)
        {
            bidDepth += book.bidQty(level);
        }
        long askDepth = 0;
        for (int level = 0, n = Math.min(levels, book.askLevels()); level < n; level++)
        {
            askDepth += book.askQty(level);
        }
        if (bidDepth == depthBid[i] && askDepth == depthAsk[i])
        {
            return;
        }
        if (publisher.publishBookDepth(context.sourceId(), instruments[i].instrumentId(),
            sourceTime(i, sourceTimeNs), levels, bidDepth, askDepth))
        {
            depthBid[i] = bidDepth;
            depthAsk[i] = askDepth;
        }
        else
        {
            counters.increment(FeedCounters.PUBLISH_REFUSALS);
        }
    }

    /**
     * Publish a trade unless its id was seen (a replacement connection repeats trades).
     *
     * @param aggressorSide a {@code Side} code.
     */
    protected final void publishTrade(
        final int i, final long tradeId, final long priceTicks, final long qtyLots, final byte aggressorSide,
        final long sourceTimeNs)
    {
        if (tradeId <= lastTradeId[i])
        {
            counters.increment(FeedCounters.DUPLICATES);
            return;
        }
        lastTradeId[i] = tradeId;
        if (publisher.publishTrade(context.sourceId(), instruments[i].instrumentId(), sourceTime(i, sourceTimeNs),
            priceTicks, qtyLots, aggressorSide, tradeId))
        {
            counters.increment(FeedCounters.TRADES);
        }
        else
        {
            counters.increment(FeedCounters.PUBLISH_REFUSALS);
        }
    }

    /**
     * @return the index of the instrument whose venue symbol is the parser's current text, or -1.
     */
    protected final int instrumentOf(final char[] chars, final int offset, final int length)
    {
        for (int i = 0; i < instrumentCount; i++)
        {
            final char[] symbol = venueSymbols[i];
            if (symbol.length != length)
            {
                continue;
            }
            boolean same = true;
            for (int c = 0; c < length; c++)
            {
                if (symbol[c] != chars[offset + c])
                {
                    same = false;
                    break;
                }
            }
            if (same)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * A frame that is not a message of the venue's documented shape: counted, and the first ten logged.
     */
    protected final void malformed(final byte[] bytes, final int offset, final int length)
    {
        counters.increment(FeedCounters.MALFORMED_FRAMES);
        if (counters.get(FeedCounters.MALFORMED_FRAMES) <= 10)
        {
            LOG.warn("{}: malformed frame refused: {}", venue, printable(bytes, offset, length));
        }
    }

    /**
     * Up to 512 bytes of a refused frame for a log line, every byte that is not printable ASCII shown as {@code ?}.
     */
    private static String printable(final byte[] bytes, final int offset, final int length)
    {
        final int shown = Math.min(length, 512);
        final char[] chars = new char[shown];
        for (int i = 0; i < shown; i++)
        {
            final byte b = bytes[offset + i];
            chars[i] = b >= 0x20 && b < 0x7F ? (char)b : '?';
        }
        return new String(chars) + (length > shown ? "... (" + length + " bytes)" : "");
    }

    protected final String venue()
    {
        return venue;
    }

    /**
     * A blocking GET of a JSON document (cold path: instrument rules).
     *
     * @throws IllegalStateException saying what failed.
     */
    protected final JsonNode getJson(final URI uri, final ObjectMapper mapper)
    {
        try
        {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(context.connectTimeoutMs())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200)
            {
                throw new IllegalStateException(venue + ": GET " + uri + " answered HTTP " + response.statusCode() +
                    ": " + response.body());
            }
            return mapper.readTree(response.body());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(venue + ": GET " + uri + " failed: " + ex, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(venue + ": GET " + uri + " interrupted", ex);
        }
    }

    /**
     * Compare a configured increment with the venue's value of it, adding a problem naming the instrument and both
     * values when they differ.
     */
    protected static void compare(
        final List<String> problems,
        final LiveInstrument instrument,
        final String what,
        final String field,
        final Increment configured,
        final String venueValue)
    {
        try
        {
            if (!configured.sameAs(new BigDecimal(venueValue)))
            {
                problems.add(instrument.symbol() + " (" + instrument.venueSymbol() + "): venue " + what + " " +
                    new BigDecimal(venueValue).stripTrailingZeros().toPlainString() + " (" + field +
                    "), configured " + configured);
            }
        }
        catch (final NumberFormatException ex)
        {
            problems.add(instrument.symbol() + " (" + instrument.venueSymbol() + "): venue " + field +
                " is not a number: '" + venueValue + "'");
        }
    }
}
