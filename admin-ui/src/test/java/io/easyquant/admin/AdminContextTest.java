package io.easyquant.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminContextTest
{
    private static final AdminToken TOKEN = AdminToken.ofSecret("ops", Role.OPERATOR, "0123456789abcdef");

    private static String error(final AdminContext.Builder builder)
    {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void shouldDefaultToLoopbackPort8080WithNoTokens()
    {
        final AdminContext context = AdminContext.builder().build();

        assertEquals("127.0.0.1", context.host());
        assertEquals(8080, context.port());
        assertEquals(List.of(), context.tokens());
        assertTrue(context.corsAllowedOrigins().isEmpty());
    }

    @Test
    void shouldRefuseANonLoopbackAddressWithoutTokens()
    {
        assertEquals("host: 10.1.2.3 is not a loopback address; the admin server listens beyond this machine only " +
            "with tokens configured (admin.tokens or EASYQUANT_ADMIN_TOKENS)",
            error(AdminContext.builder().host("10.1.2.3")));
    }

    @Test
    void shouldRefuseANonLoopbackAddressWithoutTls(@TempDir final Path dir) throws Exception
    {
        assertEquals("host: 10.1.2.3 is not a loopback address; the admin server listens beyond this machine only " +
            "with TLS (admin.tls.keyStore), so that tokens never cross the network in clear",
            error(AdminContext.builder().host("10.1.2.3").token(TOKEN)));
        final Path keyStore = Files.writeString(dir.resolve("admin.p12"), "key store");
        final AdminContext context = AdminContext.builder().host("10.1.2.3").token(TOKEN).tls(keyStore, "secret")
            .build();
        assertEquals("10.1.2.3", context.host());
        assertEquals("https", context.scheme());
        assertEquals("tls.keyStore: " + dir.resolve("missing.p12") + " is not a readable file",
            error(AdminContext.builder().tls(dir.resolve("missing.p12"), "secret")));
        assertEquals("tls.keyStorePassword: the key store's password is required",
            error(AdminContext.builder().tls(keyStore, "")));
        assertEquals("http", AdminContext.builder().build().scheme());
    }

    @Test
    void shouldRefuseWildcardsAndHostNames()
    {
        assertTrue(error(AdminContext.builder().host("0.0.0.0").token(TOKEN)).startsWith("host: 0.0.0.0 listens on " +
            "every interface"));
        assertTrue(error(AdminContext.builder().host("::").token(TOKEN)).contains("listens on every interface"));
        assertEquals("host: expected an IP address (e.g. 127.0.0.1) or localhost, got 'admin.example.com'",
            error(AdminContext.builder().host("admin.example.com")));
        assertTrue(error(AdminContext.builder().host("300.1.1.1")).startsWith("host: '300.1.1.1' is not a valid"));
    }

    @Test
    void shouldValidatePortTokensAndOrigins()
    {
        assertEquals("port: expected 0 to 65535, got 70000", error(AdminContext.builder().port(70000)));
        assertEquals("tokens: the name 'ops' is used twice", error(AdminContext.builder().token(TOKEN)
            .token(AdminToken.ofSecret("ops", Role.VIEWER, "fedcba9876543210"))));
        assertEquals("tokens: 'ops' and 'view' have the same secret", error(AdminContext.builder().token(TOKEN)
            .token(AdminToken.ofSecret("view", Role.VIEWER, "0123456789abcdef"))));
        for (final String origin : List.of("*", "null", "http://a.example/path", "ftp://a.example", "a.example"))
        {
            assertTrue(error(AdminContext.builder().corsAllowedOrigins(List.of(origin)))
                .startsWith("corsAllowedOrigins: expected an origin scheme://host[:port]"), origin);
        }
        assertEquals(java.util.Set.of("https://ops.example:8443"), AdminContext.builder()
            .corsAllowedOrigins(List.of("https://OPS.example:8443")).build().corsAllowedOrigins());
    }

    @Test
    void shouldAcceptOnlyHostHeadersNamingTheBoundAddress(@TempDir final Path dir) throws Exception
    {
        final AdminContext v4 = AdminContext.builder().build();
        assertTrue(v4.isAllowedHostHeader("127.0.0.1:8080", 8080));
        assertTrue(v4.isAllowedHostHeader("localhost:8080", 8080));
        assertTrue(v4.isAllowedHostHeader("LOCALHOST:8080", 8080));
        assertFalse(v4.isAllowedHostHeader("127.0.0.1:8081", 8080));
        assertFalse(v4.isAllowedHostHeader("127.0.0.1", 8080));
        assertFalse(v4.isAllowedHostHeader("evil.example:8080", 8080));
        assertFalse(v4.isAllowedHostHeader("127.0.0.1.nip.io:8080", 8080));
        assertFalse(v4.isAllowedHostHeader("127.0.0.2:8080", 8080));
        assertFalse(v4.isAllowedHostHeader("[::1]:8080", 8080));
        assertFalse(v4.isAllowedHostHeader(null, 8080));
        assertFalse(v4.isAllowedHostHeader("", 8080));
        assertTrue(AdminContext.builder().port(80).build().isAllowedHostHeader("127.0.0.1", 80));

        final AdminContext v6 = AdminContext.builder().host("::1").build();
        assertTrue(v6.isAllowedHostHeader("[::1]:8080", 8080));
        assertTrue(v6.isAllowedHostHeader("[0:0:0:0:0:0:0:1]:8080", 8080));
        assertTrue(v6.isAllowedHostHeader("localhost:8080", 8080));
        assertFalse(v6.isAllowedHostHeader("127.0.0.1:8080", 8080));

        final AdminContext lan = AdminContext.builder().host("10.1.2.3").token(TOKEN)
            .tls(Files.writeString(dir.resolve("admin.p12"), "key store"), "secret").build();
        assertTrue(lan.isAllowedHostHeader("10.1.2.3:8080", 8080));
        assertFalse(lan.isAllowedHostHeader("localhost:8080", 8080), "localhost does not name a LAN address");
        assertTrue(lan.isAllowedHostHeader("10.1.2.3", 443), "https's default port");
        assertFalse(lan.isAllowedHostHeader("10.1.2.3", 80));
    }
}
