package io.easyquant.journal.queue;

/**
 * A journal entry that cannot be believed: a checksum that does not match, a torn or truncated record, a record that
 * is not of the schema, a gap in the input sequence, or entries the journal holds that its reader cannot reach. No
 * reader skips damage or takes it for the end of the journal: it stops there with this exception, whose message
 * names the journal, the file, the index and the fault, and what the operator can do.
 *
 * <p>Damage is not routine input: it is thrown, never returned, so every caller stops unless it catches it on
 * purpose ({@code journal verify}, the recovery's refusal).
 */
public final class JournalDamageException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * What is wrong with the entry.
     */
    public enum Fault
    {
        /** The record's CRC32C does not match its bytes. */
        CHECKSUM("checksum mismatch"),
        /** The entry is shorter or longer than a record can be, or than its header says. */
        TORN("torn or truncated record"),
        /** A record of no known type, in a journal whose records carry no checksum to vouch for it. */
        UNKNOWN_TYPE("record of unknown type"),
        /** An input's sequence does not follow the one before and no sequence skip declares the jump. */
        SEQUENCE_GAP("sequence gap"),
        /** The reader stopped at an entry it cannot read while the journal holds later entries. */
        UNREADABLE("unreadable entry with later entries behind it");

        private final String description;

        Fault(final String description)
        {
            this.description = description;
        }

        public String description()
        {
            return description;
        }
    }

    private final String journal;
    private final String file;
    private final long index;
    private final Fault fault;
    private final String detail;

    public JournalDamageException(
        final String journal, final String file, final long index, final Fault fault, final String detail)
    {
        super(journal + ": damaged journal: " + fault.description() + " at index " + index + " (0x" +
            Long.toHexString(index) + ") in " + file + (detail.isEmpty() ? "" : ": " + detail) +
            ". Nothing at or after this entry was used. Check the whole journal with `easyquant journal verify " +
            "--journal " + journal + "`; to continue, cut the journal there with `easyquant journal repair " +
            "--journal " + journal + " --truncate-at " + index + "` (it keeps a copy of what it cuts and carries the " +
            "sequence and client order id high-water marks forward), or restore the journal from a copy");
        this.journal = journal;
        this.file = file;
        this.index = index;
        this.fault = fault;
        this.detail = detail;
    }

    /**
     * @return the journal's directory.
     */
    public String journal()
    {
        return journal;
    }

    /**
     * @return the queue file that holds the entry.
     */
    public String file()
    {
        return file;
    }

    /**
     * @return the journal index of the damaged entry.
     */
    public long index()
    {
        return index;
    }

    public Fault fault()
    {
        return fault;
    }

    /**
     * @return what exactly was found, e.g. the expected and actual values.
     */
    public String detail()
    {
        return detail;
    }
}
