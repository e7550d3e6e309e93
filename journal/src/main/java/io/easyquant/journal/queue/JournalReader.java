package io.easyquant.journal.queue;

import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.SequenceSkipCodec;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.io.ThreadingIllegalStateException;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.MutableDirectBuffer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.zip.CRC32C;

/**
 * Reads a journal's records in order and believes none it cannot check. Header entries are skipped; every other
 * entry must be a whole record whose CRC32C matches ({@link JournalWriter}; a format 1 journal has no checksums, so
 * its records must at least be of a known type and length). Reading forward from the start, the input sequence must
 * follow on one by one (a {@link RecordType#SEQUENCE_SKIP} declares a jump) and no output may name an input not yet
 * read; in a venue log ({@link SequenceRule#ALL}) every record follows the one before.
 *
 * <p>Anything else is damage: {@link #next} throws {@link JournalDamageException} naming the file, the index and the
 * fault, and never skips the entry or reports the end of the journal in its place. In particular, an entry the reader
 * cannot get past while the journal holds later complete entries is damage (a torn record in the middle, a damaged
 * Chronicle header), while an unfinished entry at the very end is the torn tail a killed writer leaves, which the
 * next writer overwrites: it ends the journal like nothing at all.
 *
 * <p>Reads forward by default; {@link #backward()} turns it around (newest first, from {@link #toEnd()} or an index);
 * backward and after {@link #moveToIndex} the sequence is not checked (there is no record before to check against).
 *
 * <p>Single-threaded. No allocation per record.
 */
public final class JournalReader implements AutoCloseable
{
    /**
     * Which records' sequences must follow on one by one.
     */
    public enum SequenceRule
    {
        /** Inputs, one by one; outputs carry the sequence of an input already read. An engine journal. */
        INPUTS,
        /** Every record: a venue log, whose header sequence counts its records. */
        ALL,
        /** Not checked: a format 1 journal, or a backtest over another journal's market data. */
        NONE
    }

    private static final int CHECKSUM_LENGTH = 4;
    private static final int END_RECHECK_POLLS = 1024;

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final String where;
    private final boolean checksummed;
    private final SequenceRule rule;
    private final CRC32C crc = new CRC32C();
    private final SequenceSkipCodec skip = new SequenceSkipCodec();
    private boolean forward = true;
    private boolean sequenceKnown;
    private long expectedSequence;
    private long lastInputSequence = -1;
    private long index = -1;
    private long records;
    private long endCheckedAt = Long.MIN_VALUE;
    private int endPolls;
    private JournalDamageException stoppedAt;

    JournalReader(
        final SingleChronicleQueue queue, final String where, final boolean checksummed, final SequenceRule rule)
    {
        this.queue = queue;
        this.tailer = queue.createTailer();
        this.where = where;
        this.checksummed = checksummed;
        this.rule = rule;
    }

    /**
     * Read the next record into {@code into}, which must be backed by a byte array of at least
     * {@link RecordHeader#MAX_RECORD_LENGTH} bytes.
     *
     * @return the record's length, or -1 when there is no further record (yet).
     * @throws JournalDamageException at an entry that cannot be believed; the reader stays there, and every later
     *                                call throws the same, until {@link #moveToIndex} puts it elsewhere.
     */
    public int next(final MutableDirectBuffer into)
    {
        if (stoppedAt != null)
        {
            throw stoppedAt;
        }
        while (true)
        {
            final long at = tailer.index();
            try
            {
                final int length = nextEntry(into);
                if (length != 0)
                {
                    return length;
                }
            }
            catch (final InternalError ex)
            {
                // A damaged queue header can send the tailer past its file; the JVM reports the faulting memory
                // access as this error, possibly a little after the access itself.
                stoppedAt = damage(at, JournalDamageException.Fault.UNREADABLE, "the queue cannot read the entry (" +
                    ex.getMessage() + ")");
                throw stoppedAt;
            }
            catch (final JournalDamageException ex)
            {
                stoppedAt = ex;
                throw ex;
            }
        }
    }

    /**
     * @return the record's length, -1 at the end, or 0 to read on (a header entry, or an entry that turned up).
     */
    private int nextEntry(final MutableDirectBuffer into)
    {
        final long at = tailer.index();
        try (DocumentContext document = readingDocument(at))
        {
            if (!document.isPresent())
            {
                if (!forward)
                {
                    checkStart();
                    return -1;
                }
                return checkEnd() ? -1 : 0;
            }
            final Bytes<?> bytes = document.wire().bytes();
            final long entryIndex = document.index();
            final long length = bytes.readRemaining();
            if (document.isMetaData())
            {
                if (checksummed && isChecksummedRecord(crc, bytes, length))
                {
                    throw damage(entryIndex, JournalDamageException.Fault.UNREADABLE, "a record whose queue entry " +
                        "header is marked as the queue's own metadata (a flipped flag): every reader would step " +
                        "over it");
                }
                return 0;
            }
            if (length >= 2 && isHeaderEntry(bytes))
            {
                if (entryIndex != queue.firstIndex())
                {
                    throw damage(entryIndex, JournalDamageException.Fault.TORN, "an entry that starts like a " +
                        "journal header where a record belongs (a journal has one header, its first entry)");
                }
                return 0;
            }
            final int recordLength = readRecord(bytes, length, entryIndex, into);
            check(into, recordLength, entryIndex);
            index = entryIndex;
            records++;
            return recordLength;
        }
    }

    /**
     * The tailer's next document. Chronicle failing on a damaged queue header is damage here.
     */
    private DocumentContext readingDocument(final long at)
    {
        try
        {
            // With the queue's own metadata, so that a record whose entry header was flipped to metadata is seen.
            return tailer.readingDocument(true);
        }
        catch (final ThreadingIllegalStateException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw damage(at, JournalDamageException.Fault.UNREADABLE, "the queue cannot read the entry (" +
                ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")");
        }
    }

    private int readRecord(
        final Bytes<?> bytes, final long length, final long entryIndex, final MutableDirectBuffer into)
    {
        final long recordLength = checksummed ? length - CHECKSUM_LENGTH : length;
        if (recordLength < RecordHeader.LENGTH || recordLength > RecordHeader.MAX_RECORD_LENGTH ||
            recordLength > into.capacity())
        {
            throw damage(entryIndex, JournalDamageException.Fault.TORN, "an entry of " + length + " bytes holds no " +
                "whole record (records are " + RecordHeader.LENGTH + " to " + RecordHeader.MAX_RECORD_LENGTH +
                " bytes" + (checksummed ? ", plus a 4-byte checksum)" : ")"));
        }
        final int recordBytes = (int)recordLength;
        final byte[] array = into.byteArray();
        final int start = into.wrapAdjustment();
        bytes.read(array, start, recordBytes);
        if (checksummed)
        {
            final int stored = (bytes.readUnsignedByte() | bytes.readUnsignedByte() << 8 |
                bytes.readUnsignedByte() << 16 | bytes.readUnsignedByte() << 24);
            crc.reset();
            crc.update(array, start, recordBytes);
            final int actual = (int)crc.getValue();
            if (stored != actual)
            {
                throw damage(entryIndex, JournalDamageException.Fault.CHECKSUM, "stored " +
                    Integer.toHexString(stored) + ", the record's " + recordBytes + " bytes give " +
                    Integer.toHexString(actual) + " (a " + typeName(into) + " record as it reads now)");
            }
            return recordBytes;
        }
        final int declared = RecordHeader.length(into, 0);
        final RecordType type = RecordType.get(RecordHeader.templateId(into, 0));
        if (type == null)
        {
            throw damage(entryIndex, JournalDamageException.Fault.UNKNOWN_TYPE, "template id " +
                RecordHeader.templateId(into, 0) + " (a format 1 journal has no checksum to vouch for it)");
        }
        if (declared != recordLength || type.length() != recordLength)
        {
            throw damage(entryIndex, JournalDamageException.Fault.TORN, "a " + type + " record is " + type.length() +
                " bytes; the entry holds " + recordLength + " and its header says " + declared);
        }
        return recordBytes;
    }

    /**
     * The sequence checks, reading forward from a known position.
     */
    private void check(final MutableDirectBuffer record, final int length, final long entryIndex)
    {
        if (!forward || rule == SequenceRule.NONE)
        {
            return;
        }
        final long sequence = RecordHeader.sequence(record, 0);
        final int templateId = RecordHeader.templateId(record, 0);
        final RecordType type = RecordType.get(templateId);
        final boolean input = type == null || type.isInput();
        if (rule == SequenceRule.INPUTS && !input)
        {
            if (sequenceKnown && sequence > lastInputSequence)
            {
                throw damage(entryIndex, JournalDamageException.Fault.SEQUENCE_GAP, "a " + typeName(record) +
                    " record names input " + sequence + " as its cause, but the last input read is " +
                    lastInputSequence);
            }
            return;
        }
        if (sequenceKnown && sequence != expectedSequence)
        {
            throw damage(entryIndex, JournalDamageException.Fault.SEQUENCE_GAP, "expected sequence " +
                expectedSequence + ", found " + sequence + " on a " + typeName(record) + " record");
        }
        sequenceKnown = true;
        lastInputSequence = sequence;
        expectedSequence = sequence + 1;
        if (type == RecordType.SEQUENCE_SKIP && length == SequenceSkipCodec.LENGTH)
        {
            skip.wrap(record, 0);
            final long next = skip.nextSequence();
            if (next <= sequence)
            {
                throw damage(entryIndex, JournalDamageException.Fault.SEQUENCE_GAP, "a sequence skip at " + sequence +
                    " declares the next sequence " + next + ", which is not after it");
            }
            expectedSequence = next;
            lastInputSequence = next - 1;
        }
    }

    /**
     * At a missing entry reading forward: the end, unless the journal holds complete entries beyond it.
     *
     * @return true at the end; false if the entry turned up meanwhile (read again).
     * @throws JournalDamageException if later entries exist that the reader cannot reach.
     */
    private boolean checkEnd()
    {
        final long next = tailer.index();
        if (next == endCheckedAt && ++endPolls < END_RECHECK_POLLS)
        {
            return true;
        }
        endCheckedAt = next;
        endPolls = 0;
        final long last = queue.lastIndex();
        if (last < 0 || next > last)
        {
            return true;
        }
        // A writer may have completed the entry between the read and the look at the last index: read it again.
        try (DocumentContext again = tailer.readingDocument())
        {
            if (again.isPresent())
            {
                again.rollbackOnClose();
                return false;
            }
        }
        throw damage(next, JournalDamageException.Fault.UNREADABLE, "the reader cannot get past this entry, but the " +
            "journal holds entries up to index " + last + " (0x" + Long.toHexString(last) + ")");
    }

    /**
     * At a missing entry reading backward: the start of the journal, unless entries before it remain.
     *
     * @throws JournalDamageException if the reader stopped above the journal's first entry.
     */
    private void checkStart()
    {
        final long next = tailer.index();
        final long first = queue.firstIndex();
        if (first != Long.MAX_VALUE && next > first)
        {
            throw damage(next, JournalDamageException.Fault.UNREADABLE, "reading backward, the reader cannot get " +
                "past this entry, but the journal starts at index " + first + " (0x" + Long.toHexString(first) + ")");
        }
    }

    private JournalDamageException damage(
        final long entryIndex, final JournalDamageException.Fault fault, final String detail)
    {
        return new JournalDamageException(where, fileOf(entryIndex), entryIndex, fault, detail);
    }

    private String fileOf(final long entryIndex)
    {
        final RollCycle cycle = queue.rollCycle();
        final int cycleNumber = cycle.toCycle(entryIndex);
        final String name = DateTimeFormatter.ofPattern(cycle.format()).withZone(ZoneOffset.UTC)
            .format(Instant.ofEpochMilli(cycle.defaultEpoch() + (long)cycleNumber * cycle.lengthInMillis()));
        return where + "/" + name + ".cq4";
    }

    private static String typeName(final MutableDirectBuffer record)
    {
        final RecordType type = RecordType.get(RecordHeader.templateId(record, 0));
        return type == null ? "unknown(" + RecordHeader.templateId(record, 0) + ")" : type.name();
    }

    /**
     * @return true if the entry, from its read position, holds a whole record of the schema with a matching checksum
     * (the queue's own metadata never does). Reads without moving the read position.
     */
    static boolean isChecksummedRecord(final CRC32C crc, final Bytes<?> bytes, final long length)
    {
        final long recordLength = length - CHECKSUM_LENGTH;
        if (recordLength < RecordHeader.LENGTH || recordLength > RecordHeader.MAX_RECORD_LENGTH)
        {
            return false;
        }
        final long position = bytes.readPosition();
        final int declared = bytes.readUnsignedByte(position + RecordHeader.LENGTH_OFFSET) |
            bytes.readUnsignedByte(position + RecordHeader.LENGTH_OFFSET + 1) << 8;
        if (declared != recordLength)
        {
            return false;
        }
        crc.reset();
        for (long i = 0; i < recordLength; i++)
        {
            crc.update(bytes.readUnsignedByte(position + i));
        }
        final long at = position + recordLength;
        final int stored = bytes.readUnsignedByte(at) | bytes.readUnsignedByte(at + 1) << 8 |
            bytes.readUnsignedByte(at + 2) << 16 | bytes.readUnsignedByte(at + 3) << 24;
        return stored == (int)crc.getValue();
    }

    private static boolean isHeaderEntry(final Bytes<?> bytes)
    {
        final long position = bytes.readPosition();
        final int templateId = (bytes.readUnsignedByte(position) | (bytes.readUnsignedByte(position + 1) << 8));
        return templateId == JournalHeader.TEMPLATE_ID;
    }

    /**
     * @return the journal index of the last record returned, or -1.
     */
    public long index()
    {
        return index;
    }

    /**
     * Position the reader so that the next record read is the one at {@code index}. The sequence is not checked
     * until the reader has read a record from there.
     *
     * @return false if there is no entry at that index.
     */
    public boolean moveToIndex(final long index)
    {
        stoppedAt = null;
        sequenceKnown = false;
        endCheckedAt = Long.MIN_VALUE;
        return tailer.moveToIndex(index);
    }

    /**
     * Read backward from now on: each {@link #next} returns the record before the previous one.
     *
     * @return this reader.
     */
    public JournalReader backward()
    {
        forward = false;
        sequenceKnown = false;
        tailer.direction(TailerDirection.BACKWARD);
        return this;
    }

    /**
     * Position the reader at the end: reading forward, the next record is the next one appended; reading backward,
     * it is the last one in the journal.
     *
     * @return this reader.
     */
    public JournalReader toEnd()
    {
        sequenceKnown = false;
        tailer.toEnd();
        return this;
    }

    /**
     * @return the index of the entry the next {@link #next} starts at (in the reading direction); pass it to
     * {@link #moveToIndex} to continue from there later.
     */
    public long nextIndex()
    {
        return tailer.index();
    }

    /**
     * @return records returned so far.
     */
    public long records()
    {
        return records;
    }

    /**
     * @return the highest input sequence read so far forward (after a sequence skip, the one before the sequence it
     * declares next), or -1.
     */
    public long lastInputSequence()
    {
        return lastInputSequence;
    }

    public String where()
    {
        return where;
    }

    /**
     * Let the calling thread read on from here: a reader is bound to the thread that first used it, and another
     * thread may take it over only once that one has stopped using it (ordered by a happens-before edge).
     */
    public void takeOver()
    {
        tailer.singleThreadedCheckReset();
    }

    @Override
    public void close()
    {
        tailer.singleThreadedCheckReset();
        tailer.close();
    }
}
