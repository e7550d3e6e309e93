package io.easyquant.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.easyquant.ops.Outputs.assertNoStackTrace;
import static io.easyquant.ops.TestConfigs.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line in-process through {@link Main#execute}: exit codes and what the operator reads. Bad usage and
 * bad configuration exit 2 with one "error: FILE: FIELD: ..." line and never a stack trace.
 */
class CliTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPrintTheVersion()
    {
        final Result result = execute("version");

        assertEquals(0, result.exitCode, result.err);
        assertTrue(result.out.matches("easyquant \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java \\S+\\)\\R"), result.out);
        assertEquals("", result.err);
    }

    @Test
    void shouldPrintTheVersionForTheStandardOption()
    {
        final Result result = execute("--version");

        assertEquals(0, result.exitCode, result.err);
        assertTrue(result.out.matches("easyquant \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), result.out);
    }

    @Test
    void shouldAcceptThePaperConfiguration()
    {
        final Result result = execute("check-config", TestConfigs.PAPER.toString());

        assertEquals(0, result.exitCode, result.err);
        assertEquals(TestConfigs.PAPER + ": OK (3 instruments, 1 feed(s), strategy ema-crossover(20,80,LONG_SHORT))\n",
            result.out);
        assertEquals("", result.err);
    }

    @Test
    void shouldReportABadConfigurationOnOneLineWithoutAStackTrace()
    {
        final Path file = TestConfigs.write(dir.resolve("bad.yaml"),
            edit(TestConfigs.paper(), "ringSize: 65536", "ringSize: \"abc\""));

        final Result result = execute("check-config", file.toString());

        assertEquals(2, result.exitCode);
        assertEquals("error: " + file + ": pipeline.ringSize: expected an integer, got 'abc' (line 16, column 13)\n",
            result.err);
        assertEquals("", result.out);
        assertNoStackTrace(result.err);
    }

    @Test
    void shouldNameAMissingConfigurationFile()
    {
        final Result result = execute("check-config", "missing.yaml");

        assertEquals(2, result.exitCode);
        assertEquals("error: missing.yaml: file not found\n", result.err);
    }

    @Test
    void shouldRejectAnUnknownCommandWithUsage()
    {
        final Result result = execute("frobnicate");

        assertEquals(2, result.exitCode);
        assertTrue(result.err.contains("Unmatched argument at index 0: 'frobnicate'"), result.err);
        assertTrue(result.err.contains("Usage: easyquant") || result.err.contains("Did you mean: easyquant"),
            result.err);
        assertNoStackTrace(result.err);
    }

    @Test
    void shouldRequireACommand()
    {
        final Result result = execute();

        assertEquals(2, result.exitCode);
        assertTrue(result.err.startsWith(
            "a command is required: run, backtest, replay, import, journal, sink, kill, check-config, exchange, " +
            "version"), result.err);
        assertNoStackTrace(result.err);
    }

    @Test
    void shouldRequireTheConfigOptionToRun()
    {
        final Result result = execute("run");

        assertEquals(2, result.exitCode);
        assertTrue(result.err.startsWith("Missing required option: '--config=FILE'"), result.err);
        assertTrue(result.err.contains("Usage: easyquant run"), result.err);
        assertNoStackTrace(result.err);
    }

    @Test
    void shouldExplainABadDuration()
    {
        final String config = TestConfigs.PAPER.toString();

        final Result notANumber = execute("run", "--config", config, "--duration", "abc");
        final Result unknownUnit = execute("run", "--config", config, "--duration", "5x");
        final Result zero = execute("run", "--config", config, "--duration", "0s");

        assertEquals(2, notANumber.exitCode);
        assertTrue(notANumber.err.startsWith("Invalid value for option '--duration': 'abc' is not a duration; " +
            "expected a number with ms, s, m or h, e.g. 30s"), notANumber.err);
        assertEquals(2, unknownUnit.exitCode);
        assertTrue(unknownUnit.err.startsWith("Invalid value for option '--duration': '5x' has an unknown unit 'x'; " +
            "expected ms, s, m or h"), unknownUnit.err);
        assertEquals(2, zero.exitCode);
        assertTrue(zero.err.startsWith("Invalid value for option '--duration': '0s': expected a positive duration"),
            zero.err);
        assertNoStackTrace(notANumber.err + unknownUnit.err + zero.err);
    }

    @Test
    void shouldNotRunAConfigurationWithAWrongType()
    {
        final Path file = TestConfigs.write(dir.resolve("bad.yaml"),
            edit(TestConfigs.paper(), "statusIntervalSeconds: 5", "statusIntervalSeconds: often"));

        final Result result = execute("run", "--config", file.toString(), "--duration", "1s");

        assertEquals(2, result.exitCode);
        assertEquals("error: " + file + ": engine.statusIntervalSeconds: expected an integer, got 'often' " +
            "(line 8, column 26)\n", result.err);
        assertFalse(result.out.contains("EasyQuant session summary"), result.out);
        assertNoStackTrace(result.err);
    }

    @Test
    void shouldNotRunACsvFeedWhoseFileIsMissing()
    {
        final Path csv = dir.resolve("no-such-quotes.csv");
        final Path file = TestConfigs.write(dir.resolve("csv.yaml"),
            TestConfigs.withFeeds(TestConfigs.paper(), "feeds:\n  - type: csv\n    path: " + csv + "\n"));

        final Result result = execute("run", "--config", file.toString(), "--duration", "1s");

        assertEquals(2, result.exitCode);
        assertEquals("error: " + file + ": feeds[0].path: file not found: " + csv +
            "; expected a CSV file of bars, trades or quotes\n", result.err);
        assertNoStackTrace(result.err);
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
}
