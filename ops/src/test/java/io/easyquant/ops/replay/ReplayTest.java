package io.easyquant.ops.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.RecordFormatter;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalContext;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.journal.queue.JournalReader;
import io.easyquant.journal.queue.JournalWriter;
import io.easyquant.ops.Main;
import io.easyquant.ops.TestConfigs;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.runtime.EngineRunner;
import io.easyquant.ops.runtime.JournalKinds;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replay of a real journal: a paper session recorded in-process with {@link EngineRunner}, then verified as it is,
 * verified with a changed parameter (the first affected output is named), compared in a what-if ({@code --diff}),
 * and verified again with its last entry torn as by kill -9. The command line runs in-process through
 * {@link Main#execute}.
 */
@Tag("slow")
class ReplayTest
{
    /** The session runs until this many fills (hundreds of orders), or the timeout. */
    private static final long TARGET_FILLS = 300;
    /** Fewer fills than this and the session is too small to test anything. */
    private static final long MIN_FILLS = 50;
    private static final long SESSION_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(15);
    private static final Pattern DECISION_LINE =
        Pattern.compile("^#\\d+ \\S+ (SIGNAL|ORDER_INTENT|RISK_DECISION|ORDER) .*");
    private static final Pattern ISO_UTC = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
    /** Per instrument id: the edit of config/paper.yaml that changes its strategy quantity (and nothing else). */
    private static final Map<Integer, String[]> QUANTITY_EDITS = Map.of(
        1, new String[] {"quantity: { BTC-USD: 0.01,", "quantity: { BTC-USD: 0.02,"},
        2, new String[] {"ETH-USD: 0.2,", "ETH-USD: 0.3,"},
        3, new String[] {"SOL-USD: 5 }", "SOL-USD: 6 }"});

    /** Queues left with an unfinished append; see {@link #tearLastAppend}. */
    private static final List<SingleChronicleQueue> TORN_QUEUES = new ArrayList<>();

    @TempDir
    static Path sessionDir;

    @TempDir
    Path dir;

    private static Path journalDir;
    private static String sessionYaml;
    private static Contents contents;

    /**
     * A paper session from config/paper.yaml, sped up: a fast synthetic feed and short averages, so that it makes
     * hundreds of orders in a second or two. Thread-per-stage, so that the journal's inputs and outputs are written
     * by different threads (the harder case for a replay); the host's default would be one thread on two cores.
     */
    @BeforeAll
    static void recordAPaperSession() throws Exception
    {
        String yaml = TestConfigs.paper();
        yaml = edit(yaml, "dataDir: ../data/paper", "dataDir: " + sessionDir.resolve("data"));
        yaml = edit(yaml, "layout: auto", "layout: thread-per-stage");
        yaml = edit(yaml, "ratePerSecond: 3000", "ratePerSecond: 20000");
        yaml = edit(yaml, "fastPeriod: 20", "fastPeriod: 5");
        yaml = edit(yaml, "slowPeriod: 80", "slowPeriod: 20");
        // Rate limits and rules sized for the sped-up session, so the baseline trades without rejections or a halt.
        yaml = edit(yaml, "maxMessagesPerWindow: 20 ", "maxMessagesPerWindow: 100000 ");
        yaml = edit(yaml, "maxMessagesPerWindow: 50 ", "maxMessagesPerWindow: 100000 ");
        yaml = edit(yaml, "duplicateIntentWindowMs: 200 ", "duplicateIntentWindowMs: 1 ");
        yaml = edit(yaml, "maxFills: 200 ", "maxFills: 100000 ");
        yaml = edit(yaml, "maxVenueRejects: 10 ", "maxVenueRejects: 100000 ");
        yaml = edit(yaml, "maxConsecutiveLosses: 500 ", "maxConsecutiveLosses: 100000 ");
        sessionYaml = yaml;
        final Configuration config = new ConfigLoader().load(TestConfigs.write(sessionDir.resolve("paper.yaml"), yaml));

        final EngineRunner runner = new EngineRunner(config, new SystemEpochNanoClock());
        final EngineCounters counters = runner.engine().counters();
        final long deadlineNs = System.nanoTime() + SESSION_TIMEOUT_NS;
        runner.start();
        try
        {
            while (counters.get(EngineCounters.FILLS) < TARGET_FILLS && System.nanoTime() - deadlineNs < 0)
            {
                Thread.sleep(10);
            }
        }
        finally
        {
            assertTrue(runner.stop(), "the ring drained");
        }
        assertTrue(counters.get(EngineCounters.FILLS) > MIN_FILLS, "fills: " + counters.get(EngineCounters.FILLS));
        assertEquals(0, runner.engine().errors().total(), () -> runner.engine().errors().entries().toString());

        journalDir = sessionDir.resolve("data").resolve(EngineRunner.JOURNAL_DIRECTORY);
        contents = Contents.read(journalDir);
        assertEquals(counters.get(EngineCounters.ORDERS_SENT), contents.count(RecordType.ORDER));
    }

    @Test
    void shouldReplayTheSessionIdentically() throws Exception
    {
        final VerifyResult result = verify(journalDir, sessionYaml);

        assertTrue(result.identical(), () -> result.divergence().toString());
        assertEquals(contents.inputs, result.eventsReplayed());
        assertEquals(contents.outputIndexes.size(), result.outputsCompared());
        assertTrue(result.outputsCompared() > 0);
    }

    @Test
    void shouldStopAtTheFirstOutputAChangedParameterAffects() throws Exception
    {
        final VerifyResult result = verify(journalDir, edit(sessionYaml, "slowPeriod: 20", "slowPeriod: 21"));

        assertFalse(result.identical());
        final VerifyResult.Divergence divergence = result.divergence();
        assertTrue(divergence.journalIndex() >= 0, divergence.toString());
        assertEquals(contents.outputsBefore(divergence.journalIndex()), result.outputsCompared(),
            "every output before the divergence compared equal");
        assertEquals(contents.formatted(divergence.journalIndex()), divergence.expected());
        assertTrue(DECISION_LINE.matcher(divergence.expected()).matches(), divergence.expected());
        assertTrue(DECISION_LINE.matcher(divergence.actual()).matches(), divergence.actual());
    }

    @Test
    void shouldNameTheFirstOutputOfTheOnlyInstrumentWhoseQuantityChanged() throws Exception
    {
        // The instrument that decided last for the first time, so that other instruments' outputs come before.
        int instrumentId = 0;
        for (final int id : QUANTITY_EDITS.keySet())
        {
            if (instrumentId == 0 || contents.firstOutputOf(id) > contents.firstOutputOf(instrumentId))
            {
                instrumentId = id;
            }
        }
        final String[] edit = QUANTITY_EDITS.get(instrumentId);

        final VerifyResult result = verify(journalDir, edit(sessionYaml, edit[0], edit[1]));

        // Its first output (a signal) carries its target, so it is the first to differ; everything before it
        // (the other instruments' signals and orders) replays equal.
        final long firstOutput = contents.firstOutputOf(instrumentId);
        assertFalse(result.identical());
        assertEquals(firstOutput, result.divergence().journalIndex());
        assertEquals(contents.outputsBefore(firstOutput), result.outputsCompared());
        assertTrue(result.outputsCompared() > 0, "outputs of other instruments came first");
        assertTrue(result.divergence().expected().contains(" instrument=" + instrumentId + " "),
            result.divergence().expected());
        assertTrue(DECISION_LINE.matcher(result.divergence().actual()).matches(), result.divergence().actual());
    }

    @Test
    void shouldDiffAChangedParameterAsOrdersAddedRemovedAndChanged() throws Exception
    {
        final Path whatIf = TestConfigs.write(dir.resolve("slow21.yaml"),
            edit(sessionYaml, "slowPeriod: 20", "slowPeriod: 21"));
        final Path out = dir.resolve("diff.json");

        final Result result = execute("replay", "--journal", journalDir.toString(), "--diff",
            "--config", whatIf.toString(), "--out", out.toString());

        assertEquals(0, result.exitCode, result.err);
        assertEquals("", result.err);
        assertTrue(result.out.startsWith("what-if over " + contents.market + " market events of " + journalDir + "\n"),
            result.out);
        assertTrue(result.out.contains("\n  what-if:  " + whatIf + "\n"), result.out);
        assertTrue(result.out.contains("\ninstrument  field "), result.out);
        assertFalse(result.out.contains("no differences"), result.out);

        final JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        assertEquals(List.of("journal", "marketJournal", "baseline", "whatIf", "marketEvents", "orders",
            "riskRejections", "ordersAdded", "ordersRemoved", "ordersChanged", "riskRejectionsAdded",
            "riskRejectionsRemoved", "instruments"), names(json));
        assertEquals(contents.market, json.get("marketEvents").asLong());
        final JsonNode orders = json.get("orders");
        assertTrue(orders.get("added").asInt() > 0, orders.toString());
        assertTrue(orders.get("removed").asInt() > 0, orders.toString());
        assertEquals(orders.get("added").asInt(), json.get("ordersAdded").size());
        assertEquals(orders.get("removed").asInt(), json.get("ordersRemoved").size());
        assertEquals(orders.get("changed").asInt(), json.get("ordersChanged").size());
        assertEquals(orders.get("baseline").asInt() - orders.get("removed").asInt(),
            orders.get("whatIf").asInt() - orders.get("added").asInt(), "orders in both runs");
        assertTrue(result.out.contains("orders:          baseline " + orders.get("baseline") + ", what-if " +
            orders.get("whatIf") + "; added " + orders.get("added") + ", removed " + orders.get("removed") +
            ", changed " + orders.get("changed") + "\n"), result.out);

        long lastEvent = -1;
        for (final JsonNode order : json.get("ordersAdded"))
        {
            assertEquals(List.of("marketEvent", "time", "instrumentId", "symbol", "side", "type", "qty", "price"),
                names(order));
            final long event = order.get("marketEvent").asLong();
            assertTrue(event >= lastEvent && event < contents.market, order.toString());
            lastEvent = event;
            assertTrue(ISO_UTC.matcher(order.get("time").asText()).matches(), order.toString());
            assertTrue(order.get("side").asText().matches("BUY|SELL"), order.toString());
            assertTrue(order.get("qty").isNumber() && order.get("qty").decimalValue().signum() > 0, order.toString());
            assertTrue(order.get("price").isNull(), "market orders have no price: " + order);
        }
        final JsonNode instruments = json.get("instruments");
        assertEquals(3, instruments.size());
        assertEquals("BTC-USD", instruments.get(0).get("symbol").asText());
        for (final JsonNode instrument : instruments)
        {
            for (final String field : List.of("position", "realized", "unrealized", "fees", "net"))
            {
                final JsonNode values = instrument.get(field);
                assertEquals(List.of("baseline", "whatIf", "difference"), names(values));
                assertEquals(0, values.get("whatIf").decimalValue().subtract(values.get("baseline").decimalValue())
                    .compareTo(values.get("difference").decimalValue()), values.toString());
            }
        }
    }

    @Test
    void shouldFindNoDifferenceWithTheSameConfiguration() throws Exception
    {
        final Path same = TestConfigs.write(dir.resolve("same.yaml"), sessionYaml);
        final Path out = dir.resolve("same.json");

        final Result result = execute("replay", "--journal", journalDir.toString(), "--diff",
            "--config", same.toString(), "--out", out.toString());

        assertEquals(0, result.exitCode, result.err);
        assertTrue(result.out.contains("\nno differences\n"), result.out);
        final JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        final JsonNode orders = json.get("orders");
        assertTrue(orders.get("baseline").asInt() > 0, orders.toString());
        assertEquals(orders.get("baseline"), orders.get("whatIf"));
        for (final String counter : List.of("added", "removed", "changed"))
        {
            assertEquals(0, orders.get(counter).asInt(), orders.toString());
        }
        assertEquals(0, json.get("riskRejections").get("added").asInt());
        assertEquals(0, json.get("riskRejections").get("removed").asInt());
        for (final JsonNode instrument : json.get("instruments"))
        {
            for (final String field : List.of("position", "realized", "unrealized", "fees", "net"))
            {
                assertEquals(0, instrument.get(field).get("difference").decimalValue().signum(), instrument.toString());
            }
        }
    }

    @Test
    void shouldReportRiskRejectionsThatATighterLimitAdds() throws Exception
    {
        final Configuration baseline = new ConfigLoader().parseJournaled("session", sessionYaml);
        final Configuration tighter = new ConfigLoader().parseJournaled("tighter",
            edit(sessionYaml, "BTC-USD: { maxOrderQty: 0.05,", "BTC-USD: { maxOrderQty: 0.01,"));

        final DiffResult result;
        try (Journal journal = Journal.openForReading(journalDir))
        {
            result = new WhatIf(baseline, tighter).run(journal);
        }

        // Long-short flips trade twice the quantity (0.02 BTC): the tighter limit rejects them.
        assertEquals(0, result.rejectionsBaseline(),
            result.rejectionsRemoved().subList(0, Math.min(3, result.rejectionsRemoved().size())).toString());
        assertTrue(result.rejectionsWhatIf() > 0);
        assertEquals(result.rejectionsWhatIf(), result.rejectionsAdded().size());
        assertTrue(result.rejectionsRemoved().isEmpty());
        for (final DiffResult.Rejection rejection : result.rejectionsAdded())
        {
            assertEquals("max_order_qty", rejection.reason());
            assertEquals("BTC-USD", rejection.symbol());
            assertTrue(rejection.qty().compareTo(new BigDecimal("0.01")) > 0, rejection.toString());
        }
        assertFalse(result.identical());
    }

    @Test
    void shouldReportOrdersOnOtherTermsAtTheSameDecisionPointAsChanged() throws Exception
    {
        final Configuration baseline = new ConfigLoader().parseJournaled("session", sessionYaml);
        final String[] edit = QUANTITY_EDITS.get(3);
        final Configuration larger = new ConfigLoader().parseJournaled("larger", edit(sessionYaml, edit[0], edit[1]));

        final DiffResult result;
        try (Journal journal = Journal.openForReading(journalDir))
        {
            result = new WhatIf(baseline, larger).run(journal);
        }

        assertFalse(result.ordersChanged().isEmpty());
        for (final DiffResult.OrderChange change : result.ordersChanged())
        {
            assertEquals(change.baseline().marketEvent(), change.whatIf().marketEvent());
            assertEquals(change.baseline().instrumentId(), change.whatIf().instrumentId());
            assertFalse(change.baseline().sameTerms(change.whatIf()), change.toString());
        }
        // The first SOL-USD order opens the position: 5 in the baseline, 6 in the what-if, at the same point.
        final DiffResult.OrderChange first = result.ordersChanged().stream()
            .filter(change -> change.baseline().symbol().equals("SOL-USD")).findFirst().orElseThrow();
        assertEquals(0, first.baseline().qty().multiply(BigDecimal.valueOf(6))
            .compareTo(first.whatIf().qty().multiply(BigDecimal.valueOf(5))), first.toString());
        assertEquals(first.baseline().side(), first.whatIf().side());
    }

    @Test
    void shouldReadTheMarketDataOfTheSourceJournalItsHeaderNames() throws Exception
    {
        final Path backtest = dir.resolve("backtest");
        Journal.openForWriting(backtest, JournalHeader.of(JournalKinds.BACKTEST, "test", sessionYaml,
            journalDir.toString()), JournalContext.DEFAULT).close();
        final Path same = TestConfigs.write(dir.resolve("same.yaml"), sessionYaml);

        final Result result = execute("replay", "--journal", backtest.toString(), "--diff", "--config", same.toString());

        assertEquals(0, result.exitCode, result.err);
        assertTrue(result.out.startsWith("what-if over " + contents.market + " market events of " + journalDir + "\n"),
            result.out);
        assertTrue(result.out.contains("\nno differences\n"), result.out);
    }

    @Test
    void shouldExitZeroOneOrTwo() throws Exception
    {
        final Path changed = TestConfigs.write(dir.resolve("slow21.yaml"),
            edit(sessionYaml, "slowPeriod: 20", "slowPeriod: 21"));
        final String journal = journalDir.toString();

        final Result identical = execute("replay", "--journal", journal, "--verify");
        assertEquals(0, identical.exitCode, identical.err);
        assertTrue(identical.out.startsWith("events replayed: " + contents.inputs + "\noutputs compared: " +
            contents.outputIndexes.size() + "\n"), identical.out);
        assertTrue(identical.out.endsWith("\nidentical\n"), identical.out);

        final Result diverged = execute("replay", "--journal", journal, "--verify", "--config", changed.toString());
        assertEquals(1, diverged.exitCode, diverged.err);
        final Matcher at = Pattern.compile("\nfirst divergence at journal index ([0-9a-f]+):\n  expected: (.+)\n" +
            "  actual:   (.+)\n$").matcher(diverged.out);
        assertTrue(at.find(), diverged.out);
        assertEquals(contents.formatted(Long.parseLong(at.group(1), 16)), at.group(2));

        final Result missing = execute("replay", "--journal", dir.resolve("nothing").toString(), "--verify");
        assertEquals(2, missing.exitCode);
        assertEquals("error: " + dir.resolve("nothing") + ": no journal here (expected a directory of .cq4 files)\n",
            missing.err);

        final Result both = execute("replay", "--journal", journal, "--verify", "--diff", "--config",
            changed.toString());
        assertEquals(2, both.exitCode);
        assertTrue(both.err.contains("mutually exclusive"), both.err);

        final Result neither = execute("replay", "--journal", journal);
        assertEquals(2, neither.exitCode);
        assertTrue(neither.err.contains("--verify") && neither.err.contains("--diff"), neither.err);

        final Result noConfig = execute("replay", "--journal", journal, "--diff");
        assertEquals(2, noConfig.exitCode);
        assertEquals("error: --diff needs --config FILE, the what-if configuration\n", noConfig.err);

        final Path bad = TestConfigs.write(dir.resolve("bad.yaml"), edit(sessionYaml, "slowPeriod: 20",
            "slowPeriod: slow"));
        final Result badConfig = execute("replay", "--journal", journal, "--diff", "--config", bad.toString());
        assertEquals(2, badConfig.exitCode);
        assertTrue(badConfig.err.startsWith("error: " + bad + ": strategy.slowPeriod: "), badConfig.err);

        final Result outWithVerify = execute("replay", "--journal", journal, "--verify", "--out",
            dir.resolve("x.json").toString());
        assertEquals(2, outWithVerify.exitCode);
        assertEquals("error: --out goes with --diff; --verify prints its result\n", outWithVerify.err);

        final Path unwritable = dir.resolve("no-such-dir").resolve("diff.json");
        final Result badOut = execute("replay", "--journal", journal, "--diff", "--config", changed.toString(),
            "--out", unwritable.toString());
        assertEquals(2, badOut.exitCode);
        assertEquals("error: " + unwritable + ": cannot write the JSON report: no such directory\n", badOut.err);

        for (final Result result : List.of(missing, both, neither, noConfig, badConfig, outWithVerify, badOut))
        {
            assertNoStackTrace(result.err);
        }
    }

    @Test
    void shouldReplayAJournalThatTwoSessionsAppendedToSessionBySession() throws Exception
    {
        // Journals written before sessions continued their sequence: the second session's engine started fresh and
        // its ring sequence from 0. Here the second session is the first one again, record for record.
        // Such journals are of format 1: records without checksums, whose sequence readers do not check (in a format 2
        // journal a sequence that goes back is damage).
        final Path twice = dir.resolve("twice");
        final JournalHeader header;
        try (Journal source = Journal.openForReading(journalDir))
        {
            header = source.header();
            Journal.openForWriting(twice, header, JournalContext.DEFAULT).close();
            try (ChronicleQueue queue = ChronicleQueue.singleBuilder(twice).build();
                ExcerptAppender appender = queue.createAppender())
            {
                final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
                for (int session = 0; session < 2; session++)
                {
                    try (JournalReader reader = source.newReader())
                    {
                        int length;
                        while ((length = reader.next(record)) > 0)
                        {
                            try (DocumentContext document = appender.writingDocument())
                            {
                                document.wire().bytes().write(record.byteArray(), 0, length);
                            }
                        }
                    }
                }
            }
        }
        Files.write(twice.resolve(Journal.HEADER_FILE), new JournalHeader(1, header.kind(), header.engineVersion(),
            header.configDigest(), header.configText(), header.sourceJournal()).toBytes());

        final VerifyResult result = verify(twice, sessionYaml);

        assertTrue(result.identical(), () -> result.divergence().toString());
        assertEquals(2 * contents.inputs, result.eventsReplayed());
        assertEquals(2L * contents.outputIndexes.size(), result.outputsCompared());
    }

    @Test
    void shouldCountOutputsLostInACrashAtASessionStartAsIdentical() throws Exception
    {
        final Path crashed = dir.resolve("crashed");
        final long lost = writeCrashedThenRestarted(journalDir, crashed, false);

        final VerifyResult result = verify(crashed, sessionYaml);

        assertTrue(result.identical(), () -> result.divergence().toString());
        assertEquals(2, result.sessionStarts(), "the recorded session's own start and the restart");
        assertTrue(lost >= 3, "the crash lost the order's intent, decision and order (and its signal, if any): " + lost);
        assertEquals(lost, result.crashLost());
    }

    @Test
    void shouldStillFailOnAnOutputThatDiffersBeforeASessionStart() throws Exception
    {
        final Path crashed = dir.resolve("crashed-and-changed");
        writeCrashedThenRestarted(journalDir, crashed, true);

        final VerifyResult result = verify(crashed, sessionYaml);

        assertFalse(result.identical());
        assertTrue(result.divergence().expected().contains(" ORDER "), result.divergence().toString());
    }

    /**
     * Copy the journal as a kill -9 right after the input that caused its 10th order would leave it (nothing journaled
     * after that input), then a restart's SESSION_START with the next sequence.
     *
     * @param changeAnOrder also change the quantity of the last order journaled before the cut.
     * @return the outputs the replay makes that the copy lacks.
     */
    private static long writeCrashedThenRestarted(final Path from, final Path to, final boolean changeAnOrder)
        throws Exception
    {
        final List<byte[]> records = new ArrayList<>();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        final JournalHeader header;
        try (Journal source = Journal.openForReading(from); JournalReader reader = source.newReader())
        {
            header = source.header();
            int length;
            while ((length = reader.next(record)) > 0)
            {
                final byte[] bytes = new byte[length];
                record.getBytes(0, bytes);
                records.add(bytes);
            }
        }
        long cause = -1;
        int orders = 0;
        for (final byte[] bytes : records)
        {
            final UnsafeBuffer view = new UnsafeBuffer(bytes);
            if (RecordHeader.templateId(view, 0) == RecordType.ORDER.code() && ++orders == 10)
            {
                cause = RecordHeader.sequence(view, 0);
                break;
            }
        }
        assertTrue(cause >= 0, "the session has 10 orders");
        int cut = 0;
        while (true)
        {
            final UnsafeBuffer view = new UnsafeBuffer(records.get(cut));
            cut++;
            if (RecordType.get(RecordHeader.templateId(view, 0)).isInput() && RecordHeader.sequence(view, 0) == cause)
            {
                break;
            }
        }
        long lost = 0;
        for (int i = cut; i < records.size(); i++)
        {
            final UnsafeBuffer view = new UnsafeBuffer(records.get(i));
            if (!RecordType.get(RecordHeader.templateId(view, 0)).isInput() && RecordHeader.sequence(view, 0) <= cause)
            {
                lost++;
            }
        }
        if (changeAnOrder)
        {
            for (int i = cut - 1; i >= 0; i--)
            {
                final UnsafeBuffer view = new UnsafeBuffer(records.get(i));
                if (RecordHeader.templateId(view, 0) == RecordType.ORDER.code())
                {
                    final OrderCodec order = new OrderCodec();
                    order.wrap(view, 0);
                    order.qtyLots(order.qtyLots() + 1);
                    break;
                }
            }
        }
        try (Journal target = Journal.openForWriting(to, header, JournalContext.DEFAULT))
        {
            final JournalWriter writer = target.newWriter();
            for (int i = 0; i < cut; i++)
            {
                final UnsafeBuffer view = new UnsafeBuffer(records.get(i));
                writer.append(view, 0, records.get(i).length);
            }
            final UnsafeBuffer start = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            final AdminCommandCodec command = new AdminCommandCodec();
            command.wrapForEncode(start, 0, 0);
            command.command(AdminCommandType.SESSION_START).argument(0).origin(CommandOrigin.ENGINE)
                .principal("engine").reason("restart").remoteAddress("");
            RecordHeader.stamp(start, 0, cause + 1, RecordHeader.timeNs(new UnsafeBuffer(records.get(cut - 1)), 0));
            writer.append(start, 0, command.encodedLength());
        }
        return lost;
    }

    @Test
    void shouldVerifyEverythingBeforeATornLastRecord() throws Exception
    {
        final Path torn = dir.resolve("torn");
        copy(journalDir, torn);
        tearLastAppend(torn);

        final Result result = execute("replay", "--journal", torn.toString(), "--verify");

        assertEquals(0, result.exitCode, result.err);
        assertTrue(result.out.startsWith("events replayed: " + contents.inputs + "\n"), result.out);
        assertTrue(result.out.endsWith("\nidentical\n"), result.out);
    }

    @Test
    void shouldHelpWithBothModes()
    {
        final Result result = execute("replay", "--help");

        assertEquals(0, result.exitCode, result.err);
        assertTrue(result.out.contains("--verify"), result.out);
        assertTrue(result.out.contains("--diff"), result.out);
        assertTrue(result.out.contains("what-if"), result.out);
        assertTrue(result.out.contains("Exit codes: 0 identical or diff done, 1 divergence, 2 bad usage"), result.out);
    }

    private static VerifyResult verify(final Path journalDirectory, final String yaml) throws Exception
    {
        final Configuration config = new ConfigLoader().parseJournaled("test", yaml);
        try (Journal journal = Journal.openForReading(journalDirectory))
        {
            return new Replayer(config).verify(journal);
        }
    }

    private static List<String> names(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        for (final Iterator<String> it = node.fieldNames(); it.hasNext(); )
        {
            names.add(it.next());
        }
        return names;
    }

    private static void copy(final Path from, final Path to) throws IOException
    {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    /**
     * Start an append and leave it unfinished, as a writer killed in the middle of a record would.
     */
    private static void tearLastAppend(final Path journal)
    {
        final SingleChronicleQueue queue = ChronicleQueue.singleBuilder(journal).timeoutMS(100).build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext document = appender.writingDocument();
        document.wire().bytes().write(new byte[] {1, 2, 3});
        // Neither the document nor the queue is closed: the entry stays incomplete, as after kill -9. The queue stays
        // reachable so that no finalizer closes it (and logs) while the test runs.
        TORN_QUEUES.add(queue);
    }

    private static Result execute(final String... args)
    {
        final PrintStream stdout = System.out;
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        try
        {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            final int exitCode = Main.execute(args);
            System.out.flush();
            System.err.flush();
            return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private record Result(int exitCode, String out, String err)
    {
    }

    /**
     * What a journal holds, read independently of the replay.
     */
    private static final class Contents
    {
        final List<Long> outputIndexes = new ArrayList<>();
        final Map<Long, String> formatted = new HashMap<>();
        final Map<RecordType, Long> counts = new HashMap<>();
        long inputs;
        long market;

        static Contents read(final Path directory) throws Exception
        {
            final Contents contents = new Contents();
            final RecordFormatter formatter = new RecordFormatter();
            final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            try (Journal journal = Journal.openForReading(directory); JournalReader reader = journal.newReader())
            {
                while (reader.next(record) > 0)
                {
                    final RecordType type = RecordType.get(RecordHeader.templateId(record, 0));
                    assertNotNull(type);
                    contents.counts.merge(type, 1L, Long::sum);
                    if (type.isInput())
                    {
                        contents.inputs++;
                        if (WhatIf.isMarketData(type.code()))
                        {
                            contents.market++;
                        }
                    }
                    else
                    {
                        contents.outputIndexes.add(reader.index());
                        contents.formatted.put(reader.index(), formatter.format(record, 0));
                    }
                }
            }
            return contents;
        }

        long count(final RecordType type)
        {
            return counts.getOrDefault(type, 0L);
        }

        long outputsBefore(final long index)
        {
            return outputIndexes.stream().filter(i -> i < index).count();
        }

        String formatted(final long index)
        {
            return formatted.get(index);
        }

        long firstOutputOf(final int instrumentId)
        {
            return outputIndexes.stream().filter(i -> formatted.get(i).contains(" instrument=" + instrumentId + " "))
                .findFirst().orElseThrow();
        }
    }
}
