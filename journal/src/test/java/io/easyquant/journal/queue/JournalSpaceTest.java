package io.easyquant.journal.queue;

import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordHeader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The journal's disk reserve and refusal: blocks allocated ahead of the writer let it write through Chronicle's
 * mapping on a file system that is full, and once the reserve is spent appends are refused with an exception, never a
 * fault in a mapped write (before: an InternalError on the first write past the allocated pages, a crash of the JVM
 * on tmpfs).
 */
class JournalSpaceTest
{
    private static final JournalHeader HEADER = JournalHeader.of("live", "1.0", "instruments: []\n", "");
    private static final long RESERVE = 2 * Journal.BLOCK_SIZE;

    @TempDir
    Path dir;

    private final QuoteCodec quote = new QuoteCodec();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[QuoteCodec.LENGTH]);

    @Test
    void shouldRefuseAppendsWithAnExceptionAndWriteNothingWhileRefusing() throws JournalException
    {
        try (Journal journal = Journal.openForWriting(dir, HEADER, JournalContext.DEFAULT))
        {
            final JournalWriter writer = journal.newWriter();
            append(writer, 0);
            journal.space().refuse(true);
            final JournalSpaceException refused = assertThrows(JournalSpaceException.class, () -> append(writer, 1));
            assertTrue(refused.getMessage().startsWith(dir + ": appends refused: the disk is full"),
                refused.getMessage());
            assertEquals(1, writer.appended());
            journal.space().refuse(false);
            append(writer, 1);
        }
        assertEquals(2, count(dir));
    }

    @Test
    void shouldKeepTheReserveAheadOfTheNewestFile() throws JournalException
    {
        assumeTrue(JournalSpace.canReserve(), "skipped: no fallocate on this platform");
        try (Journal journal = Journal.openForWriting(dir, HEADER, JournalContext.DEFAULT))
        {
            final JournalWriter writer = journal.newWriter();
            assertEquals(RESERVE, journal.space().maintainReserve(RESERVE));
            for (int i = 0; i < 100_000; i++)
            {
                append(writer, i);
            }
            assertEquals(RESERVE, journal.space().maintainReserve(RESERVE), "renewed after the file grew");
            assertEquals(RESERVE, journal.space().reserveAhead());
        }
    }

    @Test
    void shouldWriteIntoTheReserveOnAFullFileSystemAndRefuseOnceItIsSpent() throws Exception
    {
        assumeTrue(JournalSpace.canReserve(), "skipped: no fallocate on this platform");
        try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("mnt"), 24))
        {
            final Path journalDir = disk.path().resolve("journal");
            long appended = 0;
            try (Journal journal = Journal.openForWriting(journalDir, HEADER, JournalContext.DEFAULT))
            {
                final JournalWriter writer = journal.newWriter();
                assertEquals(RESERVE, journal.space().maintainReserve(RESERVE));
                assertTrue(disk.fill("filler") > 0);
                assertTrue(Files.getFileStore(disk.path()).getUsableSpace() < 1 << 16, "the file system is full");

                // What the low-disk rule does every 100 ms, here every 1,000 appends: renew (it cannot), refuse under
                // one block.
                while (true)
                {
                    if (appended % 1_000 == 0 &&
                        journal.space().maintainReserve(RESERVE) < Journal.BLOCK_SIZE)
                    {
                        journal.space().refuse(true);
                    }
                    try
                    {
                        append(writer, appended);
                    }
                    catch (final JournalSpaceException refused)
                    {
                        break;
                    }
                    appended++;
                }
                assertTrue(appended > 10_000, "wrote into the reserve: " + appended);
            }
            assertEquals(appended, count(journalDir), "every record written is read back");
        }
    }

    private void append(final JournalWriter writer, final long sequence)
    {
        quote.wrapForEncode(buffer, 0, 7);
        quote.instrumentId(1).sourceTimeNs(sequence).bidTicks(100).askTicks(101).bidLots(1).askLots(1);
        RecordHeader.stamp(buffer, 0, sequence, sequence);
        writer.append(buffer, 0, QuoteCodec.LENGTH);
    }

    private static long count(final Path journalDir) throws JournalException
    {
        long records = 0;
        try (Journal journal = Journal.openForReading(journalDir); JournalReader reader = journal.newReader())
        {
            final UnsafeBuffer into = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
            while (reader.next(into) > 0)
            {
                records++;
            }
        }
        return records;
    }
}
