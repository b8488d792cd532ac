package io.parley.server.kb;

import io.parley.server.common.ParleyException;
import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.embed.EmbedderRegistry;
import io.parley.server.kb.embed.EmbeddingModel;

import java.util.concurrent.CompletionException;

/** Waits for an embedding model for a request; a model that cannot load is a 503, not a 500. */
final class Models {
    private Models() {
    }

    static Embedder await(EmbedderRegistry registry, EmbeddingModel model) {
        try {
            return registry.get(model).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ParleyException(ParleyException.Kind.UNAVAILABLE, "model_unavailable",
                    "The embedding model " + model.id() + " is not available: " + cause.getMessage(), null);
        }
    }
}
