package io.parley.server.chatflow.run;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node's run in the execution log: what it was given, what it produced, how long it took,
 * the branch it took, or why it failed. Values are the redacted ones: no secret reaches a log.
 */
public record LogEntry(String nodeId, String type, String label, String status, long startedAtMillis, long durationMs,
                       Map<String, Object> inputs, JsonNode output, String branch, String error, String errorCode) {

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node_id", nodeId);
        out.put("type", type);
        out.put("label", label);
        out.put("status", status);
        out.put("timestamp", java.time.Instant.ofEpochMilli(startedAtMillis).toString());
        out.put("duration_ms", durationMs);
        out.put("inputs", inputs);
        out.put("output", output);
        out.put("branch", branch);
        out.put("error", error);
        out.put("error_code", errorCode);
        return out;
    }
}
