package io.easyquant.journal.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every record type written field by field and read back by a fresh codec, at an unaligned offset inside a larger
 * buffer. Each field gets a different extreme so that two swapped fields cannot pass. {@link CodecLayoutTest} covers
 * every field at every extreme through the schema table.
 */
class CodecRoundTripTest
{
    private static final int OFFSET = 7;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + RecordHeader.MAX_RECORD_LENGTH + 9]);

    @Test
    void shouldRoundTripTradeWithExtremeValues()
    {
        final TradeCodec encoder = new TradeCodec().wrapForEncode(buffer, OFFSET, Integer.MIN_VALUE);
        encoder
            .instrumentId(Integer.MAX_VALUE)
            .aggressorSide(Byte.MIN_VALUE)
            .sourceTimeNs(-1L)
            .priceTicks(Long.MIN_VALUE)
            .qtyLots(Long.MAX_VALUE)
            .tradeId(1L);
        RecordHeader.stamp(buffer, OFFSET, Long.MAX_VALUE, Long.MIN_VALUE);

        final TradeCodec decoder = new TradeCodec().wrap(buffer, OFFSET);
        assertHeader(decoder, RecordType.TRADE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE);
        assertEquals(Integer.MAX_VALUE, decoder.instrumentId());
        assertEquals(Byte.MIN_VALUE, decoder.aggressorSide());
        assertEquals(-1L, decoder.sourceTimeNs());
        assertEquals(Long.MIN_VALUE, decoder.priceTicks());
        assertEquals(Long.MAX_VALUE, decoder.qtyLots());
        assertEquals(1L, decoder.tradeId());
    }

    @Test
    void shouldRoundTripQuoteWithExtremeValues()
    {
        final QuoteCodec encoder = new QuoteCodec().wrapForEncode(buffer, OFFSET, Integer.MAX_VALUE);
        encoder
            .instrumentId(Integer.MIN_VALUE)
            .sourceTimeNs(Long.MAX_VALUE)
            .bidTicks(Long.MIN_VALUE)
            .bidLots(-1L)
            .askTicks(Long.MAX_VALUE - 1)
            .askLots(Long.MIN_VALUE + 1);
        RecordHeader.stamp(buffer, OFFSET, -1L, Long.MAX_VALUE);

        final QuoteCodec decoder = new QuoteCodec().wrap(buffer, OFFSET);
        assertHeader(decoder, RecordType.QUOTE, Integer.MAX_VALUE, -1L, Long.MAX_VALUE);
        assertEquals(Integer.MIN_VALUE, decoder.instrumentId());
        assertEquals(Long.MAX_VALUE, decoder.sourceTimeNs());
        assertEquals(Long.MIN_VALUE, decoder.bidTicks());
        assertEquals(-1L, decoder.bidLots());
        assertEquals(Long.MAX_VALUE - 1, decoder.askTicks());
        assertEquals(Long.MIN_VALUE + 1, decoder.askLots());
    }

    @Test
    void shouldRoundTripBarWithExtremeValues()
    {
        final BarCodec encoder = new BarCodec().wrapForEncode(buffer, OFFSET, -1);
        encoder
            .instrumentId(-1)
            .durationMs(Integer.MAX_VALUE)
            .sourceTimeNs(Long.MIN_VALUE)
            .openTicks(Long.MAX_VALUE)
            .highTicks(-1L)
            .lowTicks(Long.MIN_VALUE + 1)
            .closeTicks(Long.MAX_VALUE - 1)
            .volumeLots(1L);
        RecordHeader.stamp(buffer, OFFSET, Long.MIN_VALUE, -1L);

        final BarCodec decoder = new BarCodec().wrap(buffer, OFFSET);
        assertHeader(decoder, RecordType.BAR, -1, Long.MIN_VALUE, -1L);
        assertEquals(-1, decoder.instrumentId());
        assertEquals(Integer.MAX_VALUE, decoder.durationMs());
        assertEquals(Long.MIN_VALUE, decoder.sourceTimeNs());
        assertEquals(Long.MAX_VALUE, decoder.openTicks());
        assertEquals(-1L, decoder.highTicks());
        assertEquals(Long.MIN_VALUE + 1, decoder.lowTicks());
        assertEquals(Long.MAX_VALUE - 1, decoder.closeTicks());
        assertEquals(1L, decoder.volumeLots());
    }

    @Test
    void shouldRoundTripSignalWithExtremeValuesAndNaNScoreBitForBit()
    {
        final long payloadNaN = 0x7FF8_0000_0000_0001L;
        final SignalCodec encoder = new SignalCodec().wrapForEncode(buffer, OFFSET, 0);
        encoder
            .instrumentId(Integer.MIN_VALUE)
            .strategyId(Integer.MAX_VALUE)
            .causeSequence(Long.MAX_VALUE)
            .targetLots(Long.MIN_VALUE)
            .score(Double.longBitsToDouble(payloadNaN));
        RecordHeader.stamp(buffer, OFFSET, 0L, 1L);

        final SignalCodec decoder = new SignalCodec().wrap(buffer, OFFSET);
        assertHeader(decoder, RecordType.SIGNAL, 0, 0L, 1L);
        assertEquals(Integer.MIN_VALUE, decoder.instrumentId());
        assertEquals(Integer.MAX_VALUE, decoder.strategyId());
        assertEquals(Long.MAX_VALUE, decoder.causeSequence());
        assertEquals(Long.MIN_VALUE, decoder.targetLots());
        assertEquals(payloadNaN, Double.doubleToRawLongBits(decoder.score()));
    }

    @Test
    void shouldRoundTripSignalScoreInfinitiesAndNegativeZeroBitForBit()
    {
        final double[] scores = { Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE };
        for (final double score : scores)
        {
            final SignalCodec encoder = new SignalCodec().wrapForEncode(buffer, OFFSET, 1);
            encoder.score(score);

            final SignalCodec decoder = new SignalCodec().wrap(buffer, OFFSET);
            assertEquals(Double.doubleToRawLongBits(score), Double.doubleToRawLongBits(decoder.score()));
        }
    }

    @Test
    void shouldRoundTripOrderIntentWithExtremeValues()
    {
        final OrderIntentCodec encoder = new OrderIntentCodec().wrapForEncode(buffer, OFFSET, Integer.MIN_VALUE);
        encoder
            .instrumentId(Integer.MAX_VALUE)
            .side(Byte.MAX_VALUE)
            .orderType(Byte.MIN_VALUE)
            .intentId(Long.MIN_VALUE)
            .causeSequence(Long.MAX_VALUE)
            .qtyLots(-1L)
            .limitPriceTicks(Long.MIN_VALUE + 1)
            .targetLots(Long.MAX_VALUE - 1);
        RecordHeader.stamp(buffer, OFFSET, Long.MAX_VALUE, Long.MAX_VALUE);

        final OrderIntentCodec decoder = new OrderIntentCodec().wrap(buffer, OFFSET);
        assertHeader(decoder, RecordType.ORDER_INTENT, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE, decoder.instrumentId());
        assertEquals(Byte.MAX_VALUE, decoder.side());
        assertEquals(Byte.MIN_VALUE, decoder.orderType());
        assertEquals(Long.MIN_VALUE, decoder.intentId());
        assertEquals(Long.MAX_VALUE, decoder.causeSequence());
        assertEquals(-1L, decoder.qtyLots());
        assertEquals(Long.MIN_VALUE + 1, decoder.limitPriceTicks());
        assertEquals(Long.MAX_VALUE - 1, decoder.targetLots());
    }

    @Test
    void shouldRoundTripRiskDecisionWithExtremeValues()
    {
        final RiskDecisionCodec encoder = new RiskDecisionCodec().wrapForEncode(buffer, OFFSET, Integer.MAX_VALUE);
        encoder
            .instrumentId(-1)
            .reasonCode(Integer.MIN_VALUE)
            .intentId(Long.MAX_VALUE)
            .causeSequence(-1L)
            .observed(Long.MIN_VALUE)
            .limit(Long.MAX_VALUE - 1);
        RecordHeader.stamp(buffer, OFFSET, Long.MIN_VALUE, Long.MIN_VALUE);

        final RiskDecisionCodec decoder = new RiskDecisionCodec().wrap(buffer, OFFSET);
        assertHeader(decoder, RecordType.RISK_DECISION, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE);
        assertEquals(-1, decoder.instrumentId());
        assertEquals(Integer.MIN_VALUE, decoder.reasonCode());
        assertEquals(Long.MAX_VALUE, decoder.intentId());
        assertEquals(-1L, decoder.causeSequence());
        assertEquals(Long.MIN_VALUE, decoder.observed());
        assertEquals(Long.MAX_VALUE - 1, decoder.limit());
    }

    @Test
    void shouldRoundTripOrderWithExtremeValues()
    {
        final OrderCodec encoder = new OrderCodec().wrapForEncode(buffer, OFFSET, -1);
        encoder
            .instrumentId(Integer.MIN_VALUE)
            .side((byte)-1)
            .orderType(Byte.MAX_VALUE)
            .clOrdId(Long.MAX_VALUE)
            .intentId(Long.MIN_VALUE)
            .qtyLots(Long.MAX_VALUE - 1)
            .limitPriceTicks(-1L)
            .causeSequence(Long.MIN_VALUE + 1);
        RecordHeader.stamp(buffer, OFFSET, 1L, 0L);

        final OrderCodec decoder = new OrderCodec().wrap(buffer, OFFSET);
        assertHeader(decoder, RecordType.ORDER, -1, 1L, 0L);
        assertEquals(Integer.MIN_VALUE, decoder.instrumentId());
        assertEquals((byte)-1, decoder.side());
        assertEquals(Byte.MAX_VALUE, decoder.orderType());
        assertEquals(Long.MAX_VALUE, decoder.clOrdId());
        assertEquals(Long.MIN_VALUE, decoder.intentId());
        assertEquals(Long.MAX_VALUE - 1, decoder.qtyLots());
        assertEquals(-1L, decoder.limitPriceTicks());
        assertEquals(Long.MIN_VALUE + 1, decoder.causeSequence());
    }

    @Test
    void shouldRoundTripCancelWithExtremeValues()
    {
        final CancelCodec encoder = new CancelCodec().wrapForEncode(buffer, OFFSET, Integer.MIN_VALUE);
        encoder
            .instrumentId(Integer.MAX_VALUE)
            .reasonCode(-1)
            .clOrdId(Long.MIN_VALUE)
            .causeSequence(Long.MAX_VALUE)
            .leavesQtyLots(-1L);
        RecordHeader.stamp(buffer, OFFSET, -1L, -1L);

        final CancelCodec decoder = new CancelCodec().wrap(buffer, OFFSET);
        assertHeader(decoder, RecordType.CANCEL, Integer.MIN_VALUE, -1L, -1L);
        assertEquals(Integer.MAX_VALUE, decoder.instrumentId());
        assertEquals(-1, decoder.reasonCode());
        assertEquals(Long.MIN_VALUE, decoder.clOrdId());
        assertEquals(Long.MAX_VALUE, decoder.causeSequence());
        assertEquals(-1L, decoder.leavesQtyLots());
    }

    @Test
    void shouldRoundTripExecutionReportWithExtremeValues()
    {
        final ExecutionReportCodec encoder =
            new ExecutionReportCodec().wrapForEncode(buffer, OFFSET, Integer.MAX_VALUE);
        encoder
            .instrumentId(Integer.MIN_VALUE)
            .execType(Byte.MIN_VALUE)
            .side(Byte.MAX_VALUE)
            .clOrdId(Long.MAX_VALUE)
            .execId(Long.MIN_VALUE)
            .lastQtyLots(-1L)
            .lastPriceTicks(Long.MAX_VALUE - 1)
            .leavesQtyLots(Long.MIN_VALUE + 1)
            .cumQtyLots(1L)
            .feeCash(-2L)
            .venueTimeNs(Long.MAX_VALUE - 2)
            .rejectReason(Integer.MAX_VALUE);
        RecordHeader.stamp(buffer, OFFSET, Long.MAX_VALUE, -1L);

        final ExecutionReportCodec decoder = new ExecutionReportCodec().wrap(buffer, OFFSET);
        assertHeader(decoder, RecordType.EXECUTION_REPORT, Integer.MAX_VALUE, Long.MAX_VALUE, -1L);
        assertEquals(Integer.MIN_VALUE, decoder.instrumentId());
        assertEquals(Byte.MIN_VALUE, decoder.execType());
        assertEquals(Byte.MAX_VALUE, decoder.side());
        assertEquals(Long.MAX_VALUE, decoder.clOrdId());
        assertEquals(Long.MIN_VALUE, decoder.execId());
        assertEquals(-1L, decoder.lastQtyLots());
        assertEquals(Long.MAX_VALUE - 1, decoder.lastPriceTicks());
        assertEquals(Long.MIN_VALUE + 1, decoder.leavesQtyLots());
        assertEquals(1L, decoder.cumQtyLots());
        assertEquals(-2L, decoder.feeCash());
        assertEquals(Long.MAX_VALUE - 2, decoder.venueTimeNs());
        assertEquals(Integer.MAX_VALUE, decoder.rejectReason());
    }

    @Test
    void shouldRoundTripAdminCommandWithExtremeValuesAndFullWidthText()
    {
        final String principal = "p".repeat(AdminCommandCodec.PRINCIPAL_WIDTH);
        final String reason = "r".repeat(AdminCommandCodec.REASON_WIDTH);
        final String remoteAddress = "a".repeat(AdminCommandCodec.REMOTE_ADDRESS_WIDTH);
        final AdminCommandCodec encoder = new AdminCommandCodec().wrapForEncode(buffer, OFFSET, -1);
        encoder
            .command(Integer.MIN_VALUE)
            .argument(Integer.MAX_VALUE)
            .origin(-1)
            .principal(principal)
            .reason(reason)
            .remoteAddress(remoteAddress);
        RecordHeader.stamp(buffer, OFFSET, Long.MIN_VALUE, Long.MAX_VALUE);

        final AdminCommandCodec decoder = new AdminCommandCodec().wrap(buffer, OFFSET);
        assertHeader(decoder, RecordType.ADMIN_COMMAND, -1, Long.MIN_VALUE, Long.MAX_VALUE);
        assertEquals(Integer.MIN_VALUE, decoder.command());
        assertEquals(Integer.MAX_VALUE, decoder.argument());
        assertEquals(-1, decoder.origin());
        assertEquals(principal, decoder.principal());
        assertEquals(reason, decoder.reason());
        assertEquals(remoteAddress, decoder.remoteAddress());
    }

    @Test
    void shouldRoundTripTimerTickWithExtremeValues()
    {
        final TimerTickCodec encoder = new TimerTickCodec().wrapForEncode(buffer, OFFSET, 0);
        encoder
            .timerId(Integer.MIN_VALUE)
            .scheduledTimeNs(Long.MAX_VALUE);
        RecordHeader.stamp(buffer, OFFSET, Long.MAX_VALUE, Long.MIN_VALUE);

        final TimerTickCodec decoder = new TimerTickCodec().wrap(buffer, OFFSET);
        assertHeader(decoder, RecordType.TIMER_TICK, 0, Long.MAX_VALUE, Long.MIN_VALUE);
        assertEquals(Integer.MIN_VALUE, decoder.timerId());
        assertEquals(Long.MAX_VALUE, decoder.scheduledTimeNs());
    }

    @Test
    void shouldRoundTripBookStateWithExtremeValues()
    {
        final BookStateCodec encoder = new BookStateCodec().wrapForEncode(buffer, OFFSET, 3);
        encoder
            .instrumentId(Integer.MAX_VALUE)
            .state(Integer.MIN_VALUE)
            .reason(-1)
            .sourceTimeNs(Long.MIN_VALUE)
            .lastUpdateId(Long.MAX_VALUE);
        RecordHeader.stamp(buffer, OFFSET, 1L, -1L);

        final BookStateCodec decoder = new BookStateCodec().wrap(buffer, OFFSET);
        assertHeader(decoder, RecordType.BOOK_STATE, 3, 1L, -1L);
        assertEquals(Integer.MAX_VALUE, decoder.instrumentId());
        assertEquals(Integer.MIN_VALUE, decoder.state());
        assertEquals(-1, decoder.reason());
        assertEquals(Long.MIN_VALUE, decoder.sourceTimeNs());
        assertEquals(Long.MAX_VALUE, decoder.lastUpdateId());
    }

    @Test
    void shouldReadTemplateIdAndLengthAsUnsigned16BitValues()
    {
        buffer.putShort(OFFSET + RecordHeader.TEMPLATE_ID_OFFSET, (short)0xFFFF, RecordHeader.BYTE_ORDER);
        buffer.putShort(OFFSET + RecordHeader.LENGTH_OFFSET, (short)0x8000, RecordHeader.BYTE_ORDER);

        assertEquals(0xFFFF, RecordHeader.templateId(buffer, OFFSET));
        assertEquals(0x8000, RecordHeader.length(buffer, OFFSET));
    }

    @Test
    void shouldWriteHeaderLittleEndian()
    {
        new ExecutionReportCodec().wrapForEncode(buffer, OFFSET, 0x0102_0304);

        assertEquals(20, buffer.getByte(OFFSET));
        assertEquals(0, buffer.getByte(OFFSET + 1));
        assertEquals(104, buffer.getByte(OFFSET + 2));
        assertEquals(0, buffer.getByte(OFFSET + 3));
        assertEquals(0x04, buffer.getByte(OFFSET + 4));
        assertEquals(0x01, buffer.getByte(OFFSET + 7));
    }

    private void assertHeader(
        final Flyweight decoder, final RecordType type, final int sourceId, final long sequence, final long timeNs)
    {
        assertEquals(type, decoder.type());
        assertEquals(type.code(), RecordHeader.templateId(buffer, OFFSET));
        assertEquals(type.length(), RecordHeader.length(buffer, OFFSET));
        assertEquals(type.length(), decoder.encodedLength());
        assertEquals(OFFSET, decoder.offset());
        assertEquals(sourceId, decoder.sourceId());
        assertEquals(sourceId, RecordHeader.sourceId(buffer, OFFSET));
        assertEquals(sequence, decoder.sequence());
        assertEquals(timeNs, decoder.timeNs());
    }
}
