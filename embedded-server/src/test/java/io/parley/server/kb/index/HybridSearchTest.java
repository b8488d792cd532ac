package io.parley.server.kb.index;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.parley.server.kb.index.TestCorpus.VEHICLES;
import static io.parley.server.kb.index.TestCorpus.ids;
import static io.parley.server.kb.index.TestCorpus.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The constructed case: "ERR-4411 car repair" asks about an error code (only keywords can find
 * err-1: its vector is elsewhere) and about car maintenance (only vectors can find fleet-1: it
 * says "automobile maintenance"). The query vector means cars.
 */
class HybridSearchTest {

    static final String TEXT = "ERR-4411 car repair";
    static final float[] CARS = vec(VEHICLES, 1);

    @TempDir
    Path dir;
    KnowledgeIndex index;

    @BeforeEach
    void open() {
        index = TestCorpus.indexOf(dir.resolve("main"), TestCorpus.handbook());
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void hybridFindsWhatEachSingleMethodMisses() {
        List<String> keyword = ids(index.search(SearchQuery.keyword(TEXT, 2)));
        List<String> vector = ids(index.search(SearchQuery.vector(TEXT, CARS, 2)));
        List<String> hybrid = ids(index.search(SearchQuery.hybrid(TEXT, CARS, 2)));

        assertThat(keyword).contains("err-1").doesNotContain("fleet-1");
        assertThat(vector).contains("fleet-1").doesNotContain("err-1");
        assertThat(hybrid).containsExactlyInAnyOrder("err-1", "fleet-1");
    }

    @Test
    void hybridHitsCarryBothSignalsAndAFusedScoreInZeroToOne() {
        List<SearchHit> hits = index.search(SearchQuery.hybrid(TEXT, CARS, 11));

        SearchHit err = hits.stream().filter(h -> h.chunkId().equals("err-1")).findFirst().orElseThrow();
        assertThat(err.keywordScore()).isPositive();
        assertThat(err.vectorScore()).isNotNull(); // exact cosine, although HNSW did not rank it
        assertThat(hits).allSatisfy(h -> {
            assertThat(h.score()).isBetween(0f, 1f);
            assertThat(h.vectorScore()).isNotNull();
        });
        assertThat(hits).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
    }

    @Test
    void thresholdAppliesToCosineForEveryHybridHit() {
        List<SearchHit> hits = index.search(SearchQuery.hybrid(TEXT, CARS, 10).withThreshold(0.5f));

        assertThat(ids(hits)).containsExactlyInAnyOrder("fleet-1", "fleet-2"); // err-1's cosine is 0
    }

    @Test
    void reciprocalRankFusionLetsAWeakDoubleMatchOutrankAStrongSingleOne() {
        // Why CONVEX is the default: in a small KB every chunk is in the vector list, so the printer
        // chunk (matches "repair", far from cars) collects rank credit from both lists and beats
        // fleet-1, the best vector match that shares no word with the query.
        try (KnowledgeIndex rrf = TestCorpus.indexOf(dir.resolve("rrf"), TestCorpus.handbook(),
                IndexTuning.DEFAULT.withFusion(IndexTuning.Fusion.RRF))) {
            List<SearchHit> hits = rrf.search(SearchQuery.hybrid(TEXT, CARS, 2));

            assertThat(ids(hits)).contains("err-1").doesNotContain("fleet-1");
            assertThat(hits).allSatisfy(h -> assertThat(h.score()).isBetween(0f, 1f));
        }
    }

    @Test
    void hybridNeedsTextAndVector() {
        assertThatThrownBy(() -> SearchQuery.hybrid(" ", CARS, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchQuery.hybrid("cars", null, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopWordOnlyTextFallsBackToVectors() {
        assertThat(ids(index.search(SearchQuery.hybrid("the of", CARS, 1)))).containsExactly("fleet-1");
    }
}
