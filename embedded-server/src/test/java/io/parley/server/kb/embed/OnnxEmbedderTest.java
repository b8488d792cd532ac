package io.parley.server.kb.embed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.parley.server.kb.embed.ReferenceVectors.cosine;
import static io.parley.server.kb.embed.ReferenceVectors.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Behaviour around the model: instructions, batching, truncation, counting, concurrency, close.
 * Int8 graphs quantise activations per batch, so by default they embed one text per run (see
 * the last two tests).
 */
class OnnxEmbedderTest {

    private static final String QUERY = "how does a propeller slipstream change the lift of a wing?";
    private static final List<String> MIXED = List.of(
            "Lift.",
            "The boundary layer on a flat plate thickens downstream until the pressure rise separates it. ".repeat(6),
            "Shock waves meet the boundary layer.",
            "",
            "Heat transfer to a blunt body in hypersonic flow depends on the nose radius and the wall temperature.",
            "Lift.",
            "Measurements at Mach numbers between 1.5 and 3.2 showed that slender cones have little drag. ".repeat(30));

    /** Three texts per run, so MIXED spans several batches that each reorder their texts. */
    private static OnnxEmbedder smallBatches;

    @BeforeAll
    static void load() {
        smallBatches = OnnxEmbedder.load(EmbeddingModel.ALL_MINILM_L6_V2, new OnnxEmbedder.Settings(2, 3, 8192));
    }

    @AfterAll
    static void close() {
        smallBatches.close();
    }

    @Test
    void bgeQueriesCarryTheInstructionAndMiniLmQueriesDoNot() {
        OnnxEmbedder bge = SharedEmbedders.get(EmbeddingModel.BGE_SMALL_EN_V15);
        float[] query = bge.embedQuery(QUERY);
        assertThat(cosine(query, bge.embedPassages(List.of(QUERY)).getFirst())).isLessThan(0.99);
        assertThat(cosine(query, bge.embedPassages(List.of(bge.model().queryPrefix() + QUERY)).getFirst()))
                .isGreaterThan(0.999999);

        OnnxEmbedder miniLm = SharedEmbedders.get(EmbeddingModel.ALL_MINILM_L6_V2);
        assertThat(miniLm.embedQuery(QUERY)).containsExactly(miniLm.embedPassages(List.of(QUERY)).getFirst());
    }

    @Test
    void batchedVectorsEqualOneByOneVectorsInInputOrder() {
        for (OnnxEmbedder embedder : List.of(smallBatches, SharedEmbedders.get(EmbeddingModel.BGE_SMALL_EN_V15),
                SharedEmbedders.get(EmbeddingModel.ALL_MINILM_L6_V2_Q))) {
            List<float[]> batched = embedder.embedPassages(MIXED);
            assertThat(batched).hasSize(MIXED.size());
            for (int i = 0; i < MIXED.size(); i++) {
                float[] alone = embedder.embedPassages(List.of(MIXED.get(i))).getFirst();
                assertThat(cosine(batched.get(i), alone)).as(embedder.model().id() + " text " + i)
                        .isGreaterThan(0.99999);
            }
            assertThat(batched.get(5)).as("the same text twice").containsExactly(batched.get(0));
        }
    }

    @Test
    void everyVectorHasUnitLengthAndTheModelsDimensions() {
        for (float[] v : smallBatches.embedPassages(MIXED)) {
            assertThat(v).hasSize(384);
            assertThat(norm(v)).isCloseTo(1.0, within(1e-5));
        }
        assertThat(norm(SharedEmbedders.get(EmbeddingModel.BGE_SMALL_EN_V15).embedQuery(""))).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void textsBeyondTheLimitAreTruncatedNotRejected() {
        String opening = "Slender cones at Mach two have little drag and a stable shock. ".repeat(30); // > 256 pieces
        float[] a = smallBatches.embedPassages(List.of(opening + "The tail of one text.")).getFirst();
        float[] b = smallBatches.embedPassages(List.of(opening + "A different ending, never read.")).getFirst();
        assertThat(cosine(a, b)).isGreaterThan(0.999999);

        String megabyte = "word ".repeat(200_000);
        assertThat(smallBatches.embedPassages(List.of(megabyte)).getFirst()).hasSize(384);
        assertThat(smallBatches.count(megabyte)).isEqualTo(200_000); // counting never truncates
    }

    @Test
    void wordsWithoutPiecesDoNotCutTheRealTextAway() {
        // 300 "words" of zero-width spaces (removed by the normaliser), then the real text.
        String text = "\u200b ".repeat(300) + "Shock waves meet the boundary layer.";
        assertThat(cosine(smallBatches.embedPassages(List.of(text)).getFirst(),
                smallBatches.embedPassages(List.of("Shock waves meet the boundary layer.")).getFirst()))
                .isGreaterThan(0.99999);
    }

    @Test
    void countsWordPiecesWithoutSpecialTokens() {
        assertThat(smallBatches.count("")).isZero();
        assertThat(smallBatches.count("unaffable")).isEqualTo(3); // una ##ffa ##ble
        assertThat(smallBatches.count("Hello, world!")).isEqualTo(4);
    }

    @Test
    void emptyInputGivesNoVectorsAndNullIsRejected() {
        assertThat(smallBatches.embedPassages(List.of())).isEmpty();
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> smallBatches.embedPassages(withNull)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void concurrentCallersGetTheSameVectorsAsOneCaller() throws Exception {
        List<float[]> expected = smallBatches.embedPassages(MIXED);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[]>>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> smallBatches.embedPassages(MIXED)));
            }
            for (Future<List<float[]>> run : runs) {
                List<float[]> got = run.get();
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(cosine(got.get(i), expected.get(i))).isGreaterThan(0.99999);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedEmbedderRefusesWorkAndClosesOnce() {
        OnnxEmbedder embedder = OnnxEmbedder.load(EmbeddingModel.ALL_MINILM_L6_V2_Q);
        assertThat(embedder.embedQuery("lift")).hasSize(384);
        embedder.close();
        embedder.close();
        assertThatThrownBy(() -> embedder.embedQuery("lift")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> embedder.count("lift")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void int8ModelsEmbedOneTextPerRunByDefault() {
        assertThat(OnnxEmbedder.Settings.defaults(EmbeddingModel.BGE_SMALL_EN_V15_Q).maxBatchTexts()).isEqualTo(1);
        assertThat(OnnxEmbedder.Settings.defaults(EmbeddingModel.BGE_SMALL_EN_V15).maxBatchTexts()).isEqualTo(32);
    }

    @Test
    void batchedInt8VectorsDriftWithTheirNeighboursButStayClose() {
        try (OnnxEmbedder batching = OnnxEmbedder.load(EmbeddingModel.ALL_MINILM_L6_V2_Q,
                new OnnxEmbedder.Settings(2, 32, 8192))) {
            List<float[]> batched = batching.embedPassages(MIXED);
            for (int i = 0; i < MIXED.size(); i++) {
                // Worst seen: 0.975, the empty text padded to 256 positions beside long ones.
                assertThat(cosine(batched.get(i), batching.embedPassages(List.of(MIXED.get(i))).getFirst()))
                        .as("text " + i).isGreaterThan(0.97);
            }
        }
    }
}
