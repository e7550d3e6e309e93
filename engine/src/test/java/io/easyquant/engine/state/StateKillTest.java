package io.easyquant.engine.state;

import io.easyquant.engine.DirectEngine;
import io.easyquant.engine.order.Order;
import io.easyquant.engine.portfolio.PositionBook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process writing the state maps is killed with SIGKILL in the middle of a burst of updates; the maps reopen with
 * recovery, the check against the journal's state finds only entries the last journaled steps changed, and the rebuild
 * makes them equal.
 */
class StateKillTest
{
    static final long SEED = 11;

    @TempDir
    Path dir;

    @Test
    void shouldRecoverMapsOfAProcessKilledMidUpdateAndRebuildWhatDiffers() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 3; round++)
        {
            killAndRecover(dir.resolve("round-" + round), 50 + random.nextInt(400));
        }
    }

    private void killAndRecover(final Path data, final int killAfterMs) throws Exception
    {
        Files.createDirectories(data);
        final Path journal = data.resolve("steps");
        final Process child = startChild(data, journal);
        try
        {
            final BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            final String line = out.readLine();
            assertEquals("ready", line, "child output");
            Thread.sleep(killAfterMs);
        }
        finally
        {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child exits");
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        final long journaled = Files.size(journal) / Long.BYTES;
        assertTrue(journaled > 2_000, "steps journaled: " + journaled);
        final Touched touched = new Touched();
        final StatePipeline truth = new StatePipeline(SEED, new StateRecorders(touched, touched));
        for (long i = 1; i < journaled; i++)
        {
            truth.step();
        }
        touched.armed = true;
        truth.step();
        final Set<String> changedByLastStep = touched.names;

        try (StateStore store = StateStore.open(data, StatePipeline.layout()))
        {
            assertEquals(List.of(), store.replacedFiles(), "a killed writer's maps open with recovery");
            final DirectEngine engine = truth.engine();
            final List<StateMismatch> mismatches =
                store.check(engine.execution().positions(), engine.execution().orders(), engine.risk());
            for (final StateMismatch mismatch : mismatches)
            {
                assertTrue(changedByLastStep.contains(mismatch.map() + " " + mismatch.entry()),
                    "only entries the last journaled step changes may differ: " + mismatch + " not in " +
                    changedByLastStep);
            }
            System.out.println("killed after " + journaled + " steps journaled; entries the last step writes: " +
                changedByLastStep + "; disagreeing after recovery: " + mismatches);
            store.rebuild(engine.execution().positions(), engine.execution().orders(), engine.risk(),
                journaled);
            assertEquals(List.of(),
                store.check(engine.execution().positions(), engine.execution().orders(), engine.risk()));
        }
    }

    /**
     * Names the entries written while armed, as the check names them.
     */
    private static final class Touched implements ExecutionStateRecorder, RiskStateRecorder
    {
        final Set<String> names = new HashSet<>();
        boolean armed;

        @Override
        public void position(final int instrumentIndex, final PositionBook positions, final long inputSequence)
        {
            if (armed)
            {
                names.add("positions instrument " + instrumentIndex);
            }
        }

        @Override
        public void order(final Order order, final long inputSequence)
        {
            if (armed)
            {
                names.add("orders order slot " + order.slot());
            }
        }

        @Override
        public void counter(final int instrumentIndex, final int counter, final long value, final long inputSequence)
        {
            if (armed)
            {
                names.add("risk-counters counter " + counter +
                    (instrumentIndex < 0 ? " engine-wide" : " of instrument " + instrumentIndex));
            }
        }

        @Override
        public void tradingState(final int state, final int origin, final long inputSequence)
        {
            if (armed)
            {
                names.add("trading-state engine");
            }
        }
    }

    static Process startChild(final Path data, final Path journal) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : System.getProperty("easyquant.jvm.flags", "").trim().split("\\s+"))
        {
            if (!flag.isEmpty())
            {
                command.add(flag);
            }
        }
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StateWriterMain.class.getName());
        command.add(data.toString());
        command.add(journal.toString());
        command.add("2000");
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
