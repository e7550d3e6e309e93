package io.easyquant.engine.metrics;

import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.engine.risk.RiskReason;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The engine's counters and gauges, the one place the pipeline publishes numbers for the outside (status lines, the
 * admin server, metrics). Every slot has exactly one writing stage, which updates it with an ordered store
 * ({@link #increment}, {@link #set}); readers on other threads see a recent value without any lock.
 *
 * <p>Writing never allocates and never blocks.
 */
public final class EngineCounters
{
    public static final int EVENTS_IN = 0;
    public static final int INGEST_REJECTS = 1;
    public static final int SIGNALS = 2;
    public static final int INTENTS = 3;
    public static final int RISK_REJECTS = 4;
    public static final int ORDERS_SENT = 5;
    public static final int CANCELS_SENT = 6;
    public static final int ACKS = 7;
    public static final int FILLS = 8;
    public static final int PARTIAL_FILLS = 9;
    public static final int VENUE_REJECTS = 10;
    public static final int CANCELLED = 11;
    public static final int EXPIRED = 12;
    public static final int CANCEL_REJECTS = 13;
    public static final int ILLEGAL_TRANSITIONS = 14;
    public static final int UNKNOWN_ORDER_REPORTS = 15;
    public static final int OVERFILLS = 16;
    public static final int STAGE_ERRORS = 17;
    public static final int TRADING_STATE = 18;
    public static final int LAST_EVENT_TIME_NS = 19;
    public static final int PUBLISH_REFUSALS = 20;
    public static final int SEND_REFUSALS = 21;
    public static final int BAD_FILLS = 22;
    /** Trading-state commands the risk stage refused (leaving HALTED other than by KILL_RELEASE, a bad state). */
    public static final int STATE_COMMANDS_REFUSED = 23;
    /** Trades, quotes and bars dropped before the ring while market data was held (the low-disk rule). */
    public static final int MARKET_DATA_DROPPED = 24;
    private static final int GLOBAL_COUNT = 25;

    private static final String[] GLOBAL_NAMES =
    {
        "events_in", "ingest_rejects", "signals", "intents", "risk_rejects", "orders_sent", "cancels_sent", "acks",
        "fills", "partial_fills", "venue_rejects", "cancelled", "expired", "cancel_rejects", "illegal_transitions",
        "unknown_order_reports", "overfills", "stage_errors", "trading_state", "last_event_time_ns",
        "publish_refusals", "send_refusals", "bad_fills", "state_refusals", "market_data_dropped"
    };

    /** Per-instrument gauges, written by the execution stage. */
    public static final int POSITION_LOTS = 0;
    public static final int COST_CASH = 1;
    public static final int REALIZED_CASH = 2;
    public static final int UNREALIZED_CASH = 3;
    public static final int FEES_CASH = 4;
    public static final int MARK_TICKS = 5;
    public static final int INSTRUMENT_FILLS = 6;
    private static final int PER_INSTRUMENT = 7;

    private static final int TYPE_SLOTS = 64;

    private final int instrumentCount;
    private final AtomicLongArray global = new AtomicLongArray(GLOBAL_COUNT);
    private final AtomicLongArray eventsByType = new AtomicLongArray(TYPE_SLOTS);
    private final AtomicLongArray ingestRejectsByReason = new AtomicLongArray(IngestReject.COUNT);
    private final AtomicLongArray riskRejectsByReason = new AtomicLongArray(RiskReason.COUNT);
    private final AtomicLongArray instruments;

    public EngineCounters(final int instrumentCount)
    {
        this.instrumentCount = instrumentCount;
        instruments = new AtomicLongArray(instrumentCount * PER_INSTRUMENT);
    }

    public int instrumentCount()
    {
        return instrumentCount;
    }

    public void increment(final int counter)
    {
        global.lazySet(counter, global.get(counter) + 1);
    }

    public void add(final int counter, final long delta)
    {
        global.lazySet(counter, global.get(counter) + delta);
    }

    public void set(final int counter, final long value)
    {
        global.lazySet(counter, value);
    }

    public long get(final int counter)
    {
        return global.get(counter);
    }

    /**
     * Increment from any thread (for counters with several writers, such as publish refusals).
     */
    public void incrementShared(final int counter)
    {
        global.incrementAndGet(counter);
    }

    public static int globalCount()
    {
        return GLOBAL_COUNT;
    }

    public static String globalName(final int counter)
    {
        return GLOBAL_NAMES[counter];
    }

    public void incrementEventType(final int templateId)
    {
        final int slot = templateId >= 0 && templateId < TYPE_SLOTS ? templateId : 0;
        eventsByType.lazySet(slot, eventsByType.get(slot) + 1);
    }

    public long eventsOfType(final int templateId)
    {
        return templateId >= 0 && templateId < TYPE_SLOTS ? eventsByType.get(templateId) : 0;
    }

    public void incrementIngestReject(final int reason)
    {
        ingestRejectsByReason.lazySet(reason, ingestRejectsByReason.get(reason) + 1);
    }

    public long ingestRejects(final int reason)
    {
        return ingestRejectsByReason.get(reason);
    }

    public void incrementRiskReject(final int reason)
    {
        riskRejectsByReason.lazySet(reason, riskRejectsByReason.get(reason) + 1);
    }

    public long riskRejects(final int reason)
    {
        return riskRejectsByReason.get(reason);
    }

    public void setInstrument(final int instrumentIndex, final int gauge, final long value)
    {
        instruments.lazySet(instrumentIndex * PER_INSTRUMENT + gauge, value);
    }

    public long instrument(final int instrumentIndex, final int gauge)
    {
        return instruments.get(instrumentIndex * PER_INSTRUMENT + gauge);
    }
}
