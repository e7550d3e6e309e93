package io.easyquant.ops.cli;

import io.easyquant.ops.config.ConfigException;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code easyquant check-config FILE}: validates a configuration file without starting anything.
 */
@CommandLine.Command(name = "check-config", description = "Validate a configuration file.")
public final class CheckConfigCommand implements Callable<Integer>
{
    @CommandLine.Parameters(index = "0", paramLabel = "FILE", description = "The YAML configuration file.")
    private Path file;

    @Override
    public Integer call()
    {
        try
        {
            final Configuration config = new ConfigLoader().load(file);
            System.out.println(file + ": OK (" + config.instruments().count() + " instruments, " +
                config.feeds().size() + " feed(s), strategy " + config.strategyDescription() + ")");
            return 0;
        }
        catch (final ConfigException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
    }
}
