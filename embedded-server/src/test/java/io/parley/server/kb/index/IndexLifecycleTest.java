package io.parley.server.kb.index;

import org.apache.lucene.index.IndexWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.parley.server.kb.index.TestCorpus.MONEY;
import static io.parley.server.kb.index.TestCorpus.chunk;
import static io.parley.server.kb.index.TestCorpus.ids;
import static io.parley.server.kb.index.TestCorpus.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyIndexAnswersEveryMethodWithNothing() {
        try (KnowledgeIndex index = KnowledgeIndex.open(dir, TestCorpus.DIM)) {
            assertThat(index.count()).isZero();
            assertThat(index.search(SearchQuery.keyword("refund", 5))).isEmpty();
            assertThat(index.search(SearchQuery.vector(null, vec(MONEY, 1), 5))).isEmpty();
            assertThat(index.search(SearchQuery.hybrid("refund", vec(MONEY, 1), 5).withThreshold(0.1f))).isEmpty();
        }
    }

    @Test
    void addingTheSameChunksAgainUpdatesInsteadOfDuplicating() {
        try (KnowledgeIndex index = TestCorpus.indexOf(dir, TestCorpus.handbook())) {
            index.addAll(TestCorpus.handbook());
            index.addAll(List.of(chunk("billing-1", "d-billing", "Billing Guide", 0,
                    "Chargebacks are handled by the bank.", vec(MONEY, 1))));
            index.commit();

            assertThat(index.count()).isEqualTo(11);
            assertThat(index.documentChunkCount("d-billing")).isEqualTo(2);
            assertThat(ids(index.search(SearchQuery.keyword("chargebacks", 5)))).containsExactly("billing-1");
            assertThat(index.search(SearchQuery.keyword("refunds issued", 5))).extracting(SearchHit::chunkId)
                    .doesNotContain("billing-1");
        }
    }

    @Test
    void deleteDocumentRemovesExactlyItsChunks() {
        try (KnowledgeIndex index = TestCorpus.indexOf(dir, TestCorpus.handbook())) {
            index.deleteDocument("d-billing");
            index.commit();

            assertThat(index.count()).isEqualTo(9);
            assertThat(index.documentChunkCount("d-billing")).isZero();
            assertThat(index.documentChunkCount("d-shipping")).isEqualTo(2);
            assertThat(index.search(SearchQuery.vector(null, vec(MONEY, 1), 20)))
                    .noneMatch(h -> h.documentId().equals("d-billing"));

            index.deleteAll();
            index.commit();
            assertThat(index.count()).isZero();
        }
    }

    @Test
    void searchesSeeNewChunksAfterRefreshWithoutReopening() {
        try (KnowledgeIndex index = TestCorpus.indexOf(dir, TestCorpus.handbook().subList(0, 4))) {
            index.addAll(TestCorpus.handbook().subList(4, 11));
            assertThat(index.count()).isEqualTo(4); // still the last point in time

            index.refresh();

            assertThat(index.count()).isEqualTo(11);
            assertThat(ids(index.search(SearchQuery.keyword("ERR-4411", 1)))).containsExactly("err-1");
        }
    }

    @Test
    void committedChunksSurviveClosingAndReopening() {
        TestCorpus.indexOf(dir, TestCorpus.handbook()).close();

        try (KnowledgeIndex reopened = KnowledgeIndex.open(dir, TestCorpus.DIM)) {
            assertThat(reopened.count()).isEqualTo(11);
            assertThat(ids(reopened.search(SearchQuery.keyword("password", 1)))).containsExactly("sec-1");
        }
    }

    @Test
    void aCrashLosesOnlyWhatWasNotCommitted() throws IOException {
        Path crashed = dir.resolve("after-crash");
        try (KnowledgeIndex index = TestCorpus.indexOf(dir.resolve("live"), TestCorpus.handbook().subList(0, 6))) {
            index.addAll(TestCorpus.handbook().subList(6, 11));
            index.deleteDocument("d-billing");
            index.refresh(); // flushed to disk for searching, but not committed

            // The files as they lie on disk at this moment, as if the process died now.
            copyWithoutLock(index.path(), crashed);

            try (KnowledgeIndex recovered = KnowledgeIndex.open(crashed, TestCorpus.DIM)) {
                assertThat(recovered.count()).isEqualTo(6);
                assertThat(recovered.documentChunkCount("d-billing")).isEqualTo(2);
                assertThat(recovered.search(SearchQuery.keyword("ERR-4411", 5))).isEmpty();
            }
            assertThat(index.count()).isEqualTo(9); // the live index has it all
        }
    }

    @Test
    void compactingKeepsEveryChunkSearchable() {
        try (KnowledgeIndex index = TestCorpus.indexOf(dir, TestCorpus.handbook().subList(0, 5))) {
            index.addAll(TestCorpus.handbook().subList(5, 11));
            index.commit();

            index.compact();

            assertThat(index.count()).isEqualTo(11);
            assertThat(ids(index.search(SearchQuery.vector(null, vec(TestCorpus.VEHICLES, 1), 1))))
                    .containsExactly("fleet-1");
        }
    }

    @Test
    void openingWithOtherDimensionsIsAClearError() {
        TestCorpus.indexOf(dir, TestCorpus.handbook()).close();

        assertThatThrownBy(() -> KnowledgeIndex.open(dir, 384))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16-dimensional vectors, not 384");
        assertThatThrownBy(() -> KnowledgeIndex.open(dir.resolve("x"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedIndexRefusesWork() {
        KnowledgeIndex index = TestCorpus.indexOf(dir, TestCorpus.handbook());
        index.close();
        index.close(); // idempotent

        assertThatThrownBy(() -> index.search(SearchQuery.keyword("refund", 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(index::commit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecondWriterOnTheSameFolderIsRefused() {
        try (KnowledgeIndex index = TestCorpus.indexOf(dir, TestCorpus.handbook())) {
            assertThatThrownBy(() -> KnowledgeIndex.open(dir, TestCorpus.DIM))
                    .hasMessageContaining("cannot open the search index");
            assertThat(index.count()).isEqualTo(11);
        }
    }

    private static void copyWithoutLock(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals(IndexWriter.WRITE_LOCK_NAME)) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }
}
