package io.parley.server.ops;

import java.util.Map;

/** One part of {@code /health/ready}: a name, whether it is up, and what an operator needs to know. */
@FunctionalInterface
public interface ReadinessCheck {

    Result check();

    record Result(String name, boolean up, Map<String, Object> details) {
    }
}
