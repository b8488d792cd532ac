package io.parley.server.kb.embed;

import io.parley.server.kb.chunk.TokenCounter;

import java.util.List;

/**
 * Turns text into vectors with a local model. Implementations are thread-safe; vectors are
 * L2-normalised so a dot product is the cosine similarity.
 */
public interface Embedder extends TokenCounter, AutoCloseable {

    EmbeddingModel model();

    /** Vectors for passages to be indexed, in input order. */
    List<float[]> embedPassages(List<String> texts);

    /** The vector of a search query (with the model's query instruction, where it has one). */
    float[] embedQuery(String query);

    @Override
    void close();
}
