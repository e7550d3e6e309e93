package io.easyquant.ops.cli;

import io.easyquant.ops.Main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The command line in its own JVM, started as the launcher does: the build's JVM flags (system property
 * {@code easyquant.jvm.flags}, set by surefire), the test class path, {@link Main}. Standard output and error go to
 * files under {@code target/system-tests/}, kept for a failed test. Every wait is bounded.
 */
final class EasyQuantProcess implements AutoCloseable
{
    private static final Path OUTPUT_DIR = Path.of("target", "system-tests");
    private static final long POLL_INTERVAL_MS = 50;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path stdoutFile;
    private final Path stderrFile;

    private EasyQuantProcess(final Process process, final Path stdoutFile, final Path stderrFile)
    {
        this.process = process;
        this.stdoutFile = stdoutFile;
        this.stderrFile = stderrFile;
    }

    /**
     * @param name names the output files, e.g. {@code run-sigterm}.
     */
    static EasyQuantProcess start(final String name, final String... args) throws IOException
    {
        return start(name, Map.of(), args);
    }

    /**
     * @param name        names the output files, e.g. {@code run-sigterm}.
     * @param environment variables added to this process's environment.
     */
    static EasyQuantProcess start(final String name, final Map<String, String> environment, final String... args)
        throws IOException
    {
        Files.createDirectories(OUTPUT_DIR);
        final Path stdoutFile = OUTPUT_DIR.resolve(name + ".out");
        final Path stderrFile = OUTPUT_DIR.resolve(name + ".err");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        for (final String flag : System.getProperty("easyquant.jvm.flags", BuildInfo.jvmFlags()).trim().split("\\s+"))
        {
            if (!flag.isEmpty())
            {
                command.add(flag);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command)
            .redirectOutput(stdoutFile.toFile())
            .redirectError(stderrFile.toFile());
        builder.environment().putAll(environment);
        final Process process = builder.start();
        return new EasyQuantProcess(process, stdoutFile, stderrFile);
    }

    /**
     * Poll standard output until a line matches.
     *
     * @return the first match.
     * @throws AssertionError if the process ends first or nothing matches within the timeout.
     */
    Matcher awaitOutput(final Pattern pattern, final Duration timeout) throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final Matcher matcher = pattern.matcher(stdout());
            if (matcher.find())
            {
                return matcher;
            }
            if (!process.isAlive())
            {
                fail("the process exited with " + process.exitValue() + " before its output matched " + pattern +
                    "\n" + transcript());
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                fail("no output matched " + pattern + " within " + timeout + "\n" + transcript());
            }
            // Returns at once if the process exits; otherwise it is the polling interval.
            process.waitFor(POLL_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Poll, every millisecond, until a file exists.
     *
     * @throws AssertionError if the process ends first or the file does not appear within the timeout.
     */
    void awaitFile(final Path file, final Duration timeout) throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file))
        {
            if (!process.isAlive())
            {
                fail("the process exited with " + process.exitValue() + " before " + file + " appeared\n" +
                    transcript());
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                fail(file + " did not appear within " + timeout + "\n" + transcript());
            }
            // Returns at once if the process exits; otherwise it is the polling interval.
            process.waitFor(1, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Send SIGTERM (what {@link Process#destroy()} does on Linux) and wait for the exit.
     *
     * @return the exit code.
     */
    int terminate(final Duration timeout) throws IOException, InterruptedException
    {
        process.destroy();
        return awaitExit(timeout);
    }

    /**
     * @return the exit code.
     * @throws AssertionError if the process is still running after the timeout (it is then killed).
     */
    int awaitExit(final Duration timeout) throws IOException, InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            close();
            fail("the process did not exit within " + timeout + "\n" + transcript());
        }
        return process.exitValue();
    }

    String stdout() throws IOException
    {
        return Files.readString(stdoutFile, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException
    {
        return Files.readString(stderrFile, StandardCharsets.UTF_8);
    }

    String transcript() throws IOException
    {
        return "--- " + stdoutFile + "\n" + stdout() + "--- " + stderrFile + "\n" + stderr();
    }

    /**
     * Kill the process if it is still running.
     */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
            try
            {
                process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
