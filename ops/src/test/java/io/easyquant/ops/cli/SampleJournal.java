package io.easyquant.ops.cli;

import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradeCodec;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalContext;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.journal.queue.JournalWriter;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes journals for the journal command tests, encoding records with the codecs, and remembers the Chronicle index
 * of every record it appended (indexes start with the roll cycle of the day the test runs).
 */
final class SampleJournal implements AutoCloseable
{
    static final JournalHeader HEADER = JournalHeader.of("live", "test", "x: 1\n", "");
    /** 2024-01-02T03:04:05Z. */
    static final long T0_NS = 1_704_164_645_000_000_000L;
    static final long MS = 1_000_000L;

    private final Path directory;
    private final Journal journal;
    private final JournalWriter writer;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final QuoteCodec quote = new QuoteCodec();
    private final TradeCodec trade = new TradeCodec();
    private final OrderCodec order = new OrderCodec();
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final List<Long> indexes = new ArrayList<>();

    private SampleJournal(final Path directory, final JournalHeader header) throws JournalException
    {
        this.directory = directory;
        journal = Journal.openForWriting(directory, header, JournalContext.DEFAULT);
        writer = journal.newWriter();
    }

    static SampleJournal create(final Path directory) throws JournalException
    {
        return new SampleJournal(directory, HEADER);
    }

    static SampleJournal create(final Path directory, final JournalHeader header) throws JournalException
    {
        return new SampleJournal(directory, header);
    }

    /**
     * The seven records most tests read:
     * <pre>
     *   0 QUOTE            1  bid 6000000x25 ask 6000002x30
     *   1 TRADE            1  6000001x5 BUY
     *   2 QUOTE            2  bid 300000x10 ask 300005x12
     *   3 ORDER            1  BUY MARKET 5
     *   4 EXECUTION_REPORT 1  FILL 6000002x5
     *   5 TRADE            2  300003x2 SELL
     *   6 QUOTE            1  bid 6000001x20 ask 6000003x18
     * </pre>
     */
    static SampleJournal write(final Path directory) throws JournalException
    {
        try (SampleJournal sample = create(directory))
        {
            sample.quote(1, T0_NS, 1, 6_000_000, 25, 6_000_002, 30);
            sample.trade(2, T0_NS + MS, 1, 6_000_001, 5, Side.BUY, 1);
            sample.quote(3, T0_NS + 2 * MS, 2, 300_000, 10, 300_005, 12);
            sample.order(3, T0_NS + 2 * MS, 1, 1, Side.BUY, 5);
            sample.fill(4, T0_NS + 3 * MS, 1, 1, Side.BUY, 6_000_002, 5);
            sample.trade(5, T0_NS + 4 * MS, 2, 300_003, 2, Side.SELL, 2);
            sample.quote(6, T0_NS + 5 * MS, 1, 6_000_001, 20, 6_000_003, 18);
            return sample;
        }
    }

    void quote(
        final long sequence, final long timeNs, final int instrumentId, final long bidTicks, final long bidLots,
        final long askTicks, final long askLots)
    {
        quote.wrapForEncode(buffer, 0, 100);
        quote.instrumentId(instrumentId).sourceTimeNs(timeNs - MS)
            .bidTicks(bidTicks).bidLots(bidLots).askTicks(askTicks).askLots(askLots);
        append(sequence, timeNs, QuoteCodec.LENGTH);
    }

    void trade(
        final long sequence, final long timeNs, final int instrumentId, final long priceTicks, final long qtyLots,
        final byte aggressor, final long tradeId)
    {
        trade.wrapForEncode(buffer, 0, 100);
        trade.instrumentId(instrumentId).sourceTimeNs(timeNs - MS).priceTicks(priceTicks).qtyLots(qtyLots)
            .aggressorSide(aggressor).tradeId(tradeId);
        append(sequence, timeNs, TradeCodec.LENGTH);
    }

    void order(
        final long sequence, final long timeNs, final long clOrdId, final int instrumentId, final byte side,
        final long qtyLots)
    {
        order.wrapForEncode(buffer, 0, 0);
        order.clOrdId(clOrdId).intentId(clOrdId).instrumentId(instrumentId).side(side).orderType(OrderType.MARKET)
            .qtyLots(qtyLots).causeSequence(sequence);
        append(sequence, timeNs, OrderCodec.LENGTH);
    }

    void fill(
        final long sequence, final long timeNs, final long clOrdId, final int instrumentId, final byte side,
        final long priceTicks, final long qtyLots)
    {
        report.wrapForEncode(buffer, 0, 10);
        report.clOrdId(clOrdId).execId(1).instrumentId(instrumentId).execType(ExecType.FILL).side(side)
            .lastPriceTicks(priceTicks).lastQtyLots(qtyLots).leavesQtyLots(0).cumQtyLots(qtyLots).feeCash(150)
            .venueTimeNs(timeNs - MS / 2);
        append(sequence, timeNs, ExecutionReportCodec.LENGTH);
    }

    /**
     * Append a quote whose checksum does not match its bytes, straight through the queue: damage for every reader.
     */
    void damaged()
    {
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(directory).build();
            ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext document = appender.writingDocument())
            {
                document.wire().bytes().write(buffer.byteArray(), 0, QuoteCodec.LENGTH);
                document.wire().bytes().writeInt(0x0BADC0DE);
            }
            indexes.add(appender.lastIndexAppended());
        }
    }

    private void append(final long sequence, final long timeNs, final int length)
    {
        RecordHeader.stamp(buffer, 0, sequence, timeNs);
        writer.append(buffer, 0, length);
        indexes.add(writer.lastIndex());
    }

    /**
     * @return the Chronicle index of the n-th record appended, in hex as the commands print it.
     */
    String index(final int n)
    {
        return "0x" + Long.toHexString(indexes.get(n));
    }

    @Override
    public void close()
    {
        journal.close();
    }
}
