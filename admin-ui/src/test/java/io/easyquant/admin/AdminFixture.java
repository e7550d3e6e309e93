package io.easyquant.admin;

import io.easyquant.engine.Engine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.MonitoredAgent;
import io.easyquant.engine.pipeline.InboundPublisher;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.MovingAverageCrossover;
import io.easyquant.engine.signal.StrategyMode;
import io.easyquant.engine.time.TimerAgent;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalContext;
import io.easyquant.journal.queue.JournalHeader;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real engine (threaded pipeline, journal on disk, timer agent) trading on a {@link RestingVenue}, with an admin
 * server on 127.0.0.1 and an ephemeral port, and an HTTP client for it. Two tokens: a viewer and an operator.
 *
 * <p>{@link #trade()} publishes quotes one at a time, waiting for each to pass every stage, so the outcome is fixed:
 * BTC-USD gets a filled buy (order 1) and then a resting sell (order 2); ETH-USD's intents are all rejected by risk
 * (its max position is 0).
 */
final class AdminFixture implements AutoCloseable
{
    static final String VIEWER = "vera";
    static final String VIEWER_SECRET = "viewer-secret-0001";
    static final String OPERATOR = "otto";
    static final String OPERATOR_SECRET = "operator-secret-01";
    static final String ALLOWED_ORIGIN = "http://dashboard.example:3000";
    static final int BTC = 1;
    static final int ETH = 2;

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    final Journal journal;
    final Engine engine;
    final MonitoredAgent timer;
    final AdminServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final AgentRunner timerRunner;
    private final InboundPublisher feed;
    private final SystemEpochNanoClock clock = new SystemEpochNanoClock();

    private AdminFixture(final Path dir, final Consumer<AdminContext.Builder> settings, final boolean startEngine)
        throws Exception
    {
        this(dir, settings, s -> { }, startEngine);
    }

    private AdminFixture(final Path dir, final Consumer<AdminContext.Builder> settings,
        final Consumer<AdminSources.Builder> extraSources, final boolean startEngine) throws Exception
    {
        final Instruments instruments = new Instruments(List.of(
            new Instrument(BTC, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
            new Instrument(ETH, "ETH-USD", new BigDecimal("0.01"), new BigDecimal("0.001"), "USD")));
        journal = Journal.openForWriting(dir.resolve("journal"), JournalHeader.of("live", "test", "test: true\n", ""),
            JournalContext.DEFAULT);
        engine = new Engine(new EngineContext(
            instruments,
            new PipelineContext(1024, PipelineContext.WaitStrategyType.SLEEPING,
                PipelineContext.Layout.SINGLE_THREAD, new int[0], TimeUnit.MILLISECONDS.toNanos(200)),
            new FeaturesContext(),
            new MovingAverageCrossover(MovingAverageCrossover.AverageType.SMA, 2, 4, StrategyMode.LONG_SHORT,
                new long[] {100, 1000}),
            new RiskLimits(new long[] {1000, 1000}, new long[] {1000, 0}),
            new ExecutionContext(OrderType.MARKET, 0, 16),
            clock,
            1,
            journal::newWriter,
            journal::newWriter), RestingVenue::new);
        feed = engine.newMarketDataPublisher();
        timer = new MonitoredAgent(new TimerAgent(engine.newPublisher(), clock, 30, 1,
            TimeUnit.MILLISECONDS.toNanos(50)));
        timerRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, timer);
        final AdminContext.Builder builder = AdminContext.builder()
            .port(0)
            .token(AdminToken.ofSecret(VIEWER, Role.VIEWER, VIEWER_SECRET))
            .token(AdminToken.ofSecret(OPERATOR, Role.OPERATOR, OPERATOR_SECRET))
            .corsAllowedOrigins(List.of(ALLOWED_ORIGIN))
            .commandTimeoutNs(TimeUnit.SECONDS.toNanos(3));
        settings.accept(builder);
        final AdminSources.Builder sources = AdminSources.builder("test-engine").agent(timer).journal(journal)
            .version("0.0-test");
        extraSources.accept(sources);
        server = new AdminServer(builder.build(), engine, sources.build());
        if (startEngine)
        {
            engine.start();
            AgentRunner.startOnThread(timerRunner);
        }
        server.start();
    }

    /**
     * A running engine with its server.
     */
    static AdminFixture start(final Path dir) throws Exception
    {
        return new AdminFixture(dir, b -> { }, true);
    }

    static AdminFixture start(final Path dir, final Consumer<AdminContext.Builder> settings) throws Exception
    {
        return new AdminFixture(dir, settings, true);
    }

    /**
     * A running engine with its server, given more sources (a sink's metrics, an archive).
     */
    static AdminFixture withSources(final Path dir, final Consumer<AdminSources.Builder> sources) throws Exception
    {
        return new AdminFixture(dir, b -> { }, sources, true);
    }

    /**
     * A server over an engine whose pipeline was never started: nothing drains the ring.
     */
    static AdminFixture withStoppedEngine(final Path dir) throws Exception
    {
        return new AdminFixture(dir, b -> b.commandTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500)), false);
    }

    /**
     * Trade as the class comment says, then wait until the pipeline is idle.
     */
    void trade()
    {
        long mid = 6_000_000;
        for (int i = 0; i < 24; i++)
        {
            mid += (i / 6) % 2 == 0 ? 100 : -100;
            quote(BTC, mid);
        }
        final long[] eth = {300_000, 300_100, 300_200, 300_300, 300_400, 300_300, 300_200, 300_100, 300_000};
        for (final long price : eth)
        {
            quote(ETH, price);
        }
    }

    void quote(final int instrumentId, final long mid)
    {
        if (!feed.publishQuote(100, instrumentId, clock.nanoTime(), mid - 1, 50, mid + 1, 50))
        {
            fail("the ring refused a quote");
        }
        awaitIdle();
    }

    /**
     * Wait until every stage has finished every published event, twice in a row (reports the venue publishes while
     * an event is handled count too).
     */
    void awaitIdle()
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        int idle = 0;
        while (idle < 2)
        {
            final long cursor = engine.ringCursor();
            idle = engine.monitor().lastSequence(engine.monitor().stageCount() - 1) >= cursor ? idle + 1 : 0;
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("the pipeline did not become idle");
            }
            sleep(1);
        }
    }

    static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    String url(final String path)
    {
        return server.url() + path;
    }

    HttpRequest.Builder request(final String path, final String token)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(path))).timeout(TIMEOUT);
        if (token != null)
        {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpResponse<String> get(final String path, final String token) throws IOException, InterruptedException
    {
        return send(request(path, token).GET().build());
    }

    HttpResponse<String> post(final String path, final String token, final String json)
        throws IOException, InterruptedException
    {
        return send(request(path, token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> send(final HttpRequest request) throws IOException, InterruptedException
    {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Each GET is refused with 400 and an error that starts with the given text.
     *
     * @param pathToError request path to the start of the expected error.
     */
    void assertBadRequests(final Map<String, String> pathToError) throws IOException, InterruptedException
    {
        for (final Map.Entry<String, String> entry : pathToError.entrySet())
        {
            final HttpResponse<String> response = get(entry.getKey(), VIEWER_SECRET);
            assertEquals(400, response.statusCode(), entry.getKey());
            assertTrue(Json.parse(response.body()).get("error").asText().startsWith(entry.getValue()),
                response.body());
        }
    }

    @Override
    public void close()
    {
        server.close();
        CloseHelper.quietClose(timerRunner);
        engine.stop(TimeUnit.SECONDS.toNanos(5));
        journal.close();
    }
}
