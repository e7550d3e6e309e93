package io.easyquant.journal.queue;

import net.openhft.chronicle.queue.RollCycles;

import java.util.Locale;

/**
 * How a journal's files roll and how many are kept.
 *
 * <p>Immutable.
 */
public final class JournalContext
{
    /** Roll once a day (Chronicle's FAST_DAILY). */
    public static final JournalContext DEFAULT = new JournalContext("daily", 0);

    private final RollCycles rollCycle;
    private final String rollCycleName;
    private final int retentionCycles;

    /**
     * @param rollCycle       {@code five-minutely}, {@code ten-minutely}, {@code twenty-minutely}, {@code half-hourly},
     *                        {@code hourly}, {@code two-hourly}, {@code four-hourly}, {@code six-hourly},
     *                        {@code daily} or {@code weekly}.
     * @param retentionCycles how many past cycle files to keep besides the current one; 0 keeps every file.
     * @throws IllegalArgumentException naming the field for a bad value.
     */
    public JournalContext(final String rollCycle, final int retentionCycles)
    {
        this.rollCycle = parse(rollCycle);
        this.rollCycleName = rollCycle.toLowerCase(Locale.ROOT);
        if (retentionCycles < 0)
        {
            throw new IllegalArgumentException("retentionCycles: expected an integer >= 0 (0 keeps every file), got " +
                retentionCycles);
        }
        this.retentionCycles = retentionCycles;
    }

    private static RollCycles parse(final String name)
    {
        switch (name == null ? "" : name.toLowerCase(Locale.ROOT))
        {
            case "five-minutely": return RollCycles.FIVE_MINUTELY;
            case "ten-minutely": return RollCycles.TEN_MINUTELY;
            case "twenty-minutely": return RollCycles.TWENTY_MINUTELY;
            case "half-hourly": return RollCycles.HALF_HOURLY;
            case "hourly": return RollCycles.FAST_HOURLY;
            case "two-hourly": return RollCycles.TWO_HOURLY;
            case "four-hourly": return RollCycles.FOUR_HOURLY;
            case "six-hourly": return RollCycles.SIX_HOURLY;
            case "daily": return RollCycles.FAST_DAILY;
            case "weekly": return RollCycles.WEEKLY;
            default:
                throw new IllegalArgumentException("rollCycle: expected one of five-minutely, ten-minutely, " +
                    "twenty-minutely, half-hourly, hourly, two-hourly, four-hourly, six-hourly, daily, weekly; got '" +
                    name + "'");
        }
    }

    public RollCycles rollCycle()
    {
        return rollCycle;
    }

    public String rollCycleName()
    {
        return rollCycleName;
    }

    public int retentionCycles()
    {
        return retentionCycles;
    }
}
