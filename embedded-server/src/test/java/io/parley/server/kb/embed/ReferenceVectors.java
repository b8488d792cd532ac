package io.parley.server.kb.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fixture {@code kb/embed/reference-vectors.json}: texts and the vectors transformers.js
 * computed for them from the same model files (see generate-reference-vectors.mjs beside it).
 */
record ReferenceVectors(Map<String, String> passages, Map<String, String> queries, JsonNode models) {

    static ReferenceVectors load() {
        try (InputStream in = ReferenceVectors.class.getResourceAsStream("/kb/embed/reference-vectors.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            return new ReferenceVectors(texts(root.get("passages")), texts(root.get("queries")), root.get("models"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    float[] passage(EmbeddingModel model, String key) {
        return vector(models.get(model.id()).get("passages").get(key));
    }

    float[] query(EmbeddingModel model, String key) {
        return vector(models.get(model.id()).get("queries").get(key));
    }

    int wordPieces(EmbeddingModel model, String key) {
        return models.get(model.id()).get("wordPieces").get(key).asInt();
    }

    JsonNode model(EmbeddingModel model) {
        return models.get(model.id());
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }

    private static float[] vector(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }

    private static Map<String, String> texts(JsonNode node) {
        Map<String, String> texts = new LinkedHashMap<>();
        node.properties().forEach(e -> texts.put(e.getKey(), e.getValue().asText()));
        return texts;
    }
}
