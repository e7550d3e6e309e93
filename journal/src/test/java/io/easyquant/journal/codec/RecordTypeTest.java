package io.easyquant.journal.codec;

import io.easyquant.journal.codec.CodecSchema.CodecCase;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordTypeTest
{
    @Test
    void shouldGiveEachTypeTheLengthOfItsCodec()
    {
        assertEquals(TradeCodec.LENGTH, RecordType.TRADE.length());
        assertEquals(QuoteCodec.LENGTH, RecordType.QUOTE.length());
        assertEquals(BarCodec.LENGTH, RecordType.BAR.length());
        assertEquals(SignalCodec.LENGTH, RecordType.SIGNAL.length());
        assertEquals(OrderIntentCodec.LENGTH, RecordType.ORDER_INTENT.length());
        assertEquals(RiskDecisionCodec.LENGTH, RecordType.RISK_DECISION.length());
        assertEquals(OrderCodec.LENGTH, RecordType.ORDER.length());
        assertEquals(CancelCodec.LENGTH, RecordType.CANCEL.length());
        assertEquals(TradingStateChangeCodec.LENGTH, RecordType.TRADING_STATE_CHANGE.length());
        assertEquals(ExecutionReportCodec.LENGTH, RecordType.EXECUTION_REPORT.length());
        assertEquals(AdminCommandCodec.LENGTH, RecordType.ADMIN_COMMAND.length());
        assertEquals(TimerTickCodec.LENGTH, RecordType.TIMER_TICK.length());
        assertEquals(BookStateCodec.LENGTH, RecordType.BOOK_STATE.length());
        assertEquals(BookDepthCodec.LENGTH, RecordType.BOOK_DEPTH.length());
        assertEquals(MarketDataDroppedCodec.LENGTH, RecordType.MARKET_DATA_DROPPED.length());
    }

    @Test
    void shouldMatchEveryCodecToItsTypeAndTheLengthItsLayoutDraws()
    {
        final Set<RecordType> covered = EnumSet.noneOf(RecordType.class);
        for (final CodecCase<? extends Flyweight> codecCase : CodecSchema.all())
        {
            final RecordType type = codecCase.type();
            assertTrue(covered.add(type), type + " listed twice in the schema table");
            assertEquals(codecCase.length(), type.length(), type.toString());
            assertEquals(type.length(), codecCase.newCodec().encodedLength(), type.toString());
        }
        assertEquals(EnumSet.allOf(RecordType.class), covered, "schema table must list every record type");
    }

    @Test
    void shouldFitEveryRecordInTheMaximumRecordLength()
    {
        for (final RecordType type : RecordType.values())
        {
            assertTrue(type.length() >= RecordHeader.LENGTH, type.toString());
            assertTrue(type.length() <= RecordHeader.MAX_RECORD_LENGTH, type.toString());
        }
        assertTrue(RecordHeader.MAX_RECORD_LENGTH <= 0xFFFF, "length must fit the unsigned 16-bit header field");
    }

    @Test
    void shouldHaveUniqueCodesThatFitTheHeader()
    {
        final Set<Integer> codes = new HashSet<>();
        for (final RecordType type : RecordType.values())
        {
            assertTrue(codes.add(type.code()), "duplicate code " + type.code());
            assertTrue(type.code() > 0 && type.code() <= 0xFFFF, type.toString());
        }
    }

    @Test
    void shouldGetEveryTypeByItsCode()
    {
        for (final RecordType type : RecordType.values())
        {
            assertSame(type, RecordType.get(type.code()));
        }
    }

    @Test
    void shouldReturnNullForUnknownAndNegativeCodes()
    {
        final Set<Integer> codes = new HashSet<>();
        for (final RecordType type : RecordType.values())
        {
            codes.add(type.code());
        }
        for (int code = -1_000; code <= 70_000; code++)
        {
            if (!codes.contains(code))
            {
                assertNull(RecordType.get(code), "code " + code);
            }
        }
        assertNull(RecordType.get(Integer.MIN_VALUE));
        assertNull(RecordType.get(Integer.MAX_VALUE));
    }

    @Test
    void shouldMarkOnlyEngineDecisionsAsNotInput()
    {
        final Set<RecordType> decisions = EnumSet.of(
            RecordType.SIGNAL, RecordType.ORDER_INTENT, RecordType.RISK_DECISION, RecordType.ORDER, RecordType.CANCEL,
            RecordType.TRADING_STATE_CHANGE);
        for (final RecordType type : RecordType.values())
        {
            assertEquals(!decisions.contains(type), type.isInput(), type.toString());
        }
    }
}
