package io.easyquant.admin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: it reads every line and fails with the
 * line number on anything the format does not allow.
 *
 * <p>Rules checked: lines end with a line feed; comments are {@code # HELP name text} (text escapes only {@code \\}
 * and {@code \n}) or {@code # TYPE name type} (counter, gauge, histogram, summary or untyped), at most one of each
 * per family, TYPE before the family's first sample; metric names match {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names
 * {@code [a-zA-Z_][a-zA-Z0-9_]*} and do not start with {@code __}, label values are quoted with only {@code \\},
 * {@code \"} and {@code \n} escaped; no label repeats within a sample; values are Go floats (including {@code NaN},
 * {@code +Inf}, {@code -Inf}); an optional timestamp is an integer; a family's samples are contiguous; no two samples
 * share a name and label set; a counter's samples are {@code <name>_total} or {@code <name>_created} (and its TYPE
 * names the family with or without {@code _total}); a summary's samples are the family with a {@code quantile}
 * label in [0, 1], {@code _sum}, {@code _count} or {@code _created}; counter and {@code _count} values are not
 * negative.
 */
final class PrometheusText
{
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + METRIC_NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + METRIC_NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /**
     * One sample.
     */
    record Sample(String name, Map<String, String> labels, double value)
    {
    }

    /**
     * One metric family: its name (as in TYPE), type, help and samples.
     */
    record Family(String name, String type, String help, List<Sample> samples)
    {
    }

    private PrometheusText()
    {
    }

    /**
     * @return the families by name, in the order they appear.
     * @throws AssertionError naming the line that breaks a rule.
     */
    static Map<String, Family> parse(final String text)
    {
        if (!text.isEmpty() && !text.endsWith("\n"))
        {
            throw new AssertionError("the exposition must end with a line feed");
        }
        final Map<String, Family> families = new LinkedHashMap<>();
        final Set<String> finished = new HashSet<>();
        final Set<String> seriesSeen = new HashSet<>();
        final Map<String, String> helps = new LinkedHashMap<>();
        final Map<String, String> types = new LinkedHashMap<>();
        String current = null;
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++)
        {
            final String line = lines[i];
            final int number = i + 1;
            if (line.isEmpty())
            {
                continue;
            }
            if (line.startsWith("#"))
            {
                final Matcher help = HELP.matcher(line);
                final Matcher type = TYPE.matcher(line);
                if (line.startsWith("# HELP "))
                {
                    check(help.matches(), number, line, "malformed HELP");
                    checkHelpEscapes(help.group(2), number, line);
                    check(!helps.containsKey(help.group(1)), number, line, "second HELP for " + help.group(1));
                    helps.put(help.group(1), unescapeHelp(help.group(2)));
                    current = switchFamily(current, familyOf(help.group(1), types), finished, number, line);
                }
                else if (line.startsWith("# TYPE "))
                {
                    check(type.matches(), number, line, "malformed TYPE (type must be one of " + TYPES + ")");
                    final String name = type.group(1);
                    check(!types.containsKey(name), number, line, "second TYPE for " + name);
                    check(!families.containsKey(name) && !families.containsKey(strip(name)), number, line,
                        "TYPE after samples of " + name);
                    types.put(name, type.group(2));
                    current = switchFamily(current, name, finished, number, line);
                }
                continue;
            }
            final Sample sample = sample(line, number);
            final String family = familyOf(sample.name(), types);
            current = switchFamily(current, family, finished, number, line);
            final String type = types.getOrDefault(family, "untyped");
            checkSampleName(type, family, sample, number, line);
            check(seriesSeen.add(sample.name() + new TreeMap<>(sample.labels())), number, line, "duplicate sample");
            families.computeIfAbsent(family, f -> new Family(f, type, helps.get(f), new ArrayList<>()))
                .samples().add(sample);
        }
        return families;
    }

    private static String switchFamily(final String current, final String family, final Set<String> finished,
        final int number, final String line)
    {
        if (!family.equals(current))
        {
            check(!finished.contains(family), number, line, "the samples of " + family + " are not contiguous");
            if (current != null)
            {
                finished.add(current);
            }
        }
        return family;
    }

    /**
     * The family a sample or comment name belongs to: the TYPE name it extends, if any.
     */
    private static String familyOf(final String name, final Map<String, String> types)
    {
        if (types.containsKey(name))
        {
            return name;
        }
        for (final String suffix : new String[] {"_total", "_created", "_sum", "_count", "_bucket"})
        {
            if (name.endsWith(suffix))
            {
                final String base = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(base))
                {
                    return base;
                }
                if ("_created".equals(suffix) && types.containsKey(base + "_total"))
                {
                    return base + "_total";
                }
            }
        }
        return name;
    }

    private static String strip(final String name)
    {
        return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
    }

    private static void checkSampleName(final String type, final String family, final Sample sample, final int number,
        final String line)
    {
        final String name = sample.name();
        switch (type)
        {
            case "counter":
                final String base = strip(family);
                check(name.equals(base + "_total") || name.equals(base + "_created"), number, line,
                    "a counter's samples are <name>_total or <name>_created");
                check(name.endsWith("_created") || sample.value() >= 0, number, line, "negative counter");
                break;
            case "summary":
                if (name.equals(family))
                {
                    final String quantile = sample.labels().get("quantile");
                    check(quantile != null, number, line, "a summary's plain sample needs a quantile label");
                    final double q = Double.parseDouble(quantile);
                    check(q >= 0 && q <= 1, number, line, "quantile outside [0, 1]");
                }
                else
                {
                    check(name.equals(family + "_sum") || name.equals(family + "_count") ||
                        name.equals(family + "_created"), number, line, "unexpected summary sample name");
                    check(!sample.labels().containsKey("quantile"), number, line, "quantile label on " + name);
                    check(!name.endsWith("_count") || sample.value() >= 0, number, line, "negative count");
                }
                break;
            case "histogram":
                check(name.equals(family + "_bucket") || name.equals(family + "_sum") ||
                    name.equals(family + "_count") || name.equals(family + "_created"), number, line,
                    "a histogram's samples are <name>_bucket, _sum, _count or _created");
                check(name.endsWith("_bucket") == sample.labels().containsKey("le"), number, line,
                    "a histogram's buckets, and only they, carry an le label");
                check(!name.endsWith("_bucket") && !name.endsWith("_count") || sample.value() >= 0, number, line,
                    "negative count");
                break;
            case "gauge":
            case "untyped":
                check(name.equals(family), number, line, "a " + type + "'s sample must carry the family's name");
                break;
            default:
                break;
        }
    }

    private static Sample sample(final String line, final int number)
    {
        int at = 0;
        while (at < line.length() && line.charAt(at) != '{' && line.charAt(at) != ' ')
        {
            at++;
        }
        final String name = line.substring(0, at);
        check(METRIC_NAME.matcher(name).matches(), number, line, "bad metric name '" + name + "'");
        final Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{')
        {
            at++;
            while (true)
            {
                if (line.charAt(at) == '}')
                {
                    at++;
                    break;
                }
                final int equals = line.indexOf('=', at);
                check(equals > at, number, line, "label without '='");
                final String label = line.substring(at, equals);
                check(LABEL_NAME.matcher(label).matches() && !label.startsWith("__"), number, line,
                    "bad label name '" + label + "'");
                check(equals + 1 < line.length() && line.charAt(equals + 1) == '"', number, line,
                    "label value not quoted");
                final StringBuilder value = new StringBuilder();
                int j = equals + 2;
                while (true)
                {
                    check(j < line.length(), number, line, "unterminated label value");
                    final char c = line.charAt(j);
                    if (c == '"')
                    {
                        break;
                    }
                    if (c == '\\')
                    {
                        check(j + 1 < line.length(), number, line, "dangling escape");
                        final char e = line.charAt(j + 1);
                        check(e == '\\' || e == '"' || e == 'n', number, line, "bad escape \\" + e);
                        value.append(e == 'n' ? '\n' : e);
                        j += 2;
                        continue;
                    }
                    value.append(c);
                    j++;
                }
                check(labels.put(label, value.toString()) == null, number, line, "label " + label + " repeated");
                at = j + 1;
                check(at < line.length(), number, line, "unterminated label set");
                if (line.charAt(at) == ',')
                {
                    at++;
                }
                else
                {
                    check(line.charAt(at) == '}', number, line, "expected ',' or '}' after a label");
                }
            }
        }
        check(at < line.length() && line.charAt(at) == ' ', number, line, "expected a space before the value");
        final String[] rest = line.substring(at + 1).split(" ", -1);
        check(rest.length == 1 || rest.length == 2, number, line, "expected a value and an optional timestamp");
        final double value = value(rest[0], number, line);
        if (rest.length == 2)
        {
            check(rest[1].matches("-?\\d+"), number, line, "the timestamp must be an integer");
        }
        return new Sample(name, labels, value);
    }

    private static double value(final String text, final int number, final String line)
    {
        switch (text)
        {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                check(text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?"), number, line,
                    "bad value '" + text + "'");
                return Double.parseDouble(text);
        }
    }

    private static void checkHelpEscapes(final String help, final int number, final String line)
    {
        for (int i = 0; i < help.length(); i++)
        {
            if (help.charAt(i) == '\\')
            {
                check(i + 1 < help.length() && (help.charAt(i + 1) == '\\' || help.charAt(i + 1) == 'n'), number,
                    line, "HELP escapes only \\\\ and \\n");
                i++;
            }
        }
    }

    private static String unescapeHelp(final String help)
    {
        return help.replace("\\n", "\n").replace("\\\\", "\\");
    }

    private static void check(final boolean ok, final int number, final String line, final String rule)
    {
        if (!ok)
        {
            throw new AssertionError("line " + number + ": " + rule + ": " + line);
        }
    }
}
