package io.easyquant.engine.state;

import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.order.Order;
import io.easyquant.engine.risk.RiskCounter;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.TradingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state maps against the stages that write them: real Chronicle Map files in a temporary directory.
 */
class StateStoreTest
{
    @TempDir
    Path dataDir;

    /**
     * Counters and trading state as a risk stage would hold them: a small table the test writes through the recorder
     * and hands to the check.
     */
    static final class RiskTruth implements RiskStateSource
    {
        final long[][] values = new long[3][4];
        int state = TradingState.ACTIVE;

        void set(final RiskStateRecorder recorder, final int instrumentIndex, final int counter, final long value,
            final long sequence)
        {
            values[instrumentIndex + 1][counter] = value;
            recorder.counter(instrumentIndex, counter, value, sequence);
        }

        @Override
        public int counterCount()
        {
            return 4;
        }

        @Override
        public long counter(final int instrumentIndex, final int counter)
        {
            return values[instrumentIndex + 1][counter];
        }

        @Override
        public int tradingState()
        {
            return state;
        }
    }

    private StatePipeline run(final StateStore store, final int steps)
    {
        final StatePipeline pipeline = new StatePipeline(7, StatePipeline.executionOnly(store));
        for (int i = 0; i < steps; i++)
        {
            pipeline.step();
        }
        for (int i = 0; i < 10_000 && pipeline.engine().execution().orders().openOrders() == 0; i++)
        {
            pipeline.step();
        }
        return pipeline;
    }

    @Test
    void shouldEqualTheStagesStateAfterCloseAndReopen() throws IOException
    {
        final StatePipeline pipeline;
        final RiskTruth risk = new RiskTruth();
        try (StateStore store = StateStore.open(dataDir, StatePipeline.layout()))
        {
            assertEquals(List.of(), store.replacedFiles());
            pipeline = run(store, 20_000);
            risk.set(store.riskRecorder(), -1, 0, 12, 100);
            risk.set(store.riskRecorder(), 1, 3, -5, 101);
            risk.state = TradingState.REDUCING;
            store.riskRecorder().tradingState(TradingState.REDUCING, CommandOrigin.RISK_RULE, 102);
        }
        final DirectEngine engine = pipeline.engine();
        assertTrue(engine.counters().get(EngineCounters.FILLS) > 100, "fills flowed");
        assertTrue(engine.counters().get(EngineCounters.PARTIAL_FILLS) > 100, "partial fills flowed");
        assertTrue(engine.execution().orders().openOrders() > 0, "orders remain working");
        assertTrue(engine.execution().positions().fills(0) > 0 && engine.execution().positions().fills(1) > 0);

        try (StateStore reopened = StateStore.open(dataDir, StatePipeline.layout()))
        {
            assertEquals(List.of(), reopened.replacedFiles());
            assertEquals(List.of(),
                reopened.check(engine.execution().positions(), engine.execution().orders(), risk));
            final long[] copy = new long[2 + StateSlot.FIELDS];
            assertEquals(StateSlot.CLEAN, reopened.tradingSlot().read(copy, 0));
            assertEquals(CommandOrigin.RISK_RULE, copy[2 + StateStore.TRADING_STATE_ORIGIN]);
            assertEquals(102, copy[1]);
            assertEquals(StateSlot.CLEAN, reopened.counterSlot(1, 3).read(copy, 0));
            assertEquals(-5, copy[2]);
            assertEquals(101, copy[1]);
        }
    }

    /**
     * The risk stage writes its own counters and trading state: after a run and a kill-switch command, the reopened
     * maps equal the risk stage's values, the trading state HALTED with the command's origin.
     */
    @Test
    void shouldMirrorTheRiskStagesCountersAndTradingState() throws IOException
    {
        final DirectEngine engine;
        try (StateStore store = StateStore.open(dataDir, StatePipeline.layout()))
        {
            final StatePipeline pipeline = new StatePipeline(7, StateRecorders.of(store));
            for (int i = 0; i < 5_000; i++)
            {
                pipeline.step();
            }
            engine = pipeline.engine();
            assertTrue(engine.inputs().publishAdminCommand(9, AdminCommandType.KILL_ENGAGE, 0, CommandOrigin.CLI,
                "ops", "test", "", true));
            engine.drain();
            assertEquals(TradingState.HALTED, engine.risk().tradingState());
        }
        final long[] expected = {
            engine.risk().counter(RiskCounter.ENGINE_WIDE, RiskCounter.DAILY_PNL_CASH),
            engine.risk().counter(0, RiskCounter.POSITION_LOTS),
            engine.risk().counter(1, RiskCounter.POSITION_LOTS)};
        assertTrue(expected[0] != 0 && (expected[1] != 0 || expected[2] != 0), "counters moved: " +
            java.util.Arrays.toString(expected));

        try (StateStore reopened = StateStore.open(dataDir, StatePipeline.layout()))
        {
            assertEquals(List.of(),
                reopened.check(engine.execution().positions(), engine.execution().orders(), engine.risk()));
            final long[] copy = new long[2 + StateSlot.FIELDS];
            assertEquals(StateSlot.CLEAN, reopened.tradingSlot().read(copy, 0));
            assertEquals(CommandOrigin.CLI, copy[2 + StateStore.TRADING_STATE_ORIGIN]);
            assertEquals(StateSlot.CLEAN,
                reopened.counterSlot(RiskCounter.ENGINE_WIDE, RiskCounter.DAILY_PNL_CASH).read(copy, 0));
            assertEquals(expected[0], copy[2]);
            assertTrue(copy[1] > 0, "tagged with an input sequence");
        }
    }

    @Test
    void shouldTagEveryEntryWithTheSequenceOfTheInputItReflects() throws IOException
    {
        try (StateStore store = StateStore.open(dataDir, StatePipeline.layout()))
        {
            final StatePipeline pipeline = run(store, 5_000);
            final DirectEngine engine = pipeline.engine();
            final long[] copy = new long[2 + StateSlot.FIELDS];
            final long lastSequence = engine.counters().get(EngineCounters.EVENTS_IN);
            for (int slot = 0; slot < StatePipeline.MAX_WORKING_ORDERS; slot++)
            {
                final Order working = engine.execution().orders().workingAt(slot);
                assertEquals(StateSlot.CLEAN, store.orderSlot(slot).read(copy, 0));
                if (working != null)
                {
                    assertEquals(working.clOrdId(), copy[2 + StateStore.ORDER_CL_ORD_ID]);
                    assertTrue(copy[1] > 0 && copy[1] <= lastSequence, "tag " + copy[1] + " of slot " + slot);
                }
                else
                {
                    assertFalse(StateStore.isWorking(copy[2 + StateStore.ORDER_STATE]));
                }
            }
        }
    }

    @Test
    void shouldNameAnInjectedMismatchAndRebuildOnlyThatEntry() throws IOException
    {
        try (StateStore store = StateStore.open(dataDir, StatePipeline.layout()))
        {
            final StatePipeline pipeline = run(store, 5_000);
            final DirectEngine engine = pipeline.engine();
            final RiskTruth risk = new RiskTruth();
            final long realPosition = engine.execution().positions().positionLots(1);
            final StateSlot slot = store.positionSlot(1);
            slot.beginWrite();
            slot.field(StateStore.POSITION_LOTS, realPosition + 7);
            slot.endWrite(99);

            final List<StateMismatch> mismatches =
                store.check(engine.execution().positions(), engine.execution().orders(), risk);
            assertEquals(1, mismatches.size(), mismatches.toString());
            assertEquals("positions", mismatches.get(0).map());
            assertEquals("instrument 1", mismatches.get(0).entry());
            assertTrue(mismatches.get(0).mapValue().startsWith("lots=" + (realPosition + 7) + " cost_cash="),
                mismatches.get(0).mapValue());
            assertTrue(mismatches.get(0).mapValue().endsWith(" @99"), mismatches.get(0).mapValue());
            assertTrue(mismatches.get(0).journalValue().startsWith("lots=" + realPosition + " cost_cash="),
                mismatches.get(0).journalValue());

            assertEquals(1, store.rebuild(engine.execution().positions(), engine.execution().orders(), risk, 5_000));
            assertEquals(List.of(), store.check(engine.execution().positions(), engine.execution().orders(), risk));
        }
    }

    @Test
    void shouldReportTornAndCorruptEntriesAndADifferentTradingState() throws IOException
    {
        try (StateStore store = StateStore.open(dataDir, StatePipeline.layout()))
        {
            final StatePipeline pipeline = run(store, 5_000);
            final DirectEngine engine = pipeline.engine();
            final RiskTruth risk = new RiskTruth();
            risk.set(store.riskRecorder(), 0, 2, 40, 10);
            store.orderSlot(3).beginWrite();
            store.counterSlot(0, 2).damageChecksum();
            risk.state = TradingState.HALTED;

            final List<StateMismatch> mismatches =
                store.check(engine.execution().positions(), engine.execution().orders(), risk);
            assertEquals(3, mismatches.size(), mismatches.toString());
            assertEquals("order slot 3", mismatches.get(0).entry());
            assertTrue(mismatches.get(0).mapValue().startsWith("torn "), mismatches.get(0).mapValue());
            assertEquals("counter 2 of instrument 0", mismatches.get(1).entry());
            assertTrue(mismatches.get(1).mapValue().startsWith("corrupt "), mismatches.get(1).mapValue());
            assertEquals("trading-state", mismatches.get(2).map());
            assertEquals("HALTED", mismatches.get(2).journalValue());

            assertEquals(3, store.rebuild(engine.execution().positions(), engine.execution().orders(), risk, 5_000));
            assertEquals(List.of(), store.check(engine.execution().positions(), engine.execution().orders(), risk));
        }
    }

    @Test
    void shouldMoveACorruptedHeaderAsideAndRebuildFromTheJournal() throws IOException
    {
        shouldMoveADamagedFileAsideAndRebuild(file -> overwrite(file, 0, 256));
    }

    @Test
    void shouldMoveAFileWithCorruptedEntriesAsideAndRebuildFromTheJournal() throws IOException
    {
        shouldMoveADamagedFileAsideAndRebuild(file ->
        {
            overwrite(file, offsetOfMagic(file) + 64, 200);
        });
    }

    @Test
    void shouldMoveATruncatedFileAsideAndRebuildFromTheJournal() throws IOException
    {
        shouldMoveADamagedFileAsideAndRebuild(file ->
        {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
            {
                raf.setLength(raf.length() / 2);
            }
        });
    }

    @Test
    void shouldRefuseAFileOfAnotherLayoutAndRebuild() throws IOException
    {
        try (StateStore store = StateStore.open(dataDir, new StateLayout(2, 8)))
        {
            assertEquals(List.of(), store.replacedFiles());
        }
        try (StateStore store = StateStore.open(dataDir, StatePipeline.layout()))
        {
            assertEquals(1, store.replacedFiles().size(), store.replacedFiles().toString());
            assertTrue(store.replacedFiles().get(0).contains("orders.cmap"), store.replacedFiles().toString());
            final StatePipeline pipeline = run(store, 2_000);
            final DirectEngine engine = pipeline.engine();
            assertEquals(List.of(),
                store.check(engine.execution().positions(), engine.execution().orders(), new RiskTruth()));
        }
    }

    interface Damage
    {
        void apply(Path file) throws IOException;
    }

    private void shouldMoveADamagedFileAsideAndRebuild(final Damage damage) throws IOException
    {
        final StatePipeline pipeline;
        try (StateStore store = StateStore.open(dataDir, StatePipeline.layout()))
        {
            pipeline = run(store, 5_000);
        }
        final DirectEngine engine = pipeline.engine();
        final Path positions = dataDir.resolve(StateStore.DIRECTORY).resolve(StateStore.POSITIONS_FILE);
        damage.apply(positions);

        try (StateStore store = StateStore.open(dataDir, StatePipeline.layout()))
        {
            assertEquals(1, store.replacedFiles().size(), store.replacedFiles().toString());
            assertTrue(store.replacedFiles().get(0).contains("positions.cmap"), store.replacedFiles().toString());
            try (Stream<Path> files = Files.list(positions.getParent()))
            {
                assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("positions.cmap.corrupt-"))
                    .count());
            }
            final RiskTruth risk = new RiskTruth();
            final List<StateMismatch> mismatches =
                store.check(engine.execution().positions(), engine.execution().orders(), risk);
            assertEquals(2, mismatches.size(), "both positions are gone from the new file: " + mismatches);
            assertEquals(2, store.rebuild(engine.execution().positions(), engine.execution().orders(), risk, 5_000));
            assertEquals(List.of(), store.check(engine.execution().positions(), engine.execution().orders(), risk));
        }
        try (StateStore store = StateStore.open(dataDir, StatePipeline.layout()))
        {
            assertEquals(List.of(), store.replacedFiles());
            assertEquals(List.of(),
                store.check(engine.execution().positions(), engine.execution().orders(), new RiskTruth()));
        }
    }

    private static void overwrite(final Path file, final long offset, final int length) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            final byte[] junk = new byte[length];
            for (int i = 0; i < length; i++)
            {
                junk[i] = (byte)(0xA5 ^ i);
            }
            raf.write(junk, 0, (int)Math.min(length, raf.length() - offset));
        }
    }

    /**
     * @return the file offset of the layout entry's magic: the entries are stored around it.
     */
    private static long offsetOfMagic(final Path file) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + Long.BYTES <= bytes.length; i++)
        {
            if (buffer.getLong(i) == StateMapFile.MAGIC)
            {
                return i;
            }
        }
        throw new AssertionError("no layout entry in " + file);
    }
}
