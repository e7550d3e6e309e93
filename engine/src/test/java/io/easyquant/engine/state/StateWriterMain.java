package io.easyquant.engine.state;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * A child process for the kill test: runs the {@link StatePipeline} with the state store under {@code args[0]}, step
 * after step until killed, appending each step's number to {@code args[1]} (eight bytes, big-endian) before the step
 * runs, like a journal before its effect. Prints {@code ready} after {@code args[2]} steps.
 */
public final class StateWriterMain
{
    private StateWriterMain()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final long readyAfter = Long.parseLong(args[2]);
        try (StateStore store = StateStore.open(Path.of(args[0]), StatePipeline.layout());
            RandomAccessFile journal = new RandomAccessFile(args[1], "rw"))
        {
            final StatePipeline pipeline = new StatePipeline(StateKillTest.SEED, StateRecorders.of(store));
            for (long step = 1; ; step++)
            {
                journal.writeLong(step);
                pipeline.step();
                if (step == readyAfter)
                {
                    System.out.println("ready");
                    System.out.flush();
                }
            }
        }
    }
}
