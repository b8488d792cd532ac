package io.parley.server.api;

import io.parley.server.testing.TestServer;

import java.nio.file.Path;

/** The chatbot API on the embedded defaults (H2). */
class ChatbotApiH2Test extends ChatbotApiContract {
    @Override
    TestServer startServer(Path dataDir) {
        return TestServer.embedded(dataDir);
    }
}
