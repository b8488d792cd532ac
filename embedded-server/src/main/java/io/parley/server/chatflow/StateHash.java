package io.parley.server.chatflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** SHA-256 (base64, 44 characters) of a state's canonical JSON: keys sorted, no spaces. */
public final class StateHash {

    private StateHash() {
    }

    public static String of(JsonNode state) {
        try {
            byte[] canonical = Json.mapper().writeValueAsBytes(canonical(state));
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            o.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            ObjectNode out = Json.mapper().createObjectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = Json.mapper().createArrayNode();
            node.forEach(n -> out.add(canonical(n)));
            return out;
        }
        return node;
    }
}
