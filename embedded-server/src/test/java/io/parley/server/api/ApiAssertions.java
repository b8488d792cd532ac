package io.parley.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.testing.TestServer.Response;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on responses shared by the HTTP-level tests. */
final class ApiAssertions {

    /** Text that would show an exception or stack trace reached the client. */
    static final List<String> LEAK_MARKERS = List.of("Exception", "at io.", "at java.", "\tat ", "Caused by:");

    private ApiAssertions() {
    }

    /** Asserts the status of a successful call and returns its JSON. */
    static JsonNode assertStatus(Response response, int status) {
        assertThat(response.status()).as("status of a response with body %s", response.body()).isEqualTo(status);
        return response.json();
    }

    /** Asserts a status and error code, and that the answer is a well-formed, safe error envelope. */
    static JsonNode assertError(Response response, int status, String code) {
        assertThat(response.status()).as("status of a response with body %s", response.body()).isEqualTo(status);
        JsonNode error = assertErrorEnvelope(response);
        assertThat(error.path("code").asText()).as("error code in %s", response.body()).isEqualTo(code);
        return error;
    }

    /**
     * The one error shape: JSON {@code {"error": {"code", "message"}}} with Content-Type application/json,
     * and no exception name or stack trace in the body. Returns the {@code error} object.
     */
    static JsonNode assertErrorEnvelope(Response response) {
        assertThat(response.status()).as("an error status for %s", response.body()).isBetween(400, 599);
        assertThat(response.headers().firstValue("Content-Type"))
                .as("Content-Type of error %s", response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertNoStackTrace(response);
        JsonNode body = response.json();
        assertThat(body.isObject()).as("error body is an object: %s", response.body()).isTrue();
        JsonNode error = body.path("error");
        assertThat(error.isObject()).as("'error' object in %s", response.body()).isTrue();
        assertThat(error.path("code").isTextual()).as("error.code is text in %s", response.body()).isTrue();
        assertThat(error.path("code").asText()).as("error.code in %s", response.body()).isNotBlank();
        assertThat(error.path("message").isTextual()).as("error.message is text in %s", response.body()).isTrue();
        assertThat(error.path("message").asText()).as("error.message in %s", response.body()).isNotBlank();
        return error;
    }

    static void assertNoStackTrace(Response response) {
        String body = response.body() == null ? "" : response.body();
        for (String marker : LEAK_MARKERS) {
            assertThat(body).as("response body must not leak internals").doesNotContain(marker);
        }
    }

    /** A 401 tells the client how to authenticate. */
    static void assertUnauthorized(Response response, String code) {
        assertError(response, 401, code);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .as("WWW-Authenticate header of a 401")
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }
}
