package io.parley.server.kb.embed;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.parley.server.kb.embed.ReferenceVectors.cosine;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parley's vectors against vectors computed independently (transformers.js and its own tokenizer,
 * ONNX Runtime for Node) from the same model files: short, empty, non-ASCII and whitespace-heavy
 * texts, one truncated by MiniLM only and one truncated by both models, and a query.
 */
class OnnxEmbedderReferenceTest {

    private static final ReferenceVectors REFERENCE = ReferenceVectors.load();

    /**
     * fp32 must agree to float noise. Int8 kernels differ between ONNX Runtime releases (1.21
     * here, 1.30 in Node): 0.9955 is the lowest seen.
     */
    private static double threshold(EmbeddingModel model) {
        return model.id().endsWith("-q") ? 0.99 : 0.9999;
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void eachPassageAloneMatchesTheReference(EmbeddingModel model) {
        OnnxEmbedder embedder = SharedEmbedders.get(model);
        for (Map.Entry<String, String> passage : REFERENCE.passages().entrySet()) {
            float[] vector = embedder.embedPassages(List.of(passage.getValue())).getFirst();
            double cos = cosine(vector, REFERENCE.passage(model, passage.getKey()));
            System.out.printf("%s %s alone: cosine %.7f%n", model.id(), passage.getKey(), cos);
            assertThat(cos).as(model.id() + " / " + passage.getKey()).isGreaterThanOrEqualTo(threshold(model));
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void allPassagesInOnePaddedBatchMatchTheReference(EmbeddingModel model) {
        List<String> keys = new ArrayList<>(REFERENCE.passages().keySet());
        List<float[]> vectors = SharedEmbedders.get(model).embedPassages(new ArrayList<>(REFERENCE.passages().values()));
        assertThat(vectors).hasSize(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            double cos = cosine(vectors.get(i), REFERENCE.passage(model, keys.get(i)));
            System.out.printf("%s %s batched: cosine %.7f%n", model.id(), keys.get(i), cos);
            assertThat(cos).as(model.id() + " / " + keys.get(i)).isGreaterThanOrEqualTo(threshold(model));
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void queriesGetTheModelsInstructionAndMatchTheReference(EmbeddingModel model) {
        assertThat(REFERENCE.model(model).get("queryPrefix").asText()).isEqualTo(model.queryPrefix());
        for (Map.Entry<String, String> query : REFERENCE.queries().entrySet()) {
            float[] vector = SharedEmbedders.get(model).embedQuery(query.getValue());
            assertThat(cosine(vector, REFERENCE.query(model, query.getKey())))
                    .as(model.id() + " / " + query.getKey()).isGreaterThanOrEqualTo(threshold(model));
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void countsTheSameWordPiecesAsTheReferenceTokenizer(EmbeddingModel model) {
        for (Map.Entry<String, String> passage : REFERENCE.passages().entrySet()) {
            assertThat(SharedEmbedders.get(model).count(passage.getValue())).as(passage.getKey())
                    .isEqualTo(REFERENCE.wordPieces(model, passage.getKey()));
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddingModel.class)
    void fixtureCoversTruncation(EmbeddingModel model) {
        // Guards the fixture itself: regenerated texts must still cross each model's limit.
        assertThat(REFERENCE.model(model).get("maxTokens").asInt()).isEqualTo(model.maxTokens());
        assertThat(REFERENCE.wordPieces(model, "long") + 2).isGreaterThan(512);
        assertThat(REFERENCE.wordPieces(model, "medium") + 2).isBetween(257, 512);
    }
}
