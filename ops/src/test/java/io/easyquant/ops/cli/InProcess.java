package io.easyquant.ops.cli;

import io.easyquant.ops.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the command line in this JVM through {@link Main#execute}, capturing standard output and error.
 */
public final class InProcess
{
    private InProcess()
    {
    }

    public static Result execute(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final Result result = execute(new PrintStream(out, true, StandardCharsets.UTF_8), args);
        return new Result(result.exitCode(), out.toString(StandardCharsets.UTF_8), result.err());
    }

    /**
     * Run with {@code stdout} as standard output; the result's {@code out} is empty.
     */
    public static Result execute(final PrintStream stdout, final String... args)
    {
        final PrintStream savedOut = System.out;
        final PrintStream savedErr = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        try
        {
            System.setOut(stdout);
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            final int exitCode = Main.execute(args);
            System.err.flush();
            return new Result(exitCode, "", err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    public record Result(int exitCode, String out, String err)
    {
    }
}
