package io.parley.server.cli;

import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.embed.EmbeddingModel;
import io.parley.server.kb.embed.OnnxEmbedder;
import io.parley.server.kb.eval.BeirDataset;
import io.parley.server.kb.eval.BeirLoader;
import io.parley.server.kb.eval.CorpusIndexer;
import io.parley.server.kb.eval.EvalReport;
import io.parley.server.kb.eval.EvalSettings;
import io.parley.server.kb.eval.EvalTable;
import io.parley.server.kb.eval.RetrievalEvaluator;
import io.parley.server.kb.index.IndexTuning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code parley eval}: measures keyword, vector and hybrid search on a BEIR collection. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measure retrieval quality on a folder in BEIR layout (corpus.jsonl, queries.jsonl, "
                + "qrels/test.tsv).",
                "Indexes the corpus into a temporary index as a knowledge base would, then prints nDCG@10 and "
                        + "Recall@100 of keyword, vector and hybrid search."})
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--beir", required = true, paramLabel = "DIR", description = "The collection's folder.")
    Path beir;

    @Option(names = "--model", paramLabel = "ID", description = "Embedding model: ${COMPLETION-CANDIDATES}. "
            + "Default: bge-small-en-v1.5.", completionCandidates = ModelIds.class)
    String model = EmbeddingModel.DEFAULT.id();

    @Option(names = "--limit-queries", paramLabel = "N", description = "Evaluate only the first N judged queries.")
    Integer limitQueries;

    @Option(names = "--chunk-size", paramLabel = "N",
            description = "Tokens per chunk (recursive chunking). Default: 256.")
    int chunkSize = 256;

    @Option(names = "--chunk-overlap", paramLabel = "N", description = "Tokens of overlap between chunks. Default: 32.")
    int chunkOverlap = 32;

    @Option(names = "--depth", paramLabel = "N", description = "Chunk hits asked per query (100..1000). Default: "
            + EvalSettings.DEFAULT_DEPTH + ".")
    int depth = EvalSettings.DEFAULT_DEPTH;

    @Option(names = "--fusion", paramLabel = "convex|rrf",
            description = "Hybrid fusion. Default: the index's (convex).")
    String fusion = IndexTuning.DEFAULT.fusion().name();

    @Option(names = "--keyword-weight", paramLabel = "W", description = "CONVEX fusion: weight of BM25, 0..1. "
            + "Default: 0.5.")
    float keywordWeight = IndexTuning.DEFAULT.keywordWeight();

    @Option(names = "--rrf-k", paramLabel = "K", description = "RRF fusion: the rank constant. Default: 60.")
    int rrfK = IndexTuning.DEFAULT.rrfK();

    @Option(names = "--candidates", paramLabel = "N", description = "Candidates each retriever brings to fusion "
            + "at least (the depth raises it). Default: 100.")
    int candidates = IndexTuning.DEFAULT.vectorCandidates();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EmbeddingModel embeddingModel;
        EvalSettings settings;
        BeirDataset dataset;
        try {
            embeddingModel = EmbeddingModel.byId(model).orElseThrow(() -> new IllegalArgumentException(
                    "unknown model '" + model + "'; one of " + new ModelIds()));
            settings = settings();
            dataset = BeirLoader.load(beir);
            dataset = limitQueries == null ? dataset : dataset.withQueryLimit(limitQueries);
        } catch (RuntimeException e) {
            err.println("parley eval: " + e.getMessage());
            return 2;
        }
        err.printf("loaded %d documents and %d judged queries; loading %s...%n", dataset.documents().size(),
                dataset.judgedQueries().size(), embeddingModel.id());
        try (Embedder embedder = OnnxEmbedder.load(embeddingModel)) {
            EvalReport report = new RetrievalEvaluator(embedder, settings).evaluate(dataset, new TenthsProgress(err));
            out.print(EvalTable.format(report));
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            err.println("parley eval: " + e);
            return 1;
        }
    }

    private EvalSettings settings() {
        IndexTuning d = IndexTuning.DEFAULT;
        IndexTuning tuning = new IndexTuning(d.hnswMaxConn(), d.hnswBeamWidth(), candidates, candidates, fusion(),
                keywordWeight, rrfK);
        return new EvalSettings(ChunkingSettings.recursive(chunkSize, chunkOverlap), tuning, depth);
    }

    private IndexTuning.Fusion fusion() {
        try {
            return IndexTuning.Fusion.valueOf(fusion.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fusion '" + fusion + "'; one of convex, rrf");
        }
    }

    static final class ModelIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(EmbeddingModel.values()).map(EmbeddingModel::id).iterator();
        }

        @Override
        public String toString() {
            return Arrays.stream(EmbeddingModel.values()).map(EmbeddingModel::id).collect(Collectors.joining(", "));
        }
    }

    /** A line on stderr at every tenth of the corpus, so a long indexing run shows it is alive. */
    private static final class TenthsProgress implements CorpusIndexer.Progress {
        private final long started = System.nanoTime();
        private final PrintWriter err;
        private int lastTenth;

        TenthsProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void indexed(int done, int total) {
            int tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth > lastTenth) {
                lastTenth = tenth;
                err.printf("indexed %d/%d documents (%.0f s)%n", done, total, (System.nanoTime() - started) / 1e9);
                err.flush();
            }
        }
    }
}
