package io.easyquant.ops;

import io.easyquant.ops.cli.BuildInfo;
import io.easyquant.ops.cli.BacktestCommand;
import io.easyquant.ops.cli.ChaosCheckCommand;
import io.easyquant.ops.cli.CheckConfigCommand;
import io.easyquant.ops.cli.ExchangeCommand;
import io.easyquant.ops.cli.ReplayCommand;
import io.easyquant.ops.cli.ImportCommand;
import io.easyquant.ops.cli.JournalCommand;
import io.easyquant.ops.cli.KillCommand;
import io.easyquant.ops.cli.TradingStateCommand;
import io.easyquant.ops.cli.RunCommand;
import io.easyquant.ops.cli.SinkCommand;
import io.easyquant.ops.cli.StateCommand;
import picocli.CommandLine;

/**
 * The {@code easyquant} command line.
 *
 * <p>Exit codes: 0 success; 1 a runtime failure; 2 bad usage, configuration or input (the message names the file, the
 * field and what was expected). With the environment variable {@code EASYQUANT_DEBUG} set, an unexpected failure also
 * prints its stack trace.
 */
@CommandLine.Command(
    name = "easyquant",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "EasyQuant: a low-latency trading engine.",
    subcommands = {RunCommand.class, CheckConfigCommand.class, ReplayCommand.class, BacktestCommand.class,
        ImportCommand.class, JournalCommand.class, SinkCommand.class, KillCommand.class, TradingStateCommand.class,
        ChaosCheckCommand.class, StateCommand.class, ExchangeCommand.class,
        Main.VersionCommand.class})
public final class Main implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Run the command line and return its exit code (for tests).
     */
    public static int execute(final String... args)
    {
        final CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            cmd.getErr().println("error: " + ex);
            if (System.getenv("EASYQUANT_DEBUG") != null)
            {
                ex.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "a command is required: run, backtest, replay, import, journal, sink, kill, check-config, exchange, " +
            "version");
    }

    /**
     * Prints the version.
     */
    @CommandLine.Command(name = "version", description = "Print the version.")
    public static final class VersionCommand implements Runnable
    {
        @Override
        public void run()
        {
            System.out.println("easyquant " + BuildInfo.version() + " (Java " + Runtime.version() + ")");
        }
    }

    /**
     * Version for --version.
     */
    public static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            return new String[] {"easyquant " + BuildInfo.version()};
        }
    }
}
