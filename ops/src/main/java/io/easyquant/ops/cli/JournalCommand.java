package io.easyquant.ops.cli;

import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalException;
import picocli.CommandLine;

import java.nio.file.Path;

/**
 * {@code easyquant journal stats|dump|verify --journal DIR}: reads a journal written by {@code run} (under
 * {@code <dataDir>/journal}) without changing it; {@code journal repair} is the one command that changes one. A
 * missing directory, a directory that holds no journal and a journal of an unknown format exit 2 with one
 * {@code error:} line.
 */
@CommandLine.Command(
    name = "journal",
    description = "Inspect, verify or repair a journal.",
    subcommands = {JournalStatsCommand.class, JournalDumpCommand.class, JournalVerifyCommand.class,
        JournalRepairCommand.class})
public final class JournalCommand implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "a subcommand is required: stats, dump, verify, repair");
    }

    /**
     * Open a journal for reading. Chronicle's own failures on files it cannot read (a {@code .cq4} that is not a
     * queue file) are reported like the journal's: the input is bad, not the program. Chronicle throws some checked
     * exceptions undeclared (such as {@code StreamCorruptedException}), hence the catch of {@code Exception}.
     *
     * @throws JournalException naming the directory and what was wrong.
     */
    static Journal open(final Path directory) throws JournalException
    {
        try
        {
            return Journal.openForReading(directory);
        }
        catch (final JournalException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new JournalException(directory + ": cannot read the journal: " + ex.getMessage(), ex);
        }
    }
}
