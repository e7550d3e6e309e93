package io.easyquant.admin;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * How the admin server listens and whom it lets in. Validated at construction: a bad value fails with a message that
 * starts with the field's name.
 *
 * <ul>
 *   <li>{@code host}: an IP address or {@code localhost}; never a wildcard. A non-loopback address is refused unless
 *       at least one token is configured and TLS is on (bearer tokens never cross a network in clear).</li>
 *   <li>{@code tlsKeyStore}, {@code tlsKeyStorePassword}: a PKCS#12 key store with the server's private key and
 *       certificate chain; when given, the server speaks HTTPS only (Jetty's TLS), on loopback too.</li>
 *   <li>{@code port}: 0 to 65535 (0 picks a free port, for tests).</li>
 *   <li>{@code tokens}: bearer tokens with their roles; none are built in, so with none every API call is refused.</li>
 *   <li>{@code corsAllowedOrigins}: origins ({@code scheme://host[:port]}) a browser may call the API from besides the
 *       page's own; empty by default, never {@code *}.</li>
 *   <li>Failed authentications: {@code authFailureLimit} per remote address per {@code authFailureWindowNs} are
 *       answered at once; each further one in the window is answered after {@code authFailureDelayNs} (at most
 *       {@value #MAX_AUTH_FAILURE_DELAY_MS} ms), or refused with 429 while one of the address's is waiting. A valid
 *       token is never refused for failures (see {@link AuthFailureThrottle}).</li>
 *   <li>{@code commandTimeoutNs}: how long a state change may wait for ring capacity and then for the engine to apply
 *       it.</li>
 *   <li>{@code staleAfterNs}: a stage or agent whose heartbeat is older than this is reported stalled and the server
 *       is not ready.</li>
 *   <li>{@code threadNiceness}: how much lower than normal the server's threads are scheduled (Linux niceness, 0 to 19;
 *       default {@link #DEFAULT_THREAD_NICENESS}), so that under CPU contention requests wait, not the pipeline.</li>
 *   <li>{@code cpus}: the CPUs the server's threads may run on (empty: any). On a host whose pipeline threads are
 *       pinned ({@code pipeline.cpus}), give the others, so that serving requests never takes a pipeline core.</li>
 * </ul>
 *
 * <p>Immutable.
 */
public final class AdminContext
{
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_AUTH_FAILURE_LIMIT = 10;
    public static final long DEFAULT_AUTH_FAILURE_WINDOW_NS = TimeUnit.SECONDS.toNanos(60);
    public static final long DEFAULT_AUTH_FAILURE_DELAY_NS = TimeUnit.SECONDS.toNanos(1);
    /** The longest delay a failed authentication may be answered with. */
    public static final long MAX_AUTH_FAILURE_DELAY_MS = 5_000;
    public static final long DEFAULT_COMMAND_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(2);
    public static final long DEFAULT_STALE_AFTER_NS = TimeUnit.SECONDS.toNanos(5);
    /** The HTTP worker threads: enough for a page and a scraper, few enough not to crowd the pipeline's cores. */
    public static final int DEFAULT_MAX_THREADS = 8;
    /** The server's threads are scheduled this much below normal (Linux niceness). */
    public static final int DEFAULT_THREAD_NICENESS = 10;
    /** Source id stamped on the commands the server publishes. */
    public static final int DEFAULT_SOURCE_ID = 20;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String host;
    private final InetAddress address;
    private final int port;
    private final List<AdminToken> tokens;
    private final Set<String> corsAllowedOrigins;
    private final int authFailureLimit;
    private final long authFailureWindowNs;
    private final long authFailureDelayNs;
    private final long commandTimeoutNs;
    private final long staleAfterNs;
    private final int maxThreads;
    private final int sourceId;
    private final int[] cpus;
    private final int threadNiceness;
    private final Path tlsKeyStore;
    private final String tlsKeyStorePassword;

    private AdminContext(final Builder builder)
    {
        host = builder.host == null ? DEFAULT_HOST : builder.host.trim();
        address = resolve(host);
        if (address.isAnyLocalAddress())
        {
            throw new IllegalArgumentException("host: " + host + " listens on every interface; expected one " +
                "address, e.g. 127.0.0.1");
        }
        if (builder.port < 0 || builder.port > 65535)
        {
            throw new IllegalArgumentException("port: expected 0 to 65535, got " + builder.port);
        }
        port = builder.port;
        tokens = List.copyOf(builder.tokens);
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++)
        {
            final AdminToken token = tokens.get(i);
            if (!names.add(token.name()))
            {
                throw new IllegalArgumentException("tokens: the name '" + token.name() + "' is used twice");
            }
            for (int j = 0; j < i; j++)
            {
                if (tokens.get(j).sameHash(token))
                {
                    throw new IllegalArgumentException("tokens: '" + tokens.get(j).name() + "' and '" + token.name() +
                        "' have the same secret");
                }
            }
        }
        if (!address.isLoopbackAddress() && tokens.isEmpty())
        {
            throw new IllegalArgumentException("host: " + host + " is not a loopback address; the admin server " +
                "listens beyond this machine only with tokens configured (admin.tokens or EASYQUANT_ADMIN_TOKENS)");
        }
        tlsKeyStore = builder.tlsKeyStore;
        tlsKeyStorePassword = builder.tlsKeyStorePassword;
        if (tlsKeyStore != null && !Files.isReadable(tlsKeyStore))
        {
            throw new IllegalArgumentException("tls.keyStore: " + tlsKeyStore + " is not a readable file");
        }
        if (tlsKeyStore != null && (tlsKeyStorePassword == null || tlsKeyStorePassword.isEmpty()))
        {
            throw new IllegalArgumentException("tls.keyStorePassword: the key store's password is required");
        }
        if (!address.isLoopbackAddress() && tlsKeyStore == null)
        {
            throw new IllegalArgumentException("host: " + host + " is not a loopback address; the admin server " +
                "listens beyond this machine only with TLS (admin.tls.keyStore), so that tokens never cross the " +
                "network in clear");
        }
        final Set<String> origins = new LinkedHashSet<>();
        for (final String origin : builder.corsAllowedOrigins)
        {
            origins.add(checkOrigin(origin));
        }
        corsAllowedOrigins = Set.copyOf(origins);
        if (builder.authFailureLimit < 1)
        {
            throw new IllegalArgumentException("authFailureLimit: expected at least 1, got " +
                builder.authFailureLimit);
        }
        authFailureLimit = builder.authFailureLimit;
        authFailureWindowNs = positive("authFailureWindow", builder.authFailureWindowNs);
        authFailureDelayNs = positive("authFailureDelay", builder.authFailureDelayNs);
        if (authFailureDelayNs > TimeUnit.MILLISECONDS.toNanos(MAX_AUTH_FAILURE_DELAY_MS))
        {
            throw new IllegalArgumentException("authFailureDelay: expected at most " + MAX_AUTH_FAILURE_DELAY_MS +
                " ms");
        }
        commandTimeoutNs = positive("commandTimeout", builder.commandTimeoutNs);
        staleAfterNs = positive("staleAfter", builder.staleAfterNs);
        if (builder.maxThreads < 4)
        {
            throw new IllegalArgumentException("maxThreads: expected at least 4, got " + builder.maxThreads);
        }
        maxThreads = builder.maxThreads;
        sourceId = builder.sourceId;
        for (final int cpu : builder.cpus)
        {
            if (cpu < 0)
            {
                throw new IllegalArgumentException("cpus: expected CPU numbers >= 0, got " + cpu);
            }
        }
        cpus = builder.cpus.clone();
        if (builder.threadNiceness < 0 || builder.threadNiceness > 19)
        {
            throw new IllegalArgumentException("threadNiceness: expected 0 (normal priority) to 19, got " +
                builder.threadNiceness);
        }
        threadNiceness = builder.threadNiceness;
    }

    private static long positive(final String field, final long valueNs)
    {
        if (valueNs <= 0)
        {
            throw new IllegalArgumentException(field + ": expected a positive duration");
        }
        return valueNs;
    }

    /**
     * An IP literal or {@code localhost}: no other name, so that what the server binds never depends on DNS.
     */
    private static InetAddress resolve(final String host)
    {
        final boolean literal = IPV4.matcher(host).matches() || host.indexOf(':') >= 0;
        if (!literal && !"localhost".equalsIgnoreCase(host))
        {
            throw new IllegalArgumentException("host: expected an IP address (e.g. 127.0.0.1) or localhost, got '" +
                host + "'");
        }
        try
        {
            return InetAddress.getByName(host.startsWith("[") && host.endsWith("]") ?
                host.substring(1, host.length() - 1) : host);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("host: '" + host + "' is not a valid IP address", ex);
        }
    }

    private static String checkOrigin(final String origin)
    {
        final String expected = "expected an origin scheme://host[:port] with no path (never *), got '" + origin + "'";
        if (origin == null || origin.isBlank() || "*".equals(origin.trim()) || "null".equals(origin.trim()))
        {
            throw new IllegalArgumentException("corsAllowedOrigins: " + expected);
        }
        try
        {
            final URI uri = new URI(origin.trim());
            final String scheme = uri.getScheme();
            if (scheme == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) ||
                uri.getHost() == null || uri.getRawUserInfo() != null || (uri.getRawPath() != null &&
                !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null || uri.getRawFragment() != null)
            {
                throw new IllegalArgumentException("corsAllowedOrigins: " + expected);
            }
            return origin.trim().toLowerCase(Locale.ROOT);
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalArgumentException("corsAllowedOrigins: " + expected, ex);
        }
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return a builder holding these settings, to derive another context (e.g. with a generated token).
     */
    public Builder toBuilder()
    {
        return new Builder()
            .host(host)
            .port(port)
            .tokens(tokens)
            .corsAllowedOrigins(List.copyOf(corsAllowedOrigins))
            .authFailureLimit(authFailureLimit)
            .authFailureWindowNs(authFailureWindowNs)
            .authFailureDelayNs(authFailureDelayNs)
            .commandTimeoutNs(commandTimeoutNs)
            .staleAfterNs(staleAfterNs)
            .maxThreads(maxThreads)
            .sourceId(sourceId)
            .cpus(cpus)
            .threadNiceness(threadNiceness)
            .tls(tlsKeyStore, tlsKeyStorePassword);
    }

    public String host()
    {
        return host;
    }

    public InetAddress address()
    {
        return address;
    }

    public int port()
    {
        return port;
    }

    public List<AdminToken> tokens()
    {
        return tokens;
    }

    public Set<String> corsAllowedOrigins()
    {
        return corsAllowedOrigins;
    }

    public int authFailureLimit()
    {
        return authFailureLimit;
    }

    public long authFailureWindowNs()
    {
        return authFailureWindowNs;
    }

    public long authFailureDelayNs()
    {
        return authFailureDelayNs;
    }

    public long commandTimeoutNs()
    {
        return commandTimeoutNs;
    }

    public long staleAfterNs()
    {
        return staleAfterNs;
    }

    public int maxThreads()
    {
        return maxThreads;
    }

    public int sourceId()
    {
        return sourceId;
    }

    public int threadNiceness()
    {
        return threadNiceness;
    }

    /**
     * @return whether the server speaks HTTPS.
     */
    public boolean tls()
    {
        return tlsKeyStore != null;
    }

    /**
     * @return the PKCS#12 key store of the server's certificate, or null without TLS.
     */
    public Path tlsKeyStore()
    {
        return tlsKeyStore;
    }

    String tlsKeyStorePassword()
    {
        return tlsKeyStorePassword;
    }

    /**
     * @return {@code https} with TLS, else {@code http}.
     */
    public String scheme()
    {
        return tlsKeyStore != null ? "https" : "http";
    }

    /**
     * @return the CPUs the server's threads are pinned to; empty for no pinning.
     */
    public int[] cpus()
    {
        return cpus.clone();
    }

    /**
     * Whether a request's {@code Host} header names this server once it listens on {@code boundPort}: the bound
     * address (an IPv6 one in brackets) or, for a loopback address, {@code localhost}, with the bound port. Any other
     * name is refused, so a page served from another name that resolves here (DNS rebinding) cannot use the API.
     */
    public boolean isAllowedHostHeader(final String header, final int boundPort)
    {
        if (header == null || header.isEmpty())
        {
            return false;
        }
        final String name;
        final String portText;
        if (header.startsWith("["))
        {
            final int close = header.indexOf(']');
            if (close < 0)
            {
                return false;
            }
            name = header.substring(1, close);
            portText = header.length() > close + 1 && header.charAt(close + 1) == ':' ?
                header.substring(close + 2) : header.length() == close + 1 ? "" : null;
        }
        else
        {
            final int colon = header.indexOf(':');
            if (colon >= 0 && header.indexOf(':', colon + 1) >= 0)
            {
                return false;
            }
            name = colon < 0 ? header : header.substring(0, colon);
            portText = colon < 0 ? "" : header.substring(colon + 1);
        }
        final int defaultPort = tlsKeyStore != null ? 443 : 80;
        if (portText == null ||
            !(portText.isEmpty() ? boundPort == defaultPort : portText.equals(Integer.toString(boundPort))))
        {
            return false;
        }
        if ("localhost".equalsIgnoreCase(name))
        {
            return address.isLoopbackAddress();
        }
        if (!IPV4.matcher(name).matches() && !(header.startsWith("[") && name.indexOf(':') >= 0))
        {
            return false;
        }
        try
        {
            return InetAddress.getByName(name).equals(address);
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    /**
     * Collects the settings; {@link #build()} validates them.
     */
    public static final class Builder
    {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private final List<AdminToken> tokens = new ArrayList<>();
        private final List<String> corsAllowedOrigins = new ArrayList<>();
        private int authFailureLimit = DEFAULT_AUTH_FAILURE_LIMIT;
        private long authFailureWindowNs = DEFAULT_AUTH_FAILURE_WINDOW_NS;
        private long authFailureDelayNs = DEFAULT_AUTH_FAILURE_DELAY_NS;
        private long commandTimeoutNs = DEFAULT_COMMAND_TIMEOUT_NS;
        private long staleAfterNs = DEFAULT_STALE_AFTER_NS;
        private int maxThreads = DEFAULT_MAX_THREADS;
        private int sourceId = DEFAULT_SOURCE_ID;
        private int[] cpus = new int[0];
        private int threadNiceness = DEFAULT_THREAD_NICENESS;
        private Path tlsKeyStore;
        private String tlsKeyStorePassword;

        public Builder host(final String value)
        {
            host = value;
            return this;
        }

        public Builder port(final int value)
        {
            port = value;
            return this;
        }

        /**
         * Add a token.
         */
        public Builder token(final AdminToken value)
        {
            tokens.add(value);
            return this;
        }

        /**
         * Replace the tokens.
         */
        public Builder tokens(final List<AdminToken> values)
        {
            tokens.clear();
            tokens.addAll(values);
            return this;
        }

        public Builder corsAllowedOrigins(final List<String> values)
        {
            corsAllowedOrigins.clear();
            corsAllowedOrigins.addAll(values);
            return this;
        }

        public Builder authFailureLimit(final int value)
        {
            authFailureLimit = value;
            return this;
        }

        public Builder authFailureWindowNs(final long value)
        {
            authFailureWindowNs = value;
            return this;
        }

        public Builder authFailureDelayNs(final long value)
        {
            authFailureDelayNs = value;
            return this;
        }

        public Builder commandTimeoutNs(final long value)
        {
            commandTimeoutNs = value;
            return this;
        }

        public Builder staleAfterNs(final long value)
        {
            staleAfterNs = value;
            return this;
        }

        public Builder maxThreads(final int value)
        {
            maxThreads = value;
            return this;
        }

        public Builder sourceId(final int value)
        {
            sourceId = value;
            return this;
        }

        public Builder threadNiceness(final int value)
        {
            threadNiceness = value;
            return this;
        }

        /**
         * Serve HTTPS with the key and certificate chain in this PKCS#12 key store; null for plain HTTP.
         */
        public Builder tls(final Path keyStore, final String password)
        {
            tlsKeyStore = keyStore;
            tlsKeyStorePassword = password;
            return this;
        }

        public Builder cpus(final int[] value)
        {
            cpus = value.clone();
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field for a bad value.
         */
        public AdminContext build()
        {
            return new AdminContext(this);
        }
    }
}
