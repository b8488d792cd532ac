package io.parley.studio.runtime;

import java.net.URI;
import java.util.Optional;

/**
 * A Parley server the studio started and owns. The studio talks to it only through
 * {@link #baseUri()} with {@link #accessToken()}; this interface keeps the server's own classes
 * out of everything but {@code io.parley.studio.embedded}.
 */
public interface LocalServer extends AutoCloseable {

    URI baseUri();

    /** A bearer token for the local owner, when the server hands one out (embedded mode does). */
    Optional<String> accessToken();

    /** A short name for the database behind the server, for the status bar, e.g. {@code "H2"}. */
    String databaseName();

    /** Stops the server gracefully. Must not throw: it runs while the studio is closing. */
    @Override
    void close();
}
