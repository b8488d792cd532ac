package io.parley.server.kb.eval;

import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.embed.EmbeddingModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stand-in embedder for plumbing tests: one token per word, and a unit vector that sums one
 * random-ish direction per word, so texts sharing words point alike. Records its batch sizes.
 */
final class WordHashEmbedder implements Embedder {

    private static final EmbeddingModel MODEL = EmbeddingModel.ALL_MINILM_L6_V2_Q; // for its 384 dimensions

    final List<Integer> batchSizes = new ArrayList<>();

    @Override
    public EmbeddingModel model() {
        return MODEL;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        batchSizes.add(texts.size());
        return texts.stream().map(WordHashEmbedder::vector).toList();
    }

    @Override
    public float[] embedQuery(String query) {
        return vector(query);
    }

    @Override
    public int count(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    @Override
    public void close() {
    }

    private static float[] vector(String text) {
        float[] v = new float[MODEL.dimensions()];
        for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!word.isEmpty()) {
                v[Math.floorMod(word.hashCode(), v.length)] += 1;
            }
        }
        v[0] += 1e-3f; // never the zero vector
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
