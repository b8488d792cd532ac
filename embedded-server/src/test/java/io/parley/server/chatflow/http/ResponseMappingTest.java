package io.parley.server.chatflow.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void checkAcceptsValidPaths() {
        for (String path : new String[] {"$.data.books", "$.data.total", "$['data']['books'][0].title",
                "$.data.books[*].title", "$.data.books[?(@.age >= 10)]", "$..title", "$.data.books.length()"}) {
            assertThat(ResponseMapping.check(path)).as(path).isEmpty();
        }
    }

    @Test
    void checkExplainsInvalidPaths() {
        assertThat(ResponseMapping.check("")).contains("Enter a path such as $.data.items.");
        assertThat(ResponseMapping.check("data.books")).hasValueSatisfying(
                m -> assertThat(m).isEqualTo("The path \"data.books\" must start with $, as in $.data.items."));
        assertThat(ResponseMapping.check("$.data[")).hasValueSatisfying(
                m -> assertThat(m).startsWith("The path \"$.data[\" is not valid"));
        assertThat(ResponseMapping.check("$.data.books[?(@.age >)]")).isPresent();
    }

    @Test
    void ofRefusesAnInvalidPathNamingTheOutput() {
        assertThatThrownBy(() -> ResponseMapping.of(Map.of("books", "$.data[")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Output \"books\": The path");
    }

    @Test
    void mapsValuesAndListsWhatMatchedNothing() throws Exception {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("first", "$.data.books[0].title");
        paths.put("titles", "$.data.books[*].title");
        paths.put("old", "$.data.books[?(@.age > 100)]");
        paths.put("absent", "$.data.nothing.here");
        paths.put("explicitNull", "$.data.note");
        paths.put("count", "$.data.books.length()");

        ResponseMapping.Mapped mapped = ResponseMapping.of(paths).apply(json(
                "{\"data\": {\"books\": [{\"title\": \"Dune\", \"age\": 12}, {\"title\": \"Emma\", \"age\": 15}], \"note\": null}}"));

        assertThat(mapped.values().toString()).isEqualTo(
                "{\"first\":\"Dune\",\"titles\":[\"Dune\",\"Emma\"],\"old\":null,\"absent\":null,\"explicitNull\":null,\"count\":2}");
        assertThat(mapped.missing()).containsExactly("old", "absent");
    }

    @Test
    void filterOverSomethingThatIsNotAListMatchesNothing() throws Exception {
        ResponseMapping.Mapped mapped = ResponseMapping.of(Map.of("x", "$.data[?(@.a == 1)].b"))
                .apply(json("{\"data\": \"text\"}"));

        assertThat(mapped.missing()).containsExactly("x");
    }

    @Test
    void noJsonMeansEverythingIsMissing() {
        ResponseMapping.Mapped mapped = ResponseMapping.of(Map.of("books", "$.data.books")).apply(null);

        assertThat(mapped.values().get("books").isNull()).isTrue();
        assertThat(mapped.missing()).containsExactly("books");
    }
}
