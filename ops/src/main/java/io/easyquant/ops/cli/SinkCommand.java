package io.easyquant.ops.cli;

import io.easyquant.adapters.sink.postgres.PostgresSinkContext;
import io.easyquant.adapters.sink.postgres.SinkService;
import io.easyquant.adapters.sink.postgres.SinkStatus;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.ops.config.ConfigException;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import org.agrona.ErrorHandler;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code easyquant sink --journal DIR [--url URL] [--follow]}: the Postgres sink alone, e.g. to backfill a database
 * from a journal. It writes every record after the database's checkpoint for this journal, then exits 0 (or, with
 * {@code --follow}, keeps tailing until SIGTERM/SIGINT, then writes what is left and exits 0). It exits 1 if the
 * database stays unreachable for {@code --retry-for}, 2 for a bad journal, configuration or option.
 *
 * <p>The instruments and sink settings come from the journal's own configuration (or {@code --config}); the database
 * from {@code --url}, else the configuration's {@code sink.postgres.url}, else an embedded server with its data in
 * {@code postgres/} beside the journal directory (where {@code run} keeps it).
 */
@CommandLine.Command(name = "sink", description = {
    "Write a journal into PostgreSQL (exactly once: rows already written are skipped), then exit; with --follow keep "
        + "tailing until SIGTERM/SIGINT.",
    "Database: --url, else the configuration's sink.postgres.url, else the embedded server in postgres/ beside the "
        + "journal. User and password: EASYQUANT_PG_USER, EASYQUANT_PG_PASSWORD."})
public final class SinkCommand implements Callable<Integer>
{
    private static final long POLL_MS = 100;
    private static final long PROGRESS_INTERVAL_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long SIGNAL_STOP_TIMEOUT_S = 60;
    /** A backfill has no time limit of its own: it ends when the journal is written, or by --retry-for. */
    private static final long NO_LIMIT_NS = TimeUnit.DAYS.toNanos(365);

    @CommandLine.Option(names = "--journal", required = true, paramLabel = "DIR",
        description = "The journal directory, e.g. data/paper/journal.")
    private Path journalDirectory;

    @CommandLine.Option(names = "--url", paramLabel = "URL",
        description = "The database, jdbc:postgresql://host:port/database (default: the configuration's, else the "
            + "embedded server).")
    private String url;

    @CommandLine.Option(names = "--name", paramLabel = "NAME",
        description = "Register the journal's rows under this name (default: the configuration's journalName, else "
            + "the journal directory's absolute path).")
    private String name;

    @CommandLine.Option(names = "--config", paramLabel = "FILE",
        description = "Take instruments and sink settings from this file instead of the journal's configuration.")
    private Path configFile;

    @CommandLine.Option(names = "--batch-size", paramLabel = "N",
        description = "Journal records per transaction (default: the configuration's, else 5000).")
    private Integer batchSize;

    @CommandLine.Option(names = "--follow", description = "Keep tailing the journal until SIGTERM/SIGINT.")
    private boolean follow;

    @CommandLine.Option(names = "--retry-for", paramLabel = "DURATION", converter = Durations.class,
        defaultValue = "30s",
        description = "Without --follow: give up (exit 1) when the database has failed for this long (default 30s).")
    private long retryForNs;

    @CommandLine.Option(names = "--quiet", description = "No progress lines on standard error.")
    private boolean quiet;

    @Override
    public Integer call()
    {
        final Journal journal;
        try
        {
            journal = Journal.openForReading(journalDirectory);
        }
        catch (final JournalException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        try (journal)
        {
            final PostgresSinkContext context;
            try
            {
                context = context(journal);
            }
            catch (final ConfigException ex)
            {
                System.err.println("error: " + ex.getMessage() + (configFile == null ?
                    " (the journal's own configuration; give one with --config)" : ""));
                return 2;
            }
            catch (final IllegalArgumentException ex)
            {
                System.err.println("error: " + ex.getMessage());
                return 2;
            }
            final ErrorHandler errors = error -> System.err.println("error: postgres sink: " + error);
            final SinkService service;
            try
            {
                service = SinkService.start(context, journal,
                    journalDirectory.toAbsolutePath().normalize().resolveSibling("postgres"), errors);
            }
            catch (final RuntimeException ex)
            {
                System.err.println("error: " + ex.getMessage());
                return 1;
            }
            return follow ? follow(service) : backfill(service);
        }
    }

    private PostgresSinkContext context(final Journal journal) throws ConfigException
    {
        final Configuration config = configFile != null ?
            new ConfigLoader().load(configFile) :
            new ConfigLoader().parseJournaled(journalDirectory.toString(), journal.header().configText());
        final PostgresSinkContext.Builder builder = config.sink() != null ?
            config.sink().toBuilder() :
            PostgresSinkContext.builder().instruments(config.instruments()).credentialsFromEnvironment();
        if (url != null)
        {
            builder.url(url);
        }
        if (name != null)
        {
            builder.journalName(name);
        }
        if (batchSize != null)
        {
            builder.batchSize(batchSize);
        }
        return builder.build();
    }

    /**
     * Write up to the end of the journal, then stop.
     */
    private int backfill(final SinkService service)
    {
        final SinkStatus status = service.status();
        service.sink().requestDrain(NO_LIMIT_NS);
        long failingSinceNs = 0;
        long nextProgressNs = System.nanoTime() + PROGRESS_INTERVAL_NS;
        boolean gaveUp = false;
        try
        {
            while (!service.sink().awaitClosed(POLL_MS))
            {
                final long nowNs = System.nanoTime();
                if (status.state() != SinkStatus.State.RETRYING)
                {
                    failingSinceNs = 0;
                }
                else if (failingSinceNs == 0)
                {
                    failingSinceNs = nowNs;
                }
                else if (!gaveUp && nowNs - failingSinceNs >= retryForNs)
                {
                    gaveUp = true;
                    service.sink().requestStop(0);
                }
                if (!quiet && nowNs - nextProgressNs >= 0)
                {
                    nextProgressNs = nowNs + PROGRESS_INTERVAL_NS;
                    System.err.println(progress(status));
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        service.stop();
        printSummary(service);
        if (gaveUp || status.lagRecords() != 0)
        {
            System.err.println("error: postgres sink: " + (status.lastError() != null ? status.lastError() :
                "the journal was not written to the end") + (gaveUp ? " (gave up after " +
                Durations.format(retryForNs) + ")" : ""));
            return 1;
        }
        return 0;
    }

    /**
     * Tail until SIGTERM or SIGINT, then write what is left and exit 0.
     */
    private int follow(final SinkService service)
    {
        final SignalStop signal = new SignalStop("eq-sink-shutdown", SIGNAL_STOP_TIMEOUT_S, null);
        long nextProgressNs = System.nanoTime() + PROGRESS_INTERVAL_NS;
        try
        {
            while (!signal.awaitStop(POLL_MS, TimeUnit.MILLISECONDS))
            {
                final long nowNs = System.nanoTime();
                if (!quiet && nowNs - nextProgressNs >= 0)
                {
                    nextProgressNs = nowNs + PROGRESS_INTERVAL_NS;
                    System.err.println(progress(service.status()));
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        service.stop();
        printSummary(service);
        return signal.finished(0);
    }

    private static String progress(final SinkStatus status)
    {
        return "sink: " + status.records() + " records, " + status.rows() + " rows; " + status.line();
    }

    private static void printSummary(final SinkService service)
    {
        final SinkStatus status = service.status();
        System.out.printf("journal            %s%n", service.sink().journalName());
        System.out.printf("database           %s%n", service.sink().displayUrl());
        System.out.printf("records written    %d%n", status.records());
        System.out.printf("rows written       %d%n", status.rows());
        System.out.printf("batches            %d%n", status.batches());
        System.out.printf("failures           %d%n", status.failures());
        System.out.printf("checkpoint index   %s%n",
            status.checkpointIndex() < 0 ? "none" : "0x" + Long.toHexString(status.checkpointIndex()));
        System.out.printf(Locale.ROOT, "lag                %s entries, %.1f s%n",
            status.lagRecords() < 0 ? "?" : Long.toString(status.lagRecords()), status.lagSeconds());
        System.out.flush();
    }
}
