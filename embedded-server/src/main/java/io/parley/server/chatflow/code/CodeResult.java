package io.parley.server.chatflow.code;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A code node's successful run.
 *
 * @param value      what the code returned, as JSON ({@code NullNode} for {@code undefined})
 * @param logs       the lines the code wrote with {@code console.log} and friends, capped
 * @param durationMs time spent in the builder's code
 */
public record CodeResult(JsonNode value, List<String> logs, long durationMs) {

    public CodeResult {
        logs = List.copyOf(logs);
    }
}
