package io.parley.server.kb.eval;

import java.util.Objects;

/** One line of a BEIR {@code corpus.jsonl}: {@code {"_id", "title", "text"}}. */
public record BeirDocument(String id, String title, String text) {

    public BeirDocument {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title.strip();
        text = text == null ? "" : text.strip();
    }

    /**
     * What gets indexed: the title as its own paragraph, then the text, as BEIR evaluations
     * usually embed {@code title + text} (some corpora, Cranfield among them, repeat the title in
     * the text; that is kept, as those evaluations keep it).
     */
    public String indexText() {
        if (title.isEmpty()) {
            return text;
        }
        return text.isEmpty() ? title : title + "\n\n" + text;
    }
}
