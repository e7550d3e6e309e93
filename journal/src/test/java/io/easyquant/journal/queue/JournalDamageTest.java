package io.easyquant.journal.queue;

import io.easyquant.journal.codec.CancelCodec;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.SequenceSkipCodec;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of damage stops the reader at the damaged entry with a message naming the file, the index and the fault;
 * nothing is skipped and nothing is taken for the end of the journal.
 */
class JournalDamageTest
{
    private static final JournalHeader HEADER = JournalHeader.of("live", "1.0", "instruments: []\n", "");
    /** A bid no other bytes of the journal share, to find one record in the queue file. */
    private static final long MARK = 0x5A5A_1234_5678_9ABCL;

    @TempDir
    Path dir;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final UnsafeBuffer into = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final QuoteCodec quote = new QuoteCodec();
    private final long[] indexes = new long[100];

    private void writeQuotes(final int count, final int markedAt) throws JournalException
    {
        try (Journal journal = Journal.openForWriting(dir, HEADER, JournalContext.DEFAULT))
        {
            final JournalWriter writer = journal.newWriter();
            for (int i = 0; i < count; i++)
            {
                quote.wrapForEncode(buffer, 0, 7);
                quote.instrumentId(1).bidTicks(i == markedAt ? MARK : 100 + i).askTicks(MARK + 1).bidLots(1)
                    .askLots(2);
                RecordHeader.stamp(buffer, 0, i, 1_000 + i);
                writer.append(buffer, 0, QuoteCodec.LENGTH);
                indexes[i] = writer.lastIndex();
            }
        }
    }

    private JournalDamageException readToDamage(final int expectedRecords) throws JournalException
    {
        try (Journal journal = Journal.openForReading(dir); JournalReader reader = journal.newReader())
        {
            int read = 0;
            try
            {
                while (reader.next(into) > 0)
                {
                    read++;
                }
            }
            catch (final JournalDamageException damage)
            {
                assertEquals(expectedRecords, read, "every record before the damage reads");
                return damage;
            }
            throw new AssertionError("no damage found after " + read + " records");
        }
    }

    @Test
    void shouldStopAtABitFlippedInARecordBody() throws Exception
    {
        writeQuotes(50, 20);
        flipByteAt(find(longBytes(MARK)) + 3);

        final JournalDamageException damage = readToDamage(20);

        assertEquals(JournalDamageException.Fault.CHECKSUM, damage.fault());
        assertEquals(indexes[20], damage.index());
        assertTrue(damage.file().endsWith(".cq4"), damage.file());
        assertTrue(damage.getMessage().contains("checksum mismatch at index " + indexes[20]), damage.getMessage());
        assertTrue(damage.getMessage().contains("journal repair --journal " + dir + " --truncate-at " + indexes[20]),
            damage.getMessage());
    }

    @Test
    void shouldStopAtABitFlippedInARecordHeader() throws Exception
    {
        writeQuotes(50, 20);
        flipByteAt(recordStart() + RecordHeader.SEQUENCE_OFFSET);

        final JournalDamageException damage = readToDamage(20);

        assertEquals(JournalDamageException.Fault.CHECKSUM, damage.fault());
        assertEquals(indexes[20], damage.index());
    }

    @Test
    void shouldSeeEntriesBehindAQueueHeaderMarkedUnfinishedInTheMiddle() throws Exception
    {
        writeQuotes(100, 50);
        // The queue's own 4-byte entry header precedes the record: with its flags set the tailer cannot get past.
        flipEntryHeader(0xFF);

        final JournalDamageException damage = readToDamage(50);

        assertEquals(JournalDamageException.Fault.UNREADABLE, damage.fault());
        assertEquals(indexes[50], damage.index());
        assertTrue(damage.getMessage().contains("entries up to index " + indexes[99]), damage.getMessage());
    }

    @Test
    void shouldStopAtARecordWhoseQueueHeaderWasFlippedToMetadata() throws Exception
    {
        writeQuotes(100, 50);
        // The queue's entry header is a little-endian int whose bit 30 marks the queue's own metadata: readers that
        // take only data would step over the record without a trace.
        flipByteAt(recordStart() - 4 + 3, 0x40);

        final JournalDamageException damage = readToDamage(50);

        assertEquals(JournalDamageException.Fault.UNREADABLE, damage.fault());
        assertTrue(damage.getMessage().contains("marked as the queue's own metadata"), damage.getMessage());
    }

    @Test
    void shouldNotTakeAnUnreadableEntryForTheStartWhenReadingBackward() throws Exception
    {
        writeQuotes(100, 50);
        flipEntryHeader(0xFF);

        try (Journal journal = Journal.openForReading(dir);
            JournalReader reader = journal.newReader().backward().toEnd())
        {
            final long[] read = {0};
            final JournalDamageException damage = assertThrows(JournalDamageException.class, () ->
            {
                while (reader.next(into) > 0)
                {
                    read[0]++;
                }
            });
            assertEquals(JournalDamageException.Fault.UNREADABLE, damage.fault(), damage.getMessage());
            assertTrue(read[0] < 50, "the damaged entry and what lies before it were never read: " + read[0]);
        }
    }

    @Test
    void shouldStopAtAQueueHeaderWithAnImpossibleLengthInTheMiddle() throws Exception
    {
        writeQuotes(100, 50);
        flipEntryHeader(0x5A);

        final JournalDamageException damage = readToDamage(50);

        assertEquals(indexes[50], damage.index());
        assertTrue(damage.getMessage().contains("at index " + indexes[50]), damage.getMessage());
    }

    @Test
    void shouldRepairPastAnImpossibleLengthWithMarksAboveEverythingTheJournalHeld() throws Exception
    {
        writeQuotes(100, 50);
        flipEntryHeader(0x5A);
        final long damagedAt = readToDamage(50).index();

        final JournalRepair.Result result = JournalRepair.truncateAt(dir, damagedAt);

        assertEquals(50, result.keptRecords());
        assertTrue(result.nextSequence() > 99, "above every sequence the journal held: " + result.nextSequence());
        try (Journal journal = Journal.openForReading(dir); JournalReader reader = journal.newReader())
        {
            int records = 0;
            int length;
            while ((length = reader.next(into)) > 0)
            {
                records++;
                if (records <= 50)
                {
                    assertEquals(indexes[records - 1], reader.index(), "kept records keep their indexes");
                }
                else
                {
                    assertEquals(SequenceSkipCodec.LENGTH, length);
                    assertEquals(result.nextSequence(),
                        new SequenceSkipCodec().<SequenceSkipCodec>wrap(into, 0).nextSequence());
                }
            }
            assertEquals(51, records, "the kept records, then the skip");
        }
    }

    @Test
    void shouldStopAtACutLastRecordInsteadOfReadingZeros() throws Exception
    {
        writeQuotes(10, 9);
        final long start = recordStart();
        for (long position = start + QuoteCodec.BID_TICKS_OFFSET; position < start + QuoteCodec.LENGTH + 4; position++)
        {
            zeroByteAt(position);
        }

        final JournalDamageException damage = readToDamage(9);

        assertEquals(JournalDamageException.Fault.CHECKSUM, damage.fault());
        assertEquals(indexes[9], damage.index());
    }

    @Test
    void shouldStopAtAnUndeclaredSequenceGapAndPassADeclaredOne() throws Exception
    {
        try (Journal journal = Journal.openForWriting(dir, HEADER, JournalContext.DEFAULT))
        {
            final JournalWriter writer = journal.newWriter();
            appendQuote(writer, 0);
            appendQuote(writer, 1);
            new SequenceSkipCodec().wrapForEncode(buffer, 0, 1).<SequenceSkipCodec>wrap(buffer, 0)
                .reason(SequenceSkipCodec.NOT_JOURNALED).nextSequence(7).skippedInputs(4);
            RecordHeader.stamp(buffer, 0, 2, 1_001);
            writer.append(buffer, 0, SequenceSkipCodec.LENGTH);
            appendQuote(writer, 7);
            appendQuote(writer, 9);
        }

        final JournalDamageException damage = readToDamage(4);

        assertEquals(JournalDamageException.Fault.SEQUENCE_GAP, damage.fault());
        assertTrue(damage.getMessage().contains("expected sequence 8, found 9"), damage.getMessage());
    }

    @Test
    void shouldStopAtAnOutputWhoseCauseWasNotJournaled() throws Exception
    {
        try (Journal journal = Journal.openForWriting(dir, HEADER, JournalContext.DEFAULT))
        {
            final JournalWriter writer = journal.newWriter();
            appendQuote(writer, 0);
            new CancelCodec().wrapForEncode(buffer, 0, 0);
            RecordHeader.stamp(buffer, 0, 5, 1_000);
            writer.append(buffer, 0, CancelCodec.LENGTH);
        }

        final JournalDamageException damage = readToDamage(1);

        assertEquals(JournalDamageException.Fault.SEQUENCE_GAP, damage.fault());
        assertTrue(damage.getMessage().contains("names input 5 as its cause, but the last input read is 0"),
            damage.getMessage());
    }

    @Test
    void shouldRefuseAHeaderWhoseConfigurationTextNoLongerHasItsDigest() throws Exception
    {
        writeQuotes(3, 0);
        final Path sidecar = dir.resolve(Journal.HEADER_FILE);
        final byte[] bytes = Files.readAllBytes(sidecar);
        final String text = new String(bytes, StandardCharsets.ISO_8859_1);
        final int at = text.indexOf("instruments");
        bytes[at] = 'I';
        Files.write(sidecar, bytes);

        final JournalException error = assertThrows(JournalException.class, () -> Journal.openForReading(dir));

        assertTrue(error.getMessage().contains("the journal header is damaged: its checksum"), error.getMessage());
    }

    @Test
    void shouldRefuseAHeaderWhoseDigestDisagreesWithItsText() throws Exception
    {
        final JournalHeader forged = new JournalHeader(JournalHeader.FORMAT_VERSION, "live", "1.0",
            HEADER.configDigest(), "instruments: [changed]\n", "");
        writeQuotes(3, 0);
        Files.write(dir.resolve(Journal.HEADER_FILE), forged.toBytes());

        final JournalException error = assertThrows(JournalException.class, () -> Journal.openForReading(dir));

        assertTrue(error.getMessage().contains("its configuration text has digest"), error.getMessage());
    }

    @Test
    void shouldReadAFormatOneJournalButRefuseToAppendToIt() throws Exception
    {
        final JournalHeader legacy = new JournalHeader(1, "live", "1.0", HEADER.configDigest(), HEADER.configText(),
            "");
        writeQuotes(3, 0);
        Files.write(dir.resolve(Journal.HEADER_FILE), legacy.toBytes());

        final JournalException refused = assertThrows(JournalException.class,
            () -> Journal.openForWriting(dir, HEADER, JournalContext.DEFAULT));
        assertTrue(refused.getMessage().contains("is of format 1, whose records carry no checksums"),
            refused.getMessage());
        try (Journal journal = Journal.openForReading(dir))
        {
            assertEquals(1, journal.header().formatVersion());
        }
    }

    private void appendQuote(final JournalWriter writer, final long sequence)
    {
        quote.wrapForEncode(buffer, 0, 7);
        quote.instrumentId(1).bidTicks(100).askTicks(101).bidLots(1).askLots(2);
        RecordHeader.stamp(buffer, 0, sequence, 1_000 + sequence);
        writer.append(buffer, 0, QuoteCodec.LENGTH);
    }

    private long recordStart() throws IOException
    {
        return find(longBytes(MARK)) - QuoteCodec.BID_TICKS_OFFSET;
    }

    private static byte[] longBytes(final long value)
    {
        return ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    private Path queueFile() throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(file -> file.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private long find(final byte[] pattern) throws IOException
    {
        final byte[] content = Files.readAllBytes(queueFile());
        outer:
        for (int i = 0; i + pattern.length <= content.length; i++)
        {
            for (int j = 0; j < pattern.length; j++)
            {
                if (content[i + j] != pattern[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found in the queue file");
    }

    /**
     * Flip bits of the queue's own 4-byte entry header in front of the marked record.
     */
    private void flipEntryHeader(final int mask) throws IOException
    {
        final long entryHeader = recordStart() - 4;
        for (int i = 0; i < 4; i++)
        {
            flipByteAt(entryHeader + i, mask);
        }
    }

    private void flipByteAt(final long position) throws IOException
    {
        flipByteAt(position, 0x5A);
    }

    private void flipByteAt(final long position, final int mask) throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(queueFile().toFile(), "rw"))
        {
            file.seek(position);
            final int value = file.read();
            file.seek(position);
            file.write(value ^ mask);
        }
    }

    private void zeroByteAt(final long position) throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(queueFile().toFile(), "rw"))
        {
            file.seek(position);
            file.write(0);
        }
    }
}
