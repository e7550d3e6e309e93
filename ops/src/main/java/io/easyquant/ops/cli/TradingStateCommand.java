package io.easyquant.ops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code easyquant trading-state --reducing|--active --reason "..." [--config FILE | --data DIR] [--url URL]
 * [--token-env VAR]}: move a running
 * engine between ACTIVE and REDUCING (only orders that reduce exposure pass) through its admin API
 * ({@code POST /api/v1/trading-state}), journaled with origin {@code cli}. A HALTED engine refuses both: only
 * {@code easyquant kill --release} leaves HALTED.
 *
 * <p>Exit codes as for {@link KillCommand}.
 */
@CommandLine.Command(name = "trading-state", description = "Move a running engine between ACTIVE and REDUCING, " +
    "through its admin API.")
public final class TradingStateCommand implements Callable<Integer>
{
    @CommandLine.ArgGroup(multiplicity = "1")
    private Target state;

    @CommandLine.Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why (1 to 80 printable ASCII characters; journaled with the token's name).")
    private String reason;

    @CommandLine.Mixin
    private AdminTarget target;

    private final Map<String, String> environment;

    public TradingStateCommand()
    {
        this(System.getenv());
    }

    TradingStateCommand(final Map<String, String> environment)
    {
        this.environment = environment;
    }

    /**
     * Exactly one of --reducing and --active.
     */
    static final class Target
    {
        @CommandLine.Option(names = "--reducing", required = true, description = "Only orders that reduce " +
            "positions pass.")
        boolean reducing;

        @CommandLine.Option(names = "--active", required = true, description = "Back to ACTIVE (not out of HALTED).")
        boolean active;
    }

    @Override
    public Integer call() throws InterruptedException
    {
        final String name = state.reducing ? "REDUCING" : "ACTIVE";
        final ObjectNode body = new ObjectMapper().createObjectNode().put("state", name);
        return AdminCommandClient.post(target.resolve(environment), "/api/v1/trading-state", body, reason,
            "trading state " + name, "trading state " + name);
    }
}
