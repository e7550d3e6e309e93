package io.easyquant.adapters.sink.postgres;

import java.io.IOException;

/**
 * Where the sink's database is: a configured URL, or an embedded server started on first use. Called on the sink
 * thread, so starting a server never holds up the caller that starts the sink.
 */
@FunctionalInterface
public interface DatabaseLocator
{
    /**
     * @return the JDBC URL; called until it succeeds, with the sink's backoff between attempts.
     * @throws IOException if the database cannot be provided (yet).
     */
    String jdbcUrl() throws IOException;
}
