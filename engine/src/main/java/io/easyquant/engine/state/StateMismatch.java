package io.easyquant.engine.state;

/**
 * One entry where a state map disagrees with the state the journal produced.
 *
 * @param map          the map: {@code positions}, {@code orders}, {@code risk-counters} or {@code trading-state}.
 * @param entry        the entry, e.g. {@code instrument 0}, {@code order slot 3}, {@code counter 2 of instrument 1}.
 * @param mapValue     what the map holds (or {@code torn}/{@code corrupt} with the raw fields).
 * @param journalValue what the stages hold after the journal's replay.
 */
public record StateMismatch(String map, String entry, String mapValue, String journalValue)
{
    @Override
    public String toString()
    {
        return map + " " + entry + ": map " + mapValue + ", journal " + journalValue;
    }
}
