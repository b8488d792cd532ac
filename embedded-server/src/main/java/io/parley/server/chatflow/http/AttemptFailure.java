package io.parley.server.chatflow.http;

import java.time.Duration;

/**
 * One attempt that failed, as Failsafe sees it: whether to retry, whether it counts against the
 * service's circuit, and the answer (if any) to report when it is the last.
 */
final class AttemptFailure extends RuntimeException {

    final HttpFailure kind;
    final boolean retryable;
    final Duration retryAfter;
    final Answer answer;

    AttemptFailure(HttpFailure kind, boolean retryable, Duration retryAfter, Answer answer, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.answer = answer;
    }

    /** Trouble on the service's side (down, slow, overloaded), which is what the circuit breaker is for. */
    boolean countsAgainstService() {
        return retryable;
    }
}
