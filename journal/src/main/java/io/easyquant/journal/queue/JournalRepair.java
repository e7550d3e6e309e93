package io.easyquant.journal.queue;

import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.OrderIntentCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.SequenceSkipCodec;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The one explicit way past damage: cut a journal at an index. Everything before the index must be intact and is kept
 * with its journal indexes unchanged (so whatever remembers an index, such as the Postgres sink's checkpoint, still
 * points at the same record); the journal then ends with a {@link RecordType#SEQUENCE_SKIP} (reason
 * {@link SequenceSkipCodec#REPAIR}) that carries the high-water marks forward: the next input's sequence and the lowest
 * client order id the engine may use are above everything the journal ever held, the cut part included, so no
 * sequence or id is reused.
 *
 * <p>The cut part is read entry by entry by index as far as the queue can reach; only records whose checksum matches
 * count toward the marks, and each entry that cannot be believed (damaged, or beyond the queue's reach) adds one to
 * both marks, as it may have been an input or an order. The original directory is kept whole beside the journal as
 * {@code <journal>.cut-<UTC time>}.
 *
 * <p>Not for a journal in use: the caller makes sure no process writes it.
 */
public final class JournalRepair
{
    /**
     * What a repair did.
     *
     * @param cutAt                the index cut at: the first entry not kept, now the sequence skip.
     * @param keptRecords          records kept.
     * @param cutRecords           records in the cut part whose checksum matched.
     * @param cutUnbelievable      entries in the cut part that could not be believed or reached.
     * @param nextSequence         the sequence the next input takes.
     * @param nextClOrdIdAtLeast   the lowest client order id the engine may use from now on.
     * @param original             where the original journal is kept.
     */
    public record Result(
        long cutAt,
        long keptRecords,
        long cutRecords,
        long cutUnbelievable,
        long nextSequence,
        long nextClOrdIdAtLeast,
        Path original)
    {
    }

    private JournalRepair()
    {
    }

    /**
     * Cut the journal in {@code directory} at {@code cutAt}.
     *
     * @throws JournalException if there is no such index, the journal is damaged before it, its header cannot be
     *                          read, it is not of a format with checksums, or the files cannot be written.
     */
    public static Result truncateAt(final Path directory, final long cutAt) throws JournalException
    {
        final Path staging = directory.resolveSibling(directory.getFileName() + ".repairing");
        final Path original = directory.resolveSibling(directory.getFileName() + ".cut-" +
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now()));
        deleteRecursively(staging);
        final Marks marks = new Marks();
        final long keptRecords;
        final long cutRecords;
        final long cutUnbelievable;
        try (Journal journal = Journal.openForReading(directory))
        {
            final JournalHeader header = journal.header();
            if (!header.checksummed())
            {
                throw new JournalException(directory + ": a format " + header.formatVersion() + " journal has no " +
                    "checksums to repair by; start a new data directory");
            }
            final long first = journal.firstIndex();
            final long last = journal.lastIndex();
            if (cutAt <= first || cutAt > last + 1)
            {
                throw new JournalException(directory + ": index " + cutAt + " (0x" + Long.toHexString(cutAt) +
                    ") is not a record of this journal (its entries run from 0x" + Long.toHexString(first) +
                    " to 0x" + Long.toHexString(last) + ", the first being the header)");
            }
            final RollCycle rollCycle = journal.rollCycle();
            final CycleClock clock = new CycleClock(rollCycle);
            try (SingleChronicleQueue target = ChronicleQueue.singleBuilder(staging).rollCycle(rollCycle)
                .timeProvider(clock).build();
                ExcerptAppender appender = target.createAppender())
            {
                keptRecords = copyBefore(journal, cutAt, appender, clock, marks);
                final long[] cut = scanCutPart(journal, cutAt, last, marks);
                cutRecords = cut[0];
                cutUnbelievable = cut[1];
                appendSkip(appender, clock, rollCycle.toCycle(cutAt), marks, cutUnbelievable);
            }
            Files.copy(directory.resolve(Journal.HEADER_FILE), staging.resolve(Journal.HEADER_FILE),
                StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final JournalDamageException ex)
        {
            deleteRecursively(staging);
            throw new JournalException(directory + ": the journal is damaged before index 0x" +
                Long.toHexString(cutAt) + ", so cutting there would keep damage: " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            deleteRecursively(staging);
            throw new JournalException(directory + ": cannot write the repaired journal: " + ex.getMessage(), ex);
        }
        catch (final InternalError ex)
        {
            deleteRecursively(staging);
            throw new JournalException(directory + ": the queue could not be read (" + ex.getMessage() + "); " +
                "nothing was changed", ex);
        }
        try
        {
            Files.move(directory, original);
            Files.move(staging, directory);
        }
        catch (final IOException ex)
        {
            throw new JournalException(directory + ": cannot put the repaired journal in place (the original is " +
                (Files.isDirectory(original) ? "at " + original : "unchanged") + ", the repaired copy at " +
                staging + "): " + ex.getMessage(), ex);
        }
        return new Result(cutAt, keptRecords, cutRecords, cutUnbelievable, marks.nextSequence(cutUnbelievable),
            marks.nextClOrdId(cutUnbelievable), original);
    }

    /**
     * Copy the header and every record before {@code cutAt}, each into the cycle it came from, checked on the way.
     */
    private static long copyBefore(
        final Journal journal, final long cutAt, final ExcerptAppender appender, final CycleClock clock,
        final Marks marks)
    {
        final RollCycle rollCycle = journal.rollCycle();
        if (firstEntryIsHeader(journal))
        {
            // Retention may have removed the header's cycle: then the first entry is a record, and writing a header
            // would shift every index of the kept part.
            final byte[] header = journal.header().toBytes();
            clock.cycle(rollCycle.toCycle(journal.firstIndex()));
            try (DocumentContext document = appender.writingDocument())
            {
                document.wire().bytes().write(header);
            }
        }
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        long kept = 0;
        final CRC32C crc = new CRC32C();
        try (JournalReader reader = journal.newReader())
        {
            while (reader.nextIndex() < cutAt)
            {
                final int length;
                try
                {
                    length = reader.next(record);
                }
                catch (final JournalDamageException ex)
                {
                    if (ex.index() >= cutAt)
                    {
                        break;
                    }
                    throw ex;
                }
                if (length < 0 || reader.index() >= cutAt)
                {
                    break;
                }
                clock.cycle(rollCycle.toCycle(reader.index()));
                JournalWriter.write(appender, crc, record.byteArray(), 0, length);
                marks.add(record, length);
                kept++;
            }
            marks.input(reader.lastInputSequence());
        }
        return kept;
    }

    private static boolean firstEntryIsHeader(final Journal journal)
    {
        try (ExcerptTailer tailer = journal.queue().createTailer();
            DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = document.wire().bytes();
            final long position = bytes.readPosition();
            if (bytes.readRemaining() < 2)
            {
                return false;
            }
            return (bytes.readUnsignedByte(position) | bytes.readUnsignedByte(position + 1) << 8) ==
                JournalHeader.TEMPLATE_ID;
        }
    }

    /**
     * Read the cut part by index, as far as the queue reaches, and take its marks from every record that checks.
     *
     * @return the records that checked, and the entries that did not or could not be reached.
     */
    private static long[] scanCutPart(final Journal journal, final long cutAt, final long last, final Marks marks)
    {
        final RollCycle rollCycle = journal.rollCycle();
        final CRC32C crc = new CRC32C();
        final byte[] bytes = new byte[RecordHeader.MAX_RECORD_LENGTH + 4];
        final UnsafeBuffer record = new UnsafeBuffer(bytes);
        long checked = 0;
        long unbelievable = 0;
        long index = cutAt;
        try (ExcerptTailer tailer = journal.queue().createTailer())
        {
            while (index <= last)
            {
                boolean found;
                try
                {
                    found = tailer.moveToIndex(index);
                }
                catch (final RuntimeException | InternalError ex)
                {
                    found = false;
                }
                if (!found)
                {
                    // Past the end of a cycle, or a cycle with no file (nothing was written then): on to the next.
                    final int cycle = rollCycle.toCycle(index);
                    if (cycle < rollCycle.toCycle(last) && !reachableLater(tailer, rollCycle, index))
                    {
                        index = rollCycle.toIndex(cycle + 1, 0);
                        continue;
                    }
                    unbelievable++;
                    index++;
                    continue;
                }
                if (checks(tailer, bytes, crc))
                {
                    marks.add(record, RecordHeader.length(record, 0));
                    checked++;
                }
                else
                {
                    unbelievable++;
                }
                index++;
            }
        }
        catch (final InternalError ex)
        {
            // A damaged entry header sent the queue past its file; the JVM reports the faulting access, possibly a
            // little after it. Everything from here on is unreachable: each entry counts as one that cannot be
            // believed, so the marks stay above anything the rest could hold.
            unbelievable += Math.max(0, last - index + 1);
        }
        return new long[] {checked, unbelievable};
    }

    /**
     * @return true if the cycle of {@code index} holds any entry after it (so a missing one is unreachable, not the
     * end of its cycle).
     */
    private static boolean reachableLater(final ExcerptTailer tailer, final RollCycle rollCycle, final long index)
    {
        final int cycle = rollCycle.toCycle(index);
        for (long probe = index + 1; rollCycle.toCycle(probe) == cycle && probe < index + 4096; probe++)
        {
            try
            {
                if (tailer.moveToIndex(probe))
                {
                    return true;
                }
            }
            catch (final RuntimeException | InternalError ex)
            {
                continue;
            }
        }
        return false;
    }

    /**
     * @return true if the tailer's next entry is a record whose checksum matches, read into {@code bytes}.
     */
    private static boolean checks(final ExcerptTailer tailer, final byte[] bytes, final CRC32C crc)
    {
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return false;
            }
            final Bytes<?> content = document.wire().bytes();
            final long length = content.readRemaining();
            if (!JournalReader.isChecksummedRecord(crc, content, length))
            {
                return false;
            }
            content.read(bytes, 0, (int)length - 4);
            return true;
        }
        catch (final RuntimeException | InternalError ex)
        {
            return false;
        }
    }

    private static void appendSkip(
        final ExcerptAppender appender, final CycleClock clock, final int cycle, final Marks marks,
        final long unbelievable)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SequenceSkipCodec.LENGTH]);
        final SequenceSkipCodec skip = new SequenceSkipCodec().wrapForEncode(buffer, 0, 0);
        final long nextSequence = marks.nextSequence(unbelievable);
        skip.reason(SequenceSkipCodec.REPAIR)
            .nextSequence(nextSequence)
            .nextIntentIdAtLeast(marks.nextClOrdId(unbelievable))
            .skippedInputs(nextSequence - marks.lastKeptInput - 1)
            .skippedMarketData(marks.cutMarketData);
        RecordHeader.stamp(buffer, 0, marks.lastKeptInput + 1, marks.lastKeptTimeNs);
        clock.cycle(cycle);
        JournalWriter.write(appender, new CRC32C(), buffer.byteArray(), 0, SequenceSkipCodec.LENGTH);
    }

    private static void deleteRecursively(final Path path) throws JournalException
    {
        if (!Files.exists(path))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(path))
        {
            final List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (final Path file : all)
            {
                Files.delete(file);
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException(path + ": cannot remove: " + ex.getMessage(), ex);
        }
    }

    /**
     * The high-water marks: the highest input sequence and client order id seen, kept part and cut part alike.
     */
    private static final class Marks
    {
        private final OrderCodec order = new OrderCodec();
        private final OrderIntentCodec intent = new OrderIntentCodec();
        private final SequenceSkipCodec skip = new SequenceSkipCodec();
        private long lastKeptInput = -1;
        private long lastKeptTimeNs;
        private long maxSequence = -1;
        private long maxClOrdId;
        private long cutMarketData;
        private boolean cutting;

        void input(final long lastInputSequence)
        {
            lastKeptInput = Math.max(lastKeptInput, lastInputSequence);
            maxSequence = Math.max(maxSequence, lastKeptInput);
            cutting = true;
        }

        void add(final UnsafeBuffer record, final int length)
        {
            final RecordType type = RecordType.get(RecordHeader.templateId(record, 0));
            final long sequence = RecordHeader.sequence(record, 0);
            maxSequence = Math.max(maxSequence, sequence);
            if (!cutting)
            {
                lastKeptTimeNs = Math.max(lastKeptTimeNs, RecordHeader.timeNs(record, 0));
            }
            else if (type != null && type.isMarketData())
            {
                cutMarketData++;
            }
            if (type == RecordType.ORDER && length == OrderCodec.LENGTH)
            {
                maxClOrdId = Math.max(maxClOrdId, order.<OrderCodec>wrap(record, 0).clOrdId());
            }
            else if (type == RecordType.ORDER_INTENT && length == OrderIntentCodec.LENGTH)
            {
                maxClOrdId = Math.max(maxClOrdId, intent.<OrderIntentCodec>wrap(record, 0).intentId());
            }
            else if (type == RecordType.SEQUENCE_SKIP && length == SequenceSkipCodec.LENGTH)
            {
                skip.wrap(record, 0);
                maxSequence = Math.max(maxSequence, skip.nextSequence() - 1);
                maxClOrdId = Math.max(maxClOrdId, skip.nextIntentIdAtLeast() - 1);
            }
        }

        long nextSequence(final long unbelievable)
        {
            return Math.max(maxSequence, lastKeptInput) + unbelievable + 2;
        }

        long nextClOrdId(final long unbelievable)
        {
            return maxClOrdId + unbelievable + 1;
        }
    }

    /**
     * The time the repaired queue's appender sees: the middle of the cycle the next entry belongs to, so each entry
     * lands in the cycle, and at the index, it had.
     */
    private static final class CycleClock implements TimeProvider
    {
        private final RollCycle rollCycle;
        private long millis;

        CycleClock(final RollCycle rollCycle)
        {
            this.rollCycle = rollCycle;
        }

        void cycle(final int cycle)
        {
            millis = rollCycle.defaultEpoch() + (long)cycle * rollCycle.lengthInMillis() +
                rollCycle.lengthInMillis() / 2;
        }

        @Override
        public long currentTimeMillis()
        {
            return millis;
        }
    }
}
