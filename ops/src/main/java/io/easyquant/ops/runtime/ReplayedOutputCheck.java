package io.easyquant.ops.runtime;

import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.RecordFormatter;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalDamageException;
import io.easyquant.journal.queue.JournalReader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * During a recovery, where the outputs the replay regenerates go instead of the journal: each is compared with the
 * next output the journal holds, byte for byte, as {@code replay --verify} does. The journal is the truth: an output
 * the replay makes differently, or one the journal holds that the replay never makes, means the journal was changed
 * or the code decides differently, and the recovery must stop rather than carry on from a state the journal
 * contradicts.
 *
 * <p>One exception, as in {@code replay --verify}: a session killed after journaling an input and before journaling
 * all it caused leaves outputs the replay makes and the journal lacks. Such an output is recognised because a later
 * session started before the next journaled output (its cause lies before that session start), or because the
 * journal holds no output after it (the last session's end); it is counted, and dropped.
 *
 * <p>Called on the thread that writes outputs (the execution stage's); {@link #finish} and the results are read by
 * the recovering thread once the ring is idle, which orders them after every call. The journal reader is created on
 * the first call, on the calling thread. Cold path: once per start.
 */
final class ReplayedOutputCheck implements RecordSink
{
    private final Journal journal;
    private final UnsafeBuffer expected = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
    private final AdminCommandCodec command = new AdminCommandCodec();
    private JournalReader reader;
    private int expectedLength = -1;
    private boolean journalEnded;
    private long lastSessionStartSequence = -1;
    private long compared;
    private long crashLost;
    private String divergence;
    private JournalDamageException damage;
    private volatile boolean closed;

    ReplayedOutputCheck(final Journal journal)
    {
        this.journal = journal;
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed || divergence != null || damage != null)
        {
            return;
        }
        try
        {
            compare(buffer, offset, length);
        }
        catch (final JournalDamageException ex)
        {
            damage = ex;
        }
    }

    private void compare(final DirectBuffer buffer, final int offset, final int length)
    {
        if (expectedLength < 0)
        {
            loadNextOutput();
        }
        if (expectedLength < 0)
        {
            crashLost++;
            return;
        }
        if (expectedLength == length && sameBytes(buffer, offset, length))
        {
            compared++;
            expectedLength = -1;
            return;
        }
        if (RecordHeader.sequence(buffer, offset) < lastSessionStartSequence)
        {
            crashLost++;
            return;
        }
        final RecordFormatter formatter = new RecordFormatter();
        final StringBuilder actual = new StringBuilder();
        formatter.format(buffer, offset, actual);
        divergence = "at journal index " + reader.index() + " the journal holds\n  " + format(formatter) +
            "\nbut the replay made\n  " + actual;
    }

    private boolean sameBytes(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (expected.getByte(i) != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private String format(final RecordFormatter formatter)
    {
        final StringBuilder out = new StringBuilder();
        formatter.format(expected, 0, out);
        return out.toString();
    }

    /**
     * Read on to the journal's next output, noting session starts on the way.
     */
    private void loadNextOutput()
    {
        if (journalEnded)
        {
            return;
        }
        if (reader == null)
        {
            reader = journal.newReader();
        }
        int length;
        while ((length = reader.next(expected)) > 0)
        {
            final RecordType type = RecordType.get(RecordHeader.templateId(expected, 0));
            if (type == null || type.isInput())
            {
                if (type == RecordType.ADMIN_COMMAND &&
                    command.<AdminCommandCodec>wrap(expected, 0).command() == AdminCommandType.SESSION_START)
                {
                    lastSessionStartSequence = RecordHeader.sequence(expected, 0);
                }
                continue;
            }
            expectedLength = length;
            return;
        }
        journalEnded = true;
    }

    /**
     * After the replay drained: every journaled output must have been made.
     */
    void finish()
    {
        if (closed || divergence != null || damage != null)
        {
            return;
        }
        try
        {
            if (reader != null)
            {
                reader.takeOver();
            }
            if (expectedLength < 0)
            {
                loadNextOutput();
            }
            if (expectedLength >= 0)
            {
                divergence = "at journal index " + reader.index() + " the journal holds\n  " +
                    format(new RecordFormatter()) + "\nbut the replay made no such output";
            }
        }
        catch (final JournalDamageException ex)
        {
            damage = ex;
        }
    }

    /**
     * @return the first divergence, described for the operator, or null.
     */
    String divergence()
    {
        return divergence;
    }

    /**
     * @return damage the comparison's reader found, or null.
     */
    JournalDamageException damage()
    {
        return damage;
    }

    long compared()
    {
        return compared;
    }

    long crashLost()
    {
        return crashLost;
    }

    /**
     * Stop comparing and free the reader. Once closed, outputs handed over are ignored and no reader is opened again.
     */
    void close()
    {
        closed = true;
        if (reader != null)
        {
            reader.close();
            reader = null;
        }
    }
}
