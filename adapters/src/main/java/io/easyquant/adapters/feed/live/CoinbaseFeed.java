package io.easyquant.adapters.feed.live;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.easyquant.engine.feed.BookFeedPublisher;
import io.easyquant.journal.codec.BookState;
import io.easyquant.journal.codec.BookStateReason;
import io.easyquant.journal.codec.Side;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Coinbase Advanced Trade market data on one WebSocket connection: the {@code level2} channel (messages on channel
 * {@code l2_data}: a {@code snapshot} event per product, then {@code update} events whose {@code new_quantity} is the
 * level's absolute size, 0 removing it), {@code market_trades} and {@code heartbeats} (which keeps the connection
 * alive through quiet markets), each subscribed right after the handshake, within the venue's deadline.
 *
 * <p>Every message carries the connection's {@code sequence_num}. A number below the next expected is a duplicate
 * and dropped; one above it is a gap: every book goes SYNCING and {@code level2} is subscribed again for fresh
 * snapshots (a lost message may have been a book update), and the next message sets the expectation again (the number
 * that jumped may be a damaged one). {@code level2} silent past the quiet deadline does the same, and so does a book
 * still SYNCING a quiet deadline after a subscription; after three such subscriptions in a row the connection is
 * replaced. Prices and sizes are parsed exactly into ticks and lots; a value that is not a whole number of them is
 * counted and the book resyncs.
 *
 * <p>Trades: {@code side} is published as the aggressor side as Coinbase reports it; {@code trade_id} must be a
 * decimal integer.
 */
public final class CoinbaseFeed extends LiveFeed
{
    private static final Logger LOG = LoggerFactory.getLogger(CoinbaseFeed.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final int CHANNEL_OTHER = 0;
    private static final int CHANNEL_L2 = 1;
    private static final int CHANNEL_TRADES = 2;
    private static final int CHANNEL_HEARTBEATS = 3;

    /**
     * Two messages per resubscription; Coinbase allows 8 per second per IP without a key: at most one resubscription
     * a second keeps well inside it, with room for the connection's own three subscriptions.
     */
    private static final long MIN_RESUBSCRIBE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    /** Resubscriptions left unanswered in a row before the connection is replaced. */
    private static final int MAX_UNANSWERED_SUBSCRIPTIONS = 3;

    private static final int EVENT_OTHER = 0;
    private static final int EVENT_SNAPSHOT = 1;
    private static final int EVENT_UPDATE = 2;

    private final String productIds;
    private int sequenceConnection;
    private long nextSequence = -1;
    private long lastBookMessageNs;
    private long resubscribeAtNs = Long.MAX_VALUE;
    private long lastResubscribeNs = Long.MIN_VALUE / 2;
    private int resubscribeReason = BookStateReason.SEQUENCE_GAP;
    private boolean level2Subscribed;
    /** When a book still SYNCING since the last (re)subscription is retried; Long.MAX_VALUE when none is due. */
    private long syncDeadlineNs = Long.MAX_VALUE;
    /** (Re)subscriptions in a row that left a book SYNCING past its deadline. */
    private int unansweredSubscriptions;

    // The message being parsed.
    private int channel;
    private long messageTimeNs;
    private boolean gap;

    public CoinbaseFeed(final LiveFeedContext context, final BookFeedPublisher publisher, final EpochNanoClock clock)
    {
        super("coinbase", context, publisher, clock);
        final StringBuilder ids = new StringBuilder();
        for (final LiveInstrument instrument : instruments)
        {
            ids.append(ids.length() > 0 ? "," : "").append('"').append(instrument.venueSymbol()).append('"');
        }
        productIds = ids.toString();
    }

    /**
     * Read {@code /api/v3/brokerage/market/products/{product_id}} per instrument and compare {@code price_increment}
     * and {@code base_increment} with the configured tick and lot size.
     */
    @Override
    public void checkInstrumentRules()
    {
        final List<String> problems = new ArrayList<>();
        for (final LiveInstrument instrument : instruments)
        {
            final JsonNode product = getJson(context.restUrl().resolve("/api/v3/brokerage/market/products/" +
                instrument.venueSymbol()), MAPPER);
            compare(problems, instrument, "tick size", "price_increment", instrument.tick(),
                product.path("price_increment").asText());
            compare(problems, instrument, "lot size", "base_increment", instrument.lot(),
                product.path("base_increment").asText());
        }
        if (!problems.isEmpty())
        {
            throw new IllegalStateException("coinbase instrument rules disagree with the configuration: " +
                String.join("; ", problems));
        }
    }

    @Override
    protected void subscribe(final int connectionId)
    {
        if (connectionId == activeConnection)
        {
            sequenceConnection = connectionId;
            nextSequence = -1;
        }
        client.send(connectionId, "{\"type\":\"subscribe\",\"product_ids\":[" + productIds +
            "],\"channel\":\"heartbeats\"}");
        client.send(connectionId, "{\"type\":\"subscribe\",\"product_ids\":[" + productIds +
            "],\"channel\":\"market_trades\"}");
        client.send(connectionId, "{\"type\":\"subscribe\",\"product_ids\":[" + productIds +
            "],\"channel\":\"level2\"}");
        level2Subscribed = true;
        lastBookMessageNs = nowNs;
        syncDeadlineNs = nowNs + TimeUnit.MILLISECONDS.toNanos(context.quietTimeoutMs());
    }

    /**
     * Subscribe to {@code level2} again for fresh snapshots: every book SYNCING first.
     */
    private void resubscribe(final int why)
    {
        if (nowNs - lastResubscribeNs < MIN_RESUBSCRIBE_INTERVAL_NS)
        {
            // Within the venue's message rate limit: the books go SYNCING now, the request waits its turn.
            for (int i = 0; i < instrumentCount; i++)
            {
                if (state(i) == BookState.LIVE)
                {
                    resync(i, why);
                }
            }
            resubscribeAtNs = lastResubscribeNs + MIN_RESUBSCRIBE_INTERVAL_NS;
            resubscribeReason = why;
            lastBookMessageNs = nowNs;
            return;
        }
        lastResubscribeNs = nowNs;
        for (int i = 0; i < instrumentCount; i++)
        {
            if (state(i) == BookState.LIVE)
            {
                resync(i, why);
            }
            else
            {
                startSync(i, why);
            }
        }
        client.send(activeConnection, "{\"type\":\"unsubscribe\",\"product_ids\":[" + productIds +
            "],\"channel\":\"level2\"}");
        client.send(activeConnection, "{\"type\":\"subscribe\",\"product_ids\":[" + productIds +
            "],\"channel\":\"level2\"}");
        lastBookMessageNs = nowNs;
        resubscribeAtNs = Long.MAX_VALUE;
        syncDeadlineNs = nowNs + TimeUnit.MILLISECONDS.toNanos(context.quietTimeoutMs());
    }

    @Override
    protected void onBookLost(final int i)
    {
        // The book waits for the next snapshot; nothing is buffered or in flight.
    }

    @Override
    protected int poll()
    {
        if (level2Subscribed && nowNs - lastBookMessageNs > TimeUnit.MILLISECONDS.toNanos(context.quietTimeoutMs()))
        {
            counters.increment(FeedCounters.QUIET_TIMEOUTS);
            LOG.warn("coinbase: level2 quiet for {} ms; subscribing again", context.quietTimeoutMs());
            resubscribe(BookStateReason.QUIET);
            return 1;
        }
        if (nowNs >= syncDeadlineNs)
        {
            // Updates may keep flowing while a snapshot never comes: a book must not stay SYNCING for good.
            syncDeadlineNs = Long.MAX_VALUE;
            if (syncingBooks() > 0)
            {
                counters.increment(FeedCounters.QUIET_TIMEOUTS);
                if (++unansweredSubscriptions >= MAX_UNANSWERED_SUBSCRIPTIONS)
                {
                    unansweredSubscriptions = 0;
                    LOG.warn("coinbase: {} book(s) still SYNCING after {} subscriptions; replacing the connection",
                        syncingBooks(), MAX_UNANSWERED_SUBSCRIPTIONS);
                    replaceConnection();
                    syncDeadlineNs = nowNs + TimeUnit.MILLISECONDS.toNanos(context.quietTimeoutMs());
                }
                else
                {
                    LOG.warn("coinbase: {} book(s) still SYNCING {} ms after subscribing; subscribing again",
                        syncingBooks(), context.quietTimeoutMs());
                    resubscribe(BookStateReason.QUIET);
                }
                return 1;
            }
        }
        if (nowNs >= resubscribeAtNs)
        {
            resubscribeAtNs = Long.MAX_VALUE;
            resubscribe(resubscribeReason);
            return 1;
        }
        return 0;
    }

    private int syncingBooks()
    {
        int syncing = 0;
        for (int i = 0; i < instrumentCount; i++)
        {
            if (state(i) == BookState.SYNCING)
            {
                syncing++;
            }
        }
        return syncing;
    }

    @Override
    protected void onFrame(final int connectionId, final byte[] bytes, final int offset, final int length)
    {
        if (connectionId == pendingConnection)
        {
            // A replacement connection (subscribed when it opened) delivers: every book moves to it and syncs
            // from its snapshots; its sequence numbers start afresh; the old connection is closed.
            sequenceConnection = connectionId;
            nextSequence = -1;
            for (int i = 0; i < instrumentCount; i++)
            {
                startSync(i, BookStateReason.SUBSCRIBED);
                adopt(i, connectionId);
            }
        }
        else if (connectionId != activeConnection)
        {
            return;
        }
        try
        {
            json.begin(bytes, offset, length);
            if (!parse())
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
     * @return false if the message is malformed.
     */
    private boolean parse() throws IOException
    {
        if (json.next() != JsonToken.START_OBJECT)
        {
            return false;
        }
        channel = CHANNEL_OTHER;
        messageTimeNs = nowNs;
        gap = false;
        boolean sequenced = false;
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
                case "channel":
                    channel = json.textEquals("l2_data") ? CHANNEL_L2 : json.textEquals("market_trades") ?
                        CHANNEL_TRADES : json.textEquals("heartbeats") ? CHANNEL_HEARTBEATS : CHANNEL_OTHER;
                    break;
                case "timestamp":
                    final long time = IsoTime.parseNanos(json.chars(), json.offset(), json.length());
                    if (time != IsoTime.INVALID)
                    {
                        messageTimeNs = time;
                    }
                    break;
                case "sequence_num":
                    sequenced = true;
                    if (!sequence(json.longValue()))
                    {
                        // A duplicate: the rest of the message was handled the first time.
                        json.skipValue();
                        return skipRest();
                    }
                    break;
                case "events":
                    if (value != JsonToken.START_ARRAY || !sequenced)
                    {
                        return false;
                    }
                    if (!events())
                    {
                        return false;
                    }
                    break;
                default:
                    json.skipValue();
                    break;
            }
        }
        return token == JsonToken.END_OBJECT && json.finish();
    }

    private boolean skipRest() throws IOException
    {
        JsonToken token;
        while ((token = json.next()) == JsonToken.FIELD_NAME)
        {
            json.next();
            json.skipValue();
        }
        return token == JsonToken.END_OBJECT && json.finish();
    }

    /**
     * @return false for a duplicate.
     */
    private boolean sequence(final long sequence)
    {
        if (nextSequence < 0)
        {
            nextSequence = sequence + 1;
            return true;
        }
        if (sequence < nextSequence)
        {
            counters.increment(FeedCounters.DUPLICATES);
            return false;
        }
        if (sequence > nextSequence)
        {
            counters.increment(FeedCounters.GAPS);
            LOG.warn("coinbase: sequence_num gap: expected {}, got {}", nextSequence, sequence);
            gap = true;
            // The number that jumped is not trusted as the stream's position (a damaged frame may carry any
            // number): the next message sets the expectation again, so the stream's own messages, the fresh
            // snapshots among them, are not refused as duplicates of it.
            nextSequence = -1;
            resubscribe(BookStateReason.SEQUENCE_GAP);
            return true;
        }
        nextSequence = sequence + 1;
        return true;
    }

    private boolean events() throws IOException
    {
        JsonToken token;
        while ((token = json.next()) == JsonToken.START_OBJECT)
        {
            if (!event())
            {
                return false;
            }
        }
        return token == JsonToken.END_ARRAY;
    }

    private boolean event() throws IOException
    {
        int type = EVENT_OTHER;
        int instrument = -2;
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
                case "type":
                    type = json.textEquals("snapshot") ? EVENT_SNAPSHOT : json.textEquals("update") ? EVENT_UPDATE :
                        EVENT_OTHER;
                    break;
                case "product_id":
                    instrument = instrumentOf(json.chars(), json.offset(), json.length());
                    break;
                case "updates":
                    if (channel != CHANNEL_L2 || value != JsonToken.START_ARRAY)
                    {
                        json.skipValue();
                        break;
                    }
                    if (instrument < 0)
                    {
                        if (instrument == -1)
                        {
                            counters.increment(FeedCounters.UNKNOWN_SYMBOLS);
                            json.skipValue();
                            break;
                        }
                        return false;
                    }
                    if (!levels(instrument, type))
                    {
                        return false;
                    }
                    break;
                case "trades":
                    if (channel != CHANNEL_TRADES || value != JsonToken.START_ARRAY)
                    {
                        json.skipValue();
                        break;
                    }
                    if (!trades())
                    {
                        return false;
                    }
                    break;
                default:
                    json.skipValue();
                    break;
            }
        }
        return token == JsonToken.END_OBJECT;
    }

    private boolean levels(final int i, final int type) throws IOException
    {
        lastBookMessageNs = nowNs;
        final boolean apply;
        if (type == EVENT_SNAPSHOT)
        {
            books[i].clear();
            apply = !gap;
        }
        else
        {
            apply = type == EVENT_UPDATE && state(i) == BookState.LIVE && !gap;
        }
        final OrderBook book = books[i];
        final LiveInstrument rules = instruments[i];
        boolean bad = false;
        long eventTimeNs = messageTimeNs;
        JsonToken token;
        while ((token = json.next()) == JsonToken.START_OBJECT)
        {
            int side = 0;
            long price = Increment.MALFORMED;
            long qty = Increment.MALFORMED;
            JsonToken field;
            while ((field = json.next()) == JsonToken.FIELD_NAME)
            {
                final String name = json.name();
                json.next();
                switch (name)
                {
                    case "side":
                        side = json.textEquals("bid") ? 1 : json.textEquals("offer") ? 2 : 0;
                        break;
                    case "price_level":
                        price = json.units(rules.tick());
                        break;
                    case "new_quantity":
                        qty = json.units(rules.lot());
                        break;
                    case "event_time":
                        final long time = IsoTime.parseNanos(json.chars(), json.offset(), json.length());
                        if (time != IsoTime.INVALID && time > 0)
                        {
                            eventTimeNs = Math.max(eventTimeNs, time);
                        }
                        break;
                    default:
                        json.skipValue();
                        break;
                }
            }
            if (field != JsonToken.END_OBJECT || side == 0 || price == Increment.MALFORMED ||
                qty == Increment.MALFORMED)
            {
                return false;
            }
            if (price <= 0 || qty < 0)
            {
                counters.increment(FeedCounters.OFF_TICK_PRICES);
                bad = true;
                continue;
            }
            if (apply)
            {
                if (side == 1)
                {
                    book.setBid(price, qty);
                }
                else
                {
                    book.setAsk(price, qty);
                }
            }
        }
        if (token != JsonToken.END_ARRAY)
        {
            return false;
        }
        if (!apply)
        {
            return true;
        }
        if (bad)
        {
            // A book missing a level is a wrong book: all books sync again from fresh snapshots.
            resubscribeAtNs = nowNs;
            resubscribeReason = BookStateReason.BAD_DATA;
            if (state(i) == BookState.LIVE)
            {
                resync(i, BookStateReason.BAD_DATA);
            }
            return true;
        }
        if (type == EVENT_SNAPSHOT)
        {
            goLive(i, eventTimeNs);
            if (syncingBooks() == 0)
            {
                unansweredSubscriptions = 0;
            }
        }
        else
        {
            publishTop(i, eventTimeNs);
        }
        return true;
    }

    private boolean trades() throws IOException
    {
        JsonToken token;
        while ((token = json.next()) == JsonToken.START_OBJECT)
        {
            int instrument = -2;
            long tradeId = -1;
            long price = Increment.MALFORMED;
            long qty = Increment.MALFORMED;
            byte side = Side.NONE;
            long timeNs = messageTimeNs;
            boolean priceBeforeProduct = false;
            JsonToken field;
            while ((field = json.next()) == JsonToken.FIELD_NAME)
            {
                final String name = json.name();
                json.next();
                switch (name)
                {
                    case "trade_id":
                        tradeId = digits(json.chars(), json.offset(), json.length());
                        break;
                    case "product_id":
                        instrument = instrumentOf(json.chars(), json.offset(), json.length());
                        break;
                    case "price":
                        if (instrument >= 0)
                        {
                            price = json.units(instruments[instrument].tick());
                        }
                        else
                        {
                            priceBeforeProduct = true;
                        }
                        break;
                    case "size":
                        if (instrument >= 0)
                        {
                            qty = json.units(instruments[instrument].lot());
                        }
                        else
                        {
                            priceBeforeProduct = true;
                        }
                        break;
                    case "side":
                        side = json.textEquals("BUY") ? Side.BUY : json.textEquals("SELL") ? Side.SELL : Side.NONE;
                        break;
                    case "time":
                        final long time = IsoTime.parseNanos(json.chars(), json.offset(), json.length());
                        if (time != IsoTime.INVALID)
                        {
                            timeNs = time;
                        }
                        break;
                    default:
                        json.skipValue();
                        break;
                }
            }
            if (field != JsonToken.END_OBJECT)
            {
                return false;
            }
            if (instrument == -1)
            {
                counters.increment(FeedCounters.UNKNOWN_SYMBOLS);
                continue;
            }
            if (instrument < 0 || priceBeforeProduct || tradeId < 0 || price == Increment.MALFORMED ||
                qty == Increment.MALFORMED)
            {
                return false;
            }
            if (price <= 0 || qty <= 0)
            {
                counters.increment(FeedCounters.OFF_TICK_PRICES);
                continue;
            }
            publishTrade(instrument, tradeId, price, qty, side, timeNs);
        }
        return token == JsonToken.END_ARRAY;
    }

    private static long digits(final char[] chars, final int offset, final int length)
    {
        if (length == 0 || length > 18)
        {
            return -1;
        }
        long value = 0;
        for (int i = offset; i < offset + length; i++)
        {
            final char c = chars[i];
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * @return the sequence number the feed expects next on its connection, -1 before the first message.
     */
    public long nextSequence()
    {
        return sequenceConnection == activeConnection ? nextSequence : -1;
    }
}
