package io.easyquant.perf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.easyquant.adapters.exchange.SimulatedMarket;
import io.easyquant.adapters.feed.live.Increment;
import io.easyquant.adapters.feed.live.JsonFrameParser;
import io.easyquant.adapters.feed.live.OrderBook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A Binance diff depth event ({@code depthUpdate}, as the fake exchange renders its seeded market: 1 to 6 levels)
 * from frame bytes into the book, the way {@code BinanceFeed} does it: the reused non-blocking parser, every field
 * read, prices and quantities parsed exactly into ticks and lots, each level set in the array {@link OrderBook}.
 * Beside it the bare parse of the same bytes (a fresh-per-trial non-blocking parser reused across messages, every
 * token visited, nothing converted). Run with {@code -prof gc}: expected 0 B/op for both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LiveFeedBenchmark
{
    private static final int MESSAGES = 1024;

    private final byte[][] frames = new byte[MESSAGES][];
    private final JsonFrameParser json = new JsonFrameParser();
    private final Increment tick = new Increment(new BigDecimal("0.01"));
    private final Increment lot = new Increment(new BigDecimal("0.00001"));
    private final OrderBook book = new OrderBook(2000);
    private JsonParser bare;
    private ByteArrayFeeder bareFeeder;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final SimulatedMarket market = new SimulatedMarket(3, 6_000_000, 50_000);
        long updateId = 1000;
        for (final SimulatedMarket.Change change : market.open(50))
        {
            if (change.bid())
            {
                book.setBid(change.priceTicks(), change.qtyLots());
            }
            else
            {
                book.setAsk(change.priceTicks(), change.qtyLots());
            }
        }
        for (int m = 0; m < MESSAGES; m++)
        {
            final List<SimulatedMarket.Change> changes = market.step();
            final StringBuilder bids = new StringBuilder();
            final StringBuilder asks = new StringBuilder();
            for (final SimulatedMarket.Change change : changes)
            {
                final StringBuilder side = change.bid() ? bids : asks;
                side.append(side.length() > 0 ? "," : "").append("[\"")
                    .append(decimal(change.priceTicks(), "0.01")).append("\",\"")
                    .append(decimal(change.qtyLots(), "0.00001")).append("\"]");
            }
            final long first = updateId + 1;
            updateId += changes.size();
            frames[m] = ("{\"e\":\"depthUpdate\",\"E\":" + (1_700_000_000_000L + m) + ",\"s\":\"BTCUSDT\",\"U\":" +
                first + ",\"u\":" + updateId + ",\"b\":[" + bids + "],\"a\":[" + asks + "]}")
                .getBytes(StandardCharsets.UTF_8);
        }
        bare = new JsonFactory().createNonBlockingByteArrayParser();
        bareFeeder = (ByteArrayFeeder)bare.getNonBlockingInputFeeder();
    }

    private static String decimal(final long units, final String increment)
    {
        return new BigDecimal(increment).multiply(BigDecimal.valueOf(units)).setScale(8).toPlainString()
            .toLowerCase(Locale.ROOT);
    }

    /**
     * The baseline: tokenise the frame, nothing converted.
     */
    @Benchmark
    public int bareParse() throws IOException
    {
        final byte[] frame = frames[next++ & (MESSAGES - 1)];
        bareFeeder.feedInput(frame, 0, frame.length);
        int tokens = 0;
        JsonToken token;
        while ((token = bare.nextToken()) != JsonToken.NOT_AVAILABLE && token != null)
        {
            tokens++;
        }
        return tokens;
    }

    /**
     * The feed's work per depth event: parse, convert exactly, apply to the book, read the top.
     */
    @Benchmark
    public long parseAndApply() throws IOException
    {
        final byte[] frame = frames[next++ & (MESSAGES - 1)];
        json.begin(frame, 0, frame.length);
        long checksum = 0;
        json.next();
        JsonToken token;
        while ((token = json.next()) == JsonToken.FIELD_NAME)
        {
            final String name = json.name();
            final JsonToken value = json.next();
            if (value == JsonToken.START_ARRAY)
            {
                final boolean bid = "b".equals(name);
                while (json.next() == JsonToken.START_ARRAY)
                {
                    json.next();
                    final long price = json.units(tick);
                    json.next();
                    final long qty = json.units(lot);
                    json.next();
                    if (bid)
                    {
                        book.setBid(price, qty);
                    }
                    else
                    {
                        book.setAsk(price, qty);
                    }
                }
            }
            else if (value == JsonToken.VALUE_NUMBER_INT)
            {
                checksum += json.longValue();
            }
        }
        json.finish();
        return checksum + (token == JsonToken.END_OBJECT ? 1 : 0) + book.bidLevels() + book.askLevels();
    }
}
