package io.parley.server.api;

import io.parley.server.testing.TestServer;

import java.nio.file.Path;

/** The chatflow API in server mode (PostgreSQL). */
class ChatflowApiPostgresTest extends ChatflowApiContract {
    @Override
    TestServer startServer(Path dataDir) {
        return TestServer.postgres(dataDir);
    }
}
