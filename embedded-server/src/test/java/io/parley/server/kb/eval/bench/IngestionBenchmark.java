package io.parley.server.kb.eval.bench;

import com.sun.management.OperatingSystemMXBean;
import io.parley.server.job.Job;
import io.parley.server.kb.IngestionRig;
import io.parley.server.kb.chunk.ChunkDraft;
import io.parley.server.kb.chunk.Chunker;
import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.embed.EmbeddingModel;
import io.parley.server.kb.embed.OnnxEmbedder;
import io.parley.server.kb.eval.BeirDocument;
import io.parley.server.kb.eval.BeirLoader;
import io.parley.server.kb.parse.DocumentParser;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server's ingestion throughput against bare embedding throughput, on the same chunk texts,
 * per model:
 * <ol>
 *   <li><b>embed</b>: {@code embedPassages} over the chunk texts in batches of 32 texts of similar
 *       length (all texts sorted by token count first): the embedder's best case;</li>
 *   <li><b>ingest</b>: the server's own path. Each corpus document is added as a pending pasted
 *       text to a knowledge base on an embedded H2 database in a temporary folder (not timed: that
 *       is the upload), then the ingestion job ({@code KbIngestion}, run by the {@code JobQueue})
 *       is timed to the end: parse, chunk, embed, database writes, Lucene index with its commits,
 *       ready marks and job progress, everything a user waits for (see {@code IngestionRig}).</li>
 * </ol>
 * The machine is shared, so the two passes alternate, {@code rounds} times each, in rotating
 * order (each ingest pass into a fresh knowledge base); figures are totals over the rounds.
 * Throughput is given per wall-clock second and per second of this process's CPU time (ONNX
 * Runtime's, H2's and Lucene's threads included), which load from other processes barely moves.
 * Everything is warmed up first. Target: ingest / embed at least 0.8. The last column is the share
 * of the ingest wall time spent inside {@code embedPassages}. Not a test; run by hand from the
 * repository root:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=$JAVA_HOME/bin:$PATH
 * ./mvnw -q -o -pl embedded-server test-compile
 * ./mvnw -q -o -pl embedded-server dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "embedded-server/target/test-classes:embedded-server/target/classes:$(cat embedded-server/target/cp.txt)" \
 *     io.parley.server.kb.eval.bench.IngestionBenchmark [corpus=/work/shared/datasets/cranfield] \
 *     [models=bge-small-en-v1.5,all-minilm-l6-v2-q] [docs=1400] [rounds=3]
 * </pre>
 * The corpus is a BEIR folder; its first {@code docs} documents with text (title + text, as the
 * evaluator indexes them) are used, chunked recursively at 256/32 tokens.
 */
public final class IngestionBenchmark {

    private static final int WARM_UP_DOCUMENTS = 40;
    private static final int BATCH = 32;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ChunkingSettings CHUNKING = ChunkingSettings.defaults();

    /** Wall and process CPU nanoseconds of one kind of pass, summed over rounds. */
    private static final class Clock {
        long wall;
        long cpu;
        long chunks;

        void time(Runnable pass) {
            long w = System.nanoTime();
            long c = OS.getProcessCpuTime();
            pass.run();
            cpu += OS.getProcessCpuTime() - c;
            wall += System.nanoTime() - w;
        }

        double perWallSecond() {
            return chunks / (wall / 1e9);
        }

        double perCpuSecond() {
            return chunks / (cpu / 1e9);
        }
    }

    private record Row(EmbeddingModel model, int chunks, Clock embed, Clock ingest, long embedNanosInIngest) {
    }

    private IngestionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(arg(args, "corpus", "/work/shared/datasets/cranfield"));
        int rounds = Integer.parseInt(arg(args, "rounds", "3"));
        List<BeirDocument> docs = BeirLoader.loadCorpus(corpus).stream()
                .filter(d -> !d.indexText().isBlank()) // the API refuses empty text
                .limit(Integer.parseInt(arg(args, "docs", "1400"))).toList();
        List<EmbeddingModel> models = Arrays.stream(arg(args, "models", "bge-small-en-v1.5,all-minilm-l6-v2-q")
                .split(",")).map(id -> EmbeddingModel.byId(id.strip())
                        .orElseThrow(() -> new IllegalArgumentException("unknown model " + id))).toList();
        System.out.printf("%d documents of %s, %d rounds, %d cores, Java %s%n"
                        + "ingest = the KbIngestion job with its database writes (embedded H2 in a temporary folder)"
                        + " and Lucene commits%n", docs.size(), corpus.getFileName(), rounds,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        Path dir = Files.createTempDirectory("parley-ingestion-bench-");
        try {
            List<Row> rows = new ArrayList<>();
            for (EmbeddingModel model : models) {
                rows.add(measure(model, docs, rounds, dir.resolve(model.id())));
            }
            print(rows);
        } finally {
            delete(dir);
        }
    }

    private static Row measure(EmbeddingModel model, List<BeirDocument> docs, int rounds, Path dir) {
        try (OnnxEmbedder onnx = OnnxEmbedder.load(model)) {
            TimedEmbedder timed = new TimedEmbedder(onnx);
            List<String> texts = chunkTexts(docs, onnx);
            List<List<String>> sortedBatches = batches(sortedByLength(texts, onnx));
            System.out.printf("%s (%s): %d chunks, %.0f tokens on average%n", model.id(), onnx.settings(),
                    texts.size(), texts.stream().mapToInt(onnx::count).average().orElse(0));

            List<BeirDocument> warmDocs = docs.subList(0, Math.min(docs.size(), WARM_UP_DOCUMENTS));
            batches(chunkTexts(warmDocs, onnx)).forEach(onnx::embedPassages);
            ingest(warmDocs, timed, dir.resolve("warm-up"), new Clock());

            Clock embedClock = new Clock();
            Clock ingestClock = new Clock();
            timed.takeNanos();
            for (int r = 0; r < rounds; r++) {
                Path roundDir = dir.resolve("round-" + r);
                Runnable[] passes = {
                    () -> embedClock.time(() -> sortedBatches.forEach(onnx::embedPassages)),
                    () -> ingest(docs, timed, roundDir, ingestClock),
                };
                for (int k = 0; k < passes.length; k++) {
                    passes[(r + k) % passes.length].run(); // rotate which pass goes first
                }
                embedClock.chunks += texts.size();
            }
            if (ingestClock.chunks != (long) rounds * texts.size()) {
                throw new IllegalStateException("the server stored " + ingestClock.chunks / rounds
                        + " chunks per round, the bare pass embedded " + texts.size() + ": not the same texts");
            }
            return new Row(model, texts.size(), embedClock, ingestClock, timed.takeNanos());
        }
    }

    /** Adds the documents as pending (not timed), then times the ingestion job; counts the chunks it stored. */
    private static void ingest(List<BeirDocument> docs, TimedEmbedder embedder, Path dir, Clock clock) {
        try (IngestionRig rig = IngestionRig.open(dir, embedder, CHUNKING)) {
            docs.forEach(d -> rig.addText(d.id(), d.indexText()));
            Job[] job = new Job[1];
            clock.time(() -> job[0] = rig.ingest());
            if (job[0].status() != Job.Status.SUCCEEDED) {
                throw new IllegalStateException("the ingestion job ended " + job[0].status() + ": " + job[0].error());
            }
            clock.chunks += rig.chunkCount();
        }
    }

    /** The searchable chunk texts, cut as the job cuts a pasted text. */
    private static List<String> chunkTexts(List<BeirDocument> docs, OnnxEmbedder embedder) {
        DocumentParser parser = new DocumentParser();
        List<String> texts = new ArrayList<>();
        for (BeirDocument doc : docs) {
            var parsed = parser.parse(doc.id() + ".txt", doc.indexText().getBytes(StandardCharsets.UTF_8));
            Chunker.chunk(parsed, CHUNKING, embedder).stream().filter(ChunkDraft::searchable)
                    .forEach(d -> texts.add(d.text()));
        }
        return texts;
    }

    private static void print(List<Row> rows) {
        System.out.printf("%n%-20s | %7s | %14s | %14s | %10s | %9s | %22s%n", "model", "chunks", "embed chunks/s",
                "ingest chunks/s", "ratio wall", "ratio CPU", "embedding share of ingest");
        for (Row row : rows) {
            System.out.printf("%-20s | %7d | %14.1f | %15.1f | %10.2f | %9.2f | %24.0f%%%n", row.model().id(),
                    row.chunks(), row.embed().perWallSecond(), row.ingest().perWallSecond(),
                    row.ingest().perWallSecond() / row.embed().perWallSecond(),
                    row.ingest().perCpuSecond() / row.embed().perCpuSecond(),
                    100.0 * row.embedNanosInIngest() / row.ingest().wall);
        }
    }

    private static List<List<String>> batches(List<String> texts) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += BATCH) {
            batches.add(texts.subList(from, Math.min(texts.size(), from + BATCH)));
        }
        return batches;
    }

    private static List<String> sortedByLength(List<String> texts, OnnxEmbedder embedder) {
        Map<String, Integer> tokens = new HashMap<>();
        texts.forEach(t -> tokens.computeIfAbsent(t, embedder::count));
        return texts.stream().sorted(Comparator.comparingInt(tokens::get)).toList();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) { // children first
                Files.deleteIfExists(p);
            }
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
