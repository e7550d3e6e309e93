package io.easyquant.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Configuration text for tests: the repository's paper configuration, a minimal one, and exact edits of either.
 * Tests run with {@code ops/} as the working directory.
 */
public final class TestConfigs
{
    /** The paper configuration shipped in the repository. */
    public static final Path PAPER = Path.of("../config/paper.yaml");

    /**
     * The smallest valid configuration: two instruments, one synthetic feed over the first, defaults elsewhere.
     * Line numbers matter to the tests that quote them.
     */
    public static final String MINIMAL =
        "instruments:\n" +                                                                       // 1
        "  - { id: 1, symbol: BTC-USD, tickSize: 0.01, lotSize: 0.0001 }\n" +                     // 2
        "  - { id: 2, symbol: ETH-USD, tickSize: 0.01, lotSize: 0.001 }\n" +                      // 3
        "feeds:\n" +                                                                             // 4
        "  - type: synthetic\n" +                                                                // 5
        "    ratePerSecond: 100\n" +                                                             // 6
        "    instruments:\n" +                                                                   // 7
        "      - { symbol: BTC-USD, startPrice: 60000, annualVolatility: 0.8, size: 0.5 }\n" +   // 8
        "strategy:\n" +                                                                          // 9
        "  type: ma-crossover\n" +                                                               // 10
        "  quantity: { default: 0.01 }\n" +                                                      // 11
        "risk:\n" +                                                                              // 12
        "  maxOrderQty: { default: 0.05 }\n" +                                                   // 13
        "  maxPosition: { default: 0.05 }\n";                                                    // 14

    private TestConfigs()
    {
    }

    public static String paper()
    {
        try
        {
            return Files.readString(PAPER);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Replace text that must occur exactly once, so that a changed base configuration fails the test loudly rather
     * than making the edit a silent no-op.
     */
    public static String edit(final String yaml, final String old, final String replacement)
    {
        final int at = yaml.indexOf(old);
        if (at < 0 || yaml.indexOf(old, at + 1) >= 0)
        {
            throw new AssertionError("expected exactly one '" + old + "' in:\n" + yaml);
        }
        return yaml.substring(0, at) + replacement + yaml.substring(at + old.length());
    }

    /**
     * Replace the paper configuration's {@code feeds} section.
     *
     * @param feeds the new section, starting with {@code feeds:} and ending with a newline.
     */
    public static String withFeeds(final String paperYaml, final String feeds)
    {
        final int start = paperYaml.indexOf("\nfeeds:\n") + 1;
        final int end = paperYaml.indexOf("\nfeatures:\n") + 1;
        if (start <= 0 || end <= start)
        {
            throw new AssertionError("no feeds section followed by features in:\n" + paperYaml);
        }
        return paperYaml.substring(0, start) + feeds + "\n" + paperYaml.substring(end);
    }

    public static Path write(final Path file, final String text)
    {
        try
        {
            return Files.writeString(file, text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
