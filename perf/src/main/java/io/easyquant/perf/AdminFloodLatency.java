package io.easyquant.perf;

import io.easyquant.adapters.feed.synthetic.SyntheticFeed;
import io.easyquant.adapters.feed.synthetic.SyntheticFeedContext;
import io.easyquant.adapters.feed.synthetic.SyntheticInstrument;
import io.easyquant.adapters.venue.paper.PaperVenue;
import io.easyquant.adapters.venue.paper.PaperVenueContext;
import io.easyquant.admin.AdminContext;
import io.easyquant.admin.AdminServer;
import io.easyquant.admin.AdminSources;
import io.easyquant.admin.AdminToken;
import io.easyquant.admin.Role;
import io.easyquant.engine.Engine;
import io.easyquant.engine.EngineContext;
import io.easyquant.engine.execution.ExecutionContext;
import io.easyquant.engine.features.FeaturesContext;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.PipelineContext;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.signal.MovingAverageCrossover;
import io.easyquant.engine.signal.StrategyMode;
import io.easyquant.engine.time.TimerAgent;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalContext;
import io.easyquant.journal.queue.JournalHeader;
import net.openhft.affinity.Affinity;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Tick-to-trade with and without an HTTP flood on the admin server, in one run: a paper session like
 * {@code config/paper.yaml} (threaded pipeline, journal on disk, synthetic feed, paper venue, timer) with its admin
 * server on 127.0.0.1, measured in alternating quiet and flood phases. During a flood phase, client threads in this JVM
 * send {@code GET /api/v1/status} back to back over loopback (a closed loop: each waits for its answer).
 *
 * <p>Tick-to-trade is the engine's own measure (the pipeline's tick-to-trade recorder): from the feed's publish of a
 * quote or trade to the hand-off to the venue of the order it caused, so time waiting in the ring is included. The
 * feed publishes on a fixed schedule on its own thread and never waits for the pipeline at these rates, so the
 * measure is not hidden by coordinated omission on the feed side.
 *
 * <pre>
 * java -cp perf/target/benchmarks.jar $(cat ops/target/classes/jvm.options) io.easyquant.perf.AdminFloodLatency \
 *     [--rate 5000] [--warmup-seconds 10] [--phase-seconds 15] [--rounds 2] [--clients 4] [--wait sleeping]
 *     [--admin-niceness 10] [--pipeline-cpu N --admin-cpu M]
 * </pre>
 *
 * With {@code --pipeline-cpu} and {@code --admin-cpu} the pipeline thread is pinned to one CPU and the admin server's
 * threads and the flood's client threads to another (what {@code pipeline.cpus} and {@code admin.cpus} do); other
 * processes on the host are not restricted.
 */
public final class AdminFloodLatency
{
    private static final String SECRET = "benchmark-viewer-token";

    private AdminFloodLatency()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        long rate = 5_000;
        int warmupSeconds = 10;
        int phaseSeconds = 15;
        int rounds = 2;
        int clients = 4;
        PipelineContext.WaitStrategyType wait = PipelineContext.WaitStrategyType.SLEEPING;
        int[] pipelineCpus = new int[0];
        int[] adminCpus = new int[0];
        int niceness = AdminContext.DEFAULT_THREAD_NICENESS;
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--rate":
                    rate = Long.parseLong(args[i + 1]);
                    break;
                case "--warmup-seconds":
                    warmupSeconds = Integer.parseInt(args[i + 1]);
                    break;
                case "--phase-seconds":
                    phaseSeconds = Integer.parseInt(args[i + 1]);
                    break;
                case "--rounds":
                    rounds = Integer.parseInt(args[i + 1]);
                    break;
                case "--clients":
                    clients = Integer.parseInt(args[i + 1]);
                    break;
                case "--pipeline-cpu":
                    pipelineCpus = new int[] {Integer.parseInt(args[i + 1])};
                    break;
                case "--admin-cpu":
                    adminCpus = new int[] {Integer.parseInt(args[i + 1])};
                    break;
                case "--admin-niceness":
                    niceness = Integer.parseInt(args[i + 1]);
                    break;
                case "--wait":
                    wait = PipelineContext.WaitStrategyType.valueOf(
                        args[i + 1].toUpperCase(Locale.ROOT).replace('-', '_'));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }

        final Path dir = Files.createTempDirectory("easyquant-admin-flood");
        final SystemEpochNanoClock clock = new SystemEpochNanoClock();
        final Instruments instruments = new Instruments(List.of(
            new Instrument(1, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
            new Instrument(2, "ETH-USD", new BigDecimal("0.01"), new BigDecimal("0.001"), "USD"),
            new Instrument(3, "SOL-USD", new BigDecimal("0.001"), new BigDecimal("0.01"), "USD")));
        final Journal journal = Journal.openForWriting(dir.resolve("journal"),
            JournalHeader.of("live", "benchmark", "benchmark: admin flood\n", ""), JournalContext.DEFAULT);
        final Engine engine = new Engine(new EngineContext(
            instruments,
            new PipelineContext(65536, wait, PipelineContext.Layout.AUTO, pipelineCpus, TimeUnit.SECONDS.toNanos(1)),
            new FeaturesContext(),
            new MovingAverageCrossover(MovingAverageCrossover.AverageType.EMA, 3, 8, StrategyMode.LONG_SHORT,
                new long[] {100, 200, 500}),
            new RiskLimits(new long[] {500, 1000, 2000}, new long[] {500, 1000, 2000}),
            new ExecutionContext(OrderType.MARKET, 0, 256),
            clock,
            1,
            journal::newWriter,
            journal::newWriter),
            reports -> new PaperVenue(PaperVenueContext.builder().sourceId(10).seed(7).feeRateBps(2).build(),
                instruments, reports));
        final SyntheticFeed feed = new SyntheticFeed(new SyntheticFeedContext(100, rate, 42, List.of(
            new SyntheticInstrument(instruments.at(0), new BigDecimal("60000"), 0.8, 0, 50, 5000),
            new SyntheticInstrument(instruments.at(1), new BigDecimal("3000"), 1.0, 0, 10, 5000),
            new SyntheticInstrument(instruments.at(2), new BigDecimal("150"), 1.2, 0, 10, 10000))),
            engine.newMarketDataPublisher(), clock);
        final TimerAgent timer =
            new TimerAgent(engine.newPublisher(), clock, 30, 1, TimeUnit.MILLISECONDS.toNanos(100));
        final AdminServer admin = new AdminServer(AdminContext.builder().port(0).cpus(adminCpus)
            .threadNiceness(niceness)
            .token(AdminToken.ofSecret("bench", Role.VIEWER, SECRET)).build(), engine,
            AdminSources.builder("benchmark").journal(journal).build());

        engine.start();
        admin.start();
        final AgentRunner timerRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace,
            null, timer);
        final AgentRunner feedRunner = new AgentRunner(new BackoffIdleStrategy(10, 20, 1_000, 200_000),
            Throwable::printStackTrace, null, feed);
        AgentRunner.startOnThread(timerRunner);
        AgentRunner.startOnThread(feedRunner);

        System.out.printf("machine: %d CPUs, %s %s; engine layout %s, wait %s, pipeline CPUs %s; admin CPUs %s, " +
            "niceness %d; feed %d events/s over 3 instruments; %d flood client(s) at normal priority%n",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
            System.getProperty("java.version"), engine.layout(), wait, Arrays.toString(pipelineCpus),
            Arrays.toString(adminCpus), niceness, rate, clients);
        final Histogram quiet = new Histogram(1, TimeUnit.SECONDS.toNanos(10), 3);
        final Histogram flood = new Histogram(1, TimeUnit.SECONDS.toNanos(10), 3);
        final Flood load = new Flood(admin.url() + "/api/v1/status", clients, adminCpus);
        try
        {
            phase("warm-up", warmupSeconds, engine, null);
            for (int round = 1; round <= rounds; round++)
            {
                phase("quiet " + round, phaseSeconds, engine, quiet);
                load.start();
                phase("flood " + round, phaseSeconds, engine, flood);
                load.stop();
            }
        }
        finally
        {
            load.stop();
            admin.close();
            CloseHelper.quietCloseAll(feedRunner, timerRunner);
            engine.stop(TimeUnit.SECONDS.toNanos(10));
            journal.close();
            delete(dir);
        }

        System.out.println();
        System.out.println("tick-to-trade (us)          count      p50      p90      p99    p99.9      max");
        print("quiet", quiet);
        print(String.format("flood (%.0f req/s)", load.requestsPerSecond()), flood);
        final double ratio = (double)flood.getValueAtPercentile(99) / quiet.getValueAtPercentile(99);
        System.out.printf("%np99 flood / quiet = %.2f (target <= 1.20); %d status requests answered, %d failed; " +
            "orders sent %d%n", ratio, load.answered.get(), load.failed.get(),
            engine.counters().get(EngineCounters.ORDERS_SENT));
    }

    private static void phase(final String name, final int seconds, final Engine engine, final Histogram into)
        throws InterruptedException
    {
        engine.monitor().tickToTrade().getIntervalHistogram();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        final Histogram interval = engine.monitor().tickToTrade().getIntervalHistogram();
        System.out.printf("%-8s %6d orders  p50 %8.1f us  p99 %8.1f us  max %8.1f us%n", name,
            interval.getTotalCount(), interval.getValueAtPercentile(50) / 1e3, interval.getValueAtPercentile(99) / 1e3,
            interval.getMaxValue() / 1e3);
        if (into != null)
        {
            into.add(interval);
        }
    }

    private static void print(final String name, final Histogram h)
    {
        System.out.printf("%-24s %8d %8.1f %8.1f %8.1f %8.1f %8.1f%n", name, h.getTotalCount(),
            h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    private static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Closed-loop HTTP/1.1 clients over keep-alive sockets: each sends the next request when the previous answer has
     * been read. Plain sockets keep the load generator's own threads few and lean (and pinnable).
     */
    private static final class Flood
    {
        private final URI uri;
        private final int clients;
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicLong answered = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();
        private final int[] cpus;
        private long floodNs;
        private long startNs;

        Flood(final String url, final int clients, final int[] cpus)
        {
            this.uri = URI.create(url);
            this.clients = clients;
            this.cpus = cpus.clone();
        }

        void start()
        {
            running.set(true);
            startNs = System.nanoTime();
            for (int i = 0; i < clients; i++)
            {
                final Thread thread = new Thread(this::loop, "flood-" + i);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }

        void stop() throws InterruptedException
        {
            if (!running.getAndSet(false))
            {
                return;
            }
            for (final Thread thread : threads)
            {
                thread.join(10_000);
            }
            threads.clear();
            floodNs += System.nanoTime() - startNs;
        }

        private void loop()
        {
            if (cpus.length > 0)
            {
                final BitSet set = new BitSet();
                for (final int cpu : cpus)
                {
                    set.set(cpu);
                }
                Affinity.setAffinity(set);
            }
            final byte[] request = ("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" +
                uri.getPort() + "\r\nAuthorization: Bearer " + SECRET + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
            while (running.get())
            {
                try (Socket socket = new Socket(uri.getHost(), uri.getPort()))
                {
                    socket.setTcpNoDelay(true);
                    final OutputStream out = socket.getOutputStream();
                    final InputStream in = new BufferedInputStream(socket.getInputStream());
                    while (running.get())
                    {
                        out.write(request);
                        out.flush();
                        if (readResponse(in) == 200)
                        {
                            answered.incrementAndGet();
                        }
                        else
                        {
                            failed.incrementAndGet();
                        }
                    }
                }
                catch (final IOException ex)
                {
                    failed.incrementAndGet();
                }
            }
        }

        /**
         * @return the status of one response, whose headers and Content-Length body are consumed.
         */
        private static int readResponse(final InputStream in) throws IOException
        {
            final String status = line(in);
            int length = 0;
            for (String header = line(in); !header.isEmpty(); header = line(in))
            {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15))
                {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            in.skipNBytes(length);
            return Integer.parseInt(status.substring(9, 12));
        }

        private static String line(final InputStream in) throws IOException
        {
            final StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read())
            {
                if (c < 0)
                {
                    throw new IOException("connection closed");
                }
                if (c != '\r')
                {
                    line.append((char)c);
                }
            }
            return line.toString();
        }

        double requestsPerSecond()
        {
            return floodNs == 0 ? 0 : answered.get() / (floodNs / 1e9);
        }
    }
}
