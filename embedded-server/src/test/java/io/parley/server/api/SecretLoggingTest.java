package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every log record written while authenticated requests run — message, parameters and stack trace —
 * is captured from the root logger, at every level, and searched for the secrets those requests carried.
 */
@DisplayName("Secrets are never logged")
class SecretLoggingTest {

    /** Captures every record that reaches the root logger. */
    static final class CapturingHandler extends Handler {
        private final List<LogRecord> records = new ArrayList<>();

        CapturingHandler() {
            setLevel(Level.ALL);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            records.add(record);
        }

        synchronized List<LogRecord> records() {
            return List.copyOf(records);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @TempDir
    Path dataDir;

    final CapturingHandler capture = new CapturingHandler();
    final Logger root = Logger.getLogger("");
    /** Our loggers at every level, so debug output is searched too; strong references keep the levels. */
    final List<Logger> parleyLoggers = List.of(Logger.getLogger("io.parley"), Logger.getLogger("parley"));
    final List<Level> previousLevels = new ArrayList<>();

    @BeforeEach
    void attach() {
        root.addHandler(capture);
        parleyLoggers.forEach(l -> {
            previousLevels.add(l.getLevel());
            l.setLevel(Level.ALL);
        });
    }

    @AfterEach
    void detach() {
        root.removeHandler(capture);
        for (int i = 0; i < parleyLoggers.size(); i++) {
            parleyLoggers.get(i).setLevel(previousLevels.get(i));
        }
    }

    @Test
    @DisplayName("passwords, tokens, API keys and the local token appear in no log record; access lines do")
    void noSecretInAnyLogRecord() throws Exception {
        String password = "L0gged-" + UUID.randomUUID();
        String wrongPassword = "Wr0ng-" + UUID.randomUUID();
        String email = "logs+" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Map<String, String> secrets = new LinkedHashMap<>();
        String userId;
        String keyId;

        try (TestServer server = TestServer.embedded(dataDir)) {
            secrets.put("password", password);
            secrets.put("wrong password", wrongPassword);
            secrets.put("local token", server.localToken());
            secrets.put("signing key", Files.readString(dataDir.resolve("secrets/jwt-signing.key")).strip());

            JsonNode signup = assertStatus(server.post("/api/v1/auth/signup", null,
                    Map.of("email", email, "password", password, "name", "Logged")), 201);
            userId = signup.path("user").path("id").asText();
            assertThat(server.post("/api/v1/auth/login", null, Map.of("email", email, "password", wrongPassword))
                    .status()).isEqualTo(401);
            JsonNode login = assertStatus(server.post("/api/v1/auth/login", null,
                    Map.of("email", email, "password", password)), 200);
            JsonNode refreshed = assertStatus(server.post("/api/v1/auth/refresh", null,
                    Map.of("refresh_token", login.path("refresh_token").asText())), 200);
            assertThat(server.post("/api/v1/auth/refresh", null,
                    Map.of("refresh_token", login.path("refresh_token").asText())).status()).isEqualTo(401);
            String access = refreshed.path("access_token").asText();
            for (JsonNode tokens : List.of(signup, login, refreshed)) {
                secrets.put("access token " + secrets.size(), tokens.path("access_token").asText());
                secrets.put("refresh token " + secrets.size(), tokens.path("refresh_token").asText());
            }

            assertStatus(server.get("/api/v1/auth/me", access), 200);
            assertStatus(server.get("/api/v1/auth/me?access_token=" + access, access), 200);
            assertStatus(server.get("/api/v1/auth/me", server.localToken()), 200);
            JsonNode key = assertStatus(server.post("/api/v1/api-keys", access, Map.of("name", "logged key")), 201);
            String apiKey = key.path("key").asText();
            keyId = key.path("id").asText();
            secrets.put("API key", apiKey);
            secrets.put("API key secret", apiKey.substring(apiKey.lastIndexOf('_') + 1));
            String ws = key.path("workspace_id").asText();
            assertStatus(server.get("/api/v1/workspaces/" + ws, apiKey), 200);
            assertStatus(server.send("GET", "/api/v1/workspaces/" + ws, null, null, "X-API-Key", apiKey), 200);
            assertThat(server.get("/api/v1/auth/me", apiKey).status()).isEqualTo(403);
            assertThat(server.get("/api/v1/auth/me", apiKey + "x").status()).isEqualTo(401);
            assertThat(server.get("/api/v1/auth/me", access + "x").status()).isEqualTo(401);
            assertThat(server.send("GET", "/api/v1/auth/me", null, null, "Authorization",
                    "Basic " + java.util.Base64.getEncoder().encodeToString((email + ":" + password).getBytes()))
                    .status()).isEqualTo(401);
            assertThat(server.delete("/api/v1/api-keys/" + keyId, access).status()).isEqualTo(204);
            assertThat(server.get("/api/v1/workspaces/" + ws, apiKey).status()).isEqualTo(401);
        }

        List<LogRecord> records = awaitAccessLines(16);
        String logText = render(records);
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            assertThat(logText).as("log output containing the %s", secret.getKey()).doesNotContain(secret.getValue());
        }
        assertThat(logText).doesNotContain("Bearer ").doesNotContain("Basic ");

        List<String> access = records.stream().filter(r -> "parley.access".equals(r.getLoggerName()))
                .map(r -> new SimpleFormatter().formatMessage(r)).toList();
        assertThat(access).anyMatch(line -> line.startsWith("POST /api/v1/auth/signup 201"));
        assertThat(access).anyMatch(line -> line.startsWith("POST /api/v1/auth/login 401"));
        assertThat(access).anyMatch(line -> line.startsWith("POST /api/v1/auth/login 200"));
        assertThat(access).anyMatch(line -> line.startsWith("POST /api/v1/auth/refresh 200"));
        assertThat(access).anyMatch(line -> line.startsWith("GET /api/v1/auth/me 200") && line.endsWith("user:" + userId));
        assertThat(access).anyMatch(line -> line.startsWith("GET /api/v1/workspaces/") && line.contains(" 200 ")
                && line.endsWith("api_key:" + keyId));
        assertThat(access).noneMatch(line -> line.contains("?"));
    }

    @Test
    @DisplayName("a request the server cannot parse leaks neither its token nor its body into the logs")
    void unparseableRequestsLeakNothing() throws Exception {
        String password = "Unparsed-" + UUID.randomUUID();
        String access;
        try (TestServer server = TestServer.embedded(dataDir)) {
            access = server.signup("Unparsed").accessToken();
            // chunk-size lines that are not hex, followed by body text carrying a password
            for (String chunks : List.of("{\"password\":\"" + password + "\"}\r\n",
                    "zz\r\n{\"password\":\"" + password + "\"}\r\n0\r\n\r\n")) {
                RawHttp.exchange(server.server().port(), "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                        + "Authorization: Bearer " + access + "\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n" + chunks);
            }
        }
        String logText = render(awaitAccessLines(3));
        assertThat(logText).as("log output containing the bearer token").doesNotContain(access);
        assertThat(logText).as("log output containing the password from the body").doesNotContain(password);
    }

    /** Waits (without sleeping blindly) until the access log has at least {@code count} lines. */
    List<LogRecord> awaitAccessLines(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<LogRecord> records = capture.records();
            long lines = records.stream().filter(r -> "parley.access".equals(r.getLoggerName())).count();
            if (lines >= count || System.nanoTime() > deadline) {
                return records;
            }
            synchronized (capture) {
                capture.wait(50);
            }
        }
    }

    /** Everything a log handler could print: logger, level, raw and formatted message, parameters, stack trace. */
    static String render(List<LogRecord> records) {
        SimpleFormatter formatter = new SimpleFormatter();
        StringBuilder out = new StringBuilder();
        for (LogRecord r : records) {
            out.append(r.getLoggerName()).append(' ').append(r.getLevel()).append(' ').append(r.getMessage())
                    .append('\n').append(formatter.format(r)).append('\n');
            if (r.getParameters() != null) {
                out.append(Arrays.deepToString(r.getParameters())).append('\n');
            }
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                out.append(trace).append('\n');
            }
        }
        return out.toString();
    }
}
