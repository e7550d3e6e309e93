package io.easyquant.engine.state;

import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One persisted state map: entry key (a long) to a {@link StateSlot}, with a layout entry under key {@link #META_KEY}
 * naming the map's kind, layout version and entry count. Every entry exists from creation on and is acquired once:
 * the hot path writes through the acquired slots and never looks a key up.
 *
 * <p>Opening an existing file runs Chronicle Map's recovery ({@code recoverPersistedTo}: segment locks held by a dead
 * process are released, counters and free lists rebuilt). A file that fails to open, whose recovery reports
 * corruption, whose size differs from a fresh file of the same layout, whose layout entry differs, or with an entry
 * that fails its checksum, is moved aside to {@code <name>.corrupt-<UTC time>} and created anew, all entries zero:
 * the caller then rebuilds it from the journal's state.
 */
final class StateMapFile implements AutoCloseable
{
    static final long META_KEY = -1;
    static final long MAGIC = 0x45515354415445L;
    static final int HEADER_BYTES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(StateMapFile.class);
    private static final DateTimeFormatter STAMP =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path file;
    private final ChronicleMap<Long, StateSlot> map;
    private final StateSlot[] slots;
    private final Path movedAside;
    private final String problem;
    private final long extra;

    private StateMapFile(
        final Path file,
        final ChronicleMap<Long, StateSlot> map,
        final StateSlot[] slots,
        final Path movedAside,
        final String problem,
        final long extra)
    {
        this.extra = extra;
        this.file = file;
        this.map = map;
        this.slots = slots;
        this.movedAside = movedAside;
        this.problem = problem;
    }

    /**
     * Open the file with recovery, or create it; a damaged or foreign file is moved aside and replaced.
     *
     * @param kind    the map's kind, stored in its layout entry.
     * @param entries the number of entries, keys 0 to entries - 1.
     * @param extra   a layout parameter the entries' keys depend on, stored in the layout entry.
     */
    static StateMapFile openOrCreate(final Path file, final int kind, final int entries, final long extra)
        throws IOException
    {
        Files.createDirectories(file.getParent());
        String problem = null;
        if (Files.exists(file))
        {
            final List<String> corruptions = new ArrayList<>();
            final long[] expectedBytes = new long[1];
            final byte[] header = freshHeader(file, entries, expectedBytes);
            ChronicleMap<Long, StateSlot> map = null;
            try
            {
                final long actualBytes = Files.size(file);
                if (actualBytes != expectedBytes[0])
                {
                    problem = "size " + actualBytes + " bytes, expected " + expectedBytes[0] + " for " + entries +
                        " entries";
                }
                else if (!Arrays.equals(header, readHead(file, header.length)))
                {
                    problem = "header differs from a new map's for " + entries + " entries";
                }
                else
                {
                    map = builder(file, entries).recoverPersistedTo(file.toFile(), true,
                        corruption -> corruptions.add(corruption.message()));
                    if (!corruptions.isEmpty())
                    {
                        problem = "recovery found " + corruptions.size() + " corruption(s), first: " +
                            corruptions.get(0);
                    }
                    else
                    {
                        final StateSlot[] slots = new StateSlot[entries];
                        problem = acquireExisting(map, kind, entries, extra, slots);
                        if (problem == null)
                        {
                            LOG.info("state: opened {} ({} entries) with recovery", file, entries);
                            return new StateMapFile(file, map, slots, null, null, extra);
                        }
                    }
                }
            }
            catch (final IOException | RuntimeException | LinkageError ex)
            {
                problem = "cannot open: " + ex;
            }
            if (map != null)
            {
                closeQuietly(map);
            }
        }
        Path aside = null;
        if (problem != null)
        {
            aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(Instant.now()));
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.error("state: {} is damaged or of another layout ({}); moved aside to {}, creating it anew to " +
                "rebuild from the journal", file, problem, aside);
        }
        final ChronicleMap<Long, StateSlot> map = builder(file, entries).createPersistedTo(file.toFile());
        final StateSlot[] slots = new StateSlot[entries];
        createEntries(map, kind, entries, extra, slots);
        LOG.info("state: created {} ({} entries)", file, entries);
        return new StateMapFile(file, map, slots, aside, problem, extra);
    }

    /**
     * Open an existing file without recovery, for reading while its owner runs (or after it died).
     *
     * @throws IOException if the file is missing, damaged or not a state map of the kind.
     */
    static StateMapFile openExisting(final Path file, final int kind) throws IOException
    {
        if (!Files.exists(file))
        {
            throw new IOException(file + ": no such state map");
        }
        final ChronicleMap<Long, StateSlot> map;
        try
        {
            map = ChronicleMapBuilder.of(Long.class, StateSlot.class)
                .name(file.getFileName().toString())
                .entries(2)
                .checksumEntries(false)
                .skipCloseOnExitHook(true)
                .createPersistedTo(file.toFile());
        }
        catch (final RuntimeException | LinkageError ex)
        {
            throw new IOException(file + ": cannot open: " + ex, ex);
        }
        final StateSlot meta = new StateSlot();
        if (map.getUsing(META_KEY, meta) == null)
        {
            closeQuietly(map);
            throw new IOException(file + ": no layout entry");
        }
        final long[] copy = new long[2 + StateSlot.FIELDS];
        meta.read(copy, 1000);
        if (copy[2] != MAGIC || copy[3] != StateLayout.LAYOUT_VERSION || copy[4] != kind)
        {
            closeQuietly(map);
            throw new IOException(file + ": not a state map of this kind and layout version");
        }
        final int entries = (int)copy[5];
        final long extra = copy[6];
        final StateSlot[] slots = new StateSlot[entries];
        for (int key = 0; key < entries; key++)
        {
            final StateSlot slot = new StateSlot();
            if (map.getUsing((long)key, slot) == null)
            {
                closeQuietly(map);
                throw new IOException(file + ": entry " + key + " is missing");
            }
            slots[key] = slot;
        }
        return new StateMapFile(file, map, slots, null, null, extra);
    }

    /**
     * Chronicle Map's close-on-exit hook is skipped: it would unmap the files while the pipeline drains at shutdown
     * (the JVM runs shutdown hooks concurrently), and a write into an unmapped entry crashes the JVM. The owner closes
     * the maps after the writers stopped; at exit the mapping goes with the process.
     */
    private static ChronicleMapBuilder<Long, StateSlot> builder(final Path file, final int entries)
    {
        return ChronicleMapBuilder.of(Long.class, StateSlot.class)
            .name(file.getFileName().toString())
            .entries(entries + 1L)
            .checksumEntries(false)
            .skipCloseOnExitHook(true);
    }

    /**
     * A fresh file of the layout, made beside the file and deleted: its size and its header (Chronicle Map's
     * self-describing configuration, the first {@link #HEADER_BYTES} bytes at most). A truncated or extended file, or
     * one whose header is damaged or describes another layout, is refused before it is mapped (a damaged header can
     * make Chronicle Map wait a minute for a header that never becomes ready).
     */
    private static byte[] freshHeader(final Path file, final int entries, final long[] size) throws IOException
    {
        final Path probe = file.resolveSibling("." + file.getFileName() + ".probe");
        Files.deleteIfExists(probe);
        try
        {
            builder(probe, entries).createPersistedTo(probe.toFile()).close();
            size[0] = Files.size(probe);
            return readHead(probe, (int)Math.min(HEADER_BYTES, size[0]));
        }
        finally
        {
            Files.deleteIfExists(probe);
        }
    }

    private static byte[] readHead(final Path file, final int length) throws IOException
    {
        final byte[] head = new byte[length];
        try (InputStream in = Files.newInputStream(file))
        {
            final int read = in.readNBytes(head, 0, length);
            return read == length ? head : Arrays.copyOf(head, read);
        }
    }

    private static String acquireExisting(
        final ChronicleMap<Long, StateSlot> map,
        final int kind,
        final int entries,
        final long extra,
        final StateSlot[] slots)
    {
        final long[] copy = new long[2 + StateSlot.FIELDS];
        final StateSlot meta = new StateSlot();
        if (map.getUsing(META_KEY, meta) == null)
        {
            return "no layout entry";
        }
        if (meta.read(copy, 0) != StateSlot.CLEAN)
        {
            return "damaged layout entry";
        }
        if (copy[2] != MAGIC || copy[3] != StateLayout.LAYOUT_VERSION || copy[4] != kind || copy[5] != entries ||
            copy[6] != extra)
        {
            return "layout entry (magic " + Long.toHexString(copy[2]) + ", version " + copy[3] + ", kind " + copy[4] +
                ", entries " + copy[5] + ", " + copy[6] + "), expected (" + Long.toHexString(MAGIC) + ", " +
                StateLayout.LAYOUT_VERSION + ", " + kind + ", " + entries + ", " + extra + ")";
        }
        if (map.longSize() != entries + 1L)
        {
            return map.longSize() + " entries, expected " + (entries + 1);
        }
        for (int key = 0; key < entries; key++)
        {
            final StateSlot slot = new StateSlot();
            if (map.getUsing((long)key, slot) == null)
            {
                return "entry " + key + " is missing";
            }
            if (slot.read(copy, 0) == StateSlot.CORRUPT)
            {
                return "entry " + key + " fails its checksum";
            }
            slots[key] = slot;
        }
        return null;
    }

    private static void createEntries(
        final ChronicleMap<Long, StateSlot> map,
        final int kind,
        final int entries,
        final long extra,
        final StateSlot[] slots)
    {
        final StateSlot meta = new StateSlot();
        map.acquireUsing(META_KEY, meta);
        meta.beginWrite();
        meta.field(0, MAGIC);
        meta.field(1, StateLayout.LAYOUT_VERSION);
        meta.field(2, kind);
        meta.field(3, entries);
        meta.field(4, extra);
        meta.endWrite(0);
        for (int key = 0; key < entries; key++)
        {
            final StateSlot slot = new StateSlot();
            map.acquireUsing((long)key, slot);
            slots[key] = slot;
        }
    }

    private static void closeQuietly(final ChronicleMap<Long, StateSlot> map)
    {
        try
        {
            map.close();
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("state: closing a refused map failed: {}", ex.toString());
        }
    }

    StateSlot slot(final int key)
    {
        return slots[key];
    }

    /**
     * @return the layout parameter stored with the entries.
     */
    long extra()
    {
        return extra;
    }

    int entries()
    {
        return slots.length;
    }

    Path file()
    {
        return file;
    }

    /**
     * @return where a damaged file was moved at open, or null.
     */
    Path movedAside()
    {
        return movedAside;
    }

    /**
     * @return what was wrong with the file moved aside, or null.
     */
    String problem()
    {
        return problem;
    }

    @Override
    public void close()
    {
        map.close();
    }
}
