package io.parley.server.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;

/** The progress of an ingestion job as {@code GET jobs/{id}} shows it. */
final class IngestionProgress {

    private IngestionProgress() {
    }

    static ObjectNode initial(int documents) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("documents_total", documents);
        p.put("documents_done", 0);
        p.put("documents_failed", 0);
        p.put("chunks_embedded", 0);
        p.putNull("current_document");
        return p;
    }
}
