package io.parley.server.job;

/** A failure that may pass (a network hiccup, a busy resource): the job runs again later. */
public final class RetryableJobException extends RuntimeException {
    public RetryableJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
