package io.easyquant.engine.pipeline;

import io.easyquant.engine.features.FeatureId;
import io.easyquant.journal.codec.RecordHeader;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pre-allocated slot of the ring. A producer writes one input record (see the journal codecs) into
 * {@link #record}; each stage then reads the slot and writes its own output fields, which later stages read.
 *
 * <p>The rule that keeps every thread layout deterministic: a stage reads only the slot and its own state, never
 * another stage's state. Outputs are plain fields, cleared by the ingest stage before the first stage runs.
 *
 * <p>Threading: written by one producer, then by each stage in order; the Disruptor's sequence barriers make each
 * write visible to the next stage.
 */
public final class EngineEvent
{
    /** The input record, header included. Written by the producer; stamped by the publisher. */
    public final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);

    /** System.nanoTime() when the producer published: for latency measurement only, never for logic. */
    public long publishNanoTime;

    // ---- ingest ------------------------------------------------------------------------------------------
    /** The record's template id, read by ingest. */
    public int templateId;
    /** The dense instrument index of the record, or -1 when the record has none or it is unknown. */
    public int instrumentIndex;
    /** 0 when the record is valid, otherwise an {@link IngestReject} code; later stages skip a rejected event. */
    public int ingestReject;

    // ---- features ----------------------------------------------------------------------------------------
    /** True when this event was market data (a trade, quote or bar) for its instrument: strategies run on it. */
    public boolean priceUpdated;
    /** The instrument's mark price after this event: mid of the last quote, else last trade or bar close. */
    public long markTicks;
    /** Best bid and ask after this event (0 when no quote has been seen). */
    public long bidTicks;
    public long askTicks;
    /** The instrument's features after this event, indexed by {@link FeatureId#ordinal()}. */
    public final double[] features = new double[FeatureId.COUNT];

    // ---- signal ------------------------------------------------------------------------------------------
    /** True when the strategy emitted a target for the event's instrument. */
    public boolean hasSignal;
    public long signalTargetLots;
    public double signalScore;

    // ---- risk --------------------------------------------------------------------------------------------
    /** True when the risk stage planned an order intent on this event. */
    public boolean hasIntent;
    public int intentInstrumentIndex;
    public long intentId;
    public byte intentSide;
    public byte intentOrderType;
    public long intentQtyLots;
    public long intentLimitPriceTicks;
    public long intentTargetLots;
    /** 0 when the intent was accepted, otherwise the rejecting check's reason code. */
    public int riskReason;
    public long riskObserved;
    public long riskLimit;
    /** True when the risk stage moved the trading state on this event (by a command or a rule). */
    public boolean stateChanged;
    public int statePrevious;
    public int stateNew;
    /** Who moved it: a {@link io.easyquant.journal.codec.CommandOrigin} code. */
    public int stateOrigin;
    /** The risk rule that moved it ({@link io.easyquant.engine.risk.RiskReason}), 0 for a command. */
    public int stateRule;
    /** The {@link io.easyquant.journal.codec.AdminCommandType} that moved it, 0 for a rule. */
    public int stateCommand;
    public long stateObserved;
    public long stateLimit;
    /** True when every working order must be cancelled now (the engine became or is again told to be HALTED). */
    public boolean cancelAll;
    /**
     * With {@link #cancelAll}: also the orders whose cancel was already requested (a session start while HALTED: a
     * request sent before the restart may be lost).
     */
    public boolean cancelAgain;

    // ---- execution ---------------------------------------------------------------------------------------
    /** The client order id sent for an accepted intent, 0 when none was sent. */
    public long sentClOrdId;
    /** How many cancels execution sent while handling this event. */
    public int cancelsSent;

    /**
     * Clear every stage output. Called by ingest before the stages run.
     */
    public void clearOutputs()
    {
        priceUpdated = false;
        hasSignal = false;
        hasIntent = false;
        riskReason = 0;
        riskObserved = 0;
        riskLimit = 0;
        stateChanged = false;
        cancelAll = false;
        cancelAgain = false;
        sentClOrdId = 0;
        cancelsSent = 0;
    }
}
