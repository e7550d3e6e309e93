package io.easyquant.ops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code easyquant kill --engage|--release --reason "..." [--config FILE | --data DIR] [--url URL] [--token-env VAR]}:
 * the kill-switch through the running engine's admin API ({@code POST /api/v1/kill-switch}), with an operator token
 * read from an environment variable or, when it is unset, from the token the engine generated in its data directory
 * (never from the command line, where other users could read it; see {@link AdminTarget}). The command is journaled
 * with origin {@code cli}.
 *
 * <p>Exit codes: 0 the engine reports the new state; 1 the server refused, could not be reached, or had not applied
 * the command yet; 2 bad usage (no action, no reason, no token).
 */
@CommandLine.Command(name = "kill", description = "Engage or release the kill-switch of a running engine, through " +
    "its admin API.")
public final class KillCommand implements Callable<Integer>
{
    /** The variable the token is read from unless --token-env names another. */
    public static final String DEFAULT_TOKEN_VARIABLE = "EASYQUANT_ADMIN_TOKEN";

    @CommandLine.ArgGroup(multiplicity = "1")
    private Action action;

    @CommandLine.Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why (1 to 80 printable ASCII characters; journaled with the token's name).")
    private String reason;

    @CommandLine.Mixin
    private AdminTarget target;

    private final Map<String, String> environment;

    public KillCommand()
    {
        this(System.getenv());
    }

    KillCommand(final Map<String, String> environment)
    {
        this.environment = environment;
    }

    /**
     * Exactly one of --engage and --release.
     */
    static final class Action
    {
        @CommandLine.Option(names = "--engage", required = true, description = "Halt trading: cancel every open " +
            "order, send no new one.")
        boolean engage;

        @CommandLine.Option(names = "--release", required = true, description = "Back to ACTIVE.")
        boolean release;
    }

    @Override
    public Integer call() throws InterruptedException
    {
        final ObjectNode body = new ObjectMapper().createObjectNode()
            .put("action", action.engage ? "engage" : "release");
        return AdminCommandClient.post(target.resolve(environment), "/api/v1/kill-switch", body, reason,
            "kill-switch " + (action.engage ? "engaged" : "released"),
            "kill-switch " + (action.engage ? "engage" : "release"));
    }
}
