package io.parley.server.kb.api;

import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.DisplayName;

import java.nio.file.Path;

@DisplayName("Knowledge bases over HTTP, on PostgreSQL")
class KnowledgeBaseApiPostgresTest extends KnowledgeBaseApiContract {

    private final Path dir = tempDir("parley-kb-pg");

    @Override
    protected TestServer start(Path dataDir) {
        return TestServer.postgres(dataDir);
    }

    @Override
    protected Path dataDir() {
        return dir;
    }
}
