package io.parley.server.chatflow.vars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Reads references out of a run state. {@code input} is the visitor's message; a scope's name
 * reads that scope; any other first name is a node's output when a node of that id has run, else
 * the flow variable of that name. Dots and indexes walk into objects and lists.
 */
public final class StateView {

    private StateView() {
    }

    public static JsonNode resolve(ObjectNode state, List<String> segments) {
        String head = segments.get(0);
        JsonNode at;
        if (head.equals("input")) {
            at = state.path("input");
        } else if (Template.SCOPES.contains(head)) {
            at = state.path(head);
        } else if (state.path("nodes").has(head)) {
            at = state.path("nodes").path(head);
        } else {
            at = state.path("vars").path(head);
        }
        for (int i = 1; i < segments.size() && !at.isMissingNode(); i++) {
            String s = segments.get(i);
            if (at.isArray() && s.chars().allMatch(Character::isDigit)) {
                at = at.path(Integer.parseInt(s));
            } else if (at.isObject()) {
                at = at.path(s);
            } else {
                at = MissingNode.getInstance();
            }
        }
        return at;
    }

    /** The value as template text: strings as they are, numbers plainly, objects and lists as JSON. */
    public static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBigDecimal() || value.isDouble() || value.isFloat()) {
            java.math.BigDecimal d = value.decimalValue().stripTrailingZeros();
            return d.scale() < 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        return value.toString();
    }
}
