package io.easyquant.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code easyquant kill --engage|--release --reason "..." [--url URL] [--token-env VAR]}: the kill-switch through the
 * running engine's admin API ({@code POST /api/v1/kill-switch}), with an operator token read from an environment
 * variable (never from the command line, where other users could read it).
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

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @CommandLine.ArgGroup(multiplicity = "1")
    private Action action;

    @CommandLine.Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why (1 to 80 printable ASCII characters; journaled with the token's name).")
    private String reason;

    @CommandLine.Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
        description = "The admin server (default: ${DEFAULT-VALUE}).")
    private String url;

    @CommandLine.Option(names = "--token-env", paramLabel = "VAR", defaultValue = DEFAULT_TOKEN_VARIABLE,
        description = "The environment variable holding an operator token (default: ${DEFAULT-VALUE}).")
    private String tokenVariable;

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
        final String token = environment.get(tokenVariable);
        if (token == null || token.isBlank())
        {
            System.err.println("error: no token: set " + tokenVariable + " to an operator token of the admin server");
            return 2;
        }
        final String text = reason.trim();
        if (text.isEmpty() || text.length() > 80 || !text.chars().allMatch(c -> c >= 0x20 && c < 0x7F))
        {
            System.err.println("error: --reason: expected 1 to 80 printable ASCII characters");
            return 2;
        }
        final URI endpoint;
        try
        {
            endpoint = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .resolve("/api/v1/kill-switch");
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme()))
            {
                throw new URISyntaxException(url, "expected http:// or https://");
            }
        }
        catch (final URISyntaxException | IllegalArgumentException ex)
        {
            System.err.println("error: --url: expected the admin server's address, e.g. http://127.0.0.1:8080, got '" +
                url + "'");
            return 2;
        }

        final ObjectMapper mapper = new ObjectMapper();
        final ObjectNode body = mapper.createObjectNode()
            .put("action", action.engage ? "engage" : "release")
            .put("reason", text);
        final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        final HttpResponse<String> response;
        try
        {
            response = client.send(HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token.trim())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final ConnectException ex)
        {
            System.err.println("error: cannot reach the admin server at " + url + " (is the engine running, with " +
                "an admin: section?)");
            return 1;
        }
        catch (final HttpTimeoutException ex)
        {
            System.err.println("error: the admin server at " + url + " did not answer within " +
                TIMEOUT.toSeconds() + " s; the command may or may not have been sent");
            return 1;
        }
        catch (final IOException ex)
        {
            System.err.println("error: " + url + ": " + ex.getMessage());
            return 1;
        }

        JsonNode answer;
        try
        {
            answer = mapper.readTree(response.body());
        }
        catch (final IOException ex)
        {
            answer = mapper.createObjectNode();
        }
        final String state = answer.path("tradingState").asText("?");
        final String verb = action.engage ? "engaged" : "released";
        switch (response.statusCode())
        {
            case 200:
                System.out.println("kill-switch " + verb + ": the engine is " + state);
                return 0;
            case 202:
                System.out.println("kill-switch " + (action.engage ? "engage" : "release") +
                    " journaled but not applied yet: the engine is still " + state);
                return 1;
            default:
                System.err.println("error: the admin server refused (HTTP " + response.statusCode() + "): " +
                    answer.path("error").asText(response.body()));
                return 1;
        }
    }
}
