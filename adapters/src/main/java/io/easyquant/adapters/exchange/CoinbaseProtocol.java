package io.easyquant.adapters.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The Coinbase Advanced Trade side of the {@link FakeExchange}: WebSocket subscriptions by channel
 * ({@code {"type":"subscribe","product_ids":[...],"channel":"level2"}}, also {@code market_trades} and
 * {@code heartbeats}), answered with a {@code subscriptions} message; {@code level2} sends an {@code l2_data}
 * snapshot, then updates ({@code side} bid/offer, {@code event_time}, {@code price_level}, {@code new_quantity},
 * absolute); every message carries the connection's own {@code sequence_num}, counting from 0. REST
 * {@code /api/v3/brokerage/market/products/{product_id}} gives {@code price_increment} and {@code base_increment}.
 *
 * <p>Faults: a skipped update still uses up a sequence number (the client sees the gap); a duplicate repeats a
 * sequence number; a reorder swaps two messages; drops close the socket.
 */
final class CoinbaseProtocol
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FakeExchange exchange;
    private final Random random = new Random(17);
    private long heartbeatCounter;

    CoinbaseProtocol(final FakeExchange exchange)
    {
        this.exchange = exchange;
    }

    void product(final Context ctx)
    {
        final ExchangeSymbol symbol = exchange.symbol(ctx.pathParam("product"));
        if (symbol == null)
        {
            ctx.status(404).contentType("application/json")
                .result("{\"error\":\"NOT_FOUND\",\"error_details\":\"product not found\",\"message\":\"product " +
                    "not found\"}");
            return;
        }
        final String[] parts = symbol.symbol().split("-");
        ctx.contentType("application/json").result("{\"product_id\":\"" + symbol.symbol() + "\",\"price\":\"" +
            symbol.startPrice().toPlainString() + "\",\"base_increment\":\"" + plain(symbol.lotSize()) +
            "\",\"quote_increment\":\"" + plain(symbol.tickSize()) + "\",\"quote_min_size\":\"1\"," +
            "\"quote_max_size\":\"150000000\",\"base_min_size\":\"" + plain(symbol.lotSize()) +
            "\",\"base_max_size\":\"3400\",\"base_name\":\"" + parts[0] + "\",\"quote_name\":\"" + parts[1] +
            "\",\"status\":\"online\",\"cancel_only\":false,\"limit_only\":false,\"post_only\":false," +
            "\"trading_disabled\":false,\"product_type\":\"SPOT\",\"quote_currency_id\":\"" + parts[1] +
            "\",\"base_currency_id\":\"" + parts[0] + "\",\"price_increment\":\"" + plain(symbol.tickSize()) +
            "\",\"display_name\":\"" + symbol.symbol() + "\"}");
    }

    private static String plain(final java.math.BigDecimal value)
    {
        return value.stripTrailingZeros().toPlainString();
    }

    void onRequest(final WsContext ctx, final FakeExchange.Session session, final String text)
    {
        if (session == null)
        {
            return;
        }
        final JsonNode request;
        try
        {
            request = MAPPER.readTree(text);
        }
        catch (final IOException ex)
        {
            send(session, "error", "{\"type\":\"error\",\"message\":\"invalid JSON\"}");
            return;
        }
        final String type = request.path("type").asText();
        final String channel = request.path("channel").asText();
        final List<String> products = new ArrayList<>();
        for (final JsonNode product : request.path("product_ids"))
        {
            products.add(product.asText());
        }
        synchronized (exchange)
        {
            if ("subscribe".equals(type))
            {
                if ("heartbeats".equals(channel))
                {
                    session.streams.add("heartbeats");
                }
                for (final String product : products)
                {
                    session.streams.add(channel + ":" + product);
                }
                sendSubscriptions(session);
                if ("level2".equals(channel))
                {
                    for (final String product : products)
                    {
                        snapshot(session, product);
                    }
                }
                exchange.armFaults(session);
            }
            else if ("unsubscribe".equals(type))
            {
                session.streams.remove("heartbeats".equals(channel) ? "heartbeats" : "");
                for (final String product : products)
                {
                    session.streams.remove(channel + ":" + product);
                }
                sendSubscriptions(session);
            }
        }
    }

    private void sendSubscriptions(final FakeExchange.Session session)
    {
        final StringBuilder level2 = new StringBuilder();
        final StringBuilder trades = new StringBuilder();
        for (final String stream : session.streams)
        {
            if (stream.startsWith("level2:"))
            {
                level2.append(level2.length() > 0 ? "," : "").append('"').append(stream.substring(7)).append('"');
            }
            else if (stream.startsWith("market_trades:"))
            {
                trades.append(trades.length() > 0 ? "," : "").append('"').append(stream.substring(14)).append('"');
            }
        }
        send(session, "subscriptions", "[{\"subscriptions\":{\"level2\":[" + level2 + "],\"market_trades\":[" +
            trades + "]" + (session.streams.contains("heartbeats") ? ",\"heartbeats\":[\"heartbeats\"]" : "") +
            "}}]");
    }

    private void snapshot(final FakeExchange.Session session, final String product)
    {
        final ExchangeSymbol symbol = exchange.symbol(product);
        if (symbol == null)
        {
            return;
        }
        final SimulatedMarket market = exchange.market(product);
        final String now = Instant.now().toString();
        final StringBuilder updates = new StringBuilder();
        for (final boolean bid : new boolean[] {true, false})
        {
            for (final Map.Entry<Long, Long> level : market.levels(bid, Integer.MAX_VALUE))
            {
                updates.append(updates.length() > 0 ? "," : "").append("{\"side\":\"")
                    .append(bid ? "bid" : "offer").append("\",\"event_time\":\"").append(now)
                    .append("\",\"price_level\":\"").append(symbol.price(level.getKey()))
                    .append("\",\"new_quantity\":\"").append(symbol.qty(level.getValue())).append("\"}");
            }
        }
        send(session, "l2_data", "[{\"type\":\"snapshot\",\"product_id\":\"" + product + "\",\"updates\":[" +
            updates + "]}]");
    }

    void update(final ExchangeSymbol symbol, final List<SimulatedMarket.Change> changes, final long nowMs)
    {
        final String time = Instant.ofEpochMilli(nowMs).toString();
        final StringBuilder updates = new StringBuilder();
        for (final SimulatedMarket.Change change : changes)
        {
            updates.append(updates.length() > 0 ? "," : "").append("{\"side\":\"")
                .append(change.bid() ? "bid" : "offer").append("\",\"event_time\":\"").append(time)
                .append("\",\"price_level\":\"").append(symbol.price(change.priceTicks()))
                .append("\",\"new_quantity\":\"").append(symbol.qty(change.qtyLots())).append("\"}");
        }
        broadcast("level2:" + symbol.symbol(), "l2_data", "[{\"type\":\"update\",\"product_id\":\"" +
            symbol.symbol() + "\",\"updates\":[" + updates + "]}]", true);
    }

    void trade(final ExchangeSymbol symbol, final SimulatedMarket.Trade trade, final long nowMs)
    {
        broadcast("market_trades:" + symbol.symbol(), "market_trades", "[{\"type\":\"update\",\"trades\":[{" +
            "\"trade_id\":\"" + trade.id() + "\",\"product_id\":\"" + symbol.symbol() + "\",\"price\":\"" +
            symbol.price(trade.priceTicks()) + "\",\"size\":\"" + symbol.qty(trade.qtyLots()) + "\",\"side\":\"" +
            (trade.buyerMaker() ? "SELL" : "BUY") + "\",\"time\":\"" + Instant.ofEpochMilli(nowMs) + "\"}]}]",
            false);
    }

    void heartbeat(final long nowMs)
    {
        heartbeatCounter++;
        broadcast("heartbeats", "heartbeats", "[{\"current_time\":\"" + Instant.ofEpochMilli(nowMs) +
            "\",\"heartbeat_counter\":\"" + heartbeatCounter + "\"}]", false);
    }

    /**
     * Play a recorded Coinbase message: l2_data updates are applied to the book (so later snapshots agree) and the
     * events are sent again with each connection's own sequence numbers.
     */
    void playFixture(final JsonNode node, final String line)
    {
        final String channel = node.path("channel").asText();
        final JsonNode events = node.path("events");
        if ("l2_data".equals(channel))
        {
            for (final JsonNode event : events)
            {
                final String product = event.path("product_id").asText();
                final ExchangeSymbol symbol = exchange.symbol(product);
                if (symbol == null)
                {
                    continue;
                }
                final SimulatedMarket market = exchange.market(product);
                for (final JsonNode update : event.path("updates"))
                {
                    market.set("bid".equals(update.path("side").asText()),
                        symbol.ticks(new java.math.BigDecimal(update.path("price_level").asText())),
                        symbol.lots(new java.math.BigDecimal(update.path("new_quantity").asText())));
                }
                if ("update".equals(event.path("type").asText()))
                {
                    broadcast("level2:" + product, channel, "[" + event + "]", true);
                }
            }
        }
        else if ("market_trades".equals(channel))
        {
            for (final JsonNode event : events)
            {
                for (final JsonNode trade : event.path("trades"))
                {
                    broadcast("market_trades:" + trade.path("product_id").asText(), channel,
                        "[{\"type\":\"update\",\"trades\":[" + trade + "]}]", false);
                }
            }
        }
        else if ("heartbeats".equals(channel))
        {
            broadcast("heartbeats", channel, events.toString(), false);
        }
    }

    private void broadcast(final String stream, final String channel, final String events, final boolean book)
    {
        exchange.publishEach(stream, book, session -> render(session, channel, events));
    }

    private void send(final FakeExchange.Session session, final String channel, final String events)
    {
        exchange.send(session, render(session, channel, events));
    }

    private static String render(final FakeExchange.Session session, final String channel, final String events)
    {
        return "{\"channel\":\"" + channel + "\",\"client_id\":\"\",\"timestamp\":\"" + Instant.now() +
            "\",\"sequence_num\":" + session.nextSequence++ + ",\"events\":" + events + "}";
    }

    Random random()
    {
        return random;
    }
}
