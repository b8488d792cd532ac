package io.parley.server.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;
import io.parley.server.job.JobContext;

import java.util.Map;

/**
 * The progress of an ingestion job as {@code GET jobs/{id}} shows it: documents done (ready or
 * failed) out of the knowledge base's total, chunks embedded, the document being read. Each
 * update also renews the job's lease.
 */
final class IngestionProgress {

    private final JobContext context;
    private final KbStore store;
    private final String kbId;
    private final ObjectNode state;

    IngestionProgress(JobContext context, KbStore store, String kbId) {
        this.context = context;
        this.store = store;
        this.kbId = kbId;
        this.state = context.lastProgress().deepCopy(); // a resumed job goes on counting
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

    void reading(KbDocument doc) {
        state.put("current_document", doc.name());
        context.progress(state);
    }

    void embedded(int chunks) {
        state.put("chunks_embedded", state.path("chunks_embedded").asInt() + chunks);
        context.progress(state);
    }

    /** After a group's documents were marked ready: the counts come from the database. */
    void documentsSettled() {
        refreshTotals();
        context.progress(state);
    }

    void finished() {
        state.putNull("current_document");
        refreshTotals();
        context.progress(state);
    }

    private void refreshTotals() {
        Map<KbDocument.Status, Integer> counts = store.statusCounts(kbId);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        state.put("documents_total", total);
        state.put("documents_done", counts.getOrDefault(KbDocument.Status.READY, 0)
                + counts.getOrDefault(KbDocument.Status.ERROR, 0));
        state.put("documents_failed", counts.getOrDefault(KbDocument.Status.ERROR, 0));
    }
}
