package io.easyquant.perf;

import io.easyquant.adapters.sink.postgres.EmbeddedPostgresServer;
import io.easyquant.adapters.sink.postgres.PostgresSink;
import io.easyquant.adapters.sink.postgres.PostgresSinkContext;
import io.easyquant.adapters.sink.postgres.SinkSchema;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.OrderIntentCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RiskDecisionCodec;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.SignalCodec;
import io.easyquant.journal.codec.TimerTickCodec;
import io.easyquant.journal.codec.TradeCodec;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalContext;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.journal.queue.JournalWriter;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Postgres sink throughput beside its baseline, in the same run against the same embedded PostgreSQL:
 *
 * <ul>
 *   <li><b>sink</b>: {@link PostgresSink} writes a journal of trading records (quotes and trades with ticks on,
 *       signals, intents, risk decisions, orders, acks, partial fills and fills; timer ticks) into an empty database
 *       with its default batch size, on the calling thread: decoding, binary COPY per table, events as jsonb,
 *       position snapshots, a checkpoint update per batch.</li>
 *   <li><b>raw COPY</b>: exactly the rows the sink wrote (exported with COPY TO as binary), streamed back into an
 *       empty database of the same schema and indexes with one {@code COPY ... FROM STDIN (FORMAT binary)} per table
 *       through PgJDBC's CopyManager, in one transaction: no journal, no encoding, no checkpoints.</li>
 * </ul>
 *
 * Runs alternate (sink, raw, sink, raw, ...) after one warm-up pair, so drift hits both; each uses a fresh database.
 * Rows per second is rows over the wall time of the run: for the sink from its first statement (connect, schema check,
 * journal registration included) to its last commit. Prints each run, then best and median of each and the ratios.
 *
 * <pre>
 * java $(cat ops/target/classes/jvm.options) -cp perf/target/benchmarks.jar io.easyquant.perf.SinkBenchmark \
 *     [cycles (50000, 10 records each)] [runs (3)] [batch size (the default, 5000)]
 * </pre>
 */
public final class SinkBenchmark
{
    private static final String[] TABLES = {"orders", "execution_reports", "cancels", "order_intents",
        "risk_decisions", "signals", "admin_actions", "trading_state_changes", "position_snapshots", "events", "bars",
        "trades", "quotes"};
    private static final Instruments INSTRUMENTS = new Instruments(List.of(
        new Instrument(1, "BTC-USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
        new Instrument(2, "ETH-USD", new BigDecimal("0.01"), new BigDecimal("0.001"), "USD")));

    private SinkBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        final int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : PostgresSinkContext.DEFAULT_BATCH_SIZE;
        final Path directory = Files.createTempDirectory("eq-sink-benchmark");
        System.out.printf("machine: %s, %d CPUs; %s %s%n", cpuModel(), Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.vm.name"), System.getProperty("java.version"));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory.resolve("postgres"), 0,
            directory.resolve("postgres.log")))
        {
            final Path journalDirectory = directory.resolve("journal");
            final long records = writeJournal(journalDirectory, cycles);
            final PostgresSinkContext context = PostgresSinkContext.builder().instruments(INSTRUMENTS).ticks(true)
                .batchSize(batchSize).build();
            System.out.printf("journal: %d records (%d cycles); PostgreSQL 14 embedded, batch %d records%n",
                records, cycles, context.batchSize());

            final List<Double> sinkRates = new ArrayList<>();
            final List<Double> rawRates = new ArrayList<>();
            final StringBuilder breakdown = new StringBuilder();
            Map<String, byte[]> rows = null;
            try (Journal journal = Journal.openForReading(journalDirectory))
            {
                for (int run = 0; run <= runs; run++)
                {
                    final String label = run == 0 ? "warm-up" : "run " + run;
                    final String sinkUrl = freshDatabase(server, "sink_" + run, context);
                    final double[] sink = runSink(journal, sinkUrl, context);
                    if (rows == null)
                    {
                        rows = export(sinkUrl);
                    }
                    final String rawUrl = freshDatabase(server, "raw_" + run, context);
                    breakdown.setLength(0);
                    final double[] raw = runRaw(rawUrl, rows, breakdown);
                    if ((long)raw[0] != (long)sink[0])
                    {
                        throw new IllegalStateException("raw COPY wrote " + (long)raw[0] + " rows, the sink " +
                            (long)sink[0]);
                    }
                    System.out.printf(Locale.ROOT, "%-8s sink %,9d rows in %6.3f s = %,9.0f rows/s | raw COPY " +
                        "%,9d rows in %6.3f s = %,9.0f rows/s | ratio %.2f%n", label, (long)sink[0], sink[1],
                        sink[0] / sink[1], (long)raw[0], raw[1], raw[0] / raw[1],
                        (sink[0] / sink[1]) / (raw[0] / raw[1]));
                    if (run > 0)
                    {
                        sinkRates.add(sink[0] / sink[1]);
                        rawRates.add(raw[0] / raw[1]);
                    }
                }
            }
            System.out.print("raw COPY of the last run, by table:\n" + breakdown);
            final double sinkBest = best(sinkRates);
            final double rawBest = best(rawRates);
            final double sinkMedian = median(sinkRates);
            final double rawMedian = median(rawRates);
            System.out.printf(Locale.ROOT, "sink     best %,9.0f rows/s, median %,9.0f rows/s%n", sinkBest, sinkMedian);
            System.out.printf(Locale.ROOT, "raw COPY best %,9.0f rows/s, median %,9.0f rows/s%n", rawBest, rawMedian);
            System.out.printf(Locale.ROOT, "ratio    best/best %.2f, median/median %.2f (target >= 0.7; sink target " +
                ">= 200,000 rows/s)%n", sinkBest / rawBest, sinkMedian / rawMedian);
        }
        finally
        {
            deleteTree(directory);
        }
    }

    /**
     * @return {rows, seconds}.
     */
    private static double[] runSink(final Journal journal, final String url, final PostgresSinkContext context)
    {
        final PostgresSink sink = new PostgresSink(context.toBuilder().journalName("benchmark").build(), journal, url,
            SystemNanoClock.INSTANCE);
        sink.requestDrain(TimeUnit.MINUTES.toNanos(10));
        final long startNs = System.nanoTime();
        try
        {
            while (true)
            {
                sink.doWork();
            }
        }
        catch (final AgentTerminationException drained)
        {
            sink.onClose();
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        if (sink.status().failures() > 0 || sink.status().lagRecords() != 0)
        {
            throw new IllegalStateException("the sink did not write everything: " + sink.status().line());
        }
        return new double[] {sink.status().rows(), seconds};
    }

    /**
     * @return {rows, seconds}.
     */
    private static double[] runRaw(final String url, final Map<String, byte[]> rows, final StringBuilder breakdown)
        throws Exception
    {
        try (Connection connection = DriverManager.getConnection(url))
        {
            final CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            connection.setAutoCommit(false);
            long written = 0;
            final long startNs = System.nanoTime();
            for (final Map.Entry<String, byte[]> table : rows.entrySet())
            {
                final long tableStartNs = System.nanoTime();
                final CopyIn in = copy.copyIn("COPY " + SinkSchema.NAME + "." + table.getKey() +
                    " FROM STDIN (FORMAT binary)");
                in.writeToCopy(table.getValue(), 0, table.getValue().length);
                final long tableRows = in.endCopy();
                written += tableRows;
                if (tableRows > 0)
                {
                    final double seconds = (System.nanoTime() - tableStartNs) / 1e9;
                    breakdown.append(String.format(Locale.ROOT, "  %-20s %,9d rows %7.2f MB %6.3f s %,9.0f rows/s%n",
                        table.getKey(), tableRows, table.getValue().length / 1e6, seconds, tableRows / seconds));
                }
            }
            connection.commit();
            return new double[] {written, (System.nanoTime() - startNs) / 1e9};
        }
    }

    /**
     * The sink's rows, table by table, as binary COPY data.
     */
    private static Map<String, byte[]> export(final String url) throws Exception
    {
        final Map<String, byte[]> rows = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url))
        {
            final CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (final String table : TABLES)
            {
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                copy.copyOut("COPY " + SinkSchema.NAME + "." + table + " TO STDOUT (FORMAT binary)", out);
                rows.put(table, out.toByteArray());
            }
        }
        return rows;
    }

    private static String freshDatabase(
        final EmbeddedPostgresServer server, final String name, final PostgresSinkContext context) throws Exception
    {
        try (Connection connection = DriverManager.getConnection(
            "jdbc:postgresql://localhost:" + server.port() + "/postgres?user=" + EmbeddedPostgresServer.USER);
            Statement statement = connection.createStatement())
        {
            statement.execute("CREATE DATABASE " + name);
        }
        final String url = "jdbc:postgresql://localhost:" + server.port() + "/" + name + "?user=" +
            EmbeddedPostgresServer.USER;
        SinkSchema.migrate(url, context);
        return url;
    }

    /**
     * Cycles of ten records, alternating instruments: quote, trade, timer tick, signal, intent, risk decision, order,
     * ack, partial fill, fill.
     *
     * @return the number of records.
     */
    private static long writeJournal(final Path directory, final int cycles) throws Exception
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        final QuoteCodec quote = new QuoteCodec();
        final TradeCodec trade = new TradeCodec();
        final TimerTickCodec timer = new TimerTickCodec();
        final SignalCodec signal = new SignalCodec();
        final OrderIntentCodec intent = new OrderIntentCodec();
        final RiskDecisionCodec decision = new RiskDecisionCodec();
        final OrderCodec order = new OrderCodec();
        final ExecutionReportCodec report = new ExecutionReportCodec();
        long records = 0;
        try (Journal journal = Journal.openForWriting(directory,
            JournalHeader.of("live", "benchmark", "benchmark\n", ""), JournalContext.DEFAULT))
        {
            final JournalWriter writer = journal.newWriter();
            long timeNs = 1_704_164_645_000_000_000L;
            long execId = 1;
            for (int n = 0; n < cycles; n++)
            {
                final int instrument = 1 + n % 2;
                final long price = 6_000_000 + (n % 97) * 3 - (n % 13) * 7;
                final byte side = (n / 2) % 2 == 0 ? Side.BUY : Side.SELL;
                final long clOrdId = n + 1;
                final long qty = 10 + n % 5;
                final long partial = qty / 2;
                timeNs += 1_000_000;

                quote.wrapForEncode(buffer, 0, 100);
                quote.instrumentId(instrument).sourceTimeNs(timeNs).bidTicks(price - 2).bidLots(10).askTicks(price + 2)
                    .askLots(12);
                records += append(writer, buffer, n, timeNs, QuoteCodec.LENGTH);
                trade.wrapForEncode(buffer, 0, 100);
                trade.instrumentId(instrument).sourceTimeNs(timeNs).priceTicks(price).qtyLots(3)
                    .aggressorSide(side).tradeId(n);
                records += append(writer, buffer, n, timeNs, TradeCodec.LENGTH);
                timer.wrapForEncode(buffer, 0, 30);
                timer.timerId(1).scheduledTimeNs(timeNs);
                records += append(writer, buffer, n, timeNs, TimerTickCodec.LENGTH);
                signal.wrapForEncode(buffer, 0, 0);
                signal.instrumentId(instrument).strategyId(1).causeSequence(n).targetLots(side == Side.BUY ? qty : -qty)
                    .score(0.001 * (n % 1000));
                records += append(writer, buffer, n, timeNs, SignalCodec.LENGTH);
                intent.wrapForEncode(buffer, 0, 0);
                intent.instrumentId(instrument).side(side).orderType(OrderType.MARKET).intentId(clOrdId)
                    .causeSequence(n).qtyLots(qty).targetLots(qty);
                records += append(writer, buffer, n, timeNs, OrderIntentCodec.LENGTH);
                decision.wrapForEncode(buffer, 0, 0);
                decision.instrumentId(instrument).intentId(clOrdId).causeSequence(n).observed(qty);
                records += append(writer, buffer, n, timeNs, RiskDecisionCodec.LENGTH);
                order.wrapForEncode(buffer, 0, 0);
                order.instrumentId(instrument).side(side).orderType(OrderType.MARKET).clOrdId(clOrdId)
                    .intentId(clOrdId).qtyLots(qty).causeSequence(n);
                records += append(writer, buffer, n, timeNs, OrderCodec.LENGTH);
                final long[][] fills = {{ExecType.ACK, 0, 0, qty, 0}, {ExecType.PARTIAL_FILL, partial, price,
                    qty - partial, partial}, {ExecType.FILL, qty - partial, price + 1, 0, qty}};
                for (final long[] fill : fills)
                {
                    report.wrapForEncode(buffer, 0, 10);
                    report.instrumentId(instrument).execType((byte)fill[0]).side(side).clOrdId(clOrdId)
                        .execId(execId++).lastQtyLots(fill[1]).lastPriceTicks(fill[2]).leavesQtyLots(fill[3])
                        .cumQtyLots(fill[4]).feeCash(fill[1] * 3).venueTimeNs(timeNs);
                    records += append(writer, buffer, n, timeNs, ExecutionReportCodec.LENGTH);
                }
            }
        }
        return records;
    }

    private static int append(
        final JournalWriter writer, final UnsafeBuffer buffer, final long sequence, final long timeNs,
        final int length)
    {
        RecordHeader.stamp(buffer, 0, sequence, timeNs);
        writer.append(buffer, 0, length);
        return 1;
    }

    private static double best(final List<Double> rates)
    {
        return rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static double median(final List<Double> rates)
    {
        final double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0)
        {
            return 0;
        }
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] :
            (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String cpuModel()
    {
        try
        {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        }
        catch (final Exception ex)
        {
            return "unknown CPU";
        }
    }

    private static void deleteTree(final Path root) throws Exception
    {
        try (var walk = Files.walk(root))
        {
            final Path[] paths = walk.toArray(Path[]::new);
            Arrays.sort(paths, (a, b) -> b.compareTo(a));
            for (final Path path : paths)
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
