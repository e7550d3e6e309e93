package io.easyquant.journal.codec;

import com.sun.management.ThreadMXBean;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Encoding and decoding are on the hot path and must not allocate. Measured with the JVM's per-thread allocation
 * counter, which counts every byte the current thread allocates, so the measured loop must do nothing else.
 */
class CodecAllocationTest
{
    private static final int CYCLES = 1_000_000;
    private static final int WARM_UP_ROUNDS = 5;
    private static final int TRADE_OFFSET = 8;
    private static final int QUOTE_OFFSET = TRADE_OFFSET + TradeCodec.LENGTH;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final TradeCodec tradeEncoder = new TradeCodec();
    private final TradeCodec tradeDecoder = new TradeCodec();
    private final QuoteCodec quoteEncoder = new QuoteCodec();
    private final QuoteCodec quoteDecoder = new QuoteCodec();

    @Test
    void shouldNotAllocateWhenEncodingAndDecodingAMillionTradesAndQuotes()
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "JVM cannot count allocated bytes per thread");
        threads.setThreadAllocatedMemoryEnabled(true);

        long expected = 0;
        for (int i = 0; i < WARM_UP_ROUNDS; i++)
        {
            expected = encodeAndDecode(CYCLES);
        }
        threads.getCurrentThreadAllocatedBytes();

        final long before = threads.getCurrentThreadAllocatedBytes();
        final long checksum = encodeAndDecode(CYCLES);
        final long after = threads.getCurrentThreadAllocatedBytes();

        assertEquals(0L, after - before, "bytes allocated by " + CYCLES + " encode+decode cycles");
        assertEquals(expected, checksum);
    }

    /**
     * @return a sum of every decoded field, so the work cannot be optimised away and can be checked.
     */
    private long encodeAndDecode(final int cycles)
    {
        long checksum = 0;
        for (int i = 0; i < cycles; i++)
        {
            tradeEncoder.wrapForEncode(buffer, TRADE_OFFSET, 1);
            tradeEncoder
                .instrumentId(i)
                .aggressorSide(Side.BUY)
                .sourceTimeNs(i * 3L)
                .priceTicks(6_000_000L + i)
                .qtyLots(i & 0xFF)
                .tradeId(i);
            RecordHeader.stamp(buffer, TRADE_OFFSET, i, i * 7L);

            tradeDecoder.wrap(buffer, TRADE_OFFSET);
            checksum += tradeDecoder.sequence() + tradeDecoder.timeNs() + tradeDecoder.sourceId()
                + tradeDecoder.instrumentId() + tradeDecoder.aggressorSide() + tradeDecoder.sourceTimeNs()
                + tradeDecoder.priceTicks() + tradeDecoder.qtyLots() + tradeDecoder.tradeId()
                + RecordHeader.templateId(buffer, TRADE_OFFSET) + RecordHeader.length(buffer, TRADE_OFFSET);

            quoteEncoder.wrapForEncode(buffer, QUOTE_OFFSET, 2);
            quoteEncoder
                .instrumentId(i)
                .sourceTimeNs(i * 5L)
                .bidTicks(6_000_000L - i)
                .bidLots(25)
                .askTicks(6_000_002L + i)
                .askLots(i & 0x3F);
            RecordHeader.stamp(buffer, QUOTE_OFFSET, i + 1L, i * 11L);

            quoteDecoder.wrap(buffer, QUOTE_OFFSET);
            checksum += quoteDecoder.sequence() + quoteDecoder.timeNs() + quoteDecoder.sourceId()
                + quoteDecoder.instrumentId() + quoteDecoder.sourceTimeNs() + quoteDecoder.bidTicks()
                + quoteDecoder.bidLots() + quoteDecoder.askTicks() + quoteDecoder.askLots()
                + RecordHeader.templateId(buffer, QUOTE_OFFSET) + RecordHeader.length(buffer, QUOTE_OFFSET);
        }
        return checksum;
    }
}
