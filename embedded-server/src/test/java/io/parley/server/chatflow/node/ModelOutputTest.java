package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.common.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the model-driven nodes read what a model answers. */
class ModelOutputTest {

    static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    @Test
    @DisplayName("a JSON answer is read with or without a code fence or chatter around it")
    void jsonAnswers() throws Exception {
        assertThat(LlmNode.parseJson("{\"intent\": \"billing\"}").path("intent").asText()).isEqualTo("billing");
        assertThat(LlmNode.parseJson("```json\n{\"intent\": \"billing\"}\n```").path("intent").asText()).isEqualTo("billing");
        assertThat(LlmNode.parseJson("Sure! {\"intent\": \"other\"} Hope that helps").path("intent").asText())
                .isEqualTo("other");
        assertThatThrownBy(() -> LlmNode.parseJson("billing")).isInstanceOfSatisfying(NodeFailure.class,
                f -> assertThat(f.code()).isEqualTo("invalid_json"));
        assertThatThrownBy(() -> LlmNode.parseJson("[1, 2]")).isInstanceOf(NodeFailure.class);
    }

    @Test
    @DisplayName("the schema's required fields, types and enums are checked")
    void schema() throws Exception {
        JsonNode schema = json("{\"type\": \"object\", \"required\": [\"intent\"], \"properties\": {"
                + "\"intent\": {\"type\": \"string\", \"enum\": [\"billing\", \"other\"]}, \"score\": {\"type\": \"number\"}}}");
        LlmNode.checkSchema(LlmNode.parseJson("{\"intent\": \"billing\", \"score\": 0.9}"), schema);
        assertThatThrownBy(() -> LlmNode.checkSchema(LlmNode.parseJson("{\"score\": 1}"), schema))
                .hasMessageContaining("intent");
        assertThatThrownBy(() -> LlmNode.checkSchema(LlmNode.parseJson("{\"intent\": \"refunds\"}"), schema))
                .hasMessageContaining("not one of");
        assertThatThrownBy(() -> LlmNode.checkSchema(LlmNode.parseJson("{\"intent\": \"other\", \"score\": \"high\"}"), schema))
                .hasMessageContaining("score");
    }

    @Test
    @DisplayName("the router takes the branch the model names, the longest match first, else 'else'")
    void routing() {
        List<String> ids = List.of("billing", "billing_dispute", "shipping");
        assertThat(LlmRouterNode.pick("billing", ids)).isEqualTo("billing");
        assertThat(LlmRouterNode.pick("Category: billing_dispute.", ids)).isEqualTo("billing_dispute");
        assertThat(LlmRouterNode.pick("SHIPPING", ids)).isEqualTo("shipping");
        assertThat(LlmRouterNode.pick("I am not sure", ids)).isEqualTo("else");
        assertThat(LlmRouterNode.pick("rebilling", ids)).isEqualTo("else");
    }

    @Test
    @DisplayName("extracted values are converted to their parameter's type or dropped")
    void extractedTypes() throws Exception {
        assertThat(ExtractNode.typed(json("\"42\""), "number").decimalValue()).isEqualByComparingTo("42");
        assertThat(ExtractNode.typed(json("\"forty\""), "number")).isNull();
        assertThat(ExtractNode.typed(json("\"yes\""), "boolean").asBoolean()).isTrue();
        assertThat(ExtractNode.typed(json("\"Ann@Example.com\""), "email").asText()).isEqualTo("Ann@Example.com");
        assertThat(ExtractNode.typed(json("\"not an email\""), "email")).isNull();
        assertThat(ExtractNode.typed(json("null"), "string")).isNull();
        assertThat(ExtractNode.typed(json("\" \""), "string")).isNull();
        assertThat(ExtractNode.typed(json("7"), "string").asText()).isEqualTo("7");
    }
}
