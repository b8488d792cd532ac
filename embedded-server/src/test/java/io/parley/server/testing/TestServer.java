package io.parley.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.server.ParleyServer;
import io.parley.server.config.DatabaseSettings;
import io.parley.server.config.ParleyConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * A real Parley server on a free port, with a small HTTP client for tests. Talks plain HTTP with
 * JSON exactly as curl or the studio would.
 */
public final class TestServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ParleyServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(ParleyServer server) {
        this.server = server;
    }

    public static TestServer start(ParleyConfig config) {
        return new TestServer(ParleyServer.start(config));
    }

    /** Embedded defaults (H2 in {@code dataDir}), on any free port. */
    public static TestServer embedded(Path dataDir) {
        return start(ParleyConfig.embedded(dataDir));
    }

    /** Server mode on a fresh PostgreSQL database. */
    public static TestServer postgres(Path dataDir) {
        DatabaseSettings pg = TestDatabases.freshPostgres();
        return start(ParleyConfig.embedded(dataDir).withDatabase(pg));
    }

    public ParleyServer server() {
        return server;
    }

    public URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    public String localToken() {
        return server.localToken().orElseThrow();
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    public Response patch(String path, String token, Object body) {
        return send("PATCH", path, token, body);
    }

    /** {@code body} may be a String (sent as is) or any object (sent as JSON). */
    public Response send(String method, String path, String token, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body != null) {
            request.header("Content-Type", "application/json");
            publisher = HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : toJson(body));
        }
        request.method(method, publisher);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends raw bytes with a content type (multipart uploads). */
    public Response sendBytes(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs up a new user with a unique email; returns their tokens and default workspace. */
    public Account signup(String name) {
        String email = name.toLowerCase().replace(' ', '.') + "+" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.com";
        Response r = post("/api/v1/auth/signup", null, java.util.Map.of("email", email,
                "password", "correct horse battery", "name", name));
        if (r.status() != 201) {
            throw new IllegalStateException("signup failed: " + r);
        }
        String token = r.json().path("access_token").asText();
        JsonNode me = get("/api/v1/auth/me", token).json();
        return new Account(r.json().path("user").path("id").asText(), email, token,
                r.json().path("refresh_token").asText(),
                me.path("default_workspace").path("organization_id").asText(),
                me.path("default_workspace").path("id").asText());
    }

    @Override
    public void close() {
        server.close();
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A signed-up user: ids and tokens. */
    public record Account(String userId, String email, String accessToken, String refreshToken,
                          String organizationId, String workspaceId) {
    }

    /** A response with its JSON parsed on demand. */
    public record Response(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body == null || body.isEmpty() ? "null" : body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        /** The error envelope's code, or null when this is not an error envelope. */
        public String errorCode() {
            JsonNode code = json().path("error").path("code");
            return code.isMissingNode() ? null : code.asText();
        }
    }
}
