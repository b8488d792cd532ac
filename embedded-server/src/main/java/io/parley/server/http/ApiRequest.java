package io.parley.server.http;

import io.parley.server.common.Json;
import io.parley.server.common.JsonBinding;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.parley.server.tenancy.Principal;
import io.parley.server.common.ParleyException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import java.util.Optional;

/** What a handler sees of a request: path and query parameters, the caller, and a typed JSON body. */
public final class ApiRequest {

    private final ServerRequest request;
    private final Principal principal;
    private final long maxBodyBytes;
    private final long maxUploadBytes;

    ApiRequest(ServerRequest request, Principal principal, long maxBodyBytes, long maxUploadBytes) {
        this.request = request;
        this.principal = principal;
        this.maxBodyBytes = maxBodyBytes;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** The authenticated caller; only routes declared {@link Access#AUTHENTICATED} have one. */
    public Principal principal() {
        if (principal == null) {
            throw new IllegalStateException("public route asked for a principal");
        }
        return principal;
    }

    public String path(String name) {
        try {
            return request.path().pathParameters().get(name);
        } catch (NoSuchElementException e) {
            throw new IllegalStateException("route has no path parameter " + name, e);
        }
    }

    public Optional<String> query(String name) {
        return request.query().first(name).asOptional().map(String::trim).filter(s -> !s.isEmpty());
    }

    public Optional<String> header(String name) {
        return request.headers().first(HeaderNames.create(name));
    }

    public boolean isMultipart() {
        return MultipartReader.isMultipart(request);
    }

    /** Streams the parts of a multipart/form-data body to {@code consumer}; 413 past the size limit. */
    public void multipart(MultipartReader.PartConsumer consumer) {
        MultipartReader.read(request, maxUploadBytes, consumer);
    }

    /** The JSON body as {@code type}; 400 when it is missing, malformed or of the wrong shape, 413 when too large. */
    public <T> T body(Class<T> type) {
        byte[] bytes = readBody();
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw ParleyException.invalidInput("A JSON request body is required");
        }
        try {
            T value = Json.mapper().readValue(bytes, type);
            if (value == null || value instanceof JsonNode node && node.isNull()) {
                throw ParleyException.invalidInput("A JSON object is required, not null");
            }
            return value;
        } catch (JsonMappingException e) {
            throw JsonBinding.refused(e, null);
        } catch (JsonProcessingException e) {
            throw ParleyException.invalidInput(e.getLocation() == null ? "The request body is not valid JSON"
                    : "The request body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw ParleyException.invalidInput("The request body could not be read");
        }
    }

    private byte[] readBody() {
        // The server accepts bodies up to the upload limit; JSON bodies have their own, smaller one.
        Optional<Long> declared = request.headers().contentLength().stream().boxed().findFirst();
        if (declared.isPresent() && declared.get() > maxBodyBytes) {
            throw ParleyException.tooLarge(maxBodyBytes);
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (bytes.length > maxBodyBytes) {
                throw ParleyException.tooLarge(maxBodyBytes);
            }
            return bytes;
        } catch (ParleyException | io.helidon.http.RequestException e) {
            throw e; // ours, or Helidon's own (an oversized chunked body): both map to the envelope
        } catch (IOException | RuntimeException e) {
            // Broken chunked encoding or a client that hung up. The cause's message can quote
            // the body itself, so it is neither logged nor returned.
            throw unreadableBody();
        }
    }

    private static ParleyException unreadableBody() {
        return ParleyException.invalidInput("The request body could not be read (broken or incomplete upload)");
    }
}
