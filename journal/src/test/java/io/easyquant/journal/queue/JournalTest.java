package io.easyquant.journal.queue;

import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest
{
    private static final JournalHeader HEADER = JournalHeader.of("live", "1.0", "instruments: []\n", "");

    @TempDir
    Path dir;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final QuoteCodec quote = new QuoteCodec();

    private void writeQuote(final JournalWriter writer, final long sequence)
    {
        quote.wrapForEncode(buffer, 0, 7);
        quote.instrumentId(1).bidTicks(100 + sequence).askTicks(101 + sequence).bidLots(1).askLots(2);
        RecordHeader.stamp(buffer, 0, sequence, 1_000 + sequence);
        writer.append(buffer, 0, QuoteCodec.LENGTH);
    }

    @Test
    void shouldReadBackEveryRecordInOrderAfterTheHeader() throws JournalException
    {
        try (Journal journal = Journal.openForWriting(dir, HEADER, JournalContext.DEFAULT))
        {
            final JournalWriter writer = journal.newWriter();
            for (int i = 0; i < 1_000; i++)
            {
                writeQuote(writer, i);
            }
            assertEquals(1_000, writer.appended());
        }

        try (Journal journal = Journal.openForReading(dir); JournalReader reader = journal.newReader())
        {
            assertEquals(HEADER, journal.header());
            final UnsafeBuffer into = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            for (int i = 0; i < 1_000; i++)
            {
                assertEquals(QuoteCodec.LENGTH, reader.next(into));
                assertEquals(i, RecordHeader.sequence(into, 0));
                assertEquals(100 + i, quote.<QuoteCodec>wrap(into, 0).bidTicks());
            }
            assertEquals(-1, reader.next(into));
            assertEquals(1_000, reader.records());
        }
    }

    @Test
    void shouldCountEntriesBetweenIndexesWithoutReadingThem() throws JournalException
    {
        try (Journal journal = Journal.openForWriting(dir, HEADER, JournalContext.DEFAULT))
        {
            final JournalWriter writer = journal.newWriter();
            final long[] indexes = new long[10];
            for (int i = 0; i < indexes.length; i++)
            {
                writeQuote(writer, i);
                indexes[i] = writer.lastIndex();
            }

            assertEquals(indexes[9], journal.lastIndex());
            assertEquals(10, journal.countEntries(journal.firstIndex(), journal.lastIndex()), "header and 9 records");
            assertEquals(6, journal.countEntries(indexes[3], indexes[9]), "the records after the 4th");
            assertEquals(0, journal.countEntries(indexes[9], indexes[9]));
            assertEquals(0, journal.countEntries(indexes[9], indexes[2]));
        }
    }

    @Test
    void shouldReadBackwardFromTheEndAndContinueFromTheNextIndex() throws JournalException
    {
        try (Journal journal = Journal.openForWriting(dir, HEADER, JournalContext.DEFAULT))
        {
            final JournalWriter writer = journal.newWriter();
            for (int i = 0; i < 10; i++)
            {
                writeQuote(writer, i);
            }
            final UnsafeBuffer into = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            final long next;
            try (JournalReader reader = journal.newReader().backward().toEnd())
            {
                for (int i = 9; i >= 6; i--)
                {
                    assertEquals(QuoteCodec.LENGTH, reader.next(into));
                    assertEquals(i, RecordHeader.sequence(into, 0));
                }
                next = reader.nextIndex();
            }
            try (JournalReader reader = journal.newReader().backward())
            {
                assertTrue(reader.moveToIndex(next));
                for (int i = 5; i >= 0; i--)
                {
                    assertEquals(QuoteCodec.LENGTH, reader.next(into));
                    assertEquals(i, RecordHeader.sequence(into, 0));
                }
                assertEquals(-1, reader.next(into), "the header entry is skipped and nothing precedes it");
            }
        }
    }

    @Test
    void shouldRefuseToAppendWithAnotherConfiguration() throws JournalException
    {
        Journal.openForWriting(dir, HEADER, JournalContext.DEFAULT).close();

        final JournalException error = assertThrows(JournalException.class, () -> Journal.openForWriting(
            dir, JournalHeader.of("live", "1.0", "other: true\n", ""), JournalContext.DEFAULT));

        assertTrue(error.getMessage().contains("written with another configuration"), error.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownFormatVersion() throws Exception
    {
        Journal.openForWriting(dir, HEADER, JournalContext.DEFAULT).close();
        final JournalHeader future = new JournalHeader(99, "live", "9", HEADER.configDigest(), "", "");
        Files.write(dir.resolve(Journal.HEADER_FILE), future.toBytes());

        final JournalException error = assertThrows(JournalException.class, () -> Journal.openForReading(dir));

        assertEquals(dir + ": journal format version 99 is not supported; this engine reads versions 1 to 2",
            error.getMessage());
    }

    @Test
    void shouldSayWhenThereIsNoJournal()
    {
        final JournalException error = assertThrows(JournalException.class, () -> Journal.openForReading(dir));

        assertEquals(dir + ": no journal here (expected a directory of .cq4 files)", error.getMessage());
    }

    @Test
    void shouldReadEverythingBeforeARecordAWriterNeverFinished() throws Exception
    {
        try (Journal journal = Journal.openForWriting(dir, HEADER, JournalContext.DEFAULT))
        {
            final JournalWriter writer = journal.newWriter();
            for (int i = 0; i < 10; i++)
            {
                writeQuote(writer, i);
            }
        }
        tearLastAppend(dir);

        try (Journal journal = Journal.openForReading(dir); JournalReader reader = journal.newReader())
        {
            final UnsafeBuffer into = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            int count = 0;
            while (reader.next(into) > 0)
            {
                assertEquals(count, RecordHeader.sequence(into, 0));
                count++;
            }
            assertEquals(10, count);
        }
    }

    @Test
    void shouldReturnAMalformedInputAsItWasJournaledSinceItsChecksumVouchesForIt() throws Exception
    {
        try (Journal journal = Journal.openForWriting(dir, HEADER, JournalContext.DEFAULT))
        {
            final JournalWriter writer = journal.newWriter();
            writeQuote(writer, 0);
            RecordHeader.stamp(buffer, 0, 1, 1_001);
            writer.append(buffer, 0, 30);
            writeQuote(writer, 2);
        }

        try (Journal journal = Journal.openForReading(dir); JournalReader reader = journal.newReader())
        {
            final UnsafeBuffer into = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            assertEquals(QuoteCodec.LENGTH, reader.next(into));
            assertEquals(30, reader.next(into), "ingest journals a malformed input as it came, to be rejected again");
            assertEquals(1, RecordHeader.sequence(into, 0));
            assertEquals(QuoteCodec.LENGTH, reader.next(into));
            assertEquals(2, RecordHeader.sequence(into, 0));
            assertEquals(-1, reader.next(into));
        }
    }

    /**
     * Start an append and leave it unfinished, as a writer killed in the middle of a record would.
     */
    private static void tearLastAppend(final Path dir)
    {
        final SingleChronicleQueue queue = ChronicleQueue.singleBuilder(dir).timeoutMS(100).build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext document = appender.writingDocument();
        document.wire().bytes().write(new byte[] {1, 2, 3});
        // Neither the document nor the queue is closed: the entry stays incomplete, as after kill -9.
    }
}
