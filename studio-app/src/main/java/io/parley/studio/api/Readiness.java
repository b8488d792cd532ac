package io.parley.studio.api;

import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code GET /health/ready}: the overall status and one entry per dependency the
 * server checks (for now, the database).
 */
public record Readiness(String status, List<Check> checks) {

    public static final String UP = "UP";

    public Readiness {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public boolean isUp() {
        return UP.equalsIgnoreCase(status);
    }

    public Optional<Check> check(String name) {
        return checks.stream().filter(c -> name.equals(c.name())).findFirst();
    }

    public record Check(String name, String status) {
        public boolean isUp() {
            return UP.equalsIgnoreCase(status);
        }
    }
}
