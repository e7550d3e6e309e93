package io.easyquant.journal.codec;

import io.easyquant.journal.codec.CodecSchema.CodecCase;
import io.easyquant.journal.codec.CodecSchema.Field;
import io.easyquant.journal.codec.CodecSchema.NumberField;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte layout of every codec, checked through the {@link CodecSchema} table: where each field lands, that fields
 * do not overlap, that encoding stays inside the record and that encoding starts from a zeroed body.
 */
class CodecLayoutTest
{
    private static final int OFFSET = 13;
    private static final byte SENTINEL = (byte)0xA5;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + RecordHeader.MAX_RECORD_LENGTH + 32]);

    @Test
    void shouldWriteEachFieldOnlyToItsDeclaredBytesAndReadOtherFieldsAsZero()
    {
        for (final CodecCase<? extends Flyweight> codecCase : CodecSchema.all())
        {
            assertFieldsDoNotOverlap(codecCase);
        }
    }

    @Test
    void shouldRoundTripEveryNumericFieldAtEveryExtremeAtAnUnalignedOffset()
    {
        for (final CodecCase<? extends Flyweight> codecCase : CodecSchema.all())
        {
            assertExtremesRoundTrip(codecCase);
        }
    }

    @Test
    void shouldNotWriteOutsideTheRecordWhenEncoding()
    {
        for (final CodecCase<? extends Flyweight> codecCase : CodecSchema.all())
        {
            assertEncodingStaysInsideRecord(codecCase);
        }
    }

    @Test
    void shouldZeroTheBodyAndClearSequenceAndTimeWhenWrappingADirtyBufferForEncode()
    {
        for (final CodecCase<? extends Flyweight> codecCase : CodecSchema.all())
        {
            assertWrapForEncodeZeroesBody(codecCase);
        }
    }

    @Test
    void shouldDeclareFieldsInsideTheBodyInOffsetOrder()
    {
        for (final CodecCase<? extends Flyweight> codecCase : CodecSchema.all())
        {
            int end = RecordHeader.LENGTH;
            for (final Field<? extends Flyweight> field : codecCase.fields())
            {
                assertTrue(field.offset >= end, codecCase.type() + "." + field + " starts before the previous end");
                end = field.offset + field.width;
            }
            assertTrue(end <= codecCase.length(), codecCase.type() + " fields run past the record length");
        }
    }

    private <T extends Flyweight> void assertFieldsDoNotOverlap(final CodecCase<T> codecCase)
    {
        for (final Field<T> filled : codecCase.fields())
        {
            final String where = codecCase.type() + "." + filled;
            buffer.setMemory(0, buffer.capacity(), (byte)0);
            final T encoder = codecCase.newCodec().wrapForEncode(buffer, OFFSET, 0);
            filled.fill(encoder);

            final T decoder = codecCase.newCodec().wrap(buffer, OFFSET);
            assertTrue(filled.isFilled(decoder), where + " does not read back what was written");
            for (final Field<T> other : codecCase.fields())
            {
                if (other != filled)
                {
                    assertTrue(other.isZero(decoder), where + " leaks into " + other);
                }
            }

            for (int i = RecordHeader.LENGTH; i < codecCase.length(); i++)
            {
                final boolean inField = i >= filled.offset && i < filled.offset + filled.width;
                assertEquals(
                    inField ? filled.fillByte() : 0,
                    buffer.getByte(OFFSET + i),
                    where + ": byte " + i + " of the record");
            }
        }
    }

    private <T extends Flyweight> void assertExtremesRoundTrip(final CodecCase<T> codecCase)
    {
        for (final Field<T> field : codecCase.fields())
        {
            if (field instanceof NumberField<T> number)
            {
                for (final long bits : number.extremes)
                {
                    buffer.setMemory(0, buffer.capacity(), SENTINEL);
                    final T encoder = codecCase.newCodec().wrapForEncode(buffer, OFFSET, Integer.MIN_VALUE);
                    number.write(encoder, bits);
                    RecordHeader.stamp(buffer, OFFSET, Long.MAX_VALUE, Long.MIN_VALUE);

                    final T decoder = codecCase.newCodec().wrap(buffer, OFFSET);
                    final String where = codecCase.type() + "." + field + " = 0x" + Long.toHexString(bits);
                    assertEquals(bits, number.read(decoder), where);
                    assertEquals(codecCase.type().code(), RecordHeader.templateId(buffer, OFFSET), where);
                    assertEquals(codecCase.length(), RecordHeader.length(buffer, OFFSET), where);
                    assertEquals(Integer.MIN_VALUE, decoder.sourceId(), where);
                    assertEquals(Long.MAX_VALUE, decoder.sequence(), where);
                    assertEquals(Long.MIN_VALUE, decoder.timeNs(), where);
                }
            }
        }
    }

    private <T extends Flyweight> void assertEncodingStaysInsideRecord(final CodecCase<T> codecCase)
    {
        buffer.setMemory(0, buffer.capacity(), SENTINEL);
        final T encoder = codecCase.newCodec().wrapForEncode(buffer, OFFSET, -1);
        for (final Field<T> field : codecCase.fields())
        {
            field.fill(encoder);
        }
        RecordHeader.stamp(buffer, OFFSET, -1L, -1L);

        for (int i = 0; i < OFFSET; i++)
        {
            assertEquals(SENTINEL, buffer.getByte(i), codecCase.type() + " wrote byte " + i + " before the record");
        }
        for (int i = OFFSET + codecCase.length(); i < buffer.capacity(); i++)
        {
            assertEquals(SENTINEL, buffer.getByte(i), codecCase.type() + " wrote byte " + i + " after the record");
        }
    }

    private <T extends Flyweight> void assertWrapForEncodeZeroesBody(final CodecCase<T> codecCase)
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0xFF);
        final T encoder = codecCase.newCodec().wrapForEncode(buffer, OFFSET, 42);

        final T decoder = codecCase.newCodec().wrap(buffer, OFFSET);
        final String type = codecCase.type().toString();
        assertEquals(codecCase.type().code(), RecordHeader.templateId(buffer, OFFSET), type);
        assertEquals(codecCase.length(), RecordHeader.length(buffer, OFFSET), type);
        assertEquals(42, decoder.sourceId(), type);
        assertEquals(0L, decoder.sequence(), type);
        assertEquals(0L, decoder.timeNs(), type);
        for (final Field<T> field : codecCase.fields())
        {
            assertTrue(field.isZero(decoder), type + "." + field + " not zeroed");
        }
        for (int i = RecordHeader.LENGTH; i < codecCase.length(); i++)
        {
            assertEquals(0, buffer.getByte(OFFSET + i), type + ": body byte " + i + " not zeroed");
        }
        assertEquals((byte)0xFF, buffer.getByte(OFFSET + codecCase.length()), type + " zeroed past its end");
        assertEquals(OFFSET, encoder.offset(), type);
    }
}
