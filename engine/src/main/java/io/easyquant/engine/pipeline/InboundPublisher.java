package io.easyquant.engine.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.easyquant.engine.feed.BookFeedPublisher;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.venue.ExecutionReportPublisher;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.MarketDataDroppedCodec;
import io.easyquant.journal.codec.MarketDataEncoder;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.TimerTickCodec;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The producer side of ingest: claims a ring slot, writes one input record, stamps it with the ring sequence (plus
 * the ring's {@link SequenceOffset}, which continues a recovered journal's sequence) and the
 * clock's time, and publishes it. The stamp is the engine time every stage uses for this event.
 *
 * <p>Each producing thread (a feed, the venue, the admin server, the timer) has its own instance: the codecs are
 * reused and not thread-safe. Waiting for capacity is bounded by {@code publishTimeoutNs}; a refusal returns false and
 * is counted. {@code tryPublish...} methods never wait.
 *
 * <p>Priority by headroom: a publisher with {@code headroomSlots > 0} (market data) treats the ring as full while no
 * more than that many slots are free. The last slots are thus kept for venue reports, commands and timer ticks, so a
 * fast feed can never starve the answers that orders are waiting for.
 *
 * <p>A market-data publisher has a {@link MarketDataHold}: while it is held, trades, quotes and bars are dropped here,
 * before they claim a slot (no sequence, no ring capacity, nothing journaled), counted in
 * {@link EngineCounters#MARKET_DATA_DROPPED} and in the hold, and the publish returns true (the record was taken and
 * dropped by rule; a feed goes on). The low-disk rule holds it.
 *
 * <p>No allocation per publish.
 */
public final class InboundPublisher implements BookFeedPublisher, ExecutionReportPublisher
{
    private final RingBuffer<EngineEvent> ring;
    private final EpochNanoClock clock;
    private final long publishTimeoutNs;
    private final EngineCounters counters;
    private final long headroomSlots;
    private final SequenceOffset sequenceOffset;
    private final MarketDataHold hold;

    private final MarketDataEncoder encoder = new MarketDataEncoder();
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final AdminCommandCodec command = new AdminCommandCodec();
    private final TimerTickCodec timer = new TimerTickCodec();
    private final MarketDataDroppedCodec dropped = new MarketDataDroppedCodec();

    /**
     * @param headroomSlots free slots this publisher leaves to others: 0 for venue reports, commands and timers.
     */
    public InboundPublisher(
        final RingBuffer<EngineEvent> ring,
        final EpochNanoClock clock,
        final long publishTimeoutNs,
        final EngineCounters counters,
        final int headroomSlots)
    {
        this(ring, clock, publishTimeoutNs, counters, headroomSlots, new SequenceOffset());
    }

    /**
     * @param headroomSlots  free slots this publisher leaves to others: 0 for venue reports, commands and timers.
     * @param sequenceOffset added to the ring sequence to make the stamped sequence; shared by every publisher of
     *                       one ring, so that a session continues the journal's sequence.
     */
    public InboundPublisher(
        final RingBuffer<EngineEvent> ring,
        final EpochNanoClock clock,
        final long publishTimeoutNs,
        final EngineCounters counters,
        final int headroomSlots,
        final SequenceOffset sequenceOffset)
    {
        this(ring, clock, publishTimeoutNs, counters, headroomSlots, sequenceOffset, MarketDataHold.NEVER);
    }

    /**
     * @param headroomSlots  free slots this publisher leaves to others: 0 for venue reports, commands and timers.
     * @param sequenceOffset added to the ring sequence to make the stamped sequence; shared by every publisher of
     *                       one ring, so that a session continues the journal's sequence.
     * @param hold           drops this publisher's market data while held.
     */
    public InboundPublisher(
        final RingBuffer<EngineEvent> ring,
        final EpochNanoClock clock,
        final long publishTimeoutNs,
        final EngineCounters counters,
        final int headroomSlots,
        final SequenceOffset sequenceOffset,
        final MarketDataHold hold)
    {
        if (headroomSlots < 0 || headroomSlots >= ring.getBufferSize())
        {
            throw new IllegalArgumentException("headroomSlots: expected 0 to ring size - 1, got " + headroomSlots);
        }
        this.ring = ring;
        this.clock = clock;
        this.publishTimeoutNs = publishTimeoutNs;
        this.counters = counters;
        this.headroomSlots = headroomSlots;
        this.sequenceOffset = sequenceOffset;
        this.hold = hold;
    }

    private long tryClaim() throws InsufficientCapacityException
    {
        if (headroomSlots > 0 && ring.remainingCapacity() <= headroomSlots)
        {
            throw InsufficientCapacityException.INSTANCE;
        }
        return ring.tryNext();
    }

    /**
     * Claim a slot, waiting at most the publish timeout when {@code wait} is true.
     *
     * @return the claimed sequence, or -1 if the ring stayed full.
     */
    private long claim(final boolean wait)
    {
        try
        {
            return tryClaim();
        }
        catch (final InsufficientCapacityException ignore)
        {
            if (!wait)
            {
                return refuse();
            }
        }
        final long deadlineNs = System.nanoTime() + publishTimeoutNs;
        int spins = 0;
        while (System.nanoTime() - deadlineNs < 0)
        {
            try
            {
                return tryClaim();
            }
            catch (final InsufficientCapacityException ignore)
            {
                if (++spins < 100)
                {
                    Thread.onSpinWait();
                }
                else
                {
                    Thread.yield();
                }
            }
        }
        return refuse();
    }

    private long refuse()
    {
        counters.incrementShared(EngineCounters.PUBLISH_REFUSALS);
        return -1;
    }

    private void stampAndPublish(final long sequence, final EngineEvent event)
    {
        RecordHeader.stamp(event.record, 0, sequence + sequenceOffset.value(), clock.nanoTime());
        event.publishNanoTime = System.nanoTime();
        ring.publish(sequence);
    }

    @Override
    public boolean publishTrade(
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final long priceTicks,
        final long qtyLots,
        final byte aggressorSide,
        final long tradeId)
    {
        if (hold.isHeld())
        {
            hold.droppedTrade(sourceTimeNs, clock.nanoTime());
            counters.incrementShared(EngineCounters.MARKET_DATA_DROPPED);
            return true;
        }
        final long sequence = claim(true);
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent event = ring.get(sequence);
        try
        {
            encoder.encodeTrade(event.record, 0, sourceId, instrumentId, sourceTimeNs, priceTicks, qtyLots,
                aggressorSide, tradeId);
        }
        finally
        {
            stampAndPublish(sequence, event);
        }
        return true;
    }

    @Override
    public boolean publishQuote(
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final long bidTicks,
        final long bidLots,
        final long askTicks,
        final long askLots)
    {
        if (hold.isHeld())
        {
            hold.droppedQuote(sourceTimeNs, clock.nanoTime());
            counters.incrementShared(EngineCounters.MARKET_DATA_DROPPED);
            return true;
        }
        final long sequence = claim(true);
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent event = ring.get(sequence);
        try
        {
            encoder.encodeQuote(event.record, 0, sourceId, instrumentId, sourceTimeNs, bidTicks, bidLots, askTicks,
                askLots);
        }
        finally
        {
            stampAndPublish(sequence, event);
        }
        return true;
    }

    @Override
    public boolean publishBar(
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final int durationMs,
        final long openTicks,
        final long highTicks,
        final long lowTicks,
        final long closeTicks,
        final long volumeLots)
    {
        if (hold.isHeld())
        {
            hold.droppedBar(sourceTimeNs, clock.nanoTime());
            counters.incrementShared(EngineCounters.MARKET_DATA_DROPPED);
            return true;
        }
        final long sequence = claim(true);
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent event = ring.get(sequence);
        try
        {
            encoder.encodeBar(event.record, 0, sourceId, instrumentId, sourceTimeNs, durationMs, openTicks, highTicks,
                lowTicks, closeTicks, volumeLots);
        }
        finally
        {
            stampAndPublish(sequence, event);
        }
        return true;
    }

    @Override
    public boolean publishBookState(
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final int state,
        final int reason,
        final long lastUpdateId)
    {
        final long sequence = claim(true);
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent event = ring.get(sequence);
        try
        {
            encoder.encodeBookState(event.record, 0, sourceId, instrumentId, sourceTimeNs, state, reason,
                lastUpdateId);
        }
        finally
        {
            stampAndPublish(sequence, event);
        }
        return true;
    }

    @Override
    public boolean publishBookDepth(
        final int sourceId,
        final int instrumentId,
        final long sourceTimeNs,
        final int levels,
        final long bidDepthLots,
        final long askDepthLots)
    {
        final long sequence = claim(true);
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent event = ring.get(sequence);
        try
        {
            encoder.encodeBookDepth(event.record, 0, sourceId, instrumentId, sourceTimeNs, levels, bidDepthLots,
                askDepthLots);
        }
        finally
        {
            stampAndPublish(sequence, event);
        }
        return true;
    }

    @Override
    public boolean tryPublishExecutionReport(
        final int sourceId,
        final int instrumentId,
        final long clOrdId,
        final long execId,
        final byte execType,
        final byte side,
        final long lastQtyLots,
        final long lastPriceTicks,
        final long leavesQtyLots,
        final long cumQtyLots,
        final long feeCash,
        final long venueTimeNs,
        final int rejectReason)
    {
        final long sequence = claim(false);
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent event = ring.get(sequence);
        try
        {
            report.wrapForEncode(event.record, 0, sourceId);
            report.instrumentId(instrumentId)
                .execType(execType)
                .side(side)
                .clOrdId(clOrdId)
                .execId(execId)
                .lastQtyLots(lastQtyLots)
                .lastPriceTicks(lastPriceTicks)
                .leavesQtyLots(leavesQtyLots)
                .cumQtyLots(cumQtyLots)
                .feeCash(feeCash)
                .venueTimeNs(venueTimeNs)
                .rejectReason(rejectReason);
        }
        finally
        {
            stampAndPublish(sequence, event);
        }
        return true;
    }

    /**
     * Publish an admin command (kill-switch, trading state). Cold path: the text fields are copied as ASCII.
     *
     * @param wait whether to wait (bounded) for ring capacity; a pipeline thread must pass false.
     * @return false if the ring had no capacity.
     */
    public boolean publishAdminCommand(
        final int sourceId,
        final int commandType,
        final int argument,
        final int origin,
        final CharSequence principal,
        final CharSequence reason,
        final CharSequence remoteAddress,
        final boolean wait)
    {
        final long sequence = claim(wait);
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent event = ring.get(sequence);
        try
        {
            command.wrapForEncode(event.record, 0, sourceId);
            command.command(commandType)
                .argument(argument)
                .origin(origin)
                .principal(principal)
                .reason(reason)
                .remoteAddress(remoteAddress);
        }
        finally
        {
            stampAndPublish(sequence, event);
        }
        return true;
    }

    /**
     * Publish the record of a period of dropped market data ({@link MarketDataHold#takePeriod}). Cold path.
     *
     * @param wait whether to wait (bounded) for ring capacity.
     * @return false if the ring had no capacity.
     */
    public boolean publishMarketDataDropped(
        final int sourceId, final int reason, final MarketDataHold.Period period, final boolean wait)
    {
        final long sequence = claim(wait);
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent event = ring.get(sequence);
        try
        {
            dropped.wrapForEncode(event.record, 0, sourceId);
            dropped.reason(reason)
                .trades(period.trades)
                .quotes(period.quotes)
                .bars(period.bars)
                .firstSourceTimeNs(period.firstSourceTimeNs)
                .lastSourceTimeNs(period.lastSourceTimeNs)
                .firstTimeNs(period.firstTimeNs)
                .lastTimeNs(period.lastTimeNs);
        }
        finally
        {
            stampAndPublish(sequence, event);
        }
        return true;
    }

    /**
     * Publish a timer tick.
     *
     * @return false if the ring stayed full.
     */
    public boolean publishTimerTick(final int sourceId, final int timerId, final long scheduledTimeNs)
    {
        final long sequence = claim(true);
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent event = ring.get(sequence);
        try
        {
            timer.wrapForEncode(event.record, 0, sourceId);
            timer.timerId(timerId).scheduledTimeNs(scheduledTimeNs);
        }
        finally
        {
            stampAndPublish(sequence, event);
        }
        return true;
    }

    /**
     * Publish a record exactly as given, keeping its sequence and time stamps: the path of a replay, where the
     * journal's stamps are the truth. A record longer than a slot is refused.
     *
     * @return false if the ring stayed full or the record does not fit.
     */
    public boolean publishRecord(final DirectBuffer buffer, final int offset, final int length)
    {
        return publishRecord(buffer, offset, length, false);
    }

    /**
     * Publish a copy of a record. With {@code restampSequence} the copy takes the ring sequence as its sequence and
     * keeps its time: the path of a simulation that reads recorded market data, where every input gets the
     * simulation's own sequence. The slot past the record is cleared when the record's declared length reaches past
     * {@code length} (or is out of range), so that nothing of an earlier record can be read or journaled with it.
     *
     * @return false if the ring stayed full or the record does not fit.
     */
    public boolean publishRecord(
        final DirectBuffer buffer, final int offset, final int length, final boolean restampSequence)
    {
        if (length < RecordHeader.LENGTH || length > RecordHeader.MAX_RECORD_LENGTH)
        {
            return false;
        }
        final long sequence = claim(true);
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent event = ring.get(sequence);
        try
        {
            event.record.putBytes(0, buffer, offset, length);
            final int declaredLength = RecordHeader.length(buffer, offset);
            if (length < RecordHeader.MAX_RECORD_LENGTH &&
                (declaredLength < RecordHeader.LENGTH || declaredLength > length))
            {
                // Ingest journals the declared length (the whole slot if it is out of range), so the previous
                // record's bytes past this one could be read only through a declared length past its end.
                RecordHeader.zero(event.record, length, RecordHeader.MAX_RECORD_LENGTH - length);
            }
            if (restampSequence)
            {
                RecordHeader.stamp(event.record, 0, sequence, RecordHeader.timeNs(buffer, offset));
            }
            event.publishNanoTime = System.nanoTime();
        }
        finally
        {
            ring.publish(sequence);
        }
        return true;
    }
}
