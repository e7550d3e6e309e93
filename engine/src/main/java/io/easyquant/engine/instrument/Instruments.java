package io.easyquant.engine.instrument;

import org.agrona.collections.Int2IntHashMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured instruments, with a dense index (0..count-1) for each id so that per-instrument state lives in
 * plain arrays. Lookups by id do not allocate.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
public final class Instruments
{
    /** Returned by {@link #indexOf(int)} for an id that is not configured. */
    public static final int UNKNOWN = -1;

    private final Instrument[] byIndex;
    private final Int2IntHashMap indexById = new Int2IntHashMap(UNKNOWN);
    private final Map<String, Instrument> bySymbol = new HashMap<>();

    /**
     * @throws IllegalArgumentException on a repeated id or symbol, or an empty list.
     */
    public Instruments(final List<Instrument> instruments)
    {
        if (instruments.isEmpty())
        {
            throw new IllegalArgumentException("instruments: expected at least one instrument");
        }
        byIndex = instruments.toArray(new Instrument[0]);
        for (int i = 0; i < byIndex.length; i++)
        {
            final Instrument instrument = byIndex[i];
            if (indexById.containsKey(instrument.id()))
            {
                throw new IllegalArgumentException("instruments[" + i + "].id: " + instrument.id() + " is used twice");
            }
            if (bySymbol.put(instrument.symbol(), instrument) != null)
            {
                throw new IllegalArgumentException(
                    "instruments[" + i + "].symbol: " + instrument.symbol() + " is used twice");
            }
            indexById.put(instrument.id(), i);
        }
    }

    public int count()
    {
        return byIndex.length;
    }

    /**
     * @return the dense index of the instrument id, or {@link #UNKNOWN}.
     */
    public int indexOf(final int instrumentId)
    {
        return indexById.get(instrumentId);
    }

    public Instrument at(final int index)
    {
        return byIndex[index];
    }

    /**
     * @return the instrument with the symbol, or null.
     */
    public Instrument bySymbol(final String symbol)
    {
        return bySymbol.get(symbol);
    }

    public List<Instrument> all()
    {
        final List<Instrument> list = new ArrayList<>(byIndex.length);
        Collections.addAll(list, byIndex);
        return Collections.unmodifiableList(list);
    }
}
