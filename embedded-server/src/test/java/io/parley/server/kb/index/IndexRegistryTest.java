package io.parley.server.kb.index;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.parley.server.kb.index.TestCorpus.DIM;
import static io.parley.server.kb.index.TestCorpus.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexRegistryTest {

    static final String KB = "3f2b6c1e-0d7a-4c8e-9a51-2b7d9e4f0a13";
    static final SearchQuery ERR = SearchQuery.keyword("4411", 3);
    static final SearchQuery RENAMED = SearchQuery.keyword("renamed", 3);

    @TempDir
    Path base;
    IndexRegistry registry;

    @BeforeEach
    void open() {
        registry = new IndexRegistry(base);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    void fill(String kb) {
        registry.useIndex(kb, DIM, index -> {
            index.addAll(TestCorpus.handbook());
            index.commit();
        });
    }

    @Test
    void opensOneIndexPerKnowledgeBaseUnderItsFolder() {
        fill(KB);

        KnowledgeIndex first = registry.withIndex(KB, DIM, index -> index);
        KnowledgeIndex again = registry.withIndex(KB, DIM, index -> index);
        int otherCount = registry.withIndex("other-kb", DIM, KnowledgeIndex::count);

        assertThat(again).isSameAs(first);
        assertThat(first.path()).startsWith(base.resolve(KB));
        assertThat(otherCount).isZero();
        assertThat(ids(registry.search(KB, DIM, ERR))).containsExactly("err-1");
    }

    @Test
    void closeClosesEveryIndexAndTheyReopenFromDisk() {
        fill(KB);
        KnowledgeIndex index = registry.withIndex(KB, DIM, i -> i);

        registry.close();

        assertThatThrownBy(() -> index.search(ERR)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> registry.search(KB, DIM, ERR)).isInstanceOf(IllegalStateException.class);
        registry = new IndexRegistry(base);
        assertThat(ids(registry.search(KB, DIM, ERR))).containsExactly("err-1");
    }

    @Test
    void rebuildSwapsInTheNewIndexWhileTheOldOneKeepsServing() throws Exception {
        fill(KB);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        CountDownLatch searching = new CountDownLatch(50);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CompletableFuture<Void> searcher = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                try {
                    registry.search(KB, DIM, ERR);
                    searches.incrementAndGet();
                    searching.countDown();
                } catch (Throwable t) {
                    failures.add(t);
                    return;
                }
            }
        });

        // The rebuild source waits for searches to be under way, and checks the old index still answers.
        Iterator<IndexedChunk> source = TestCorpus.handbook().stream().map(c -> {
            if (c.chunkId().equals("err-1")) {
                await(searching);
                assertThat(ids(registry.search(KB, DIM, ERR))).containsExactly("err-1");
                return new IndexedChunk(c.chunkId(), c.documentId(), c.documentName(), c.position(),
                        "This code was renamed.", c.vector(), null, List.of(), 1f, List.of());
            }
            return c;
        }).iterator();
        registry.rebuild(KB, DIM, source);
        int afterSwap = searches.get();
        while (searches.get() < afterSwap + 20 && failures.isEmpty()) {
            Thread.onSpinWait(); // let searches run on the new index
        }
        running.set(false);
        searcher.get(30, TimeUnit.SECONDS);

        assertThat(failures).isEmpty();
        assertThat(registry.search(KB, DIM, ERR)).isEmpty();
        assertThat(ids(registry.search(KB, DIM, RENAMED))).containsExactly("err-1");
        assertThat(registry.withIndex(KB, DIM, KnowledgeIndex::count)).isEqualTo(11);
        assertThat(generations(KB)).hasSize(1); // the old generation is gone
    }

    @Test
    void aFailedRebuildLeavesTheOldIndexInService() {
        fill(KB);
        Iterator<IndexedChunk> broken = new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public IndexedChunk next() {
                if (++n > 3) {
                    throw new IllegalStateException("database went away");
                }
                return TestCorpus.handbook().get(n);
            }
        };

        assertThatThrownBy(() -> registry.rebuild(KB, DIM, broken)).hasMessageContaining("database went away");

        assertThat(ids(registry.search(KB, DIM, ERR))).containsExactly("err-1");
        assertThat(generations(KB)).hasSize(1);
    }

    @Test
    void rebuildCanChangeTheDimensions() {
        fill(KB);
        List<IndexedChunk> wider = TestCorpus.handbook().stream()
                .map(c -> IndexedChunk.of(c.chunkId(), c.documentId(), c.documentName(), c.position(), c.text(),
                        widen(c.vector()))).toList();

        registry.rebuild(KB, 32, wider.stream());

        assertThat(registry.withIndex(KB, 32, KnowledgeIndex::count)).isEqualTo(11);
        assertThatThrownBy(() -> registry.search(KB, DIM, ERR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-dimensional");
    }

    @Test
    void deleteRemovesTheFolder() {
        fill(KB);

        registry.delete(KB);

        assertThat(base.resolve(KB)).doesNotExist();
        assertThat(registry.withIndex(KB, DIM, KnowledgeIndex::count)).isZero(); // a fresh, empty index
    }

    @Test
    void leftoverGenerationsAreCleanedOnOpen() throws Exception {
        fill(KB);
        registry.close();
        Files.createDirectories(base.resolve(KB).resolve("gen-7")); // a rebuild that crashed

        registry = new IndexRegistry(base);

        assertThat(ids(registry.search(KB, DIM, ERR))).containsExactly("err-1");
        assertThat(generations(KB)).containsExactly("gen-1");
    }

    @Test
    void knowledgeBaseIdsCannotEscapeTheBaseFolder() {
        for (String bad : List.of("../etc", "a/b", "", " ", ".hidden")) {
            assertThatThrownBy(() -> registry.folder(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private List<String> generations(String kb) {
        try (var children = Files.list(base.resolve(kb))) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static float[] widen(float[] v) {
        float[] wide = new float[v.length * 2];
        System.arraycopy(v, 0, wide, 0, v.length);
        return wide;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
