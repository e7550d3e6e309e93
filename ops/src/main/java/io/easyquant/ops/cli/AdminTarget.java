package io.easyquant.ops.cli;

import io.easyquant.admin.AdminContext;
import io.easyquant.ops.admin.LocalOperatorToken;
import io.easyquant.ops.config.ConfigException;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.config.Configuration;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which running engine a state-changing command talks to and with which operator token: the options
 * {@code --url}, {@code --token-env}, {@code --config} and {@code --data} shared by {@code kill} and
 * {@code trading-state}.
 *
 * <p>The token: the environment variable ({@code EASYQUANT_ADMIN_TOKEN} unless {@code --token-env} names another),
 * else the token the engine generated in its data directory ({@link LocalOperatorToken}), found from
 * {@code --data DIR} or from {@code --config FILE}'s {@code engine.dataDir}. The URL: {@code --url}, else the one in
 * that file, else the configuration's {@code admin.host} and {@code admin.port}, else {@value #DEFAULT_URL}.
 */
public final class AdminTarget
{
    /** The admin server's address unless given or found. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @CommandLine.Option(names = "--url", paramLabel = "URL",
        description = "The admin server (default: the one the engine wrote in its data directory with a generated " +
            "token, else the configuration's admin host and port, else " + DEFAULT_URL + ").")
    String url;

    @CommandLine.Option(names = "--token-env", paramLabel = "VAR", defaultValue = KillCommand.DEFAULT_TOKEN_VARIABLE,
        description = "The environment variable holding an operator token (default: ${DEFAULT-VALUE}). When it is " +
            "unset, the token the engine generated in its data directory (--config or --data) is used.")
    String tokenVariable;

    @CommandLine.Option(names = "--config", paramLabel = "FILE",
        description = "The configuration the engine runs with: its data directory holds the generated token.")
    Path config;

    @CommandLine.Option(names = "--data", paramLabel = "DIR",
        description = "The engine's data directory (engine.dataDir), which holds the generated token.")
    Path data;

    /**
     * Where to send and with what, or why not.
     *
     * @param url   the admin server's base URL; null with {@code error}.
     * @param token the operator token; null with {@code error}.
     * @param error the message to print (exit code 2), or null.
     */
    record Resolved(String url, String token, String error)
    {
    }

    Resolved resolve(final Map<String, String> environment)
    {
        final String fromEnvironment = environment.get(tokenVariable);
        String token = fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.trim();
        String configuredUrl = null;
        Path dataDir = data;
        if (config != null)
        {
            final Configuration configuration;
            try
            {
                configuration = new ConfigLoader(environment).load(config);
            }
            catch (final ConfigException ex)
            {
                return new Resolved(null, null, "--config: " + ex.getMessage());
            }
            if (dataDir == null)
            {
                dataDir = configuration.dataDir();
            }
            final AdminContext admin = configuration.admin();
            if (admin != null && admin.port() != 0)
            {
                final String host = admin.address().getAddress().length == 16 ?
                    "[" + admin.address().getHostAddress() + "]" : admin.address().getHostAddress();
                configuredUrl = admin.scheme() + "://" + host + ":" + admin.port();
            }
        }
        LocalOperatorToken.Entry generated = null;
        if (dataDir != null)
        {
            try
            {
                generated = LocalOperatorToken.read(dataDir);
            }
            catch (final IOException ex)
            {
                return new Resolved(null, null, "the engine's generated token: " + ex.getMessage());
            }
        }
        if (token == null)
        {
            if (generated == null)
            {
                return new Resolved(null, null, dataDir == null ?
                    "no token: set " + tokenVariable + " to an operator token of the admin server, or give " +
                    "--config (or --data) of an engine on this host that generated one" :
                    "no token: " + tokenVariable + " is not set and " + dataDir.resolve(LocalOperatorToken.FILE_NAME) +
                    " does not exist (the engine writes it only when no token is configured, and removes it when " +
                    "it stops)");
            }
            token = generated.token();
        }
        final String target = url != null ? url : generated != null ? generated.url() :
            configuredUrl != null ? configuredUrl : DEFAULT_URL;
        return new Resolved(target, token, null);
    }
}
