package io.parley.server.kb.eval;

import java.util.Objects;

/** One line of a BEIR {@code queries.jsonl}: {@code {"_id", "text"}}. */
public record BeirQuery(String id, String text) {

    public BeirQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
