package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatflow.graph.FlowEdge;

import java.util.List;
import java.util.Map;

/**
 * What one node did: its output (kept as {@code {{node_id.field}}}), the handle the flow leaves
 * by, the messages it sent, and whether the turn stops here, waiting for the visitor's answer
 * ({@code waitFor}) or with the flow's answer ({@code response}).
 */
public record Step(ObjectNode output, String handle, List<Outbound> messages, InputRequest waitFor, String response,
                   List<Map<String, Object>> sources) {

    public Step {
        messages = messages == null ? List.of() : List.copyOf(messages);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static Step next(ObjectNode output) {
        return new Step(output, FlowEdge.DEFAULT, List.of(), null, null, List.of());
    }

    public static Step branch(ObjectNode output, String handle) {
        return new Step(output, handle, List.of(), null, null, List.of());
    }

    public static Step say(ObjectNode output, List<Outbound> messages) {
        return new Step(output, FlowEdge.DEFAULT, messages, null, null, List.of());
    }

    public static Step ask(ObjectNode output, List<Outbound> messages, InputRequest request) {
        return new Step(output, null, messages, request, null, List.of());
    }

    public static Step respond(ObjectNode output, String text, List<Map<String, Object>> sources) {
        return new Step(output, null, List.of(Outbound.text(text)), null, text, sources);
    }

    public boolean waits() {
        return waitFor != null;
    }

    public boolean ends() {
        return response != null;
    }
}
