package io.parley.server.kb.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Searches of every method run while another thread adds, deletes, refreshes and commits. */
class ConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void searchesDuringIndexingNeverFail() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (KnowledgeIndex index = KnowledgeIndex.open(dir, TestCorpus.DIM)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger searches = new AtomicInteger();
            Future<?> writer = pool.submit(() -> {
                try {
                    write(index);
                } finally {
                    writing.set(false);
                }
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int seed = r;
                readers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    // keep searching until the writer is done, and at least 200 times
                    while (writing.get() || searches.get() < 200) {
                        search(index, random);
                        searches.incrementAndGet();
                    }
                }));
            }

            writer.get(60, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS); // rethrows any search failure
            }

            assertThat(index.count()).isEqualTo(40 * 25 - 25);
            assertThat(searches.get()).isGreaterThanOrEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void write(KnowledgeIndex index) {
        Random random = new Random(42);
        for (int batch = 0; batch < 40; batch++) {
            List<IndexedChunk> chunks = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                chunks.add(TestCorpus.chunk("c-" + batch + "-" + i, "d-" + batch, "Doc " + batch, i,
                        "Chunk " + i + " of batch " + batch + " talks about topic" + random.nextInt(10) + " things.",
                        randomVector(random)));
            }
            index.addAll(chunks);
            if (batch == 20) {
                index.deleteDocument("d-3");
            }
            if (batch % 5 == 0) {
                index.commit();
            } else {
                index.refresh();
            }
        }
        index.commit();
    }

    private static void search(KnowledgeIndex index, Random random) {
        String text = "topic" + random.nextInt(10) + " things batch";
        float[] vector = randomVector(random);
        var query = switch (random.nextInt(3)) {
            case 0 -> SearchQuery.keyword(text, 5);
            case 1 -> SearchQuery.vector(text, vector, 5);
            default -> SearchQuery.hybrid(text, vector, 5);
        };
        assertThat(index.search(query)).hasSizeLessThanOrEqualTo(5);
    }

    private static float[] randomVector(Random random) {
        float[] v = new float[TestCorpus.DIM];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v; // not unit length on purpose: the index normalises
    }
}
