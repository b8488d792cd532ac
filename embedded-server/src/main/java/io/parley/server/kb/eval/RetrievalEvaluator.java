package io.parley.server.kb.eval;

import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.index.KnowledgeIndex;
import io.parley.server.kb.index.SearchHit;
import io.parley.server.kb.index.SearchQuery;
import io.parley.server.kb.index.SearchQuery.Method;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Measures keyword, vector and hybrid search on a BEIR collection: indexes the corpus into a
 * temporary {@link KnowledgeIndex} (see {@link CorpusIndexer}), runs every judged query with each
 * method, and averages nDCG@10 and Recall@100 over them. A document ranks where its best chunk
 * ranks: hits are merged by document, keeping the first.
 *
 * <pre>{@code
 * try (Embedder embedder = OnnxEmbedder.load(EmbeddingModel.DEFAULT)) {
 *     EvalReport report = new RetrievalEvaluator(embedder, EvalSettings.defaults())
 *             .evaluate(BeirLoader.load(dir), CorpusIndexer.Progress.NONE);
 * }
 * }</pre>
 */
public final class RetrievalEvaluator {

    public static final int NDCG_CUTOFF = 10;
    public static final int RECALL_CUTOFF = 100;

    private final Embedder embedder;
    private final EvalSettings settings;

    public RetrievalEvaluator(Embedder embedder, EvalSettings settings) {
        this.embedder = embedder;
        this.settings = settings;
    }

    public EvalReport evaluate(BeirDataset dataset, CorpusIndexer.Progress progress) {
        Path dir = createTempDir();
        try (KnowledgeIndex index = KnowledgeIndex.open(dir, embedder.model().dimensions(), settings.tuning())) {
            IndexedCorpus corpus = new CorpusIndexer(embedder, settings.chunking())
                    .index(dataset.documents(), index, progress);
            List<BeirQuery> queries = dataset.judgedQueries();
            long started = System.nanoTime();
            List<float[]> vectors = queries.stream().map(q -> embedder.embedQuery(q.text())).toList();
            Duration embedding = Duration.ofNanos(System.nanoTime() - started);
            List<MethodScores> scores = new ArrayList<>();
            for (Method method : Method.values()) {
                scores.add(score(index, method, queries, vectors, dataset.qrels(), corpus.documents()));
            }
            return new EvalReport(dataset.name(), embedder.model().id(), settings, dataset.documents().size(), corpus,
                    queries.size(), embedding, scores);
        } finally {
            TempDirs.delete(dir);
        }
    }

    private MethodScores score(KnowledgeIndex index, Method method, List<BeirQuery> queries, List<float[]> vectors,
                               Qrels qrels, int indexedDocuments) {
        double ndcg = 0;
        double recall = 0;
        int shortRankings = 0;
        long nanos = 0;
        for (int i = 0; i < queries.size(); i++) {
            BeirQuery query = queries.get(i);
            long started = System.nanoTime();
            List<SearchHit> hits = index.search(query(method, query.text(), vectors.get(i)));
            nanos += System.nanoTime() - started;
            List<String> ranking = documentRanking(hits);
            ndcg += Ndcg.at(NDCG_CUTOFF, ranking, qrels.of(query.id()));
            recall += Recall.at(RECALL_CUTOFF, ranking, qrels.of(query.id()));
            if (hits.size() == settings.depth() && ranking.size() < Math.min(RECALL_CUTOFF, indexedDocuments)) {
                shortRankings++;
            }
        }
        int n = Math.max(1, queries.size());
        return new MethodScores(method, ndcg / n, recall / n, queries.size(), shortRankings, Duration.ofNanos(nanos));
    }

    private SearchQuery query(Method method, String text, float[] vector) {
        return switch (method) {
            case KEYWORD -> SearchQuery.keyword(text, settings.depth());
            case VECTOR -> SearchQuery.vector(text, vector, settings.depth());
            case HYBRID -> SearchQuery.hybrid(text, vector, settings.depth());
        };
    }

    /** Document ids in the order of their best chunk. */
    static List<String> documentRanking(List<SearchHit> hits) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        hits.forEach(hit -> ids.add(hit.documentId()));
        return List.copyOf(ids);
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("parley-eval-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the index: " + e.getMessage(), e);
        }
    }
}
