package io.parley.studio.embedded;

import io.parley.server.ParleyServer;
import io.parley.server.config.DatabaseSettings;
import io.parley.server.config.ParleyConfig;
import io.parley.studio.runtime.LocalServer;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The studio's only contact with the server's classes: it starts the embedded server in this
 * process (H2 in the data folder, loopback, any free port). Everything else reaches the server
 * over HTTP, exactly as a remote client would.
 */
public final class EmbeddedServerHandle implements LocalServer {

    private final ParleyServer server;
    private final DatabaseSettings.Kind databaseKind;

    private EmbeddedServerHandle(ParleyServer server, DatabaseSettings.Kind databaseKind) {
        this.server = server;
        this.databaseKind = databaseKind;
    }

    /** Blocks until the server listens; throws if it cannot start (for example, the folder is in use). */
    public static EmbeddedServerHandle start(Path dataDir) {
        ParleyConfig config = ParleyConfig.embedded(dataDir);
        return new EmbeddedServerHandle(ParleyServer.start(config), config.database().kind());
    }

    @Override
    public URI baseUri() {
        return server.baseUri();
    }

    @Override
    public Optional<String> accessToken() {
        return server.localToken();
    }

    @Override
    public String databaseName() {
        return switch (databaseKind) {
            case H2 -> "H2";
            case POSTGRESQL -> "PostgreSQL";
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
