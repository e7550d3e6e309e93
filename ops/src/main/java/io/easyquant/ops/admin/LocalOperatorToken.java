package io.easyquant.ops.admin;

import io.easyquant.admin.AdminContext;
import io.easyquant.admin.AdminToken;
import io.easyquant.admin.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;

/**
 * So that a local operator can always halt: when {@code run} starts the admin server with no token configured, a
 * random operator token ({@value #TOKEN_NAME}) is generated for the session and written, with the server's URL, to
 * {@code <dataDir>/}{@value #FILE_NAME}, readable and writable by its owner only (0600), and the log says where.
 * {@code easyquant kill} and {@code easyquant trading-state} read it there ({@code --config} or {@code --data}) when no
 * token is given in the environment. The file is replaced at every start and removed at a clean stop; with tokens
 * configured none is written, and one left by an earlier session is removed.
 *
 * <p>The file is a properties file: {@code url=http://127.0.0.1:8080} and {@code token=<64 hex digits>}.
 */
public final class LocalOperatorToken
{
    /** The file under the data directory. */
    public static final String FILE_NAME = "admin-operator-token";
    /** The principal journaled with the commands the generated token sends. */
    public static final String TOKEN_NAME = "local-operator";

    private static final Logger LOG = LoggerFactory.getLogger(LocalOperatorToken.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int SECRET_BYTES = 32;

    private final Path file;
    private final AdminContext context;
    private final String secret;

    private LocalOperatorToken(final Path file, final AdminContext context, final String secret)
    {
        this.file = file;
        this.context = context;
        this.secret = secret;
    }

    /**
     * The admin settings to serve with: as configured when they have tokens, else with a generated operator token.
     * Removes a file left by an earlier session either way.
     */
    public static LocalOperatorToken forSession(final AdminContext configured, final Path dataDir) throws IOException
    {
        final Path file = dataDir.resolve(FILE_NAME);
        Files.deleteIfExists(file);
        if (!configured.tokens().isEmpty())
        {
            return new LocalOperatorToken(file, configured, null);
        }
        final byte[] random = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(random);
        final String secret = HexFormat.of().formatHex(random);
        return new LocalOperatorToken(file, configured.toBuilder()
            .token(AdminToken.ofSecret(TOKEN_NAME, Role.OPERATOR, secret))
            .build(), secret);
    }

    /**
     * @return the settings to start the admin server with.
     */
    public AdminContext context()
    {
        return context;
    }

    /**
     * @return whether a token was generated for this session.
     */
    public boolean generated()
    {
        return secret != null;
    }

    /**
     * Once the server listens: write the URL and the generated token to the file (owner-only from its creation, then
     * moved into place), and log where. Does nothing when tokens were configured.
     */
    public void publish(final String url) throws IOException
    {
        if (secret == null)
        {
            return;
        }
        final Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try (OutputStream out = Files.newOutputStream(temporary))
        {
            out.write(("# The admin operator token of the running engine, generated at start-up because no token " +
                "is configured.\n# Used by easyquant kill / trading-state --config (or --data). Owner-only (0600).\n" +
                "url=" + url + "\ntoken=" + secret + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("admin: no token is configured; generated an operator token ('{}') for this session in {} " +
            "(readable by its owner only): easyquant kill --config <this configuration> uses it", TOKEN_NAME, file);
    }

    /**
     * At a clean stop: remove the file (its token dies with the session).
     */
    public void remove()
    {
        if (secret == null)
        {
            return;
        }
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            LOG.warn("admin: could not remove {}: {}", file, ex.toString());
        }
    }

    /**
     * What the command line reads back.
     *
     * @param url   the admin server's base URL.
     * @param token the operator token.
     */
    public record Entry(String url, String token)
    {
    }

    /**
     * @return the URL and token a running engine wrote under {@code dataDir}, or null if there is no such file.
     * @throws IOException if it exists but cannot be read (e.g. another user's), or is not such a file.
     */
    public static Entry read(final Path dataDir) throws IOException
    {
        final Path path = dataDir.resolve(FILE_NAME);
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(path))
        {
            properties.load(in);
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        catch (final AccessDeniedException ex)
        {
            throw new IOException(path + ": permission denied (it is readable by the engine's user only)", ex);
        }
        final String url = properties.getProperty("url");
        final String token = properties.getProperty("token");
        if (url == null || token == null || token.isBlank())
        {
            throw new IOException(path + ": expected url= and token= lines");
        }
        return new Entry(url.trim(), token.trim());
    }
}
