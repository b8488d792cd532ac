package io.parley.server.chatflow.http;

import dev.failsafe.CircuitBreaker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One circuit breaker per breaker key, at most {@link HttpCallerSettings#maxBreakers()} of them:
 * the least recently used is dropped (a dropped open circuit simply starts closed again).
 */
final class Breakers {

    private static final Logger LOG = Logger.getLogger(Breakers.class.getName());

    private final HttpCallerSettings settings;
    private final Map<String, CircuitBreaker<Answer>> byKey;

    Breakers(HttpCallerSettings settings) {
        this.settings = settings;
        this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CircuitBreaker<Answer>> eldest) {
                return size() > settings.maxBreakers();
            }
        };
    }

    synchronized CircuitBreaker<Answer> forKey(String key) {
        return byKey.computeIfAbsent(key, this::newBreaker);
    }

    synchronized int size() {
        return byKey.size();
    }

    synchronized void clear() {
        byKey.clear();
    }

    private CircuitBreaker<Answer> newBreaker(String key) {
        return CircuitBreaker.<Answer>builder()
                .handleIf(e -> e instanceof AttemptFailure f && f.countsAgainstService())
                .withFailureThreshold(settings.breakerFailures(), settings.breakerWindow())
                .withDelay(settings.breakerDelay())
                .onOpen(e -> LOG.log(Level.INFO, "Circuit for {0} opened after repeated failures", key))
                .onHalfOpen(e -> LOG.log(Level.FINE, "Circuit for {0} half-open: trying a call", key))
                .onClose(e -> LOG.log(Level.FINE, "Circuit for {0} closed", key))
                .build();
    }
}
