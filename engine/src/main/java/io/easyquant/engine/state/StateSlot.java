package io.easyquant.engine.state;

import net.openhft.chronicle.bytes.Byteable;
import net.openhft.chronicle.bytes.BytesStore;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;

/**
 * One entry's value in a state map: a flyweight over {@link #SIZE_BYTES} bytes of the map's memory-mapped file,
 * written in place. Chronicle Map points it at an entry's value ({@code acquireUsing}); it keeps the absolute address,
 * so it stays valid while the map is open (the entries never move: the value size is constant and entries are never
 * removed).
 *
 * <p>Layout, little-endian longs: {@code [0]} version (odd while a write is in progress, a seqlock), {@code [1]} tag
 * (the input sequence the entry reflects), {@code [2..2+FIELDS)} the fields, then a checksum of version, tag and
 * fields (independent multiplies, one final mix). One writer (the stage owning the entry); readers in any process
 * copy the fields and retry while the version is odd or changed. A writer killed mid-write leaves the version odd:
 * the entry is <em>torn</em>.
 */
public final class StateSlot implements Byteable
{
    /** Fields per entry. */
    public static final int FIELDS = 9;
    /** Bytes per entry value. */
    public static final int SIZE_BYTES = (3 + FIELDS) * Long.BYTES;

    /** {@link #read}: a consistent, intact entry. */
    static final int CLEAN = 0;
    /** {@link #read}: a write started and never finished. */
    static final int TORN = 1;
    /** {@link #read}: the bytes do not match their checksum. */
    static final int CORRUPT = 2;

    private static final int VERSION_OFFSET = 0;
    private static final int TAG_OFFSET = Long.BYTES;
    private static final int FIELDS_OFFSET = 2 * Long.BYTES;
    private static final int CHECKSUM_OFFSET = (2 + FIELDS) * Long.BYTES;
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final long MIX_TAG = 0xC2B2AE3D27D4EB4FL;

    private BytesStore<?, ?> store;
    private long offset;
    private final UnsafeBuffer buffer = new UnsafeBuffer(0L, 0);

    @Override
    @SuppressWarnings("rawtypes")
    public void bytesStore(final BytesStore bytesStore, final long offset, final long length)
    {
        if (length != SIZE_BYTES)
        {
            throw new IllegalArgumentException("state entry: expected " + SIZE_BYTES + " bytes, got " + length);
        }
        this.store = bytesStore;
        this.offset = offset;
        buffer.wrap(bytesStore.addressForWrite(offset), SIZE_BYTES);
    }

    @Override
    public BytesStore<?, ?> bytesStore()
    {
        return store;
    }

    @Override
    public long offset()
    {
        return offset;
    }

    @Override
    public long maxSize()
    {
        return SIZE_BYTES;
    }

    /**
     * Start a write: the version becomes odd.
     */
    void beginWrite()
    {
        buffer.putLongOrdered(VERSION_OFFSET, (buffer.getLong(VERSION_OFFSET) | 1L));
        // The field stores that follow must not become visible before the odd version.
        VarHandle.storeStoreFence();
    }

    void field(final int index, final long value)
    {
        buffer.putLong(FIELDS_OFFSET + index * Long.BYTES, value);
    }

    /**
     * Finish a write: tag and checksum are stored, then the version becomes even (and greater than before).
     */
    void endWrite(final long tag)
    {
        final long version = buffer.getLong(VERSION_OFFSET) + 1;
        buffer.putLong(TAG_OFFSET, tag);
        buffer.putLong(CHECKSUM_OFFSET, checksum(version, tag));
        buffer.putLongOrdered(VERSION_OFFSET, version);
    }

    long version()
    {
        return buffer.getLongVolatile(VERSION_OFFSET);
    }

    private long checksum(final long version, final long tag)
    {
        long sum = head(version, tag);
        for (int i = 0; i < FIELDS; i++)
        {
            sum += term(i, buffer.getLong(FIELDS_OFFSET + i * Long.BYTES));
        }
        return mix(sum);
    }

    private static long head(final long version, final long tag)
    {
        return version * MIX + Long.rotateLeft(tag, 17) * MIX_TAG;
    }

    private static long term(final int field, final long value)
    {
        return Long.rotateLeft(value, 7 * field + 3) * (MIX + 2L * field);
    }

    /**
     * Overwrite the stored checksum (for tests that damage an entry).
     */
    void damageChecksum()
    {
        buffer.putLong(CHECKSUM_OFFSET, ~buffer.getLong(CHECKSUM_OFFSET));
    }

    private static long mix(final long value)
    {
        long z = value * MIX;
        z = (z ^ (z >>> 32)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 29);
    }

    /**
     * A consistent copy of the entry, waiting out a write in progress for at most {@code spins} retries.
     *
     * @param into receives the version, the tag and the fields, in the entry's order.
     * @return {@link #CLEAN}, {@link #TORN} (the version stayed odd: a write never finished) or {@link #CORRUPT} (the
     * checksum does not match).
     */
    int read(final long[] into, final int spins)
    {
        for (int attempt = 0; ; attempt++)
        {
            final long before = version();
            into[0] = before;
            into[1] = buffer.getLong(TAG_OFFSET);
            for (int i = 0; i < FIELDS; i++)
            {
                into[2 + i] = buffer.getLong(FIELDS_OFFSET + i * Long.BYTES);
            }
            final long stored = buffer.getLong(CHECKSUM_OFFSET);
            // The copy's loads must complete before the version is read again.
            VarHandle.loadLoadFence();
            final long after = version();
            if (before == after && (before & 1L) == 0)
            {
                if (before == 0 && stored == 0 && allZero(into))
                {
                    return CLEAN;
                }
                return stored == checksumOf(into) ? CLEAN : CORRUPT;
            }
            if (attempt >= spins)
            {
                return (after & 1L) != 0 ? TORN : CORRUPT;
            }
            Thread.onSpinWait();
        }
    }

    private static boolean allZero(final long[] copy)
    {
        for (final long value : copy)
        {
            if (value != 0)
            {
                return false;
            }
        }
        return true;
    }

    private static long checksumOf(final long[] copy)
    {
        long sum = head(copy[0], copy[1]);
        for (int i = 0; i < FIELDS; i++)
        {
            sum += term(i, copy[2 + i]);
        }
        return mix(sum);
    }
}
