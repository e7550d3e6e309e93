package io.easyquant.ops.replay;

import io.easyquant.journal.RecordSink;
import io.easyquant.ops.backtest.Simulation;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The output journal of a what-if simulation: every output record copied, together with its decision point, the
 * number of market events the simulation had run when the output was produced ({@link Simulation#marketEvents()} at
 * capture time). Two runs of the same market data line up on that ordinal even where their venue reports shift the
 * engine sequences ({@code causeSequence}) apart.
 *
 * <p>A replay tool, not the hot path: it allocates a copy per output. {@link #clear()} after the outputs have been
 * used keeps a long run's memory bounded. Single-threaded, like the simulation it belongs to.
 */
final class DecisionCapture implements RecordSink
{
    /**
     * One captured output.
     *
     * @param marketEvent market events run before the one that caused this output (0 for the first event's outputs).
     * @param record      a copy of the record, header included.
     */
    record Output(long marketEvent, byte[] record)
    {
    }

    private final List<Output> outputs = new ArrayList<>();
    private Simulation simulation;

    /**
     * Take decision points from this simulation: the one whose output journal this is. Called once, right after the
     * simulation is made (it needs the sink first).
     */
    void attach(final Simulation simulation)
    {
        this.simulation = simulation;
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (simulation == null)
        {
            throw new IllegalStateException("an output before the capture was attached to its simulation");
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        outputs.add(new Output(simulation.marketEvents(), copy));
    }

    /**
     * @return the outputs captured since the last {@link #clear()}, in the order they were produced.
     */
    List<Output> outputs()
    {
        return outputs;
    }

    void clear()
    {
        outputs.clear();
    }
}
