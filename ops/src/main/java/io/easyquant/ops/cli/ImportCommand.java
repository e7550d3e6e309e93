package io.easyquant.ops.cli;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalContext;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalHeader;
import io.easyquant.journal.queue.JournalWriter;
import io.easyquant.ops.config.ConfigException;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import io.easyquant.ops.importer.CsvImport;
import io.easyquant.ops.importer.ImportResult;
import io.easyquant.ops.importer.RejectsFile;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * {@code easyquant import --csv FILE --journal DIR [--config FILE] [--instrument SYM] [--max-gap 5m]
 * [--rejects FILE] [--quiet]}: imports historical trades, quotes or bars from a CSV file (the CSV feed's format)
 * into a new journal, for backtests and replays.
 *
 * <p>Every check of the inputs runs before anything is written: the configuration (instruments, ids, tick and lot
 * sizes), the instrument, the CSV file and its header, the journal directory (new or empty: an import creates a
 * journal and never appends to one). Then each accepted row becomes one record stamped with sequence 1, 2, 3... and
 * its own timestamp as engine time; each rejected row goes to the rejects file with its line number and reason.
 * A progress bar on stderr follows the bytes read when stderr is a terminal, unless {@code --quiet}.
 *
 * <p>Exit codes: 0 when the file was imported (rejects included); 2 for bad usage, configuration or input, before
 * anything was written; 1 if reading or writing failed part-way, which leaves an incomplete journal to remove.
 */
@CommandLine.Command(name = "import",
    description = "Import trades, quotes or bars from a CSV file into a new journal, with a data-quality audit.")
public final class ImportCommand implements Callable<Integer>
{
    /** The configuration used without {@code --config}, relative to the working directory. */
    public static final Path DEFAULT_CONFIG = Path.of("config", "paper.yaml");

    private static final String JOURNAL_KIND = "import";
    private static final long MIB = 1L << 20;
    private static final int PROGRESS_UPDATE_MS = 250;

    @CommandLine.Option(names = "--csv", required = true, paramLabel = "FILE",
        description = "The CSV file of bars, trades or quotes (the CSV feed's format).")
    private Path csv;

    @CommandLine.Option(names = "--journal", required = true, paramLabel = "DIR",
        description = "The journal to create: a new or empty directory.")
    private Path journal;

    @CommandLine.Option(names = "--config", paramLabel = "FILE",
        description = "The YAML configuration with the instruments (default: config/paper.yaml).")
    private Path configFile;

    @CommandLine.Option(names = "--instrument", paramLabel = "SYM",
        description = "Import only this instrument's rows; required for a file without a symbol column.")
    private String instrument;

    @CommandLine.Option(names = "--max-gap", paramLabel = "DURATION", converter = Durations.class,
        defaultValue = "5m", description = "Report gaps longer than this between rows of an instrument " +
        "(default: ${DEFAULT-VALUE}).")
    private long maxGapNs;

    @CommandLine.Option(names = "--rejects", paramLabel = "FILE",
        description = "Where to write the rejected rows (default: DIR-rejects.csv beside the journal).")
    private Path rejectsFile;

    @CommandLine.Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    private boolean quiet;

    @Override
    public Integer call()
    {
        final Path configPath = configFile != null ? configFile : DEFAULT_CONFIG;
        final Configuration config;
        final String configText;
        try
        {
            config = new ConfigLoader().load(configPath);
            configText = new String(Files.readAllBytes(configPath), StandardCharsets.UTF_8);
        }
        catch (final ConfigException ex)
        {
            return usageError(ex.getMessage() +
                (configFile == null ? " (the default configuration; name one with --config FILE)" : ""));
        }
        catch (final IOException ex)
        {
            return usageError(configPath + ": cannot read the file: " + ex.getMessage());
        }
        final Instruments instruments = config.instruments();
        if (instrument != null && instruments.bySymbol(instrument) == null)
        {
            return usageError("--instrument " + instrument + ": not an instrument of " + configPath +
                "; configured: " + symbols(instruments));
        }

        final Path rejectsPath = rejectsFile != null ? rejectsFile : defaultRejectsFile(journal);
        final String problem = checkOutputs(rejectsPath);
        if (problem != null)
        {
            return usageError(problem);
        }

        try (CsvImport file = CsvImport.open(csv, instruments, instrument))
        {
            return importInto(file, config, configText, rejectsPath);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            return usageError(ex.getMessage());
        }
    }

    private int importInto(
        final CsvImport file, final Configuration config, final String configText, final Path rejectsPath)
    {
        final RejectsFile rejects;
        try
        {
            final Path parent = rejectsPath.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            rejects = RejectsFile.create(rejectsPath);
        }
        catch (final IOException ex)
        {
            return usageError(rejectsPath + ": cannot create the rejects file: " + ex.getMessage());
        }

        final Journal target;
        try
        {
            target = Journal.openForWriting(journal,
                JournalHeader.of(JOURNAL_KIND, BuildInfo.version(), configText, ""), JournalContext.DEFAULT);
        }
        catch (final JournalException ex)
        {
            closeAndDelete(rejects, rejectsPath);
            return usageError(ex.getMessage());
        }

        final ImportResult result;
        try (target; rejects; ProgressBar progress = progressBar(file.sizeBytes()))
        {
            final JournalWriter writer = target.newWriter();
            final LongConsumer progressBytes = progress == null ? bytes -> { } : progress::stepTo;
            result = file.run(writer, Configuration.FIRST_FEED_SOURCE_ID, maxGapNs, rejects, progressBytes);
        }
        catch (final IOException | RuntimeException ex)
        {
            System.err.println("error: " + ex.getMessage() + "; the journal " + journal + " is incomplete: " +
                "remove it before importing again");
            return 1;
        }
        System.out.print(ImportSummary.format(result, journal.toString(), rejectsPath.toString(), maxGapNs));
        System.out.flush();
        return 0;
    }

    /**
     * @return what is wrong with the journal directory or the rejects file, or null if both can be written.
     */
    private String checkOutputs(final Path rejectsPath)
    {
        if (Files.exists(journal))
        {
            if (!Files.isDirectory(journal))
            {
                return journal + ": is a file; expected a new or empty directory for the journal";
            }
            final boolean empty;
            final boolean holdsJournal;
            try (Stream<Path> entries = Files.list(journal))
            {
                final String[] names = entries.map(entry -> entry.getFileName().toString()).toArray(String[]::new);
                empty = names.length == 0;
                holdsJournal = Stream.of(names).anyMatch(
                    name -> name.endsWith(".cq4") || name.equals(Journal.HEADER_FILE));
            }
            catch (final IOException ex)
            {
                return journal + ": cannot list the directory: " + ex.getMessage();
            }
            if (holdsJournal)
            {
                return journal + ": already holds a journal; an import creates a new journal, so name a new " +
                    "directory or move this one away";
            }
            if (!empty)
            {
                return journal + ": the directory is not empty; an import creates its journal in a new or empty " +
                    "directory";
            }
        }
        if (Files.isDirectory(rejectsPath))
        {
            return rejectsPath + ": is a directory; expected a file for the rejected rows";
        }
        if (rejectsPath.toAbsolutePath().normalize().equals(csv.toAbsolutePath().normalize()))
        {
            return rejectsPath + ": is the CSV file being imported; name another file for the rejected rows";
        }
        return null;
    }

    /**
     * {@code DIR/../NAME-rejects.csv}: beside the journal, named after it.
     */
    static Path defaultRejectsFile(final Path journal)
    {
        Path directory = journal.normalize();
        if (directory.getFileName() == null || directory.toString().isEmpty() ||
            directory.getFileName().toString().equals(".."))
        {
            directory = journal.toAbsolutePath().normalize();
        }
        final String name = directory.getFileName() == null ? "journal" : directory.getFileName().toString();
        return directory.resolveSibling(name + "-rejects.csv");
    }

    private ProgressBar progressBar(final long sizeBytes)
    {
        if (quiet || !stderrIsTerminal())
        {
            return null;
        }
        final boolean large = sizeBytes >= 10 * MIB;
        return new ProgressBarBuilder()
            .setTaskName("import " + csv.getFileName())
            .setInitialMax(sizeBytes)
            .setUnit(large ? "MiB" : "KiB", large ? MIB : 1024)
            .setUpdateIntervalMillis(PROGRESS_UPDATE_MS)
            .clearDisplayOnFinish()
            .build();
    }

    /**
     * On Linux, whether file descriptor 2 is a terminal; elsewhere the nearest Java 17 can tell, whether the JVM has
     * a console (stdin and stdout are a terminal).
     */
    private static boolean stderrIsTerminal()
    {
        try
        {
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        }
        catch (final IOException | UnsupportedOperationException | SecurityException ex)
        {
            return System.console() != null;
        }
    }

    private static String symbols(final Instruments instruments)
    {
        final StringJoiner joiner = new StringJoiner(", ");
        for (final Instrument each : instruments.all())
        {
            joiner.add(each.symbol());
        }
        return joiner.toString();
    }

    private static void closeAndDelete(final RejectsFile rejects, final Path path)
    {
        try
        {
            rejects.close();
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            // only the header was written; a leftover header-only file misleads no one
        }
    }

    private static int usageError(final String message)
    {
        System.err.println("error: " + message);
        return 2;
    }
}
