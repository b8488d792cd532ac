package io.parley.studio.chatflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.canvas.model.Edge;
import io.parley.canvas.model.Graph;
import io.parley.canvas.model.Node;
import io.parley.canvas.model.Port;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Flow documents as canvas graphs and back, including the seed's own draft. */
class FlowGraphsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The seed's draft (draft-mode document, "Chatflow Draft Mode"), nodes and edges as written there. */
    private static final String SEED = """
            {"nodes": [
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
            ]}
            """;

    @Test
    void theSeedsDraftReadsWithItsTrueAndFalseExits() throws Exception {
        Graph g = FlowGraphs.read(JSON.readTree(SEED));
        assertThat(g.nodes()).extracting(Node::kind).containsExactly("trigger", "llm", "condition", "knowledge_base",
                "response");
        assertThat(g.node("condition1").orElseThrow().outputs()).extracting(Port::id).containsExactly("true", "false");
        assertThat(g.edges()).extracting(Edge::fromPort).containsExactly("default", "default", "true", "false", "default");
        assertThat(g.node("llm1").orElseThrow().properties()).doesNotContainKey("provider")
                .containsEntry("model", "secret-ai-v1");
        assertThat(g.node("start").orElseThrow().inputs()).isEmpty();
    }

    @Test
    void writtenBackTheExitsAreHandlesTheServerReads() throws Exception {
        Graph g = FlowGraphs.read(JSON.readTree(SEED));
        JsonNode edges = JSON.valueToTree(FlowGraphs.edges(g));
        assertThat(edges.get(2).path("sourceHandle").asText()).isEqualTo("true");
        assertThat(edges.get(0).has("sourceHandle")).as("the default exit is no handle").isFalse();
        Graph again = FlowGraphs.read(JSON.valueToTree(Map.of("nodes", FlowGraphs.nodes(g), "edges", edges)));
        assertThat(again.edges()).containsExactlyElementsOf(g.edges());
        assertThat(again.nodes()).containsExactlyElementsOf(g.nodes());
    }

    @Test
    void unknownStepsAndExitsTheStudioWouldNotDrawAreKept() throws Exception {
        Graph g = FlowGraphs.read(JSON.readTree("""
                {"nodes": [{"id": "a", "type": "webhook", "data": {"url": "https://x"}},
                           {"id": "b", "type": "message", "position": {"x": 300, "y": 0}, "data": {"message": "Hi"}}],
                 "edges": [{"id": "e1", "source": "a", "sourceHandle": "error", "target": "b"},
                           {"id": "e2", "source": "b", "sourceHandle": "error", "target": "a"},
                           {"id": "e3", "source": "b", "target": "nowhere"}]}
                """));
        assertThat(g.node("a").orElseThrow().outputs()).extracting(Port::id).contains("default", "error");
        assertThat(g.node("b").orElseThrow().outputs()).extracting(Port::id).containsExactly("default", "error");
        assertThat(g.edges()).extracting(Edge::id).containsExactly("e1", "e2");
    }

    @Test
    void everyKindStartsWithSettingsItsCardCanSummarise() {
        for (NodeKind kind : NodeKind.values()) {
            Node n = FlowGraphs.node(kind.idPrefix() + "1", kind.type(), 0, 0, kind.defaults());
            assertThat(kind.summary(n.properties())).as(kind.type()).isNotBlank();
            assertThat(n.outputs().isEmpty()).as(kind.type()).isEqualTo(kind == NodeKind.RESPONSE);
            kind.fields().forEach(f -> assertThat(f.label()).isNotBlank());
        }
        assertThat(NodeKind.MESSAGE.summary(Map.of())).isEqualTo("Not set up yet");
    }
}
