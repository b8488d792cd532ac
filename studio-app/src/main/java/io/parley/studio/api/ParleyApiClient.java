package io.parley.studio.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The studio's only way to talk to a Parley server: typed calls over HTTP with JSON bodies.
 * Calls block, so run them off the JavaFX thread. Failures surface as {@link ParleyApiException}.
 *
 * <pre>{@code
 * var client = new ParleyApiClient(URI.create("http://127.0.0.1:41234"), Optional.of(token));
 * String workspace = client.me().defaultWorkspace().name();
 * }</pre>
 */
public final class ParleyApiClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    // Knowledge-base calls may wait for an embedding model to load, an upload to be stored or a
    // preview to fetch web pages: a local server that is busy, not a dead one.
    private static final Duration WORK_TIMEOUT = Duration.ofMinutes(5);

    private final URI baseUri;
    private final Optional<String> bearerToken;
    private final HttpClient http;
    private final ObjectMapper json;

    public ParleyApiClient(URI baseUri, Optional<String> bearerToken) {
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        this.bearerToken = Objects.requireNonNull(bearerToken, "bearerToken");
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        this.json = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                // The server may add fields; an older studio should keep working.
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The token this client signs in with; the live preview hands it to the widget it loads. */
    Optional<String> bearerToken() {
        return bearerToken;
    }

    /** {@code GET /api/v1/auth/me}: the signed-in user and their default workspace. */
    public CurrentUser me() {
        return get("/api/v1/auth/me", CurrentUser.class, Set.of(200));
    }

    /**
     * {@code GET /health/ready}. A server that is up but not ready answers 503 with the same
     * body, which is returned (not thrown) so the caller can say which check is down.
     */
    public Readiness ready() {
        return get("/health/ready", Readiness.class, Set.of(200, 503));
    }

    /** {@code GET path}, answered with 200. */
    <T> T get(String path, Class<T> type) {
        return read(path, send(request(path).timeout(WORK_TIMEOUT).GET(), Set.of(200)), type);
    }

    /** {@code POST path} with a JSON body ({@code null}: none), answered with 200 or 201. */
    <T> T post(String path, Object body, Class<T> type) {
        return read(path, send(request(path).timeout(WORK_TIMEOUT).header("Content-Type", "application/json").POST(jsonBody(body)), Set.of(200, 201)), type);
    }

    /**
     * {@code POST path} asking for server-sent events: each event but the last goes to
     * {@code onEvent} as it arrives (on this thread); {@code done} is the answer, {@code error}
     * its failure (the error envelope).
     */
    <T> T postStreaming(String path, Object body, Class<T> type, java.util.function.BiConsumer<String, JsonNode> onEvent) {
        HttpRequest request = request(path).timeout(WORK_TIMEOUT).setHeader("Accept", "text/event-stream")
                .header("Content-Type", "application/json").POST(jsonBody(body)).build();
        HttpResponse<java.util.stream.Stream<String>> response = send(request, HttpResponse.BodyHandlers.ofLines());
        try (java.util.stream.Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                throw errorFrom(response.statusCode(), String.join("\n", lines.toList()), path);
            }
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (java.util.Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty() && !data.isEmpty()) {
                    JsonNode payload = json.readTree(data.toString());
                    switch (event) {
                        case "done" -> {
                            return json.treeToValue(payload, type);
                        }
                        case "error" -> throw errorFrom(payload.path("error"), 200, path);
                        default -> onEvent.accept(event, payload);
                    }
                    event = "message";
                    data.setLength(0);
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ParleyApiException(200, "invalid_response",
                    "The server sent an answer the studio cannot read (" + path + ")", e);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ParleyApiException(ParleyApiException.NO_RESPONSE, ParleyApiException.UNREACHABLE,
                    "The server stopped answering " + path + ": " + e.getMessage(), e);
        }
        throw new ParleyApiException(200, "invalid_response", "The server's answer to " + path + " ended early");
    }

    /**
     * {@code POST path} whose answer is a file (a backup): written to a file beside {@code target}
     * and moved there once whole, so a failed download leaves nothing behind.
     */
    public void postDownload(String path, Path target) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        HttpRequest request = request(path).timeout(WORK_TIMEOUT).setHeader("Accept", "application/zip, application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<Path> response = http.send(request, HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                String body = java.nio.file.Files.readString(partial);
                throw errorFrom(response.statusCode(), body, path);
            }
            java.nio.file.Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ParleyApiException(ParleyApiException.NO_RESPONSE, ParleyApiException.UNREACHABLE,
                    "Could not save " + target + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyApiException(ParleyApiException.NO_RESPONSE, "interrupted",
                    "The request to " + path + " was interrupted", e);
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing was written
            }
        }
    }

    /** {@code PATCH path} with a JSON body, answered with 200. */
    <T> T patch(String path, Object body, Class<T> type) {
        return read(path, send(request(path).timeout(WORK_TIMEOUT).header("Content-Type", "application/json")
                .method("PATCH", jsonBody(body)), Set.of(200)), type);
    }

    /** {@code PUT path} with a JSON body, answered with 200. */
    <T> T put(String path, Object body, Class<T> type) {
        return read(path, send(request(path).timeout(WORK_TIMEOUT).header("Content-Type", "application/json")
                .PUT(jsonBody(body)), Set.of(200)), type);
    }

    /** {@code DELETE path}, answered with 200 or 204. */
    void delete(String path) {
        send(request(path).timeout(WORK_TIMEOUT).DELETE(), Set.of(200, 204));
    }

    /** {@code POST path} with one file in the multipart part {@code file}, answered with 200 or 201. */
    <T> T upload(String path, Path file, Class<T> type) {
        MultipartFile multipart = MultipartFile.of(file);
        HttpRequest.Builder request = request(path)
                .timeout(WORK_TIMEOUT)
                .header("Content-Type", multipart.contentType())
                .POST(multipart.publisher());
        return read(path, send(request, Set.of(200, 201)), type);
    }

    private <T> T get(String path, Class<T> type, Set<Integer> acceptedStatuses) {
        return read(path, send(request(path).GET(), acceptedStatuses), type);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return request;
    }

    private HttpRequest.BodyPublisher jsonBody(Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        try {
            return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + body, e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Set<Integer> acceptedStatuses) {
        HttpResponse<String> response = send(request.build());
        if (!acceptedStatuses.contains(response.statusCode())) {
            throw errorFrom(response);
        }
        return response;
    }

    private <T> T read(String path, HttpResponse<String> response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new ParleyApiException(response.statusCode(), "invalid_response",
                    "The server sent an answer the studio cannot read (" + path + ")", e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <B> HttpResponse<B> send(HttpRequest request, HttpResponse.BodyHandler<B> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new ParleyApiException(ParleyApiException.NO_RESPONSE, ParleyApiException.UNREACHABLE,
                    "Cannot reach the Parley server at " + baseUri + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyApiException(ParleyApiException.NO_RESPONSE, "interrupted",
                    "The request to " + request.uri().getPath() + " was interrupted", e);
        }
    }

    private ParleyApiException errorFrom(HttpResponse<String> response) {
        return errorFrom(response.statusCode(), response.body(), response.request().uri().getPath());
    }

    private ParleyApiException errorFrom(int status, String body, String path) {
        try {
            return errorFrom(json.readTree(body).path("error"), status, path);
        } catch (IOException | RuntimeException e) {
            // Not our envelope (a proxy page, an empty body): a generic error.
            return errorFrom(json.missingNode(), status, path);
        }
    }

    private static ParleyApiException errorFrom(JsonNode error, int status, String path) {
        if (error.hasNonNull("code")) {
            return new ParleyApiException(status, error.get("code").asText(), error.path("message").asText("HTTP " + status));
        }
        return new ParleyApiException(status, "http_" + status, "The server answered HTTP " + status + " for " + path);
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
