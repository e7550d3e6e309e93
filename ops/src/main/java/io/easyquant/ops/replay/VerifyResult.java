package io.easyquant.ops.replay;

/**
 * The outcome of a verifying replay.
 *
 * @param eventsReplayed  inputs fed through the pipeline.
 * @param outputsCompared outputs compared with the journaled ones and found equal.
 * @param divergence      the first difference, or null if the replay was identical.
 * @param sessionStarts   SESSION_START inputs met: the sessions of {@code run} that continued this journal.
 * @param crashLost       outputs the replay produced that the journal lacks at a session start: the previous session
 *                        was killed before it wrote them. Tolerated; any output that differs is not.
 */
public record VerifyResult(
    long eventsReplayed, long outputsCompared, Divergence divergence, long sessionStarts, long crashLost)
{
    /**
     * The first output that differs.
     *
     * @param journalIndex the journal index of the expected output, or -1 if the journal had no more outputs.
     * @param expected     the journaled output, formatted, or "(none)".
     * @param actual       the replayed output, formatted, or "(none)".
     */
    public record Divergence(long journalIndex, String expected, String actual)
    {
    }

    public boolean identical()
    {
        return divergence == null;
    }
}
