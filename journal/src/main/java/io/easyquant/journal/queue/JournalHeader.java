package io.easyquant.journal.queue;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The first entry of every journal: what wrote it and with which configuration, so a replay can rebuild the same
 * engine. Variable length, little-endian:
 *
 * <pre>
 *   0  u16  templateId = {@link #TEMPLATE_ID} (never a record type)
 *   2  u16  reserved (0)
 *   4  i32  formatVersion
 *   8  str  kind           (i32 byte length, then UTF-8: live, backtest, import)
 *      str  engineVersion
 *      str  configDigest   (SHA-256 of the configuration text, hex)
 *      str  configText     (the configuration file as read, empty for an import)
 *      str  sourceJournal  (the journal a backtest read its market data from, else empty)
 *      u32  crc32c         (format 2 on: CRC32C of every byte before it)
 * </pre>
 *
 * <p>Format 1 journals carry no checksums (neither the header nor the records); format 2 adds a CRC32C to the header
 * and to every record ({@link JournalWriter}). Both are read; only format 2 is written. Decoding checks the CRC and
 * that the configuration text still has the digest the header states.
 *
 * @param formatVersion the journal format; readers refuse versions they do not know.
 */
public record JournalHeader(
    int formatVersion,
    String kind,
    String engineVersion,
    String configDigest,
    String configText,
    String sourceJournal)
{
    /** The kind of a venue's own log, whose every record follows the one before in sequence. */
    public static final String KIND_VENUE_LOG = "venue";

    /** The template id that marks a header entry. */
    public static final int TEMPLATE_ID = 0xEA01;
    /** The format this code writes: every record and the header carry a CRC32C. */
    public static final int FORMAT_VERSION = 2;
    /** The oldest format this code reads (no checksums). */
    public static final int FIRST_READABLE_VERSION = 1;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    public JournalHeader
    {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(configDigest, "configDigest");
        Objects.requireNonNull(configText, "configText");
        Objects.requireNonNull(sourceJournal, "sourceJournal");
    }

    /**
     * A header of the current format for a configuration text.
     */
    public static JournalHeader of(
        final String kind, final String engineVersion, final String configText, final String sourceJournal)
    {
        return new JournalHeader(FORMAT_VERSION, kind, engineVersion, digest(configText), configText, sourceJournal);
    }

    /**
     * @return the SHA-256 of the text's UTF-8 bytes, in lower-case hex.
     */
    public static String digest(final String text)
    {
        try
        {
            final byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            final StringBuilder hex = new StringBuilder(hash.length * 2);
            for (final byte b : hash)
            {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

    /**
     * @return true if the entry starts like a header.
     */
    public static boolean isHeader(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= 8 && (buffer.getShort(offset, ORDER) & 0xFFFF) == TEMPLATE_ID;
    }

    /**
     * Encode into a new buffer.
     *
     * @return the encoded length.
     */
    public int encode(final MutableDirectBuffer buffer)
    {
        buffer.putShort(0, (short)TEMPLATE_ID, ORDER);
        buffer.putShort(2, (short)0, ORDER);
        buffer.putInt(4, formatVersion, ORDER);
        int position = 8;
        for (final String value : new String[] {kind, engineVersion, configDigest, configText, sourceJournal})
        {
            position += buffer.putStringUtf8(position, value, ORDER);
        }
        if (formatVersion >= 2)
        {
            buffer.putInt(position, crc(buffer, 0, position), ORDER);
            position += 4;
        }
        return position;
    }

    /**
     * Encode into a fresh array.
     */
    public byte[] toBytes()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256 + configText.length() * 3);
        final int length = encode(buffer);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /**
     * Decode a header entry.
     *
     * @throws JournalException if the entry is not a header, is truncated, or has a format version this code does not
     *                          read.
     */
    public static JournalHeader decode(
        final DirectBuffer buffer, final int offset, final int length, final String where)
        throws JournalException
    {
        if (!isHeader(buffer, offset, length))
        {
            throw new JournalException(
                where + ": the first entry is not a journal header; is this an EasyQuant journal?");
        }
        final int version = buffer.getInt(offset + 4, ORDER);
        if (version < FIRST_READABLE_VERSION || version > FORMAT_VERSION)
        {
            throw new JournalException(where + ": journal format version " + version + " is not supported; this " +
                "engine reads versions " + FIRST_READABLE_VERSION + " to " + FORMAT_VERSION);
        }
        final String[] values = new String[5];
        int position = offset + 8;
        final int end = offset + length;
        for (int i = 0; i < values.length; i++)
        {
            if (position + 4 > end)
            {
                throw new JournalException(where + ": the journal header is truncated");
            }
            final int size = buffer.getInt(position, ORDER);
            if (size < 0 || position + 4 + size > end)
            {
                throw new JournalException(where + ": the journal header is truncated");
            }
            values[i] = buffer.getStringUtf8(position, ORDER);
            position += 4 + size;
        }
        if (version >= 2)
        {
            if (position + 4 > end)
            {
                throw new JournalException(where + ": the journal header is truncated (no checksum)");
            }
            final int stored = buffer.getInt(position, ORDER);
            final int actual = crc(buffer, offset, position - offset);
            if (stored != actual)
            {
                throw new JournalException(where + ": the journal header is damaged: its checksum is " +
                    Integer.toHexString(stored) + " but its bytes give " + Integer.toHexString(actual));
            }
        }
        final JournalHeader header = new JournalHeader(version, values[0], values[1], values[2], values[3], values[4]);
        if (!digest(header.configText()).equals(header.configDigest()))
        {
            throw new JournalException(where + ": the journal header is damaged: its configuration text has digest " +
                digest(header.configText()) + " but the header states " + header.configDigest());
        }
        return header;
    }

    /**
     * @return true if the journal's records carry a CRC32C (format 2 on).
     */
    public boolean checksummed()
    {
        return formatVersion >= 2;
    }

    private static int crc(final DirectBuffer buffer, final int offset, final int length)
    {
        final CRC32C crc = new CRC32C();
        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            crc.update(array, buffer.wrapAdjustment() + offset, length);
        }
        else
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            crc.update(copy, 0, length);
        }
        return (int)crc.getValue();
    }
}
