package io.parley.server.kb;

import io.parley.server.kb.embed.EmbedderRegistry;
import io.parley.server.kb.embed.EmbeddingModel;
import io.parley.server.kb.index.IndexRegistry;
import io.parley.server.ops.ReadinessCheck;
import io.parley.server.storage.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knowledge-base parts of readiness: every knowledge base with passages has its search index
 * on this node (else search would fail), and the bundled embedding models are there and did not
 * fail to load. Both are cheap: a query for ids, a look at folders and class-path resources.
 */
final class KbReadiness {

    private final Database db;
    private final Path indexRoot;
    private final IndexRegistry indexes;
    private final EmbedderRegistry embedders;

    KbReadiness(Database db, Path indexRoot, IndexRegistry indexes, EmbedderRegistry embedders) {
        this.db = db;
        this.indexRoot = indexRoot;
        this.indexes = indexes;
        this.embedders = embedders;
    }

    List<ReadinessCheck> checks() {
        return List.of(this::indexes, this::models);
    }

    ReadinessCheck.Result indexes() {
        List<String> withPassages = db.execute().query("SELECT DISTINCT kb_id FROM kb_documents WHERE status = 'ready' "
                + "AND chunk_count > 0 ORDER BY kb_id").map(row -> row.column("kb_id").getString()).toList();
        List<String> missing = withPassages.stream().filter(id -> !Files.isDirectory(indexes.folder(id))).toList();
        boolean writable = Files.isDirectory(indexRoot) ? Files.isWritable(indexRoot)
                : indexRoot.getParent() != null && Files.isWritable(indexRoot.getParent());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("knowledge_bases", withPassages.size());
        details.put("writable", writable);
        if (!missing.isEmpty()) {
            details.put("missing", missing.subList(0, Math.min(10, missing.size())));
            details.put("fix", "POST /api/v1/kb/{kb_id}/rebuild-index, or parley kb rebuild-index KB_ID");
        }
        return new ReadinessCheck.Result("indexes", writable && missing.isEmpty(), details);
    }

    ReadinessCheck.Result models() {
        Map<String, Object> states = new LinkedHashMap<>();
        boolean up = true;
        for (EmbeddingModel model : EmbeddingModel.values()) {
            ClassLoader loader = KbReadiness.class.getClassLoader();
            boolean present = loader.getResource(model.onnxResource()) != null
                    && loader.getResource(model.tokenizerResource()) != null;
            EmbedderRegistry.State state = embedders.state(model);
            String shown = !present ? "missing" : switch (state) {
                case NOT_LOADED -> "available";
                case LOADING -> "loading";
                case READY -> "loaded";
                case FAILED -> "failed: " + embedders.failure(model).map(Throwable::getMessage).orElse("?");
            };
            states.put(model.id(), shown);
            up &= present && state != EmbedderRegistry.State.FAILED;
        }
        return new ReadinessCheck.Result("models", up, Map.of("embedding", states));
    }
}
