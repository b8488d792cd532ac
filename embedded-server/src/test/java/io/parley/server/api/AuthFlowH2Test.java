package io.parley.server.api;

import io.parley.server.config.ParleyConfig;
import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.DisplayName;

import java.nio.file.Path;

@DisplayName("Auth flows (embedded H2)")
class AuthFlowH2Test extends AuthFlowContract {
    @Override
    TestServer startServer(Path dataDir, ParleyConfig.AuthSettings auth) {
        return TestServer.start(ParleyConfig.embedded(dataDir).withAuth(auth));
    }
}
