package io.parley.server.kb.embed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each model loaded once for the whole test JVM: loading bge-small takes a second or two and
 * some 200 MB, and the embedders are thread-safe. They are never closed; the JVM's exit frees them.
 * Tests of close() load their own instance.
 */
final class SharedEmbedders {

    private static final Map<EmbeddingModel, OnnxEmbedder> LOADED = new ConcurrentHashMap<>();

    private SharedEmbedders() {
    }

    static OnnxEmbedder get(EmbeddingModel model) {
        return LOADED.computeIfAbsent(model, OnnxEmbedder::load);
    }
}
