package io.parley.server.kb.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.parley.server.kb.index.TestCorpus.STORAGE;
import static io.parley.server.kb.index.TestCorpus.INSTALL;
import static io.parley.server.kb.index.TestCorpus.ids;
import static io.parley.server.kb.index.TestCorpus.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Two chunks alike in text and vector; only their annotations differ. */
class BoostTest {

    static final String TEXT = "Settings are kept in the config file next to the program.";

    @TempDir
    Path dir;

    static IndexedChunk annotated(String id, float importance, List<String> tags, float[] vector) {
        return new IndexedChunk(id, "d-" + id, "Doc " + id, 0, TEXT, vector, null, List.of(), importance, tags);
    }

    @Test
    void importanceRaisesTheRank() {
        // "plain" is slightly nearer to the query, so it wins without boosts.
        List<IndexedChunk> chunks = List.of(
                annotated("plain", 1f, List.of(), vec(STORAGE, 1, INSTALL, 0.1)),
                annotated("important", 1.5f, List.of(), vec(STORAGE, 1, INSTALL, 0.3)));
        try (KnowledgeIndex index = TestCorpus.indexOf(dir, chunks)) {
            float[] query = vec(STORAGE, 1);

            List<SearchHit> vector = index.search(SearchQuery.vector(null, query, 2));
            List<SearchHit> hybrid = index.search(SearchQuery.hybrid("config file", query, 2));

            assertThat(ids(vector)).containsExactly("important", "plain");
            assertThat(vector.getFirst().score()).isCloseTo(1.5f * vector.getFirst().vectorScore(), within(1e-5f));
            assertThat(ids(hybrid)).containsExactly("important", "plain");
        }
    }

    @Test
    void importanceIsClampedToTwo() {
        List<IndexedChunk> chunks = List.of(annotated("huge", 100f, List.of(), vec(STORAGE, 1)),
                annotated("two", 2f, List.of(), vec(STORAGE, 1)));
        try (KnowledgeIndex index = TestCorpus.indexOf(dir, chunks)) {
            List<SearchHit> hits = index.search(SearchQuery.vector(null, vec(STORAGE, 1), 2));

            assertThat(hits.get(0).score()).isCloseTo(hits.get(1).score(), within(1e-5f)).isCloseTo(2f, within(1e-4f));
        }
    }

    @Test
    void tagsMatchingQueryWordsRaiseTheRank() {
        List<IndexedChunk> chunks = List.of(
                annotated("untagged", 1f, List.of("printing"), vec(STORAGE, 1, INSTALL, 0.1)),
                annotated("tagged", 1f, List.of("Backups", "restore"), vec(STORAGE, 1, INSTALL, 0.3)));
        try (KnowledgeIndex index = TestCorpus.indexOf(dir, chunks)) {
            float[] query = vec(STORAGE, 1);

            // "backup" (stemmed like the tag "Backups") is in no chunk's text.
            assertThat(ids(index.search(SearchQuery.keyword("config backup", 2)))).first().isEqualTo("tagged");
            assertThat(ids(index.search(SearchQuery.vector(null, query, 2)))).first().isEqualTo("untagged");
            assertThat(ids(index.search(SearchQuery.vector("backup", query, 2)))).first().isEqualTo("tagged");
            assertThat(ids(index.search(SearchQuery.hybrid("config backup", query, 2)))).first().isEqualTo("tagged");
        }
    }
}
