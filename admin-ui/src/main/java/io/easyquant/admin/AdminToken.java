package io.easyquant.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A bearer token the admin server accepts: a name (the principal journaled with every command it sends), a
 * {@link Role}, and the SHA-256 of the secret. The secret itself is never stored: a presented token is hashed and
 * compared with every configured hash in constant time.
 *
 * <p>Immutable.
 */
public final class AdminToken
{
    /** The shortest secret accepted from the environment. */
    public static final int MIN_SECRET_LENGTH = 16;
    /** Names are journaled in a 24-byte ASCII field. */
    public static final int MAX_NAME_LENGTH = 24;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME_LENGTH + "}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final String name;
    private final Role role;
    private final byte[] sha256;

    private AdminToken(final String name, final Role role, final byte[] sha256)
    {
        this.name = name;
        this.role = role;
        this.sha256 = sha256;
    }

    /**
     * A token given by the hash of its secret (as configured).
     *
     * @param sha256Hex 64 hex digits: the SHA-256 of the secret's UTF-8 bytes.
     * @throws IllegalArgumentException naming the field for a bad value.
     */
    public static AdminToken ofHash(final String name, final Role role, final String sha256Hex)
    {
        checkName(name);
        if (role == null)
        {
            throw new IllegalArgumentException("role: expected viewer or operator");
        }
        if (sha256Hex == null || !SHA256_HEX.matcher(sha256Hex).matches())
        {
            throw new IllegalArgumentException("sha256: expected the 64 hex digits of the secret's SHA-256 " +
                "(printf %s \"$SECRET\" | sha256sum)");
        }
        return new AdminToken(name, role, HexFormat.of().parseHex(sha256Hex));
    }

    /**
     * A token given by its secret (from the environment): only its hash is kept.
     *
     * @throws IllegalArgumentException for a bad name or a secret shorter than {@link #MIN_SECRET_LENGTH}.
     */
    public static AdminToken ofSecret(final String name, final Role role, final String secret)
    {
        checkName(name);
        if (role == null)
        {
            throw new IllegalArgumentException("role: expected viewer or operator");
        }
        if (secret == null || secret.length() < MIN_SECRET_LENGTH)
        {
            throw new IllegalArgumentException("secret: expected at least " + MIN_SECRET_LENGTH + " characters");
        }
        return new AdminToken(name, role, sha256(secret));
    }

    private static void checkName(final String name)
    {
        if (name == null || !NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("name: expected 1 to " + MAX_NAME_LENGTH +
                " letters, digits, '.', '_' or '-', got '" + name + "'");
        }
    }

    /**
     * Parse tokens written as {@code name:role:secret}, separated by commas (the form of the
     * {@code EASYQUANT_ADMIN_TOKENS} environment variable). The secret is everything after the second colon.
     *
     * @param variable the variable's name, for messages.
     * @return the tokens, hashed; empty for a null or blank value.
     * @throws IllegalArgumentException naming the entry (by position, never by its secret) and what was expected.
     */
    public static List<AdminToken> parseList(final String variable, final String value)
    {
        final List<AdminToken> tokens = new ArrayList<>();
        if (value == null || value.isBlank())
        {
            return tokens;
        }
        final String[] entries = value.split(",");
        for (int i = 0; i < entries.length; i++)
        {
            final String entry = entries[i].trim();
            final int first = entry.indexOf(':');
            final int second = first < 0 ? -1 : entry.indexOf(':', first + 1);
            if (second < 0)
            {
                throw new IllegalArgumentException(variable + ": entry " + (i + 1) +
                    ": expected name:role:secret (role viewer or operator)");
            }
            final String name = entry.substring(0, first);
            final Role role = Role.byConfigName(entry.substring(first + 1, second));
            if (role == null)
            {
                throw new IllegalArgumentException(variable + ": entry " + (i + 1) + " (" + name +
                    "): expected the role viewer or operator");
            }
            try
            {
                tokens.add(ofSecret(name, role, entry.substring(second + 1)));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(variable + ": entry " + (i + 1) + ": " + ex.getMessage(), ex);
            }
        }
        return tokens;
    }

    /**
     * @return the SHA-256 of the text's UTF-8 bytes.
     */
    public static byte[] sha256(final String text)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
        }
    }

    public String name()
    {
        return name;
    }

    public Role role()
    {
        return role;
    }

    /**
     * @return true if the presented secret's hash equals this token's, compared in constant time.
     */
    boolean matches(final byte[] presentedSha256)
    {
        return MessageDigest.isEqual(sha256, presentedSha256);
    }

    boolean sameHash(final AdminToken other)
    {
        return MessageDigest.isEqual(sha256, other.sha256);
    }

    @Override
    public String toString()
    {
        return name + " (" + role.configName() + ")";
    }
}
