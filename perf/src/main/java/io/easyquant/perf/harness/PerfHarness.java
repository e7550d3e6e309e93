package io.easyquant.perf.harness;

import io.easyquant.engine.pipeline.PipelineContext;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end performance harness (a program, not JMH): each command runs one part of the suite beside its
 * baselines and appends a Markdown section to {@code --out}. {@code perf/run.sh} runs them all.
 *
 * <pre>
 *   pipeline --out FILE --work DIR [--quick] [--wait yielding] [--layout single-thread] [--rates 10000,100000,1000000]
 *   journal  --out FILE --work DIR [--quick]
 *   replay   --out FILE --work DIR [--quick]
 *   gc-log   --out FILE --log FILE --warmup SECONDS
 *   jmh      --out FILE --json FILE
 * </pre>
 *
 * Several commands separated by commas ({@code jmh,pipeline,journal,replay}) run in order in one JVM, each appending
 * its section: the quick run does so to spare JVM start-ups; the full run gives each part a JVM of its own.
 *
 * Exit codes: 0 done, 1 a run failed or disagreed with its reference, 2 bad usage.
 */
public final class PerfHarness
{
    private PerfHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length == 0)
        {
            usage("a command is required");
            return;
        }
        final Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++)
        {
            if (!args[i].startsWith("--"))
            {
                usage("unexpected argument " + args[i]);
                return;
            }
            final String name = args[i].substring(2);
            if ("quick".equals(name))
            {
                options.put(name, "true");
            }
            else if (i + 1 < args.length)
            {
                options.put(name, args[++i]);
            }
            else
            {
                usage("--" + name + " needs a value");
                return;
            }
        }
        if (!options.containsKey("out"))
        {
            usage("--out FILE is required");
            return;
        }
        final boolean quick = options.containsKey("quick");
        final Path work = Path.of(options.getOrDefault("work", System.getProperty("java.io.tmpdir")));
        try (PrintStream out = new PrintStream(new FileOutputStream(options.get("out"), true), true,
            StandardCharsets.UTF_8))
        {
            for (final String command : args[0].split(","))
            {
                run(command.trim(), out, work, quick, options);
            }
        }
    }

    private static void run(final String command, final PrintStream out, final Path work, final boolean quick,
        final Map<String, String> options) throws Exception
    {
        switch (command)
        {
            case "pipeline":
                pipeline(out, work, quick, options);
                break;
            case "journal":
                new JournalAppendBench(out, Files.createDirectories(work)).run(
                    quick ? 20_000 : 2_000_000, quick ? 1 : 3);
                break;
            case "replay":
                new ReplayBench(out, Files.createDirectories(work)).run(quick ? 10_000 : 1_000_000, quick ? 1 : 3);
                break;
            case "gc-log":
                GcLogSummary.summarise(Path.of(required(options, "log")),
                    Double.parseDouble(required(options, "warmup")), out);
                break;
            case "jmh":
                JmhSummary.summarise(Path.of(required(options, "json")), out);
                break;
            default:
                usage("unknown command " + command);
        }
    }

    private static void pipeline(
        final PrintStream out, final Path work, final boolean quick, final Map<String, String> options)
        throws Exception
    {
        final PipelineContext.WaitStrategyType wait = PipelineContext.WaitStrategyType.valueOf(
            options.getOrDefault("wait", "yielding").toUpperCase(Locale.ROOT).replace('-', '_'));
        final PipelineContext.Layout layout = PipelineContext.Layout.valueOf(
            options.getOrDefault("layout", "single-thread").toUpperCase(Locale.ROOT).replace('-', '_'));
        final PipelineBench bench = new PipelineBench(out, Files.createDirectories(work), wait, layout);
        final double saturation = bench.throughput(quick ? 30_000 : 5_000_000, quick ? 1 : 3);

        out.println("### Tick-to-trade and stage latency at fixed rates");
        out.println();
        out.println("Each rate runs the bare Disruptor, then the engine, in alternating rounds, paced by one " +
            "spinning producer thread. Latencies are in microseconds, from each quote's intended send time unless " +
            "the row says otherwise (coordinated omission corrected). A rate above the engine's saturated throughput " +
            "(median above) runs at 80% of that throughput instead: at 100% the queue grows without bound and every " +
            "percentile only measures how long the run was.");
        out.println();
        final String[] rates = options.getOrDefault("rates", "10000,100000,1000000").split(",");
        for (final String text : rates)
        {
            final double requested = Double.parseDouble(text.trim());
            final String label;
            final double rate;
            if (requested > saturation)
            {
                rate = Math.floor(0.8 * saturation / 1000) * 1000;
                label = String.format(Locale.ROOT, "%s requested, above saturation (%s): run at %s",
                    Rates.format(requested), Rates.format(saturation), Rates.format(rate));
            }
            else
            {
                rate = requested;
                label = Rates.format(rate);
            }
            bench.latency(label, rate, quick ? 0.05 : 1, quick ? 0.2 : 4, quick ? 1 : 2);
        }
    }

    private static String required(final Map<String, String> options, final String name)
    {
        final String value = options.get(name);
        if (value == null)
        {
            usage("--" + name + " is required");
        }
        return value;
    }

    private static void usage(final String problem)
    {
        System.err.println("perf harness: " + problem);
        System.err.println("usage: PerfHarness pipeline|journal|replay --out FILE --work DIR [--quick] | " +
            "gc-log --out FILE --log FILE --warmup SECONDS | jmh --out FILE --json FILE");
        System.exit(2);
    }
}
