package io.easyquant.journal.codec;

import io.easyquant.journal.codec.CodecSchema.CodecCase;
import io.easyquant.journal.codec.CodecSchema.Field;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class RecordFormatterTest
{
    private static final int OFFSET = 5;
    private static final long T_2024_01_02_03_04_05 = 1_704_164_645_000_000_000L;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + RecordHeader.MAX_RECORD_LENGTH + 11]);
    private final RecordFormatter formatter = new RecordFormatter();

    @Test
    void shouldFormatQuote()
    {
        final QuoteCodec quote = new QuoteCodec().wrapForEncode(buffer, OFFSET, 1);
        quote.instrumentId(1).bidTicks(6_000_000).bidLots(25).askTicks(6_000_002).askLots(30)
            .sourceTimeNs(T_2024_01_02_03_04_05 + 1);
        RecordHeader.stamp(buffer, OFFSET, 42, T_2024_01_02_03_04_05 + 123_456_789);

        assertEquals(
            "#42 2024-01-02T03:04:05.123456789Z QUOTE src=1 instrument=1 bid=6000000x25 ask=6000002x30 " +
            "sourceTime=2024-01-02T03:04:05.000000001Z",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldFormatTradeWithAggressorName()
    {
        final TradeCodec trade = new TradeCodec().wrapForEncode(buffer, OFFSET, 3);
        trade.instrumentId(2).priceTicks(6_000_001).qtyLots(5).aggressorSide(Side.SELL).tradeId(991)
            .sourceTimeNs(T_2024_01_02_03_04_05 - 1);
        RecordHeader.stamp(buffer, OFFSET, 7, T_2024_01_02_03_04_05);

        assertEquals(
            "#7 2024-01-02T03:04:05.000000000Z TRADE src=3 instrument=2 price=6000001 qty=5 aggressor=SELL " +
            "tradeId=991 sourceTime=2024-01-02T03:04:04.999999999Z",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldFormatUnstampedBar()
    {
        final BarCodec bar = new BarCodec().wrapForEncode(buffer, OFFSET, 4);
        bar.instrumentId(1).durationMs(60_000).openTicks(10).highTicks(12).lowTicks(9).closeTicks(11)
            .volumeLots(500).sourceTimeNs(T_2024_01_02_03_04_05);

        assertEquals(
            "#0 1970-01-01T00:00:00.000000000Z BAR src=4 instrument=1 open=10 high=12 low=9 close=11 volume=500 " +
            "duration=60000ms sourceTime=2024-01-02T03:04:05.000000000Z",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldFormatExecutionReportWithExecTypeAndSideNames()
    {
        final ExecutionReportCodec report = new ExecutionReportCodec().wrapForEncode(buffer, OFFSET, 9);
        report.clOrdId(5001).execId(77).instrumentId(1).execType(ExecType.FILL).side(Side.BUY)
            .lastPriceTicks(6_000_000).lastQtyLots(10).leavesQtyLots(0).cumQtyLots(10).feeCash(1250)
            .venueTimeNs(-1);
        RecordHeader.stamp(buffer, OFFSET, 100, Long.MAX_VALUE);

        assertEquals(
            "#100 2262-04-11T23:47:16.854775807Z EXECUTION_REPORT src=9 clOrdId=5001 execId=77 instrument=1 " +
            "execType=FILL side=BUY last=6000000x10 leaves=0 cum=10 fee=1250 rejectReason=0 " +
            "venueTime=1969-12-31T23:59:59.999999999Z",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldFormatSetTradingStateWithStateNameAndEscapedText()
    {
        final AdminCommandCodec command = new AdminCommandCodec().wrapForEncode(buffer, OFFSET, 30);
        command.command(AdminCommandType.SET_TRADING_STATE).argument(TradingState.REDUCING)
            .origin(CommandOrigin.CLI).principal("ops").reason("say \"hi\"\\").remoteAddress("127.0.0.1");
        RecordHeader.stamp(buffer, OFFSET, Long.MIN_VALUE, Long.MIN_VALUE);

        assertEquals(
            "#-9223372036854775808 1677-09-21T00:12:43.145224192Z ADMIN_COMMAND src=30 command=SET_TRADING_STATE " +
            "argument=REDUCING origin=cli principal=\"ops\" reason=\"say \\\"hi\\\"\\\\\" remote=\"127.0.0.1\"",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldFormatArgumentOfOtherCommandsAsANumberAndEscapeNonPrintableBytes()
    {
        final AdminCommandCodec command = new AdminCommandCodec().wrapForEncode(buffer, OFFSET, 30);
        command.command(AdminCommandType.KILL_ENGAGE).argument(TradingState.HALTED).origin(CommandOrigin.RISK_RULE)
            .reason("drawdown");
        buffer.putByte(OFFSET + AdminCommandCodec.PRINCIPAL_OFFSET, (byte)0x80);
        buffer.putByte(OFFSET + AdminCommandCodec.PRINCIPAL_OFFSET + 1, (byte)'\n');

        assertEquals(
            "#0 1970-01-01T00:00:00.000000000Z ADMIN_COMMAND src=30 command=KILL_ENGAGE argument=3 " +
            "origin=risk-rule principal=\"\\x80\\x0a\" reason=\"drawdown\" remote=\"\"",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldFormatRiskRejectionAndOrder()
    {
        final RiskDecisionCodec decision = new RiskDecisionCodec().wrapForEncode(buffer, OFFSET, 12);
        decision.intentId(5).instrumentId(1).reasonCode(3).observed(1_500).limit(1_000).causeSequence(41);
        RecordHeader.stamp(buffer, OFFSET, 43, T_2024_01_02_03_04_05);

        assertEquals(
            "#43 2024-01-02T03:04:05.000000000Z RISK_DECISION src=12 intent=5 instrument=1 decision=REJECT reason=3 " +
            "observed=1500 limit=1000 cause=41",
            formatter.format(buffer, OFFSET));

        final OrderCodec order = new OrderCodec().wrapForEncode(buffer, OFFSET, 13);
        order.clOrdId(9).intentId(5).instrumentId(1).side(Side.SELL).orderType(OrderType.LIMIT).qtyLots(2)
            .limitPriceTicks(6_000_003).causeSequence(41);
        RecordHeader.stamp(buffer, OFFSET, 44, T_2024_01_02_03_04_05);

        assertEquals(
            "#44 2024-01-02T03:04:05.000000000Z ORDER src=13 clOrdId=9 intent=5 instrument=1 side=SELL type=LIMIT " +
            "qty=2 price=6000003 cause=41",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldShowSidesAndTypesThatAreNotValidAsUnknown()
    {
        final OrderIntentCodec intent = new OrderIntentCodec().wrapForEncode(buffer, OFFSET, 11);
        intent.intentId(1).instrumentId(1).side((byte)7).orderType((byte)-1);

        assertEquals(
            "#0 1970-01-01T00:00:00.000000000Z ORDER_INTENT src=11 intent=1 instrument=1 side=UNKNOWN(7) " +
            "type=UNKNOWN(-1) qty=0 price=0 target=0 cause=0",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldFormatSignalScoreNaNAndTimerTick()
    {
        final SignalCodec signal = new SignalCodec().wrapForEncode(buffer, OFFSET, 10);
        signal.instrumentId(1).strategyId(2).targetLots(-3).score(Double.NaN).causeSequence(4);

        assertEquals(
            "#0 1970-01-01T00:00:00.000000000Z SIGNAL src=10 instrument=1 strategy=2 target=-3 score=NaN cause=4",
            formatter.format(buffer, OFFSET));

        final TimerTickCodec tick = new TimerTickCodec().wrapForEncode(buffer, OFFSET, 40);
        tick.timerId(3).scheduledTimeNs(T_2024_01_02_03_04_05);
        RecordHeader.stamp(buffer, OFFSET, 8, T_2024_01_02_03_04_05 + 1_000);

        assertEquals(
            "#8 2024-01-02T03:04:05.000001000Z TIMER_TICK src=40 timer=3 scheduledTime=2024-01-02T03:04:05.000000000Z",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldFormatMarketDataDropped()
    {
        final MarketDataDroppedCodec dropped = new MarketDataDroppedCodec().wrapForEncode(buffer, OFFSET, 20);
        dropped.reason(MarketDataDroppedCodec.REASON_LOW_DISK).trades(3).quotes(7).bars(0)
            .firstSourceTimeNs(T_2024_01_02_03_04_05).lastSourceTimeNs(T_2024_01_02_03_04_05 + 2_000_000_000L)
            .firstTimeNs(T_2024_01_02_03_04_05 + 1).lastTimeNs(T_2024_01_02_03_04_05 + 2_000_000_001L);
        RecordHeader.stamp(buffer, OFFSET, 9, T_2024_01_02_03_04_05 + 3_000_000_000L);

        assertEquals(10, dropped.dropped());
        assertEquals(
            "#9 2024-01-02T03:04:08.000000000Z MARKET_DATA_DROPPED src=20 reason=low_disk trades=3 quotes=7 bars=0 " +
                "firstSourceTime=2024-01-02T03:04:05.000000000Z lastSourceTime=2024-01-02T03:04:07.000000000Z " +
                "first=2024-01-02T03:04:05.000000001Z last=2024-01-02T03:04:07.000000001Z",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldFormatCancel()
    {
        final CancelCodec cancel = new CancelCodec().wrapForEncode(buffer, OFFSET, 14);
        cancel.clOrdId(9).instrumentId(1).reasonCode(2).leavesQtyLots(1).causeSequence(50);

        assertEquals(
            "#0 1970-01-01T00:00:00.000000000Z CANCEL src=14 clOrdId=9 instrument=1 reason=2 leaves=1 cause=50",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldFormatTradingStateChange()
    {
        final TradingStateChangeCodec change = new TradingStateChangeCodec().wrapForEncode(buffer, OFFSET, 0);
        change.previousState(TradingState.ACTIVE).newState(TradingState.HALTED).origin(CommandOrigin.RISK_RULE)
            .ruleCode(15).command(0).observed(6).limit(5).causeSequence(77);

        assertEquals(
            "#0 1970-01-01T00:00:00.000000000Z TRADING_STATE_CHANGE src=0 from=ACTIVE to=HALTED origin=risk-rule " +
                "rule=15 command=none observed=6 limit=5 cause=77",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldFormatEveryTypeByNameWithEveryFieldFilled()
    {
        for (final CodecCase<? extends Flyweight> codecCase : CodecSchema.all())
        {
            final String line = formatFilled(codecCase);
            assertTrue(line.startsWith("#-1 1969-12-31T23:59:59.999999999Z " + codecCase.type() + " src=-1 "), line);
            assertPrintableAscii(line);
        }
    }

    @Test
    void shouldAppendToTheGivenStringBuilder()
    {
        new TimerTickCodec().wrapForEncode(buffer, OFFSET, 1);
        final StringBuilder out = new StringBuilder("> ");

        formatter.format(buffer, OFFSET, out);
        formatter.format(buffer, OFFSET, out.append(" | "));

        final String line = "#0 1970-01-01T00:00:00.000000000Z TIMER_TICK src=1 timer=0 " +
            "scheduledTime=1970-01-01T00:00:00.000000000Z";
        assertEquals("> " + line + " | " + line, out.toString());
    }

    @Test
    void shouldPrintUnknownTemplateIdWithHexBytes()
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0);
        buffer.putShort(OFFSET, (short)99, RecordHeader.BYTE_ORDER);
        buffer.putShort(OFFSET + 2, (short)24, RecordHeader.BYTE_ORDER);
        buffer.putByte(OFFSET + 23, (byte)0xAB);

        assertEquals(
            "UNKNOWN type=99 length=24 hex=6300180000000000 0000000000000000 00000000000000ab",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldPrintKnownTypeWithWrongLengthAsUnknownShowingAtLeastTheHeader()
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0);
        new TradeCodec().wrapForEncode(buffer, OFFSET, 0);
        buffer.putShort(OFFSET + RecordHeader.LENGTH_OFFSET, (short)8, RecordHeader.BYTE_ORDER);

        assertEquals(
            "UNKNOWN type=1 length=8 hex=0100080000000000 0000000000000000 0000000000000000",
            formatter.format(buffer, OFFSET));
    }

    @Test
    void shouldReadTemplateIdAndLengthUnsignedAndCapTheHexDump()
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0xFF);

        final String line = formatter.format(buffer, OFFSET);

        final String prefix = "UNKNOWN type=65535 length=65535 hex=";
        assertTrue(line.startsWith(prefix), line);
        assertTrue(line.endsWith("ff..."), line);
        final String hex = line.substring(prefix.length(), line.length() - 3).replace(" ", "");
        assertEquals(RecordHeader.MAX_RECORD_LENGTH * 2, hex.length());
    }

    @Test
    void shouldPrintARecordRunningPastTheBufferAsUnknownWithTheBytesThere()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[30]);
        small.putShort(RecordHeader.TEMPLATE_ID_OFFSET, (short)RecordType.TRADE.code(), RecordHeader.BYTE_ORDER);
        small.putShort(RecordHeader.LENGTH_OFFSET, (short)RecordType.TRADE.length(), RecordHeader.BYTE_ORDER);

        assertEquals(
            "UNKNOWN type=1 length=64 hex=0100400000000000 0000000000000000 0000000000000000 000000000000...",
            formatter.format(small, 0));
    }

    @Test
    void shouldPrintTruncatedWhenTheHeaderDoesNotFit()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[] { 1, 2, 3, 4, 5, 6, (byte)0xCD });

        assertEquals("TRUNCATED offset=4 capacity=7 hex=0506cd", formatter.format(small, 4));
        assertEquals("TRUNCATED offset=7 capacity=7 hex=", formatter.format(small, 7));
        assertEquals("TRUNCATED offset=8 capacity=7 hex=", formatter.format(small, 8));
        assertEquals("TRUNCATED offset=-1 capacity=7 hex=", formatter.format(small, -1));
        assertEquals("TRUNCATED offset=-2147483648 capacity=7 hex=", formatter.format(small, Integer.MIN_VALUE));
    }

    @Test
    void shouldNeverThrowOnGarbageAndAlwaysPrintOnePrintableLine()
    {
        final Random random = new Random(20240102L);
        final RecordType[] types = RecordType.values();
        final byte[] bytes = new byte[buffer.capacity()];
        for (int i = 0; i < 200_000; i++)
        {
            random.nextBytes(bytes);
            buffer.putBytes(0, bytes);
            final int offset = random.nextInt(buffer.capacity() + 16) - 8;
            final boolean validHeader = random.nextBoolean() && offset >= 0 && offset + 4 <= buffer.capacity();
            if (validHeader)
            {
                final RecordType type = types[random.nextInt(types.length)];
                buffer.putShort(offset, (short)type.code(), RecordHeader.BYTE_ORDER);
                buffer.putShort(offset + 2, (short)type.length(), RecordHeader.BYTE_ORDER);
            }

            final String line;
            try
            {
                line = formatter.format(buffer, offset);
            }
            catch (final RuntimeException ex)
            {
                throw new AssertionError("threw at offset " + offset + " on " + hex(bytes), ex);
            }
            assertPrintableAscii(line);
            if (validHeader &&
                offset + RecordType.get(RecordHeader.templateId(buffer, offset)).length() <= buffer.capacity())
            {
                assertTrue(line.startsWith("#"), line);
            }
        }
    }

    @Test
    void shouldNameKnownTypesAndMarkUnknownOnes()
    {
        assertEquals("TRADE", RecordFormatter.typeName(1));
        assertEquals("EXECUTION_REPORT", RecordFormatter.typeName(20));
        assertEquals("TIMER_TICK", RecordFormatter.typeName(40));
        assertEquals("UNKNOWN(0)", RecordFormatter.typeName(0));
        assertEquals("UNKNOWN(99)", RecordFormatter.typeName(99));
        assertEquals("UNKNOWN(-1)", RecordFormatter.typeName(-1));
        for (final RecordType type : RecordType.values())
        {
            assertEquals(type.name(), RecordFormatter.typeName(type.code()));
        }
    }

    private <T extends Flyweight> String formatFilled(final CodecCase<T> codecCase)
    {
        final T encoder = codecCase.newCodec().wrapForEncode(buffer, OFFSET, -1);
        for (final Field<T> field : codecCase.fields())
        {
            field.fill(encoder);
        }
        RecordHeader.stamp(buffer, OFFSET, -1, -1);
        return formatter.format(buffer, OFFSET);
    }

    private static void assertPrintableAscii(final String line)
    {
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (c < 0x20 || c > 0x7E)
            {
                fail("char " + (int)c + " at " + i + " in: " + line);
            }
        }
    }

    private static String hex(final byte[] bytes)
    {
        final StringBuilder out = new StringBuilder();
        for (final byte b : bytes)
        {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }
}
