package io.parley.server.kb.eval;

import io.parley.server.kb.index.SearchHit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentRankingTest {

    @Test
    void aDocumentRanksWhereItsBestChunkRanks() {
        List<SearchHit> hits = List.of(hit("b#1", "b"), hit("a#0", "a"), hit("b#0", "b"), hit("c#2", "c"),
                hit("a#1", "a"));

        assertThat(RetrievalEvaluator.documentRanking(hits)).containsExactly("b", "a", "c");
    }

    private static SearchHit hit(String chunkId, String documentId) {
        return new SearchHit(chunkId, documentId, documentId, 0, "text", null, List.of(), 1f, null, null, "text");
    }
}
