package io.easyquant.adapters.exchange;

/**
 * Faults the {@link FakeExchange} injects, all seeded. Zero or false turns one off.
 *
 * @param seed                  randomness of the faults (and of the simulated market).
 * @param drops                 how many times in all a market-data socket is dropped, each after a random number of
 *                              messages in [{@code dropMinMessages}, {@code dropMaxMessages}] since it subscribed
 *                              (never a socket that was sent a shutdown notice: the notice's own close ends it).
 * @param dropMinMessages       fewest messages before a drop.
 * @param dropMaxMessages       most messages before a drop.
 * @param skipProbability       a depth update is not sent to a socket (its book then has a gap).
 * @param duplicateProbability  a message is sent twice.
 * @param reorderProbability    a message is held back and sent after the next one.
 * @param quietAfterMessages    after this many market messages the exchange sends nothing for {@code quietMs}.
 * @param quietMs               how long it stays quiet.
 * @param throttled             how many snapshot requests are answered 429 with {@code Retry-After}.
 * @param banned                how many snapshot requests are answered 418 with {@code Retry-After}.
 * @param retryAfterSeconds     the {@code Retry-After} of those answers.
 * @param shutdownAfterMessages after this many messages on a socket the exchange sends Binance's {@code serverShutdown}
 *                              and drops the socket {@code shutdownGraceMessages} messages later (once).
 * @param shutdownGraceMessages messages between the notice and the drop.
 */
public record ExchangeFaults(
    long seed,
    int drops,
    int dropMinMessages,
    int dropMaxMessages,
    double skipProbability,
    double duplicateProbability,
    double reorderProbability,
    int quietAfterMessages,
    long quietMs,
    int throttled,
    int banned,
    int retryAfterSeconds,
    int shutdownAfterMessages,
    int shutdownGraceMessages)
{
    /** No faults. */
    public static final ExchangeFaults NONE = new ExchangeFaults(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0);

    public ExchangeFaults
    {
        if (drops < 0 || dropMinMessages < 0 || dropMaxMessages < dropMinMessages)
        {
            throw new IllegalArgumentException("drops: expected drops >= 0 and 0 <= min <= max messages");
        }
        for (final double p : new double[] {skipProbability, duplicateProbability, reorderProbability})
        {
            if (!(p >= 0 && p <= 1))
            {
                throw new IllegalArgumentException("probabilities: expected 0 to 1, got " + p);
            }
        }
        if (quietAfterMessages < 0 || quietMs < 0 || throttled < 0 || banned < 0 || retryAfterSeconds < 0 ||
            shutdownAfterMessages < 0 || shutdownGraceMessages < 0)
        {
            throw new IllegalArgumentException("faults: expected counts and times >= 0");
        }
    }

    /**
     * Parse {@code key=value} pairs separated by commas, e.g. {@code drops=3,skip=0.01,throttled=1}; keys: seed,
     * drops, dropMin, dropMax, skip, duplicate, reorder, quietAfter, quietMs, throttled, banned, retryAfter,
     * shutdownAfter, shutdownGrace.
     *
     * @throws IllegalArgumentException naming the key or value that is wrong.
     */
    public static ExchangeFaults parse(final String spec)
    {
        long seed = 1;
        int drops = 0;
        int dropMin = 20;
        int dropMax = 200;
        double skip = 0;
        double duplicate = 0;
        double reorder = 0;
        int quietAfter = 0;
        long quietMs = 0;
        int throttled = 0;
        int banned = 0;
        int retryAfter = 1;
        int shutdownAfter = 0;
        int shutdownGrace = 20;
        if (spec != null && !spec.isBlank())
        {
            for (final String pair : spec.split(","))
            {
                final int eq = pair.indexOf('=');
                if (eq <= 0)
                {
                    throw new IllegalArgumentException("faults: expected key=value, got '" + pair + "'");
                }
                final String key = pair.substring(0, eq).trim();
                final String value = pair.substring(eq + 1).trim();
                try
                {
                    switch (key)
                    {
                        case "seed" -> seed = Long.parseLong(value);
                        case "drops" -> drops = Integer.parseInt(value);
                        case "dropMin" -> dropMin = Integer.parseInt(value);
                        case "dropMax" -> dropMax = Integer.parseInt(value);
                        case "skip" -> skip = Double.parseDouble(value);
                        case "duplicate" -> duplicate = Double.parseDouble(value);
                        case "reorder" -> reorder = Double.parseDouble(value);
                        case "quietAfter" -> quietAfter = Integer.parseInt(value);
                        case "quietMs" -> quietMs = Long.parseLong(value);
                        case "throttled" -> throttled = Integer.parseInt(value);
                        case "banned" -> banned = Integer.parseInt(value);
                        case "retryAfter" -> retryAfter = Integer.parseInt(value);
                        case "shutdownAfter" -> shutdownAfter = Integer.parseInt(value);
                        case "shutdownGrace" -> shutdownGrace = Integer.parseInt(value);
                        default -> throw new IllegalArgumentException("faults: unknown key '" + key + "'");
                    }
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalArgumentException("faults: " + key + ": expected a number, got '" + value + "'",
                        ex);
                }
            }
        }
        return new ExchangeFaults(seed, drops, dropMin, dropMax, skip, duplicate, reorder, quietAfter, quietMs,
            throttled, banned, retryAfter, shutdownAfter, shutdownGrace);
    }
}
