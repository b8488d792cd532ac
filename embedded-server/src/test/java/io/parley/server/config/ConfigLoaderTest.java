package io.parley.server.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("defaults: loopback, port 8080, H2 in ~/.parley")
    void defaults() {
        ParleyConfig c = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".parley"));
        assertThat(c.embeddedMode()).isTrue();
        assertThat(c.database().url()).startsWith("jdbc:h2:file:" + c.dataDir().toAbsolutePath());
    }

    @Test
    @DisplayName("YAML < environment < flags")
    void precedence() throws IOException {
        Path yaml = dir.resolve("parley.yaml");
        Files.writeString(yaml, """
                server:
                  host: 0.0.0.0
                  port: 9000
                data-dir: /srv/parley
                db:
                  url: jdbc:postgresql://db:5432/parley
                  user: yaml-user
                  password: yaml-secret
                auth:
                  access-token-ttl: 15m
                """);
        ParleyConfig fromYaml = ConfigLoader.load(Optional.of(yaml), Map.of(), Map.of());
        assertThat(fromYaml.host()).isEqualTo("0.0.0.0");
        assertThat(fromYaml.port()).isEqualTo(9000);
        assertThat(fromYaml.database().kind()).isEqualTo(DatabaseSettings.Kind.POSTGRESQL);
        assertThat(fromYaml.database().user()).isEqualTo("yaml-user");
        assertThat(fromYaml.auth().accessTtl()).isEqualTo(Duration.ofMinutes(15));

        Map<String, String> env = Map.of("PARLEY_PORT", "9100", "PARLEY_DB_USER", "env-user");
        ParleyConfig fromEnv = ConfigLoader.load(Optional.of(yaml), env, Map.of());
        assertThat(fromEnv.port()).isEqualTo(9100);
        assertThat(fromEnv.database().user()).isEqualTo("env-user");
        assertThat(fromEnv.database().password()).isEqualTo("yaml-secret");

        ParleyConfig fromFlags = ConfigLoader.load(Optional.of(yaml), env, Map.of("server.port", "9200"));
        assertThat(fromFlags.port()).isEqualTo(9200);
        assertThat(fromFlags.host()).isEqualTo("0.0.0.0");
    }

    @Test
    @DisplayName("a data folder's own parley.yaml is read when the folder is named")
    void dataDirYaml() throws IOException {
        Files.writeString(dir.resolve("parley.yaml"), "server:\n  port: 7777\n");
        ParleyConfig c = ConfigLoader.load(Optional.empty(), Map.of("PARLEY_DATA_DIR", dir.toString()), Map.of());
        assertThat(c.port()).isEqualTo(7777);
        assertThat(c.dataDir()).isEqualTo(dir);
    }

    @Test
    @DisplayName("bad values give messages that name the setting")
    void badValues() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("PARLEY_PORT", "eighty"), Map.of()))
                .hasMessageContaining("server.port");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("server.port", "70000")))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("db.url", "jdbc:mysql://x/y")))
                .hasMessageContaining("unsupported database URL");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("PARLEY_JWT_SECRET", "short"), Map.of()))
                .hasMessageContaining("32");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("missing.yaml")), Map.of(), Map.of()))
                .hasMessageContaining("not found");
        assertThatThrownBy(() -> ConfigLoader.parseDuration("auth.access-token-ttl", "soon"))
                .hasMessageContaining("auth.access-token-ttl");
    }

    @Test
    @DisplayName("durations: 90s, 30m, 12h, 30d and ISO-8601")
    void durations() {
        assertThat(ConfigLoader.parseDuration("k", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ConfigLoader.parseDuration("k", "12h")).isEqualTo(Duration.ofHours(12));
        assertThat(ConfigLoader.parseDuration("k", "30d")).isEqualTo(Duration.ofDays(30));
        assertThat(ConfigLoader.parseDuration("k", "PT5M")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("the database password never appears in toString")
    void passwordNotPrinted() {
        DatabaseSettings s = new DatabaseSettings("jdbc:postgresql://h/db?password=p4ss", "u", "s3cret-pw", 3);
        assertThat(s.toString()).doesNotContain("s3cret-pw").doesNotContain("p4ss");
    }
}
