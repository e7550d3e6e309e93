package io.easyquant.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shipped monitoring files under {@code ops/monitoring/} and Prometheus's {@code promtool} (Debian's
 * {@code prometheus} package; ops/test.sh installs it when missing).
 */
public final class MonitoringFiles
{
    public static final Path DIRECTORY = Path.of("monitoring");
    public static final Path RULES = DIRECTORY.resolve("easyquant-alerts.yml");
    public static final Path RULE_TESTS = DIRECTORY.resolve("easyquant-alerts.test.yml");
    public static final Path DASHBOARD = DIRECTORY.resolve("easyquant-dashboard.json");
    public static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private static final Pattern METRIC = Pattern.compile("\\b((?:easyquant|jvm|process)_[a-z_]+)");

    private MonitoringFiles()
    {
    }

    /**
     * The output of {@code promtool args...}, run in {@code directory}, failing the test unless it exits 0.
     */
    public static String promtool(final Path directory, final String... args) throws IOException, InterruptedException
    {
        if (!Files.isExecutable(PROMTOOL))
        {
            fail("this test needs " + PROMTOOL + ": apt-get install -y --no-install-recommends prometheus " +
                "(ops/test.sh installs it when missing)");
        }
        final List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
            .start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        if (process.exitValue() != 0)
        {
            fail("promtool " + String.join(" ", args) + " exited " + process.exitValue() + ":\n" + output);
        }
        return output;
    }

    /**
     * @return every metric (sample) name the alert rules and the dashboard query.
     */
    public static Set<String> metricNames() throws IOException
    {
        final Set<String> names = new TreeSet<>();
        for (final Path file : List.of(RULES, DASHBOARD))
        {
            final Matcher matcher = METRIC.matcher(Files.readString(file));
            while (matcher.find())
            {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
