package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.config.DatabaseSettings;
import io.parley.server.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.parley.server.api.ApiAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After real use of the API, the database holds no password, API key secret or token in clear:
 * every cell of every table is read back through JDBC, and the database files are scanned byte by byte.
 */
@DisplayName("Secrets are never stored in clear")
class SecretStorageTest {

    @TempDir
    Path dataDir;

    /** One cell of the database: where it is and what it holds. */
    record Cell(String table, String column, String value) {
    }

    @Test
    @DisplayName("no table, column or database file contains a password, API key, key secret or token")
    void nothingSecretInTheDatabase() throws Exception {
        String password = "Pl41n-" + UUID.randomUUID();
        String email = "storage+" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Map<String, String> secrets = new LinkedHashMap<>();
        String keySecretPart;
        String apiKeyId;

        try (TestServer server = TestServer.embedded(dataDir)) {
            JsonNode signup = assertStatus(server.post("/api/v1/auth/signup", null,
                    Map.of("email", email, "password", password, "name", "Storage")), 201);
            JsonNode login = assertStatus(server.post("/api/v1/auth/login", null,
                    Map.of("email", email, "password", password)), 200);
            JsonNode refreshed = assertStatus(server.post("/api/v1/auth/refresh", null,
                    Map.of("refresh_token", login.path("refresh_token").asText())), 200);
            JsonNode key = assertStatus(server.post("/api/v1/api-keys", refreshed.path("access_token").asText(),
                    Map.of("name", "stored key")), 201);
            String apiKey = key.path("key").asText();
            apiKeyId = key.path("id").asText();
            keySecretPart = apiKey.substring(apiKey.lastIndexOf('_') + 1);
            assertStatus(server.get("/api/v1/workspaces/" + key.path("workspace_id").asText(), apiKey), 200);
            assertStatus(server.get("/api/v1/auth/me", server.localToken()), 200);
            String credentialValue = "sk-stored-" + UUID.randomUUID();
            String credentialPassword = "basic-pw-" + UUID.randomUUID();
            assertStatus(server.post("/api/v1/credentials", refreshed.path("access_token").asText(), Map.of("name", "Model key", "type", "api_key",
                    "value", credentialValue)), 201);
            assertStatus(server.post("/api/v1/credentials", refreshed.path("access_token").asText(), Map.of("name", "Basic", "type", "basic_auth",
                    "value", Map.of("username", "ada", "password", credentialPassword))), 201);

            secrets.put("credential value", credentialValue);
            secrets.put("credential password", credentialPassword);
            secrets.put("password", password);
            secrets.put("full API key", apiKey);
            secrets.put("API key secret", keySecretPart);
            secrets.put("local token", server.localToken());
            for (JsonNode tokens : List.of(signup, login, refreshed)) {
                for (String field : List.of("access_token", "refresh_token")) {
                    String token = tokens.path(field).asText();
                    secrets.put(field + " " + token.substring(token.length() - 8), token);
                    secrets.put(field + " signature " + token.substring(token.length() - 8),
                            token.substring(token.lastIndexOf('.') + 1));
                }
            }
        }

        List<Cell> cells = readEveryCell(DatabaseSettings.h2In(dataDir));

        assertThat(cells).as("the scan reads the users table").anyMatch(c -> c.value().equals(email));
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            assertThat(cells).as("cells containing the %s", secret.getKey())
                    .noneMatch(c -> c.value().contains(secret.getValue()));
        }
        assertThat(cells).as("the password is stored as an Argon2id hash")
                .anyMatch(c -> c.table().equals("users") && c.column().equals("password_hash")
                        && c.value().startsWith("$argon2id$"));
        assertThat(cells).as("the API key row").anyMatch(c -> c.table().equals("api_keys")
                && c.column().equals("id") && c.value().equals(apiKeyId));
        String expectedHash = sha256(keySecretPart);
        assertThat(cells).as("the API key secret is stored as its SHA-256")
                .anyMatch(c -> c.table().equals("api_keys") && c.column().equals("secret_hash")
                        && c.value().equals(expectedHash));

        String files = databaseFileBytes();
        assertThat(files).as("the raw scan sees stored text").contains(email);
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            assertThat(files).as("database files containing the %s", secret.getKey())
                    .doesNotContain(secret.getValue());
        }
    }

    static List<Cell> readEveryCell(DatabaseSettings settings) throws SQLException {
        List<Cell> cells = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            List<String[]> tables = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT table_schema, table_name FROM information_schema.tables "
                            + "WHERE LOWER(table_schema) NOT IN ('information_schema', 'pg_catalog')")) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            assertThat(tables).extracting(t -> t[1].toLowerCase())
                    .contains("users", "api_keys", "refresh_tokens", "organizations", "workspaces");
            for (String[] table : tables) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT * FROM \"" + table[0] + "\".\"" + table[1] + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = rs.getString(i);
                            if (value != null) {
                                cells.add(new Cell(table[1].toLowerCase(),
                                        rs.getMetaData().getColumnName(i).toLowerCase(), value));
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }

    String databaseFileBytes() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dataDir.resolve("db"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(all).as("database files in %s", dataDir.resolve("db")).isNotEmpty();
        return all.toString();
    }

    static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
