package io.parley.server.chatflow.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a flow document and refuses what no editor could mean: a node without an id, two nodes
 * with one id, an edge that is not an object. Each refusal is a 400 naming the field
 * ({@code nodes[2].id}). What an unfinished flow lacks (a trigger, a prompt) is not refused here:
 * drafts are saved while they are built, and {@code validate} reports those.
 */
public final class FlowReader {

    public static final int MAX_NODES = 500;
    public static final int MAX_EDGES = 2_000;
    public static final int MAX_VARIABLES = 200;
    /** Ids appear in {@code {{node_id.field}}} and in conditions, so they must be plain names. */
    public static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern EDGE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private FlowReader() {
    }

    public static FlowDocument read(ObjectNode document) {
        List<FlowNode> nodes = nodes(document.get("nodes"));
        List<FlowEdge> edges = edges(document.get("edges"));
        ObjectNode variables = variables(document.get("variables"));
        FlowSettings settings = settings(document.get("settings"));
        return new FlowDocument(text(document, "name", 200), text(document, "description", 2000), nodes, edges,
                variables, settings);
    }

    private static List<FlowNode> nodes(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ParleyException.invalidField("nodes", "'nodes' must be a list of nodes");
        }
        if (value.size() > MAX_NODES) {
            throw ParleyException.invalidField("nodes", "A flow can have at most " + MAX_NODES + " nodes");
        }
        List<FlowNode> nodes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            String at = "nodes[" + i + "]";
            JsonNode n = value.get(i);
            if (!n.isObject()) {
                throw ParleyException.invalidField(at, "'" + at + "' must be an object {id, type, position, data}");
            }
            String id = n.path("id").isTextual() ? n.get("id").asText() : null;
            if (id == null || !ID.matcher(id).matches()) {
                throw ParleyException.invalidField(at + ".id", "'" + at + ".id' must be a name of letters, digits and _ "
                        + "starting with a letter (at most 64), because {{" + "node_id.field}} refers to it");
            }
            if (!ids.add(id)) {
                throw ParleyException.invalidField(at + ".id", "Two nodes are called '" + id + "': node ids must be unique");
            }
            String type = n.path("type").isTextual() ? n.get("type").asText().strip() : null;
            if (type == null || type.isEmpty() || type.length() > 64) {
                throw ParleyException.invalidField(at + ".type", "'" + at + ".type' is required (for example \"message\")");
            }
            JsonNode position = n.get("position");
            double x = 0;
            double y = 0;
            if (position != null && !position.isNull()) {
                if (!position.isObject() || !number(position.get("x")) || !number(position.get("y"))) {
                    throw ParleyException.invalidField(at + ".position", "'" + at + ".position' must be {\"x\": number, \"y\": number}");
                }
                x = position.get("x").asDouble();
                y = position.get("y").asDouble();
            }
            JsonNode data = n.get("data");
            if (data != null && !data.isNull() && !data.isObject()) {
                throw ParleyException.invalidField(at + ".data", "'" + at + ".data' must be an object with the node's settings");
            }
            ObjectNode config = data == null || data.isNull() ? Json.mapper().createObjectNode() : (ObjectNode) data;
            nodes.add(new FlowNode(id, type, x, y, config));
        }
        return nodes;
    }

    private static List<FlowEdge> edges(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ParleyException.invalidField("edges", "'edges' must be a list of connections");
        }
        if (value.size() > MAX_EDGES) {
            throw ParleyException.invalidField("edges", "A flow can have at most " + MAX_EDGES + " connections");
        }
        List<FlowEdge> edges = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            String at = "edges[" + i + "]";
            JsonNode e = value.get(i);
            if (!e.isObject()) {
                throw ParleyException.invalidField(at, "'" + at + "' must be an object {id, source, target}");
            }
            String id = e.path("id").isTextual() ? e.get("id").asText() : "e" + i;
            if (!EDGE_ID.matcher(id).matches()) {
                throw ParleyException.invalidField(at + ".id", "'" + at + ".id' must be 1 to 100 letters, digits or _.:-");
            }
            if (!ids.add(id)) {
                throw ParleyException.invalidField(at + ".id", "Two connections are called '" + id + "'");
            }
            String source = requiredText(e, "source", at);
            String target = requiredText(e, "target", at);
            String handle = e.path("sourceHandle").isTextual() ? e.get("sourceHandle").asText().strip() : null;
            if (handle != null && !handle.isEmpty() && !HANDLE.matcher(handle).matches()) {
                throw ParleyException.invalidField(at + ".sourceHandle", "'" + at + ".sourceHandle' must be a short name");
            }
            String label = e.path("label").isTextual() ? e.get("label").asText() : null;
            edges.add(new FlowEdge(id, source, handle == null || handle.isEmpty() ? null : handle, target, label));
        }
        return edges;
    }

    private static ObjectNode variables(JsonNode value) {
        if (value == null || value.isNull()) {
            return Json.mapper().createObjectNode();
        }
        if (!value.isObject()) {
            throw ParleyException.invalidField("variables", "'variables' must be an object of names and starting values, "
                    + "like {\"user_intent\": \"\"}");
        }
        if (value.size() > MAX_VARIABLES) {
            throw ParleyException.invalidField("variables", "A flow can have at most " + MAX_VARIABLES + " variables");
        }
        value.fieldNames().forEachRemaining(name -> {
            if (!ID.matcher(name).matches()) {
                throw ParleyException.invalidField("variables." + name, "Variable names are letters, digits and _, "
                        + "starting with a letter: '" + name + "' is not");
            }
        });
        return (ObjectNode) value;
    }

    private static FlowSettings settings(JsonNode value) {
        if (value == null || value.isNull()) {
            return FlowSettings.DEFAULTS;
        }
        if (!value.isObject()) {
            throw ParleyException.invalidField("settings", "'settings' must be an object");
        }
        int steps = bounded(value, "max_steps", FlowSettings.DEFAULT_MAX_STEPS, 1, 10_000);
        int timeout = bounded(value, "timeout_seconds", FlowSettings.DEFAULT_TIMEOUT_SECONDS, 1, 300);
        int iterations = bounded(value, "max_iterations", FlowSettings.DEFAULT_MAX_ITERATIONS, 1, 10_000);
        JsonNode fallback = value.get("fallback_message");
        if (fallback != null && !fallback.isNull() && !fallback.isTextual()) {
            throw ParleyException.invalidField("settings.fallback_message", "'settings.fallback_message' must be text");
        }
        String message = fallback == null || fallback.isNull() || fallback.asText().isBlank()
                ? FlowSettings.DEFAULT_FALLBACK : fallback.asText().strip();
        if (message.length() > 2000) {
            throw ParleyException.invalidField("settings.fallback_message", "'settings.fallback_message' must be at most 2000 characters");
        }
        return new FlowSettings(steps, timeout, iterations, message);
    }

    private static int bounded(JsonNode settings, String field, int fallback, int min, int max) {
        JsonNode v = settings.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw ParleyException.invalidField("settings." + field, "'settings." + field + "' must be a whole number from "
                    + min + " to " + max);
        }
        return v.asInt();
    }

    private static String requiredText(JsonNode e, String field, String at) {
        if (!e.path(field).isTextual() || e.get(field).asText().isBlank()) {
            throw ParleyException.invalidField(at + "." + field, "'" + at + "." + field + "' must name a node");
        }
        return e.get(field).asText().strip();
    }

    private static String text(JsonNode document, String field, int max) {
        JsonNode v = document.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().length() > max) {
            throw ParleyException.invalidField(field, "'" + field + "' must be text of at most " + max + " characters");
        }
        return v.asText().strip();
    }

    private static boolean number(JsonNode v) {
        return v != null && v.isNumber() && Double.isFinite(v.asDouble());
    }
}
