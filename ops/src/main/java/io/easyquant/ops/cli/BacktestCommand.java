package io.easyquant.ops.cli;

import io.easyquant.journal.queue.JournalException;
import io.easyquant.ops.backtest.BacktestResult;
import io.easyquant.ops.backtest.BacktestRunner;
import io.easyquant.ops.backtest.BacktestStatistics;
import io.easyquant.ops.config.ConfigException;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code easyquant backtest --config FILE (--journal DIR | --csv FILE) --out DIR}: runs market data through the engine
 * in simulated time with the paper venue and writes summary.json, trades.csv, equity.csv, report.html and a journal of
 * its own under DIR.
 */
@CommandLine.Command(name = "backtest",
    description = "Backtest a configuration over market data from a CSV file or a journal, in simulated time.")
public final class BacktestCommand implements Callable<Integer>
{
    @CommandLine.Option(names = "--config", required = true, paramLabel = "FILE", description = "The configuration.")
    private Path configFile;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    private Input input;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Where the report and the backtest's journal go (its journal is replaced).")
    private Path outDirectory;

    @CommandLine.Option(names = "--quiet", description = "No progress lines.")
    private boolean quiet;

    /**
     * Where the market data comes from.
     */
    static final class Input
    {
        @CommandLine.Option(names = "--journal", paramLabel = "DIR", description = "A journal's trades, quotes, bars.")
        Path journal;

        @CommandLine.Option(names = "--csv", paramLabel = "FILE", description = "A CSV file of trades, quotes or bars.")
        Path csv;
    }

    @Override
    public Integer call()
    {
        final Configuration config;
        try
        {
            config = new ConfigLoader().load(configFile);
        }
        catch (final ConfigException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        if (input.csv != null && !Files.isRegularFile(input.csv))
        {
            System.err.println(
                "error: " + input.csv + ": file not found; expected a CSV file of trades, quotes or bars");
            return 2;
        }
        final BacktestRunner runner = new BacktestRunner(config, line ->
        {
            if (!quiet)
            {
                System.err.println(line);
            }
        });
        final long startNs = System.nanoTime();
        final BacktestResult result;
        try
        {
            result = input.csv != null ?
                runner.runCsv(input.csv, outDirectory) : runner.runJournal(input.journal, outDirectory);
        }
        catch (final JournalException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        final BacktestStatistics stats = result.statistics();
        System.out.printf(Locale.ROOT, "period: %s .. %s, %d market samples%n",
            stats.periodStart().map(Object::toString).orElse("-"), stats.periodEnd().map(Object::toString).orElse("-"),
            stats.samples());
        System.out.printf(Locale.ROOT, "events %d, orders %d, fills %d, rejects: risk %d, venue %d%n",
            result.info().events(), result.info().orders(), result.info().fills(), result.info().riskRejects(),
            result.info().venueRejects());
        System.out.printf(Locale.ROOT, "net PnL %s %s (realized %s, unrealized %s, fees %s), return %.4f%%%n",
            stats.netPnl().toPlainString(), result.quoteCurrency(), stats.realizedPnl().toPlainString(),
            stats.unrealizedPnl().toPlainString(), stats.fees().toPlainString(), stats.totalReturn() * 100);
        System.out.printf(Locale.ROOT, "Sharpe %.3f, Sortino %.3f (%d returns of %s), max drawdown %.4f%% over %s%n",
            stats.sharpe(), stats.sortino(), stats.returns(), stats.returnPeriod().map(Object::toString).orElse("-"),
            stats.maxDrawdown() * 100, stats.maxDrawdownDuration());
        System.out.printf("backtest took %.2f s; report in %s%n", seconds, outDirectory.resolve("report.html"));
        return 0;
    }
}
