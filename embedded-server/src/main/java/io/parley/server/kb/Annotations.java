package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A document's annotations, as the seed describes them: an importance (0.5 = background, 1 =
 * normal, 2 = authoritative) and tags/keywords that boost chunks when a query mentions them.
 */
public final class Annotations {

    public static final double MIN_IMPORTANCE = 0.5;
    public static final double MAX_IMPORTANCE = 2.0;

    private Annotations() {
    }

    public static ObjectNode clean(JsonNode given) {
        ObjectNode out = Json.mapper().createObjectNode();
        double importance = 1.0;
        if (given != null && given.has("importance")) {
            JsonNode value = given.get("importance");
            if (!value.isNumber() || value.asDouble() < MIN_IMPORTANCE || value.asDouble() > MAX_IMPORTANCE) {
                throw ParleyException.invalidField("annotations.importance",
                        "'importance' must be a number from 0.5 (background) to 2 (authoritative)");
            }
            importance = value.asDouble();
        }
        out.put("importance", importance);
        Set<String> tags = new LinkedHashSet<>();
        if (given != null && given.has("tags")) {
            JsonNode value = given.get("tags");
            if (!value.isArray()) {
                throw ParleyException.invalidField("annotations.tags", "'tags' must be a list of words");
            }
            for (JsonNode tag : value) {
                if (!tag.isTextual() || tag.asText().isBlank() || tag.asText().length() > 60) {
                    throw ParleyException.invalidField("annotations.tags", "Each tag must be text of 1 to 60 characters");
                }
                tags.add(tag.asText().strip());
            }
            if (tags.size() > 30) {
                throw ParleyException.invalidField("annotations.tags", "At most 30 tags per document");
            }
        }
        ArrayNode array = out.putArray("tags");
        tags.forEach(array::add);
        if (given != null && given.hasNonNull("note")) {
            String note = given.get("note").asText().strip();
            if (note.length() > 1000) {
                throw ParleyException.invalidField("annotations.note", "'note' must be at most 1000 characters");
            }
            out.put("note", note);
        }
        return out;
    }
}
