package io.easyquant.engine.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fixed-size records of {@code long} fields that one thread writes and any thread reads without locks: each slot has
 * a version (a seqlock). The writer makes the version odd, writes the fields, and makes it even again; a reader reads
 * the version, the fields, and the version again, and keeps the copy only if both versions are the same even number.
 *
 * <p>Memory ordering: every store is a release store and every load an acquire load (plain moves on x86). A reader
 * that sees any field of a write in progress therefore also sees that write's odd version on its second read, so a
 * torn copy is always detected.
 *
 * <p>Threading: exactly one writer for the whole instance ({@link #begin}, {@link #put}, {@link #end}); any number of
 * readers ({@link #read}). The writer never waits and never allocates; a reader retries a bounded number of times.
 */
public final class VersionedSlots
{
    /** How many times {@link #read} tries before it reports a slot as busy. */
    public static final int READ_ATTEMPTS = 64;

    private final int slots;
    private final int fields;
    private final int stride;
    private final AtomicLongArray data;

    /**
     * @param slots  the number of records, &gt; 0.
     * @param fields the number of {@code long} fields per record, &gt; 0.
     */
    public VersionedSlots(final int slots, final int fields)
    {
        if (slots <= 0 || fields <= 0)
        {
            throw new IllegalArgumentException("slots and fields must be positive, got " + slots + " and " + fields);
        }
        this.slots = slots;
        this.fields = fields;
        this.stride = fields + 1;
        this.data = new AtomicLongArray(slots * stride);
    }

    public int slots()
    {
        return slots;
    }

    public int fields()
    {
        return fields;
    }

    /**
     * Writer: start changing a slot (its version becomes odd).
     */
    public void begin(final int slot)
    {
        final int base = slot * stride;
        data.setRelease(base, data.getPlain(base) + 1);
    }

    /**
     * Writer: set one field of the slot being changed.
     */
    public void put(final int slot, final int field, final long value)
    {
        data.setRelease(slot * stride + 1 + field, value);
    }

    /**
     * Writer: the value it last put in a field (the writer's own view; readers use {@link #read}).
     */
    public long get(final int slot, final int field)
    {
        return data.getPlain(slot * stride + 1 + field);
    }

    /**
     * Writer: finish changing a slot (its version becomes even).
     */
    public void end(final int slot)
    {
        final int base = slot * stride;
        data.setRelease(base, data.getPlain(base) + 1);
    }

    /**
     * Reader: copy a consistent version of the slot's fields.
     *
     * @param into at least {@link #fields()} long.
     * @return the slot's version (even, 0 if it was never written), or -1 if a write was in progress on every attempt.
     */
    public long read(final int slot, final long[] into)
    {
        final int base = slot * stride;
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++)
        {
            final long before = data.getAcquire(base);
            if ((before & 1) == 0)
            {
                for (int field = 0; field < fields; field++)
                {
                    into[field] = data.getAcquire(base + 1 + field);
                }
                if (data.getAcquire(base) == before)
                {
                    return before;
                }
            }
            Thread.onSpinWait();
        }
        return -1;
    }
}
