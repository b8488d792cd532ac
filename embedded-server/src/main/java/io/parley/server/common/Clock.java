package io.parley.server.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Time source; tests pass their own to check expiry without waiting. */
@FunctionalInterface
public interface Clock {
    Instant now();

    /** Wall time, cut to microseconds: what both H2 and PostgreSQL timestamps keep. */
    static Clock system() {
        return () -> Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
