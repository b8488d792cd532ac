package io.parley.server.kb.eval;

import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.embed.EmbeddingModel;
import io.parley.server.kb.embed.OnnxEmbedder;
import io.parley.server.kb.index.SearchQuery.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluator on the mini collection with the fastest real model. Its queries mix exact names
 * and codes (where keywords help) with paraphrases (where meaning helps), so each method has
 * something to find and hybrid should keep the best of both.
 */
class RetrievalEvaluatorTest {

    private static final double TOLERANCE = 0.02; // a single query moving one rank shifts the mean by ~0.01

    private static Embedder embedder;
    private static EvalReport report;

    @BeforeAll
    static void evaluate() {
        embedder = OnnxEmbedder.load(EmbeddingModel.ALL_MINILM_L6_V2_Q);
        report = new RetrievalEvaluator(embedder, EvalSettings.defaults())
                .evaluate(BeirLoader.load(MiniBeir.dir()), CorpusIndexer.Progress.NONE);
        System.out.print(EvalTable.format(report));
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void indexesEveryDocumentAndAsksEveryJudgedQuery() {
        assertThat(report.corpus().documents()).isEqualTo(MiniBeir.DOCUMENTS);
        assertThat(report.corpus().chunks()).isEqualTo(MiniBeir.DOCUMENTS); // each is shorter than a chunk
        assertThat(report.queries()).isEqualTo(MiniBeir.QUERIES);
        assertThat(report.model()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(report.methods()).extracting(MethodScores::method)
                .containsExactly(Method.KEYWORD, Method.VECTOR, Method.HYBRID);
        assertThat(report.methods()).allSatisfy(m -> assertThat(m.shortRankings()).isZero());
    }

    @Test
    void everyMethodFindsMostAnswersNearTheTop() {
        assertThat(report.methods()).allSatisfy(m -> {
            assertThat(m.ndcgAt10()).as("%s nDCG@10", m.method()).isGreaterThan(0.5);
            assertThat(m.recallAt100()).as("%s Recall@100", m.method()).isGreaterThan(0.85);
        });
    }

    @Test
    void hybridKeepsTheBestOfBoth() {
        double keyword = report.scores(Method.KEYWORD).ndcgAt10();
        double vector = report.scores(Method.VECTOR).ndcgAt10();

        assertThat(report.scores(Method.HYBRID).ndcgAt10())
                .isGreaterThanOrEqualTo(Math.max(keyword, vector) - TOLERANCE);
        assertThat(report.scores(Method.HYBRID).recallAt100())
                .isGreaterThanOrEqualTo(Math.max(report.scores(Method.KEYWORD).recallAt100(),
                        report.scores(Method.VECTOR).recallAt100()) - TOLERANCE);
    }

    @Test
    void theTableShowsOneRowPerMethod() {
        String table = EvalTable.format(report);

        assertThat(table).contains("mini-beir: 59 documents -> 59 chunks (recursive 256/32)",
                "28 with relevance judgements", "all-minilm-l6-v2-q", "method   | nDCG@10 | Recall@100");
        assertThat(table.lines().filter(l -> l.matches("(keyword|vector|hybrid) +\\| +0\\.\\d{4} \\|.*"))).hasSize(3);
    }
}
