package io.parley.server.api;

import io.parley.server.testing.TestServer;

import java.nio.file.Path;

/** The chatflow API on the embedded defaults (H2). */
class ChatflowApiH2Test extends ChatflowApiContract {
    @Override
    TestServer startServer(Path dataDir) {
        return TestServer.embedded(dataDir);
    }
}
