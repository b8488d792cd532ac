package io.parley.server.kb.index.bench;

import io.parley.server.kb.index.IndexTuning;
import io.parley.server.kb.index.IndexedChunk;
import io.parley.server.kb.index.KnowledgeIndex;
import io.parley.server.kb.index.SearchHit;
import io.parley.server.kb.index.SearchQuery;
import org.apache.lucene.util.VectorUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Indexing time, search latency (p50/p99, single thread, query embedding excluded: vectors are
 * given) and HNSW recall@10 against exact brute-force search, on a synthetic 100k-chunk,
 * 384-dimension knowledge base ({@link SyntheticCorpus}). Not a test; run by hand:
 *
 * <pre>
 * ./mvnw -q -o -pl embedded-server test-compile
 * ./mvnw -q -o -pl embedded-server dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx6g --add-modules jdk.incubator.vector \
 *   -cp "embedded-server/target/test-classes:embedded-server/target/classes:$(cat embedded-server/target/cp.txt)" \
 *   io.parley.server.kb.index.bench.IndexBenchmark [chunks=100000] [m=16] [beam=100] [sigma=0.038] \
 *   [candidates=10,50,100,200]
 * </pre>
 *
 * {@code --add-modules jdk.incubator.vector} lets Lucene use SIMD for vector comparisons; without
 * it Lucene warns and falls back to scalar code. The index is written into a temporary folder
 * and deleted at the end.
 */
public final class IndexBenchmark {

    static final int DIMENSIONS = 384;
    static final int CLUSTERS = 1000;
    static final int BATCH = 1000;
    static final int WARMUP = 300;
    static final int QUERIES = 1000;
    static final int RECALL_QUERIES = 500;
    static final int TOP_K = 10;

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            options.put(kv[0], kv[1]);
        }
        int chunks = Integer.parseInt(options.getOrDefault("chunks", "100000"));
        int m = Integer.parseInt(options.getOrDefault("m", "16"));
        int beam = Integer.parseInt(options.getOrDefault("beam", "100"));
        double sigma = Double.parseDouble(options.getOrDefault("sigma", "0.038"));
        int[] candidates = Arrays.stream(options.getOrDefault("candidates", "10,50,100,200").split(","))
                .mapToInt(Integer::parseInt).toArray();
        IndexTuning tuning = IndexTuning.DEFAULT.withHnsw(m, beam);
        System.out.printf(Locale.ROOT, "%,d chunks, %d dimensions, %d clusters, sigma %.3f (member-centre cosine "
                        + "%.2f); HNSW M=%d beamWidth=%d; %d cores%n", chunks, DIMENSIONS, CLUSTERS, sigma,
                1 / Math.sqrt(1 + DIMENSIONS * sigma * sigma), m, beam, Runtime.getRuntime().availableProcessors());

        SyntheticCorpus corpus = new SyntheticCorpus(DIMENSIONS, CLUSTERS, sigma, 7);
        Path dir = Files.createTempDirectory("parley-index-bench");
        try {
            float[][] vectors = index(corpus, chunks, dir, tuning);
            List<SyntheticCorpus.Query> queries = queries(corpus, WARMUP + QUERIES);
            List<SyntheticCorpus.Query> recallQueries = queries(corpus, RECALL_QUERIES);
            long start = System.nanoTime();
            List<Set<String>> exact = recallQueries.stream().parallel().map(q -> exactTop(vectors, q.vector())).toList();
            System.out.printf(Locale.ROOT, "exact top-%d for %d queries by brute force: %.1f s%n%n",
                    TOP_K, RECALL_QUERIES, (System.nanoTime() - start) / 1e9);

            try (KnowledgeIndex index = KnowledgeIndex.open(dir, DIMENSIONS, tuning)) {
                warmUp(index, queries); // JIT-compile every path before the first measured row
            }
            System.out.println("as indexed:");
            table(dir, tuning, candidates, queries, recallQueries, exact);
            try (KnowledgeIndex index = KnowledgeIndex.open(dir, DIMENSIONS, tuning)) {
                long compactStart = System.nanoTime();
                index.compact();
                System.out.printf(Locale.ROOT, "%ncompact() into one segment: %.1f s%n",
                        (System.nanoTime() - compactStart) / 1e9);
            }
            table(dir, tuning, candidates, queries, recallQueries, exact);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void table(Path dir, IndexTuning tuning, int[] candidates, List<SyntheticCorpus.Query> queries,
                              List<SyntheticCorpus.Query> recallQueries, List<Set<String>> exact) {
        System.out.println("candidates  recall@10  keyword p50/p99 ms  vector p50/p99 ms  hybrid p50/p99 ms");
        for (int k : candidates) {
            try (KnowledgeIndex index = KnowledgeIndex.open(dir, DIMENSIONS, tuning.withVectorCandidates(k))) {
                double recall = recall(index, recallQueries, exact);
                String keyword = latency(index, queries, q -> SearchQuery.keyword(q.text(), TOP_K));
                String vector = latency(index, queries, q -> SearchQuery.vector(q.text(), q.vector(), TOP_K));
                String hybrid = latency(index, queries, q -> SearchQuery.hybrid(q.text(), q.vector(), TOP_K));
                System.out.printf(Locale.ROOT, "%10d  %9.3f  %18s  %17s  %17s%n", k, recall, keyword, vector, hybrid);
            }
        }
    }

    private static float[][] index(SyntheticCorpus corpus, int chunks, Path dir, IndexTuning tuning)
            throws IOException {
        float[][] vectors = new float[chunks][];
        Random random = new Random(11);
        long start = System.nanoTime();
        try (KnowledgeIndex index = KnowledgeIndex.open(dir, DIMENSIONS, tuning)) {
            List<IndexedChunk> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < chunks; i++) {
                IndexedChunk chunk = corpus.chunk(i, random);
                vectors[i] = chunk.vector();
                batch.add(chunk);
                if (batch.size() == BATCH || i == chunks - 1) {
                    index.addAll(batch);
                    index.commit(); // as ingestion does: durable per batch
                    batch.clear();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes;
        try (Stream<Path> files = Files.list(dir)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        long segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(p -> p.toString().endsWith(".si")).count();
        }
        System.out.printf(Locale.ROOT, "indexing (commit every %d chunks, incl. generating them): %.1f s, "
                + "%.0f chunks/s; %d segments, %.0f MB on disk%n", BATCH, seconds, chunks / seconds, segments, bytes / 1e6);
        return vectors;
    }

    private static List<SyntheticCorpus.Query> queries(SyntheticCorpus corpus, int n) {
        Random random = new Random(n * 31L);
        return IntStream.range(0, n).mapToObj(i -> corpus.query(random)).toList();
    }

    private static Set<String> exactTop(float[][] vectors, float[] query) {
        // a bounded min-heap would be faster; a full scan per query is fast enough and obviously right
        Integer[] order = new Integer[vectors.length];
        float[] scores = new float[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            scores[i] = VectorUtil.dotProduct(query, vectors[i]);
            order[i] = i;
        }
        Set<String> top = new HashSet<>();
        Arrays.stream(order).sorted((a, b) -> Float.compare(scores[b], scores[a])).limit(TOP_K)
                .forEach(i -> top.add("c" + i));
        return top;
    }

    private static double recall(KnowledgeIndex index, List<SyntheticCorpus.Query> queries, List<Set<String>> exact) {
        long found = 0;
        for (int i = 0; i < queries.size(); i++) {
            Set<String> truth = exact.get(i);
            List<SearchHit> hits = index.search(SearchQuery.vector(null, queries.get(i).vector(), TOP_K));
            found += hits.stream().filter(h -> truth.contains(h.chunkId())).count();
        }
        return (double) found / (queries.size() * TOP_K);
    }

    private static void warmUp(KnowledgeIndex index, List<SyntheticCorpus.Query> queries) {
        for (int round = 0; round < 3; round++) {
            for (SyntheticCorpus.Query q : queries) {
                index.search(SearchQuery.keyword(q.text(), TOP_K));
                index.search(SearchQuery.vector(q.text(), q.vector(), TOP_K));
                index.search(SearchQuery.hybrid(q.text(), q.vector(), TOP_K));
            }
        }
    }

    private static String latency(KnowledgeIndex index, List<SyntheticCorpus.Query> queries,
                                  Function<SyntheticCorpus.Query, SearchQuery> toQuery) {
        long[] nanos = new long[QUERIES];
        for (int i = 0; i < queries.size(); i++) {
            SearchQuery query = toQuery.apply(queries.get(i));
            long start = System.nanoTime();
            index.search(query);
            if (i >= WARMUP) {
                nanos[i - WARMUP] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        return String.format(Locale.ROOT, "%.2f / %.2f", nanos[QUERIES / 2] / 1e6, nanos[QUERIES * 99 / 100] / 1e6);
    }
}
