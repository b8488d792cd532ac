package io.parley.server.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link ParleyConfig} from, highest priority first: CLI flags, environment variables,
 * a YAML file, built-in defaults. Keys are the YAML paths, for example {@code server.port} or
 * {@code db.url}; {@link #ENVIRONMENT} lists the environment variable for each.
 */
public final class ConfigLoader {

    /** Environment variable → configuration key. Explicit, so the names are documented and stable. */
    public static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("PARLEY_HOST", "server.host"),
            Map.entry("PARLEY_PORT", "server.port"),
            Map.entry("PARLEY_DATA_DIR", "data-dir"),
            Map.entry("PARLEY_DB_URL", "db.url"),
            Map.entry("PARLEY_DB_USER", "db.user"),
            Map.entry("PARLEY_DB_PASSWORD", "db.password"),
            Map.entry("PARLEY_DB_POOL_SIZE", "db.pool-size"),
            Map.entry("PARLEY_MAX_BODY_BYTES", "http.max-body-bytes"),
            Map.entry("PARLEY_MAX_UPLOAD_BYTES", "http.max-upload-bytes"),
            Map.entry("PARLEY_JWT_SECRET", "auth.jwt-secret"),
            Map.entry("PARLEY_ACCESS_TOKEN_TTL", "auth.access-token-ttl"),
            Map.entry("PARLEY_REFRESH_TOKEN_TTL", "auth.refresh-token-ttl"));

    public static final String CONFIG_FILE_ENV = "PARLEY_CONFIG";
    public static final int DEFAULT_SERVE_PORT = 8080;

    private ConfigLoader() {
    }

    /**
     * @param yamlFile     a configuration file named on the command line, if any
     * @param environment  the process environment (passed in so tests need not change it)
     * @param cliOverrides configuration keys given as flags
     */
    public static ParleyConfig load(Optional<Path> yamlFile, Map<String, String> environment,
                                    Map<String, String> cliOverrides) {
        Map<String, String> fromEnv = new LinkedHashMap<>();
        ENVIRONMENT.forEach((variable, key) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                fromEnv.put(key, value);
            }
        });

        Optional<Path> file = yamlFile.or(() -> Optional.ofNullable(environment.get(CONFIG_FILE_ENV))
                .filter(s -> !s.isBlank()).map(Path::of));
        if (file.isEmpty()) {
            // A data folder named by flag or environment may hold its own parley.yaml.
            String dir = cliOverrides.getOrDefault("data-dir", fromEnv.get("data-dir"));
            if (dir != null) {
                Path candidate = expandHome(dir).resolve("parley.yaml");
                if (Files.isRegularFile(candidate)) {
                    file = Optional.of(candidate);
                }
            }
        }
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            throw new IllegalArgumentException("configuration file not found: " + file.get());
        }

        List<java.util.function.Supplier<? extends ConfigSource>> sources = new ArrayList<>();
        sources.add(ConfigSources.create(Map.copyOf(cliOverrides)));
        sources.add(ConfigSources.create(Map.copyOf(fromEnv)));
        file.ifPresent(f -> sources.add(ConfigSources.file(f)));
        Config config = Config.builder()
                .sources(sources)
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
        return fromConfig(config);
    }

    private static ParleyConfig fromConfig(Config config) {
        Path dataDir = expandHome(string(config, "data-dir").orElse("~/.parley"));
        String host = string(config, "server.host").orElse("127.0.0.1");
        int port = integer(config, "server.port").orElse(DEFAULT_SERVE_PORT);
        long maxBody = string(config, "http.max-body-bytes").map(v -> parseLong("http.max-body-bytes", v))
                .orElse(ParleyConfig.DEFAULT_MAX_BODY_BYTES);
        long maxUpload = string(config, "http.max-upload-bytes").map(v -> parseLong("http.max-upload-bytes", v))
                .orElse(ParleyConfig.DEFAULT_MAX_UPLOAD_BYTES);

        DatabaseSettings database = string(config, "db.url")
                .map(url -> new DatabaseSettings(url,
                        string(config, "db.user").orElse(""),
                        string(config, "db.password").orElse(""),
                        integer(config, "db.pool-size").orElse(10)))
                .orElseGet(() -> DatabaseSettings.h2In(dataDir));

        ParleyConfig.AuthSettings defaults = ParleyConfig.AuthSettings.defaults();
        ParleyConfig.AuthSettings auth = new ParleyConfig.AuthSettings(
                string(config, "auth.jwt-secret"),
                string(config, "auth.access-token-ttl").map(v -> parseDuration("auth.access-token-ttl", v))
                        .orElse(defaults.accessTtl()),
                string(config, "auth.refresh-token-ttl").map(v -> parseDuration("auth.refresh-token-ttl", v))
                        .orElse(defaults.refreshTtl()));
        return new ParleyConfig(host, port, dataDir, database, maxBody, maxUpload, auth);
    }

    private static Optional<String> string(Config config, String key) {
        return config.get(key).asString().asOptional().map(String::trim).filter(s -> !s.isEmpty());
    }

    private static Optional<Integer> integer(Config config, String key) {
        return string(config, key).map(v -> (int) parseLong(key, v));
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
        }
    }

    /** Accepts ISO-8601 ({@code PT30M}) or a number with a unit: {@code 90s}, {@code 30m}, {@code 12h}, {@code 30d}. */
    static Duration parseDuration(String key, String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 30m, 12h, 30d or PT30M, was '"
                    + value + "'");
        }
    }

    static Path expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1));
        }
        return Path.of(path);
    }
}
