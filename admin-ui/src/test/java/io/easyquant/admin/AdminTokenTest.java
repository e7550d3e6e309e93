package io.easyquant.admin;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminTokenTest
{
    /** printf %s 'correct horse battery' | sha256sum */
    private static final String HASH = HexFormat.of().formatHex(AdminToken.sha256("correct horse battery"));

    @Test
    void shouldMatchTheSecretWhoseHashIsConfigured()
    {
        final AdminToken token = AdminToken.ofHash("ops", Role.OPERATOR, HASH.toUpperCase());

        assertTrue(token.matches(AdminToken.sha256("correct horse battery")));
        assertFalse(token.matches(AdminToken.sha256("correct horse batterY")));
        assertEquals("ops (operator)", token.toString());
    }

    @Test
    void shouldComputeTheSameHashAsSha256sum()
    {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            HexFormat.of().formatHex(AdminToken.sha256("")));
    }

    @Test
    void shouldRefuseBadNamesHashesAndShortSecrets()
    {
        assertThrows(IllegalArgumentException.class, () -> AdminToken.ofHash("ops", Role.OPERATOR, "abc"));
        assertEquals("name: expected 1 to 24 letters, digits, '.', '_' or '-', got 'a b'",
            assertThrows(IllegalArgumentException.class, () -> AdminToken.ofHash("a b", Role.VIEWER, HASH))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> AdminToken.ofHash("x".repeat(25), Role.VIEWER, HASH));
        assertEquals("secret: expected at least 16 characters", assertThrows(IllegalArgumentException.class,
            () -> AdminToken.ofSecret("ops", Role.OPERATOR, "short")).getMessage());
    }

    @Test
    void shouldParseTheEnvironmentListWithoutEverQuotingASecret()
    {
        final List<AdminToken> tokens = AdminToken.parseList("EASYQUANT_ADMIN_TOKENS",
            " ops:operator:0123456789abcdef:with:colons , watch:VIEWER:fedcba9876543210");

        assertEquals(2, tokens.size());
        assertEquals("ops", tokens.get(0).name());
        assertEquals(Role.OPERATOR, tokens.get(0).role());
        assertTrue(tokens.get(0).matches(AdminToken.sha256("0123456789abcdef:with:colons")));
        assertEquals(Role.VIEWER, tokens.get(1).role());
        assertEquals(List.of(), AdminToken.parseList("V", "  "));

        assertEquals("V: entry 2: expected name:role:secret (role viewer or operator)", assertThrows(
            IllegalArgumentException.class, () -> AdminToken.parseList("V", "a:viewer:0123456789abcdef,oops"))
            .getMessage());
        assertEquals("V: entry 1 (a): expected the role viewer or operator", assertThrows(
            IllegalArgumentException.class, () -> AdminToken.parseList("V", "a:admin:0123456789abcdef"))
            .getMessage());
        final String shortSecret = assertThrows(IllegalArgumentException.class,
            () -> AdminToken.parseList("V", "a:viewer:tooshortsecret")).getMessage();
        assertEquals("V: entry 1: secret: expected at least 16 characters", shortSecret);
    }
}
