package io.parley.server.kb.eval.bench;

import com.sun.management.OperatingSystemMXBean;
import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.embed.EmbeddingModel;
import io.parley.server.kb.embed.OnnxEmbedder;
import io.parley.server.kb.eval.BeirDocument;
import io.parley.server.kb.eval.BeirLoader;
import io.parley.server.kb.eval.CorpusIndexer;
import io.parley.server.kb.index.KnowledgeIndex;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ingestion throughput against bare embedding throughput, on the same chunk texts, in one run:
 * <ol>
 *   <li><b>embed</b>: {@code embedPassages} over the chunk texts, in batches of 32 texts of similar
 *       length (all texts sorted by token count first), the embedder's best case: a batch pads
 *       every text to its longest, and in corpus order that wastes about a third of the work on
 *       Cranfield with the fp32 models;</li>
 *   <li><b>embed in order</b>: the same in corpus order, for reference;</li>
 *   <li><b>ingest</b>: the server's path per document (parse as plain text, chunk, embed, delete +
 *       add + commit to a {@link KnowledgeIndex}; see {@link PerDocumentIngestion}). Database writes
 *       are excluded;</li>
 *   <li><b>grouped</b>: the same parts, a slice of documents at a time: all its chunks embedded in
 *       one call (the embedder sorts them by length into runs of 32) and one commit for the slice
 *       ({@link CorpusIndexer}, what {@code parley eval} uses; a design the server could adopt).</li>
 * </ol>
 * The machine is shared, so the passes are interleaved slice by slice ({@code slice}
 * documents at a time, in rotating order) rather than run one after the other: a burst of load
 * from elsewhere then hits all passes alike. Throughput is given per wall-clock second and per
 * second of this process's CPU time (ONNX Runtime's threads included), which load from other
 * processes barely moves. Everything is warmed up first. Ratios are against the first pass;
 * target: ingest / embed at least 0.8.
 * Not a test; run by hand from the repository root:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=$JAVA_HOME/bin:$PATH
 * ./mvnw -q -o -pl embedded-server test-compile
 * ./mvnw -q -o -pl embedded-server dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "embedded-server/target/test-classes:embedded-server/target/classes:$(cat embedded-server/target/cp.txt)" \
 *     io.parley.server.kb.eval.bench.IngestionBenchmark [corpus=../shared/datasets/cranfield] \
 *     [model=bge-small-en-v1.5] [docs=1400] [slice=100]
 * </pre>
 * The corpus is a BEIR folder; its first {@code docs} documents (title + text, as the evaluator
 * indexes them) are used, chunked recursively at 256/32 tokens.
 */
public final class IngestionBenchmark {

    private static final int WARM_UP_DOCUMENTS = 40;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Wall and process CPU nanoseconds of one pass, summed over slices. */
    private static final class Clock {
        long wall;
        long cpu;
        int chunks;

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

    private IngestionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(arg(args, "corpus", "../shared/datasets/cranfield"));
        EmbeddingModel model = EmbeddingModel.byId(arg(args, "model", EmbeddingModel.DEFAULT.id()))
                .orElseThrow(() -> new IllegalArgumentException("unknown model"));
        int slice = Integer.parseInt(arg(args, "slice", "100"));
        List<BeirDocument> all = BeirLoader.loadCorpus(corpus);
        List<BeirDocument> docs = all.subList(0, Math.min(all.size(), Integer.parseInt(arg(args, "docs", "1400"))));
        ChunkingSettings chunking = ChunkingSettings.defaults();

        Path dir = Files.createTempDirectory("parley-ingestion-bench-");
        try (OnnxEmbedder embedder = OnnxEmbedder.load(model);
             KnowledgeIndex perDocumentIndex = KnowledgeIndex.open(dir.resolve("ingest"), model.dimensions());
             KnowledgeIndex groupedIndex = KnowledgeIndex.open(dir.resolve("grouped"), model.dimensions());
             KnowledgeIndex warmUpIndex = KnowledgeIndex.open(dir.resolve("warm-up"), model.dimensions())) {
            PerDocumentIngestion ingestion = new PerDocumentIngestion(embedder, chunking);
            CorpusIndexer grouped = new CorpusIndexer(embedder, chunking);
            List<String> texts = ingestion.chunkTexts(docs);
            System.out.printf("%d documents of %s -> %d chunks (%.0f tokens on average), %d documents per slice%n"
                            + "%s, %s; %d cores, Java %s%n", docs.size(), corpus.getFileName(), texts.size(),
                    texts.stream().mapToInt(embedder::count).average().orElse(0), slice, model.id(),
                    embedder.settings(), Runtime.getRuntime().availableProcessors(), Runtime.version());

            List<BeirDocument> warmDocs = docs.subList(0, Math.min(docs.size(), WARM_UP_DOCUMENTS));
            batches(ingestion.chunkTexts(warmDocs)).forEach(embedder::embedPassages);
            ingestion.run(warmDocs, warmUpIndex);
            grouped.index(warmDocs, warmUpIndex, CorpusIndexer.Progress.NONE);

            List<List<String>> sortedBatches = batches(sortedByLength(texts, embedder));
            int slices = (docs.size() + slice - 1) / slice;
            Clock embedClock = new Clock();
            Clock inOrderClock = new Clock();
            Clock ingestClock = new Clock();
            Clock groupedClock = new Clock();
            PerDocumentIngestion.Stages stages = new PerDocumentIngestion.Stages();
            for (int from = 0, n = 0; from < docs.size(); from += slice, n++) {
                List<BeirDocument> part = docs.subList(from, Math.min(docs.size(), from + slice));
                List<String> partTexts = ingestion.chunkTexts(part); // outside the clocks: the input of the bare pass
                // The sorted batches are spread evenly over the slices, so each slice embeds its share.
                List<List<String>> partBatches = sortedBatches.subList(n * sortedBatches.size() / slices,
                        (n + 1) * sortedBatches.size() / slices);
                Runnable[] passes = {
                    () -> embedClock.time(() -> partBatches.forEach(embedder::embedPassages)),
                    () -> inOrderClock.time(() -> batches(partTexts).forEach(embedder::embedPassages)),
                    () -> ingestClock.time(() -> stages.add(ingestion.run(part, perDocumentIndex))),
                    () -> groupedClock.time(() -> grouped.index(part, groupedIndex, CorpusIndexer.Progress.NONE)),
                };
                for (int k = 0; k < passes.length; k++) {
                    passes[(n + k) % passes.length].run(); // rotate which pass goes first
                }
                embedClock.chunks += partBatches.stream().mapToInt(List::size).sum();
                inOrderClock.chunks += partTexts.size();
            }
            ingestClock.chunks = stages.chunks;
            groupedClock.chunks = groupedIndex.count();
            print(List.of(new Pass("embed", embedClock), new Pass("in order", inOrderClock),
                    new Pass("ingest", ingestClock), new Pass("grouped", groupedClock)), stages);
        } finally {
            delete(dir);
        }
    }

    private record Pass(String name, Clock clock) {
    }

    private static void print(List<Pass> passes, PerDocumentIngestion.Stages stages) {
        System.out.printf("%-8s | %8s | %14s | %14s | %11s | %11s%n", "pass", "chunks", "chunks/s wall",
                "chunks/s CPU", "ratio wall", "ratio CPU");
        Clock base = passes.getFirst().clock();
        for (Pass p : passes) {
            Clock c = p.clock();
            System.out.printf("%-8s | %8d | %14.1f | %14.1f | %11.2f | %11.2f%n", p.name(), c.chunks, c.perWallSecond(),
                    c.perCpuSecond(), c.perWallSecond() / base.perWallSecond(), c.perCpuSecond() / base.perCpuSecond());
        }
        System.out.printf("ingest wall time by stage: parse %.1f%%, chunk %.1f%%, embed %.1f%%, delete + add + commit "
                        + "%.1f%%; database writes not included%n", share(stages.parse, stages),
                share(stages.chunk, stages), share(stages.embed, stages), share(stages.index, stages));
    }

    private static List<List<String>> batches(List<String> texts) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += PerDocumentIngestion.EMBED_BATCH) {
            batches.add(texts.subList(from, Math.min(texts.size(), from + PerDocumentIngestion.EMBED_BATCH)));
        }
        return batches;
    }

    private static List<String> sortedByLength(List<String> texts, OnnxEmbedder embedder) {
        Map<String, Integer> tokens = new HashMap<>();
        texts.forEach(t -> tokens.computeIfAbsent(t, embedder::count));
        return texts.stream().sorted(Comparator.comparingInt(tokens::get)).toList();
    }

    private static double share(long part, PerDocumentIngestion.Stages stages) {
        return 100.0 * part / stages.total();
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
