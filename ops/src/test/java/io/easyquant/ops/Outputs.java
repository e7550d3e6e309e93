package io.easyquant.ops;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Assertions on what the command line prints.
 */
public final class Outputs
{
    private Outputs()
    {
    }

    /**
     * Operator-facing output carries messages, never a Java stack trace or exception name.
     */
    public static void assertNoStackTrace(final String output)
    {
        assertFalse(output.contains("at io."), output);
        assertFalse(output.contains("\tat "), output);
        assertFalse(output.contains("Exception"), output);
    }

    /**
     * A global counter from the session summary, e.g. {@code "  fills                 125"}.
     *
     * @throws AssertionError if the summary has no such line.
     */
    public static long summaryCounter(final String output, final String name)
    {
        final Matcher matcher = Pattern.compile("^  " + Pattern.quote(name) + " +(\\d+)$", Pattern.MULTILINE)
            .matcher(output);
        if (!matcher.find())
        {
            throw new AssertionError("no summary line for " + name + " in:\n" + output);
        }
        return Long.parseLong(matcher.group(1));
    }
}
