package io.parley.server.chatflow.http;

/** Why an http node's call did not succeed; the flow can branch on it. */
public enum HttpFailure {
    /** No answer within the timeout, on every attempt. */
    TIMEOUT,
    /** The service could not be reached (refused, unknown host, connection reset). */
    CONNECTION,
    /** The service answered with a status that is not 2xx. */
    HTTP_STATUS,
    /** Recent calls with the same breaker key failed; this one was not attempted. */
    CIRCUIT_OPEN,
    /** The answer is larger than Parley reads. */
    TOO_LARGE,
    /** The URL is not an absolute http or https URL. */
    INVALID_URL
}
