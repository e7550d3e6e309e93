package io.easyquant.perf.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A Markdown table of a JMH run's JSON results ({@code -rf json}): each benchmark's score and error, its percentiles
 * for sample-time benchmarks, and the allocation per operation measured by {@code -prof gc}.
 */
final class JmhSummary
{
    private JmhSummary()
    {
    }

    static void summarise(final Path json, final PrintStream out) throws IOException
    {
        final JsonNode results = new ObjectMapper().readTree(json.toFile());
        out.println("| benchmark | mode | score | ± error | unit | p50 | p99 | alloc B/op |");
        out.println("|---|---|---:|---:|---|---:|---:|---:|");
        for (final JsonNode result : results)
        {
            final StringBuilder name =
                new StringBuilder(result.path("benchmark").asText().replace("io.easyquant.perf.", ""));
            final JsonNode params = result.path("params");
            if (params.isObject() && params.size() > 0)
            {
                final StringJoiner values = new StringJoiner(", ", " (", ")");
                for (final Map.Entry<String, JsonNode> param : params.properties())
                {
                    values.add(param.getKey() + "=" + param.getValue().asText());
                }
                name.append(values);
            }
            final String mode = result.path("mode").asText();
            final JsonNode primary = result.path("primaryMetric");
            final JsonNode percentiles = primary.path("scorePercentiles");
            final boolean sampled = "sample".equals(mode);
            final JsonNode alloc = result.path("secondaryMetrics").path("·gc.alloc.rate.norm");
            final JsonNode allocPlain = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
            final JsonNode allocation = alloc.isMissingNode() ? allocPlain : alloc;
            out.println("| " + name + " | " + mode + " | " + number(primary.path("score").asDouble()) + " | " +
                number(primary.path("scoreError").asDouble()) + " | " + primary.path("scoreUnit").asText() + " | " +
                (sampled ? number(percentiles.path("50.0").asDouble()) : "") + " | " +
                (sampled ? number(percentiles.path("99.0").asDouble()) : "") + " | " +
                (allocation.isMissingNode() ? "n/a" : number(allocation.path("score").asDouble())) + " |");
        }
        out.println();
    }

    private static String number(final double value)
    {
        if (Double.isNaN(value))
        {
            return "n/a";
        }
        if (Math.abs(value) >= 100)
        {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (Math.abs(value) >= 10)
        {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
