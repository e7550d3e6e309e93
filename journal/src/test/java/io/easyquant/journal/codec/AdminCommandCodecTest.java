package io.easyquant.journal.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.easyquant.journal.codec.AdminCommandCodec.PRINCIPAL_OFFSET;
import static io.easyquant.journal.codec.AdminCommandCodec.PRINCIPAL_WIDTH;
import static io.easyquant.journal.codec.AdminCommandCodec.REASON_OFFSET;
import static io.easyquant.journal.codec.AdminCommandCodec.REASON_WIDTH;
import static io.easyquant.journal.codec.AdminCommandCodec.REMOTE_ADDRESS_WIDTH;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fixed-width ASCII text fields of {@link AdminCommandCodec}.
 */
class AdminCommandCodecTest
{
    private static final int OFFSET = 3;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + AdminCommandCodec.LENGTH + 16]);
    private final AdminCommandCodec encoder = new AdminCommandCodec().wrapForEncode(buffer, OFFSET, 1);
    private final AdminCommandCodec decoder = new AdminCommandCodec().wrap(buffer, OFFSET);

    @Test
    void shouldTruncateTextToTheFieldWidth()
    {
        encoder
            .principal("P".repeat(PRINCIPAL_WIDTH + 5))
            .reason("R".repeat(REASON_WIDTH + 1))
            .remoteAddress("A".repeat(REMOTE_ADDRESS_WIDTH * 2));

        assertEquals("P".repeat(PRINCIPAL_WIDTH), decoder.principal());
        assertEquals("R".repeat(REASON_WIDTH), decoder.reason());
        assertEquals("A".repeat(REMOTE_ADDRESS_WIDTH), decoder.remoteAddress());
    }

    @Test
    void shouldNotSpillATruncatedFieldIntoTheNextOne()
    {
        encoder.reason("why");
        encoder.principal("x".repeat(PRINCIPAL_WIDTH * 3));

        assertEquals("why", decoder.reason());
        assertEquals("x".repeat(PRINCIPAL_WIDTH), decoder.principal());
    }

    @Test
    void shouldPadShortTextWithZerosOverALongerOldValue()
    {
        encoder.principal("operator-with-long-name");
        encoder.principal("bob");

        assertEquals("bob", decoder.principal());
        for (int i = 3; i < PRINCIPAL_WIDTH; i++)
        {
            assertEquals(0, buffer.getByte(OFFSET + PRINCIPAL_OFFSET + i), "byte " + i + " of principal");
        }
    }

    @Test
    void shouldWriteNullAndEmptyTextAsAllZeros()
    {
        encoder.reason("something");
        encoder.reason(null);
        assertEquals("", decoder.reason());

        encoder.reason("something");
        encoder.reason("");
        assertEquals("", decoder.reason());
        for (int i = 0; i < REASON_WIDTH; i++)
        {
            assertEquals(0, buffer.getByte(OFFSET + REASON_OFFSET + i), "byte " + i + " of reason");
        }
    }

    @Test
    void shouldWriteNonAsciiCharactersAsQuestionMarks()
    {
        encoder.reason("caf\u00e9 \u20ac5 \uD83D\uDE00 \u007f\u0080");

        // One '?' per UTF-16 unit: the emoji is a surrogate pair. DEL (0x7F) is ASCII and kept.
        assertEquals("caf? ?5 ?? \u007f?", decoder.reason());
    }

    @Test
    void shouldKeepTextWhichFillsTheWholeWidthWithoutATerminator()
    {
        final String fullWidth = "0123456789abcdefghijklmn";
        encoder.principal(fullWidth).reason("next");

        assertEquals(PRINCIPAL_WIDTH, fullWidth.length());
        assertEquals(fullWidth, decoder.principal());
        assertEquals("next", decoder.reason());
    }

    @Test
    void shouldStopReadingAtTheFirstZeroByte()
    {
        encoder.principal("ab\0cd");

        assertEquals("ab", decoder.principal());
    }

    @Test
    void shouldAppendTextToAStringBuilderWithoutClearingIt()
    {
        encoder.principal("alice").reason("fat finger").remoteAddress("10.0.0.7:51234");

        final StringBuilder out = new StringBuilder("who=");
        decoder.getPrincipal(out);
        out.append(" why=");
        decoder.getReason(out);
        out.append(" from=");
        decoder.getRemoteAddress(out);

        assertEquals("who=alice why=fat finger from=10.0.0.7:51234", out.toString());
    }

    @Test
    void shouldAcceptAnyCharSequence()
    {
        encoder.principal(new StringBuilder("svc-").append(42));

        assertEquals("svc-42", decoder.principal());
    }
}
