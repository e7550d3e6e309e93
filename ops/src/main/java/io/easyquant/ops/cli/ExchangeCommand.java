package io.easyquant.ops.cli;

import io.easyquant.adapters.exchange.ExchangeFaults;
import io.easyquant.adapters.exchange.ExchangeSymbol;
import io.easyquant.adapters.exchange.FakeExchange;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code easyquant exchange --venue binance|coinbase --port P [--fixture FILE] [--faults SPEC]}: the local fake
 * exchange on 127.0.0.1, speaking the venue's documented public market-data formats, until SIGTERM or Ctrl-C (or
 * {@code --duration}).
 */
@CommandLine.Command(name = "exchange",
    description = "Run a local fake exchange (Binance or Coinbase market data) on 127.0.0.1 for tests and demos.")
public final class ExchangeCommand implements Callable<Integer>
{
    @CommandLine.Option(names = "--venue", required = true, description = "binance or coinbase")
    private String venue;

    @CommandLine.Option(names = "--port", defaultValue = "9555", description = "port on 127.0.0.1 (0: a free one)")
    private int port;

    @CommandLine.Option(names = "--fixture", description = "JSONL of the venue's stream messages to play instead " +
        "of the simulated market")
    private Path fixture;

    @CommandLine.Option(names = "--faults", defaultValue = "", description = "faults, e.g. drops=3,skip=0.01," +
        "duplicate=0.01,reorder=0.01,quietAfter=500,quietMs=15000,throttled=1,banned=1,retryAfter=2," +
        "shutdownAfter=300 (see ExchangeFaults)")
    private String faults;

    @CommandLine.Option(names = "--interval-ms", defaultValue = "100", description = "time between market events")
    private long intervalMs;

    @CommandLine.Option(names = "--duration", converter = Durations.class,
        description = "stop after this long (e.g. 60s); default: until SIGTERM")
    private Long durationNs;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final FakeExchange.Venue parsedVenue;
        final ExchangeFaults parsedFaults;
        try
        {
            parsedVenue = FakeExchange.Venue.parse(venue);
            parsedFaults = ExchangeFaults.parse(faults);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        if (fixture != null && !Files.isRegularFile(fixture))
        {
            System.err.println("error: --fixture: file not found: " + fixture);
            return 2;
        }
        if (intervalMs <= 0)
        {
            System.err.println("error: --interval-ms: expected a positive number, got " + intervalMs);
            return 2;
        }
        final SignalStop signal = new SignalStop("eq-exchange-shutdown", 10, "the exchange");
        try (FakeExchange exchange = new FakeExchange(parsedVenue, port,
            parsedVenue == FakeExchange.Venue.BINANCE ? ExchangeSymbol.BINANCE_DEFAULTS :
            ExchangeSymbol.COINBASE_DEFAULTS, parsedFaults, intervalMs, fixture, null).start())
        {
            System.out.println("fake " + venue + " exchange on 127.0.0.1:" + exchange.port() + " (" +
                (parsedVenue == FakeExchange.Venue.BINANCE ?
                "ws://127.0.0.1:" + exchange.port() + "/ws, http://127.0.0.1:" + exchange.port() :
                "ws://127.0.0.1:" + exchange.port() + "/, http://127.0.0.1:" + exchange.port()) + ")");
            signal.awaitStop(durationNs == null ? Long.MAX_VALUE : durationNs, TimeUnit.NANOSECONDS);
            System.out.println("fake exchange stopping: " + exchange.connections() + " connections, " +
                exchange.messages() + " market messages, " + exchange.dropped() + " sockets dropped on purpose");
        }
        catch (final IOException | RuntimeException ex)
        {
            signal.cancel();
            throw ex;
        }
        return signal.finished(0);
    }
}
