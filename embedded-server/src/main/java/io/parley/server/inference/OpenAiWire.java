package io.parley.server.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import static io.parley.server.inference.ProviderException.Code;

/** The OpenAI chat-completions protocol: request bodies, answers, stream chunks and error statuses. */
final class OpenAiWire {

    private OpenAiWire() {
    }

    static String requestBody(ChatRequest request, String defaultModel, boolean stream) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", request.model() != null ? request.model() : defaultModel);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.stop().forEach(stop::add);
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true); // usage arrives in a last chunk
        }
        return body.toString();
    }

    /** A non-streamed answer; {@code latency} is measured by the caller. */
    static ChatResponse parseAnswer(String body, Duration latency) {
        JsonNode root = readTree(body);
        JsonNode choice = root.path("choices").path(0);
        JsonNode content = choice.path("message").path("content");
        if (!choice.isObject() || !(content.isTextual() || content.isNull())) {
            throw badResponse();
        }
        return new ChatResponse(content.asText(""), textOrNull(choice.path("finish_reason")), usage(root),
                textOrNull(root.path("model")), latency);
    }

    /** One {@code data:} payload of a stream, already parsed. */
    static JsonNode readTree(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            if (node == null || !node.isObject()) {
                throw badResponse();
            }
            return node;
        } catch (JsonProcessingException e) {
            throw badResponse();
        }
    }

    static TokenUsage usage(JsonNode root) {
        JsonNode usage = root.path("usage");
        if (!usage.path("prompt_tokens").isIntegralNumber() || !usage.path("completion_tokens").isIntegralNumber()) {
            return null;
        }
        return new TokenUsage(usage.get("prompt_tokens").asInt(), usage.get("completion_tokens").asInt());
    }

    static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    static ProviderException badResponse() {
        return ProviderException.of(Code.PROVIDER_BAD_RESPONSE,
                "The model server sent an answer Parley could not read; check that the base URL points to an"
                        + " OpenAI-compatible API");
    }

    /**
     * The failure for a non-2xx status. {@code body} may hold the provider's own explanation, which
     * is kept for plain errors (a wrong model name) after removing {@code apiKey} from it.
     */
    static ProviderException forStatus(int status, HttpHeaders headers, String body, String apiKey) {
        if (status == 401 || status == 403) {
            return ProviderException.of(Code.PROVIDER_AUTH_FAILED,
                    "The model server refused the API key (HTTP " + status + "); check the key in the model settings");
        }
        if (status == 429) {
            return ProviderException.retryable(Code.PROVIDER_RATE_LIMITED,
                    "The model server is rate limiting requests; try again shortly", retryAfter(headers));
        }
        if (status == 408 || status == 504) {
            return ProviderException.retryable(Code.PROVIDER_TIMEOUT,
                    "The model server took too long to answer (HTTP " + status + ")", null);
        }
        String detail = providerMessage(body, apiKey);
        String message = "The model server answered with an error (HTTP " + status + ")"
                + (detail == null ? "" : ": " + detail);
        return status >= 500 ? ProviderException.retryable(Code.PROVIDER_ERROR, message, retryAfter(headers))
                : ProviderException.of(Code.PROVIDER_ERROR, message);
    }

    /** {@code retry-after-ms} (OpenAI), else {@code Retry-After} in seconds or as an HTTP date; null if none. */
    static Duration retryAfter(HttpHeaders headers) {
        try {
            var millis = headers.firstValue("retry-after-ms");
            if (millis.isPresent()) {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.get().trim())));
            }
            var value = headers.firstValue("retry-after");
            if (value.isEmpty()) {
                return null;
            }
            String v = value.get().trim();
            if (v.chars().allMatch(Character::isDigit) && !v.isEmpty()) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            Duration until = Duration.between(ZonedDateTime.now(),
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /** {@code error.message} of an OpenAI error body, shortened, without the key. */
    static String providerMessage(String body, String apiKey) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String text;
        try {
            JsonNode node = Json.mapper().readTree(body);
            text = node == null ? null : textOrNull(node.path("error").path("message"));
            if (text == null && node != null) {
                text = textOrNull(node.path("error")); // llama.cpp and some proxies send a bare string
            }
        } catch (JsonProcessingException e) {
            text = null;
        }
        if (text == null) {
            return null;
        }
        text = redact(text, apiKey);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    static String redact(String text, String apiKey) {
        return apiKey == null ? text : text.replace(apiKey, "***");
    }
}
