package io.easyquant.ops.importer;

import io.easyquant.adapters.feed.csv.CsvReject;
import io.easyquant.engine.feed.MarketDataPublisher;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.MarketDataEncoder;
import io.easyquant.journal.codec.RecordHeader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The {@link MarketDataPublisher} of an import: it encodes each record with the journal codecs into its own buffer,
 * asks the {@link Gate} whether to keep it, and appends a kept record to the sink (the journal writer) stamped with
 * the next sequence (1, 2, 3...) and, as its engine time, the row's own timestamp.
 *
 * <p>A record the gate turns away is refused: the publish returns false and {@link #lastReason()} says why. Nothing
 * is retried. Single-threaded; the sink must not be shared with another writer.
 */
public final class ImportPublisher implements MarketDataPublisher
{
    /**
     * Decides whether a record is kept.
     */
    @FunctionalInterface
    public interface Gate
    {
        /**
         * @param record the encoded record at offset 0, not yet stamped (sequence and time 0).
         * @param length its length in bytes.
         * @return {@link CsvReject#NONE} to keep it, otherwise an {@link ImportReason} code.
         */
        int check(DirectBuffer record, int length);
    }

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final MarketDataEncoder encoder = new MarketDataEncoder();
    private final Gate gate;
    private final RecordSink sink;
    private long sequence;
    private int lastReason = CsvReject.NONE;

    public ImportPublisher(final Gate gate, final RecordSink sink)
    {
        this.gate = gate;
        this.sink = sink;
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
        return commit(encoder.encodeTrade(buffer, 0, sourceId, instrumentId, sourceTimeNs, priceTicks, qtyLots,
            aggressorSide, tradeId), sourceTimeNs);
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
        return commit(encoder.encodeQuote(buffer, 0, sourceId, instrumentId, sourceTimeNs, bidTicks, bidLots, askTicks,
            askLots), sourceTimeNs);
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
        return commit(encoder.encodeBar(buffer, 0, sourceId, instrumentId, sourceTimeNs, durationMs, openTicks,
            highTicks, lowTicks, closeTicks, volumeLots), sourceTimeNs);
    }

    private boolean commit(final int length, final long timeNs)
    {
        lastReason = gate.check(buffer, length);
        if (lastReason != CsvReject.NONE)
        {
            return false;
        }
        RecordHeader.stamp(buffer, 0, sequence + 1, timeNs);
        sink.append(buffer, 0, length);
        sequence++;
        return true;
    }

    /**
     * @return why the last refused record was refused, or {@link CsvReject#NONE} if the last one was kept.
     */
    public int lastReason()
    {
        return lastReason;
    }

    /**
     * @return records appended so far, which is also the sequence of the last one.
     */
    public long appended()
    {
        return sequence;
    }
}
