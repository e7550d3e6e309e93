package io.easyquant.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easyquant.admin.AdminServer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Sends one state change to a running engine's admin API as the command line: an operator token from the environment
 * or the engine's data directory ({@link AdminTarget}), the reason checked here, and the
 * {@link AdminServer#ORIGIN_HEADER} header so the command is journaled with origin {@code cli}. Prints the outcome
 * and returns the exit code: 0 applied, 1 refused, unreachable or not applied yet, 2 bad usage.
 */
final class AdminCommandClient
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private AdminCommandClient()
    {
    }

    static int post(
        final AdminTarget.Resolved target,
        final String path,
        final ObjectNode body,
        final String reason,
        final String appliedText,
        final String pendingText)
        throws InterruptedException
    {
        if (target.error() != null)
        {
            System.err.println("error: " + target.error());
            return 2;
        }
        final String url = target.url();
        final String token = target.token();
        final String text = reason.trim();
        if (text.isEmpty() || text.length() > 80 || !text.chars().allMatch(c -> c >= 0x20 && c < 0x7F))
        {
            System.err.println("error: --reason: expected 1 to 80 printable ASCII characters");
            return 2;
        }
        final URI endpoint;
        try
        {
            endpoint = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url).resolve(path);
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
        body.put("reason", text);
        final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        final HttpResponse<String> response;
        try
        {
            response = client.send(HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token.trim())
                .header("Content-Type", "application/json")
                .header(AdminServer.ORIGIN_HEADER, "cli")
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
        switch (response.statusCode())
        {
            case 200:
                System.out.println(appliedText + ": the engine is " + state);
                return 0;
            case 202:
                System.out.println(pendingText + " journaled but not applied yet: the engine is still " + state);
                return 1;
            default:
                System.err.println("error: the admin server refused (HTTP " + response.statusCode() + "): " +
                    answer.path("error").asText(response.body()));
                return 1;
        }
    }
}
