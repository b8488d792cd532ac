package io.parley.server.inference;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiWireTest {

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), (a, b) -> true);
    }

    @Test
    void retryAfterIsReadFromMillisecondsSecondsOrADate() {
        assertThat(OpenAiWire.retryAfter(headers(Map.of("retry-after-ms", "250", "retry-after", "9"))))
                .isEqualTo(Duration.ofMillis(250));
        assertThat(OpenAiWire.retryAfter(headers(Map.of("Retry-After", "3")))).isEqualTo(Duration.ofSeconds(3));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
        assertThat(OpenAiWire.retryAfter(headers(Map.of("Retry-After", inTenSeconds))))
                .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(OpenAiWire.retryAfter(headers(Map.of("Retry-After", "soon")))).isNull();
        assertThat(OpenAiWire.retryAfter(headers(Map.of()))).isNull();
    }

    @Test
    void settingsNeverShowTheKey() {
        var settings = OpenAiCompatibleSettings.of(URI.create("http://localhost:11434/v1/"), "llama3", "sk-secret");

        assertThat(settings.toString()).doesNotContain("sk-secret").contains("apiKey=***");
        assertThat(settings.chatCompletionsUri()).isEqualTo(URI.create("http://localhost:11434/v1/chat/completions"));
    }

    @Test
    void requestLeavesOutWhatIsNotSet() {
        String body = OpenAiWire.requestBody(ChatRequest.of(ChatMessage.user("hi")), "m", false);

        assertThat(body).isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }
}
