package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;
import io.parley.server.common.JsonBinding;
import io.parley.server.common.ParleyException;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A document's annotations, as the seed describes them: an importance (0.5 = background, 1 =
 * normal, 2 = authoritative) and tags/keywords that boost chunks when a query mentions them.
 */
public final class Annotations {

    public static final double MIN_IMPORTANCE = 0.5;
    public static final double MAX_IMPORTANCE = 2.0;

    /** {@code annotations} as a client sends them: every field typed, none checked yet. */
    public record Input(Double importance, List<String> tags, String note) {
    }

    private Annotations() {
    }

    /** The annotations a document gets when none are given. */
    public static ObjectNode defaults() {
        return clean(null);
    }

    /** The {@code annotations} part of a multipart upload: a JSON object, read like the JSON field. */
    public static ObjectNode parse(String json) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw ParleyException.invalidField("annotations", "'annotations' must be a JSON object {importance, tags}");
        }
        return clean(JsonBinding.bind(node, Input.class, "annotations"));
    }

    /** Checked and complete annotations; a bad value is a 400 naming it. */
    public static ObjectNode clean(Input given) {
        ObjectNode out = Json.mapper().createObjectNode();
        double importance = given == null || given.importance() == null ? 1.0 : given.importance();
        if (importance < MIN_IMPORTANCE || importance > MAX_IMPORTANCE) {
            throw ParleyException.invalidField("annotations.importance",
                    "'importance' must be a number from 0.5 (background) to 2 (authoritative)");
        }
        out.put("importance", importance);
        Set<String> tags = new LinkedHashSet<>();
        if (given != null && given.tags() != null) {
            for (String tag : given.tags()) {
                if (tag == null || tag.isBlank() || tag.length() > 60) {
                    throw ParleyException.invalidField("annotations.tags", "Each tag must be text of 1 to 60 characters");
                }
                tags.add(tag.strip());
            }
            if (tags.size() > 30) {
                throw ParleyException.invalidField("annotations.tags", "At most 30 tags per document");
            }
        }
        ArrayNode array = out.putArray("tags");
        tags.forEach(array::add);
        if (given != null && given.note() != null) {
            String note = given.note().strip();
            if (note.length() > 1000) {
                throw ParleyException.invalidField("annotations.note", "'note' must be at most 1000 characters");
            }
            out.put("note", note);
        }
        return out;
    }
}
