package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.kb.index.IndexedChunk;

import java.util.ArrayList;
import java.util.List;

/** Turns stored chunks into index entries, carrying the document's name and annotations (boosts). */
final class KbIndexing {

    private KbIndexing() {
    }

    static List<IndexedChunk> toIndexed(List<StoredChunk> stored, KbDocument doc) {
        float importance = (float) doc.annotations().path("importance").asDouble(1.0);
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : doc.annotations().path("tags")) {
            tags.add(tag.asText());
        }
        List<IndexedChunk> out = new ArrayList<>(stored.size());
        for (StoredChunk c : stored) {
            out.add(new IndexedChunk(c.id(), doc.id(), doc.name(), c.position(), c.text(), c.embedding(), c.page(),
                    c.headingPath(), importance, tags));
        }
        return out;
    }
}
