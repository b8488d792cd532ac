package io.parley.server.testing;

import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.embed.EmbeddingModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * A stand-in embedder for plumbing tests: one token per word, and a unit vector summing one hashed
 * direction per word, so texts sharing words point alike. It records every {@code embedPassages}
 * call; {@link #onCall} runs before a call answers, with the call's number (from 1), so a test can
 * act while a group is being embedded.
 */
public final class WordHashEmbedder implements Embedder {

    public static final EmbeddingModel MODEL = EmbeddingModel.ALL_MINILM_L6_V2_Q; // for its 384 dimensions

    public final List<List<String>> calls = new ArrayList<>();
    public IntConsumer onCall = call -> { };

    @Override
    public EmbeddingModel model() {
        return MODEL;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        calls.add(List.copyOf(texts));
        onCall.accept(calls.size());
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

    public List<Integer> callSizes() {
        return calls.stream().map(List::size).toList();
    }

    /** How many times a text containing {@code marker} was embedded. */
    public long embeddedTimes(String marker) {
        return calls.stream().flatMap(List::stream).filter(t -> t.contains(marker)).count();
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
