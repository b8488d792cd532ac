package io.parley.server.kb.index;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.parley.server.kb.index.TestCorpus.VEHICLES;
import static io.parley.server.kb.index.TestCorpus.BICYCLES;
import static io.parley.server.kb.index.TestCorpus.ids;
import static io.parley.server.kb.index.TestCorpus.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VectorSearchTest {

    @TempDir
    Path dir;
    KnowledgeIndex index;

    @BeforeEach
    void open() {
        index = TestCorpus.indexOf(dir, TestCorpus.handbook());
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void nearestVectorsComeFirstWithTheirCosine() {
        // "car upkeep" shares no word with the fleet manual, but means it.
        List<SearchHit> hits = index.search(SearchQuery.vector("car upkeep", vec(VEHICLES, 1), 3));

        assertThat(ids(hits)).startsWith("fleet-1", "fleet-2");
        assertThat(hits.get(0).vectorScore()).isCloseTo(1f, within(1e-5f));
        assertThat(hits.get(1).vectorScore()).isCloseTo(0.8f, within(1e-5f));
        assertThat(hits.get(0).score()).isEqualTo(hits.get(0).vectorScore()); // no boosts here
        assertThat(hits.get(0).keywordScore()).isNull();
    }

    @Test
    void thresholdIsOnCosine() {
        List<SearchHit> hits = index.search(SearchQuery.vector(null, vec(VEHICLES, 1), 10).withThreshold(0.7f));

        assertThat(ids(hits)).containsExactly("fleet-1", "fleet-2");
    }

    @Test
    void topKAndFilter() {
        assertThat(index.search(SearchQuery.vector(null, vec(VEHICLES, 1), 1))).hasSize(1);
        assertThat(index.search(SearchQuery.vector(null, vec(VEHICLES, 1), 50))).hasSize(11);

        List<SearchHit> filtered = index.search(SearchQuery.vector(null, vec(VEHICLES, 1), 3)
                .withDocuments(Set.of("d-billing", "d-errors")));

        assertThat(filtered).hasSize(3)
                .allSatisfy(h -> assertThat(h.documentId()).isIn("d-billing", "d-errors"));
    }

    @Test
    void queryVectorThatIsNotUnitLengthIsNormalised() {
        float[] scaled = vec(VEHICLES, 0.6, BICYCLES, 0.8);
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 7;
        }

        SearchHit top = index.search(SearchQuery.vector(null, scaled, 1)).getFirst();

        assertThat(top.chunkId()).isEqualTo("fleet-2");
        assertThat(top.vectorScore()).isLessThanOrEqualTo(1.0001f);
    }

    @Test
    void dimensionMismatchIsAClearError() {
        assertThatThrownBy(() -> index.search(SearchQuery.vector(null, new float[384], 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("384 dimensions").hasMessageContaining("16-dimensional");
        IndexedChunk wrong = TestCorpus.chunk("x", "d-x", "X", 0, "text", new float[] {1, 0, 0});
        assertThatThrownBy(() -> index.addAll(List.of(wrong)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk x");
        assertThatThrownBy(() -> index.addAll(List.of(TestCorpus.chunk("z", "d-z", "Z", 0, "t", new float[16]))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero vector");
    }

    @Test
    void vectorSearchNeedsAVector() {
        assertThatThrownBy(() -> SearchQuery.vector("words", null, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query vector");
    }
}
