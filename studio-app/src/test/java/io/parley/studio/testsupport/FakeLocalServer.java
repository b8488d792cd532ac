package io.parley.studio.testsupport;

import io.parley.studio.runtime.LocalServer;

import java.net.URI;
import java.util.Optional;

/** A {@link LocalServer} in front of a {@link FakeParleyHttpServer}; remembers whether it was closed. */
public final class FakeLocalServer implements LocalServer {

    private final FakeParleyHttpServer http;
    private volatile boolean closed;

    public FakeLocalServer(FakeParleyHttpServer http) {
        this.http = http;
    }

    @Override
    public URI baseUri() {
        return http.baseUri();
    }

    @Override
    public Optional<String> accessToken() {
        return Optional.of(FakeParleyHttpServer.TOKEN);
    }

    @Override
    public String databaseName() {
        return "H2";
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }
}
