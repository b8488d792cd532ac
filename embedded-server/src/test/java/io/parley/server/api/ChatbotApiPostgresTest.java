package io.parley.server.api;

import io.parley.server.testing.TestServer;

import java.nio.file.Path;

/** The chatbot API in server mode (PostgreSQL). */
class ChatbotApiPostgresTest extends ChatbotApiContract {
    @Override
    TestServer startServer(Path dataDir) {
        return TestServer.postgres(dataDir);
    }
}
