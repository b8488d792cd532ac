package io.parley.server.kb.eval;

import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.index.KnowledgeIndex;
import io.parley.server.kb.index.SearchHit;
import io.parley.server.kb.index.SearchQuery;
import io.parley.server.testing.WordHashEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CorpusIndexerTest {

    @TempDir
    Path dir;

    private final WordHashEmbedder embedder = new WordHashEmbedder();

    @Test
    void eachDocumentIsOneDocumentCutIntoChunksEmbeddedInWindowsAcrossDocuments() {
        List<BeirDocument> docs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            docs.add(new BeirDocument("d" + i, "Title " + i, "Short text number " + i + " about gliders."));
        }
        docs.add(new BeirDocument("long", "A long one", "Supersonic flutter of panels. ".repeat(60)));
        docs.add(new BeirDocument("empty", "", ""));
        List<int[]> progress = new ArrayList<>();

        try (KnowledgeIndex index = KnowledgeIndex.open(dir, 384)) {
            IndexedCorpus corpus = new CorpusIndexer(embedder, ChunkingSettings.recursive(64, 8))
                    .index(docs, index, (done, total) -> progress.add(new int[] {done, total}));

            assertThat(corpus.documents()).isEqualTo(301);
            assertThat(corpus.skipped()).isEqualTo(1);
            assertThat(corpus.chunks()).isEqualTo(index.count()).isGreaterThan(301);
            assertThat(index.documentChunkCount("long")).isGreaterThan(1);
            assertThat(index.documentChunkCount("d7")).isEqualTo(1);
            // one call per window of 256 chunks (the short documents have one each), then the rest
            assertThat(embedder.callSizes()).containsExactly(CorpusIndexer.EMBED_WINDOW,
                    corpus.chunks() - CorpusIndexer.EMBED_WINDOW);
            assertThat(progress).extracting(p -> p[0]).containsExactly(256, 302);
            assertThat(progress.getLast()).containsExactly(302, 302);

            List<SearchHit> hits = index.search(SearchQuery.keyword("title 7", 5));
            assertThat(hits.getFirst().documentId()).isEqualTo("d7");
            assertThat(hits.getFirst().chunkId()).isEqualTo("d7#0");
            assertThat(hits.getFirst().text()).isEqualTo("Title 7\n\nShort text number 7 about gliders.");
        }
    }
}
