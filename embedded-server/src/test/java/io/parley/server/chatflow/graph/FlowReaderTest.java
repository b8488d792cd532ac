package io.parley.server.chatflow.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowReaderTest {

    /** The seed's draft (draft-mode document, "Chatflow Draft Mode"), as it is written there. */
    static final String SEED = """
            {
              "name": "Customer Support Flow", "category": "automation", "visibility": "private",
              "description": "Multi-step support workflow",
              "nodes": [
                {"id": "start", "type": "trigger", "position": {"x": 100, "y": 100}, "data": {"trigger_type": "chat_message"}},
                {"id": "llm1", "type": "llm", "position": {"x": 300, "y": 100},
                 "data": {"provider": null, "model": "secret-ai-v1", "prompt": "Classify user intent: {{input}}", "temperature": 0.3}},
                {"id": "condition1", "type": "condition", "position": {"x": 500, "y": 100},
                 "data": {"condition": "{{llm1.intent}} === 'billing'", "true_branch": "kb_search", "false_branch": "general_response"}},
                {"id": "kb_search", "type": "knowledge_base", "position": {"x": 700, "y": 50},
                 "data": {"kb_id": "kb_uuid", "query": "{{input}}", "top_k": 5}},
                {"id": "response", "type": "response", "position": {"x": 900, "y": 100}, "data": {"message": "{{kb_search.response}}"}}
              ],
              "edges": [
                {"id": "e1", "source": "start", "target": "llm1"},
                {"id": "e2", "source": "llm1", "target": "condition1"},
                {"id": "e3", "source": "condition1", "target": "kb_search", "label": "True"},
                {"id": "e4", "source": "condition1", "target": "response", "label": "False"},
                {"id": "e5", "source": "kb_search", "target": "response"}
              ],
              "variables": {"user_intent": "", "kb_context": ""},
              "settings": {"enable_logging": true, "max_iterations": 10, "timeout_seconds": 30},
              "appearance": {"theme": "light", "primary_color": "#4F46E5", "welcome_message": "Hello! I'm your automated assistant."}
            }
            """;

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonSchema schema() throws IOException {
        Path file = Path.of("../docs/schema/chatflow.schema.json");
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Json.mapper().readTree(Files.readString(file)));
    }

    @Test
    @DisplayName("the seed's draft is read as is, and the JSON Schema in the repository accepts it")
    void seedDraft() throws IOException {
        FlowDocument flow = FlowReader.read(json(SEED));
        assertThat(flow.nodes()).extracting(FlowNode::id)
                .containsExactly("start", "llm1", "condition1", "kb_search", "response");
        assertThat(flow.edges()).extracting(FlowEdge::label).contains("True", "False");
        assertThat(flow.node("kb_search").orElseThrow().x()).isEqualTo(700);
        assertThat(flow.settings().maxIterations()).isEqualTo(10);
        assertThat(flow.settings().maxSteps()).isEqualTo(FlowSettings.DEFAULT_MAX_STEPS);
        assertThat(flow.variables().has("user_intent")).isTrue();
        assertThat(schema().validate(json(SEED))).isEmpty();
    }

    @Test
    @DisplayName("an unfinished draft (no nodes yet) is accepted: validate reports what is missing, not the save")
    void emptyDraft() throws IOException {
        FlowDocument flow = FlowReader.read(json("{\"name\": \"New flow\"}"));
        assertThat(flow.nodes()).isEmpty();
        assertThat(flow.settings()).isEqualTo(FlowSettings.DEFAULTS);
        assertThat(schema().validate(json("{\"name\": \"New flow\"}"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"nodes\": {}}",
            "{\"nodes\": [3]}",
            "{\"nodes\": [{\"type\": \"message\"}]}",
            "{\"nodes\": [{\"id\": \"has space\", \"type\": \"message\"}]}",
            "{\"nodes\": [{\"id\": \"a\", \"type\": \"message\"}, {\"id\": \"a\", \"type\": \"response\"}]}",
            "{\"nodes\": [{\"id\": \"a\"}]}",
            "{\"nodes\": [{\"id\": \"a\", \"type\": \"message\", \"position\": {\"x\": \"left\"}}]}",
            "{\"nodes\": [{\"id\": \"a\", \"type\": \"message\", \"data\": \"hello\"}]}",
            "{\"edges\": [{\"id\": \"e1\", \"target\": \"a\"}]}",
            "{\"edges\": [{\"id\": \"e1\", \"source\": \"a\", \"target\": \"b\"}, {\"id\": \"e1\", \"source\": \"a\", \"target\": \"c\"}]}",
            "{\"variables\": [\"a\"]}",
            "{\"variables\": {\"bad name\": 1}}",
            "{\"settings\": {\"timeout_seconds\": 0}}",
            "{\"settings\": {\"max_steps\": 2.5}}"
    })
    @DisplayName("shapes no editor could mean are refused with the field they concern")
    void refusals(String document) {
        assertThatThrownBy(() -> FlowReader.read(json(document)))
                .isInstanceOfSatisfying(ParleyException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_field");
                    assertThat(e.details().get("field")).isNotNull();
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"nodes\": {}}",
            "{\"nodes\": [{\"type\": \"message\"}]}",
            "{\"nodes\": [{\"id\": \"has space\", \"type\": \"message\"}]}",
            "{\"nodes\": [{\"id\": \"a\"}]}",
            "{\"edges\": [{\"id\": \"e1\", \"target\": \"a\"}]}",
            "{\"variables\": [\"a\"]}",
            "{\"settings\": {\"timeout_seconds\": 0}}"
    })
    @DisplayName("the JSON Schema refuses the same shapes")
    void schemaAgrees(String document) throws IOException {
        JsonNode doc = json(document);
        assertThat(schema().validate(doc)).isNotEmpty();
    }

    @Test
    @DisplayName("an edge's handle is its sourceHandle, or the default one")
    void handles() {
        FlowDocument flow = FlowReader.read(json("""
                {"edges": [{"id": "a", "source": "c", "sourceHandle": "else", "target": "x"},
                           {"id": "b", "source": "c", "target": "y"}]}"""));
        assertThat(flow.edges().get(0).handle()).isEqualTo("else");
        assertThat(flow.edges().get(1).handle()).isEqualTo(FlowEdge.DEFAULT);
    }
}
