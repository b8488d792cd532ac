package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a node writes a variable: {@code name} is {@code vars.name}; {@code user.x},
 * {@code context.x}, {@code temp.x}, {@code local.x} and nested {@code vars.profile.level} name
 * their scope. {@code input} and node outputs are not writable.
 */
public final class VariablePaths {

    public static final Set<String> WRITABLE_SCOPES = Set.of("vars", "user", "context", "temp", "local");
    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private VariablePaths() {
    }

    /** Null when the path is fine, else what is wrong with it. */
    public static String problem(String path) {
        if (path == null || path.isBlank()) {
            return "name the variable";
        }
        String p = strip(path);
        if (!PATH.matcher(p).matches()) {
            return "'" + path + "' is not a variable name (letters, digits and _, parts joined by dots)";
        }
        String[] parts = p.split("\\.");
        if (parts.length > 1 && WRITABLE_SCOPES.contains(parts[0]) || parts.length == 1) {
            return null;
        }
        return "'" + path + "' must be a name, or start with vars., user., context., temp. or local.";
    }

    /** {@code vars.name} for a bare name, the path itself otherwise (braces removed). */
    public static String qualified(String path) {
        String p = strip(path);
        return p.contains(".") ? p : "vars." + p;
    }

    public static void assign(ObjectNode state, String path, JsonNode value) {
        String[] parts = qualified(path).split("\\.");
        ObjectNode at = state;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = at.get(parts[i]);
            if (!(next instanceof ObjectNode)) {
                next = at.putObject(parts[i]);
            }
            at = (ObjectNode) next;
        }
        at.set(parts[parts.length - 1], value);
    }

    public static JsonNode read(ObjectNode state, String path) {
        JsonNode at = state;
        for (String part : qualified(path).split("\\.")) {
            at = at.path(part);
        }
        return at;
    }

    public static void remove(ObjectNode state, String path) {
        String[] parts = qualified(path).split("\\.");
        JsonNode at = state;
        for (int i = 0; i < parts.length - 1; i++) {
            at = at.path(parts[i]);
        }
        if (at instanceof ObjectNode o) {
            o.remove(parts[parts.length - 1]);
        }
    }

    private static String strip(String path) {
        String p = path.strip();
        if (p.startsWith("{{") && p.endsWith("}}")) {
            p = p.substring(2, p.length() - 2).strip();
        }
        return p;
    }
}
