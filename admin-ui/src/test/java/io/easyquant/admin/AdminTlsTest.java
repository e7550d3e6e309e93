package io.easyquant.admin;

import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.TradingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.easyquant.admin.AdminFixture.OPERATOR_SECRET;
import static io.easyquant.admin.AdminFixture.VIEWER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a key store configured the server speaks HTTPS only: a client trusting its certificate reads and engages the
 * kill-switch (the page's own {@code https://} origin is same-origin), a client that does not trust it gets no
 * connection, and plain HTTP on the port gets no answer from the API.
 */
class AdminTlsTest
{
    private static final String PASSWORD = "key-store-secret";

    @TempDir
    Path dir;

    @Test
    void shouldServeTheApiOverTlsOnly() throws Exception
    {
        final Path keyStore = keyStore(dir.resolve("admin.p12"));
        try (AdminFixture fixture = AdminFixture.start(dir, b -> b.tls(keyStore, PASSWORD)))
        {
            final String url = fixture.server.url();
            assertTrue(url.startsWith("https://127.0.0.1:"), url);
            final HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keyStore))
                .connectTimeout(Duration.ofSeconds(10)).build();

            final HttpResponse<String> status = trusting.send(HttpRequest.newBuilder(URI.create(url +
                "/api/v1/status")).header("Authorization", "Bearer " + VIEWER_SECRET).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, status.statusCode(), status.body());

            final HttpResponse<String> engage = trusting.send(HttpRequest.newBuilder(URI.create(url +
                "/api/v1/kill-switch")).header("Authorization", "Bearer " + OPERATOR_SECRET)
                .header("Content-Type", "application/json").header("Origin", url)
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"engage\",\"reason\":\"over tls\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, engage.statusCode(), engage.body());
            assertEquals(TradingState.HALTED, fixture.engine.counters().get(EngineCounters.TRADING_STATE));

            final HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            assertThrows(IOException.class, () -> untrusting.send(HttpRequest.newBuilder(URI.create(url +
                "/health")).GET().build(), HttpResponse.BodyHandlers.ofString()), "an untrusted certificate");

            String plain;
            try
            {
                plain = RawHttp.send(fixture.server.port(), "GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1:" +
                    fixture.server.port() + "\r\nAuthorization: Bearer " + VIEWER_SECRET + "\r\n", "");
            }
            catch (final IOException ex)
            {
                plain = "connection failed: " + ex;
            }
            assertFalse(plain.contains("tradingState"), "plain HTTP gets no API answer: " + plain);
        }
    }

    /**
     * A self-signed EC certificate for 127.0.0.1 made with the JDK's keytool.
     */
    static Path keyStore(final Path path) throws IOException, InterruptedException
    {
        final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        final Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "admin",
            "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
            "-validity", "2", "-storetype", "PKCS12", "-keystore", path.toString(), "-storepass", PASSWORD))
            .redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, process.exitValue(), output);
        assertTrue(Files.size(path) > 0);
        return path;
    }

    private static SSLContext trusting(final Path keyStorePath) throws Exception
    {
        final KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStorePath))
        {
            keys.load(in, PASSWORD.toCharArray());
        }
        final KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("admin", keys.getCertificate("admin"));
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
