package io.parley.server.kb.api;

import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.DisplayName;

import java.nio.file.Path;

@DisplayName("Knowledge bases over HTTP, on H2")
class KnowledgeBaseApiH2Test extends KnowledgeBaseApiContract {

    private final Path dir = tempDir("parley-kb-h2");

    @Override
    protected TestServer start(Path dataDir) {
        return TestServer.embedded(dataDir);
    }

    @Override
    protected Path dataDir() {
        return dir;
    }
}
