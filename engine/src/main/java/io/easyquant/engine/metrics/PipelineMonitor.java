package io.easyquant.engine.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the pipeline threads publish about themselves: per stage, the thread it runs on, the last sequence it finished
 * and that event's engine time (its heartbeat), and latency histograms.
 *
 * <p>Latency, in nanoseconds of {@link System#nanoTime()}:
 * <ul>
 *   <li>per stage: the time a stage spent on an event (its service time), measured on one event in
 *       {@link #sampleEvery()} (those whose sequence is a multiple of it), so that reading the clock stays off most
 *       events;</li>
 *   <li>queue: from the producer's publish to the first stage starting on the event (same sampling);</li>
 *   <li>tick-to-trade: from the publish of a market-data event to the moment the execution stage hands the order it
 *       caused to the venue; every such order.</li>
 * </ul>
 * Each histogram is a {@link SingleWriterRecorder}: recording is wait-free and allocation-free for the one writing
 * thread; a single reader takes interval histograms ({@link SingleWriterRecorder#getIntervalHistogram(Histogram)}).
 * Values above {@link #HIGHEST_TRACKABLE_NS} are recorded as that value.
 *
 * <p>The heartbeat is event time, not a clock read: every stage sees the timer's ticks, so on a healthy pipeline the
 * heartbeat lags the clock by at most the timer interval plus the queue; a larger age means the stage is behind or
 * stuck.
 *
 * <p>Threading: each stage's slots and histograms have one writer, the thread that runs the stage; readers may be on
 * any thread. Writing never allocates, locks or waits.
 */
public final class PipelineMonitor
{
    /** Per-stage and queue timings are taken on one event in this many, by default. */
    public static final int DEFAULT_SAMPLE_EVERY = 64;
    /** The largest latency the histograms distinguish; larger values are recorded as this. */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(10);
    /** Histogram precision: two significant digits (1%). */
    public static final int SIGNIFICANT_DIGITS = 2;

    private static final int LAST_SEQUENCE = 0;
    private static final int HEARTBEAT_TIME_NS = 1;
    private static final int SLOT_FIELDS = 2;

    private final String[] stageNames;
    private final long sampleMask;
    private final AtomicLongArray stageSlots;
    private final AtomicIntegerArray reportedBy;
    private final AtomicReferenceArray<String> threads;
    private final SingleWriterRecorder[] stageLatency;
    private final SingleWriterRecorder queueLatency = newRecorder();
    private final SingleWriterRecorder tickToTrade = newRecorder();

    /**
     * @param stageNames  the stages, in pipeline order.
     * @param sampleEvery take per-stage timings on one event in this many: a power of two &ge; 1.
     */
    public PipelineMonitor(final List<String> stageNames, final int sampleEvery)
    {
        if (sampleEvery < 1 || Integer.bitCount(sampleEvery) != 1)
        {
            throw new IllegalArgumentException("sampleEvery: expected a power of two >= 1, got " + sampleEvery);
        }
        this.stageNames = stageNames.toArray(new String[0]);
        this.sampleMask = sampleEvery - 1;
        stageSlots = new AtomicLongArray(this.stageNames.length * SLOT_FIELDS);
        reportedBy = new AtomicIntegerArray(this.stageNames.length);
        threads = new AtomicReferenceArray<>(this.stageNames.length);
        stageLatency = new SingleWriterRecorder[this.stageNames.length];
        for (int i = 0; i < this.stageNames.length; i++)
        {
            stageLatency[i] = newRecorder();
            stageSlots.set(i * SLOT_FIELDS + LAST_SEQUENCE, -1);
            reportedBy.set(i, i);
        }
    }

    private static SingleWriterRecorder newRecorder()
    {
        return new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    /**
     * @return a histogram shaped like the recorders', for a reader to accumulate intervals into.
     */
    public static Histogram newHistogram()
    {
        return new Histogram(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    public int stageCount()
    {
        return stageNames.length;
    }

    public String stageName(final int stage)
    {
        return stageNames[stage];
    }

    /**
     * @return the index of the named stage, or -1.
     */
    public int stageIndex(final String name)
    {
        for (int i = 0; i < stageNames.length; i++)
        {
            if (stageNames[i].equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    public int sampleEvery()
    {
        return (int)sampleMask + 1;
    }

    /**
     * Writer: whether the event with this sequence is one whose stage timings are taken.
     */
    public boolean isSampled(final long sequence)
    {
        return (sequence & sampleMask) == 0;
    }

    /**
     * Set-up, before the pipeline starts: these stages run together on one thread, in this order, so the first one's
     * progress ({@link #onProcessed}) stands for all of them.
     */
    public void onGroup(final int[] stages)
    {
        for (final int stage : stages)
        {
            reportedBy.set(stage, stages[0]);
        }
    }

    /**
     * Writer: the stage's thread has started.
     */
    public void onStart(final int stage, final String threadName)
    {
        threads.set(stage, threadName);
    }

    /**
     * Writer: the stage (and the stages of its group, see {@link #onGroup}) finished the event with this sequence and
     * engine time.
     */
    public void onProcessed(final int stage, final long sequence, final long eventTimeNs)
    {
        stageSlots.lazySet(stage * SLOT_FIELDS + LAST_SEQUENCE, sequence);
        stageSlots.lazySet(stage * SLOT_FIELDS + HEARTBEAT_TIME_NS, eventTimeNs);
    }

    /**
     * Writer: the stage spent this long on a sampled event.
     */
    public void recordStage(final int stage, final long nanos)
    {
        stageLatency[stage].recordValue(clamp(nanos));
    }

    /**
     * Writer: a sampled event waited this long between its publish and the first stage.
     */
    public void recordQueue(final long nanos)
    {
        queueLatency.recordValue(clamp(nanos));
    }

    /**
     * Writer (execution stage): tick-to-trade of one order.
     */
    public void recordTickToTrade(final long nanos)
    {
        tickToTrade.recordValue(clamp(nanos));
    }

    private static long clamp(final long nanos)
    {
        return nanos < 0 ? 0 : Math.min(nanos, HIGHEST_TRACKABLE_NS);
    }

    /**
     * @return the name of the stage's thread, or null before it started.
     */
    public String thread(final int stage)
    {
        return threads.get(stage);
    }

    /**
     * @return the last sequence the stage finished, or -1 if none yet. Events processed = this + 1.
     */
    public long lastSequence(final int stage)
    {
        return stageSlots.get(reportedBy.get(stage) * SLOT_FIELDS + LAST_SEQUENCE);
    }

    /**
     * @return the engine time of the last event the stage finished (0 if none).
     */
    public long heartbeatTimeNs(final int stage)
    {
        return stageSlots.get(reportedBy.get(stage) * SLOT_FIELDS + HEARTBEAT_TIME_NS);
    }

    /**
     * The stage's service-time recorder. Take intervals from one reader only.
     */
    public SingleWriterRecorder stageLatency(final int stage)
    {
        return stageLatency[stage];
    }

    /**
     * The queue-wait recorder. Take intervals from one reader only.
     */
    public SingleWriterRecorder queueLatency()
    {
        return queueLatency;
    }

    /**
     * The tick-to-trade recorder. Take intervals from one reader only.
     */
    public SingleWriterRecorder tickToTrade()
    {
        return tickToTrade;
    }
}
