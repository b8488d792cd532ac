package io.parley.server.kb.embed.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.server.kb.embed.EmbeddingModel;
import io.parley.server.kb.embed.OnnxEmbedder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Throughput of Parley's {@link OnnxEmbedder} beside a bare ONNX Runtime pipeline doing the least
 * work on the same model and texts ({@link BareOnnxPipeline}), both with batches of 32, for the four
 * shipped models; plus Parley with one text per run, the default for int8 models (their batched
 * vectors depend on their neighbours).
 * Not a test; run by hand:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=$JAVA_HOME/bin:$PATH
 * ./mvnw -q -o -pl embedded-server package -DskipTests
 * ./mvnw -q -o -pl embedded-server test-compile
 * java -cp "embedded-server/target/test-classes:embedded-server/target/classes:embedded-server/target/lib/*" \
 *     io.parley.server.kb.embed.bench.EmbeddingBenchmark [texts=300] [rounds=3] [models=id,id] [single=true]
 * </pre>
 * Texts: the first abstracts of 40–200 words from /work/shared/datasets/cranfield/corpus.jsonl
 * ({@code corpus=path} overrides), else generated passages. Each model is warmed up on the whole
 * set first; a figure is the best of {@code rounds} passes, Parley and bare measured alternately.
 */
public final class EmbeddingBenchmark {

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(arg(args, "texts", "300"));
        int rounds = Integer.parseInt(arg(args, "rounds", "3"));
        boolean single = Boolean.parseBoolean(arg(args, "single", "true"));
        List<String> texts = texts(Path.of(arg(args, "corpus", "/work/shared/datasets/cranfield/corpus.jsonl")), count);
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("%d texts, %d cores, Java %s%n", texts.size(), threads, Runtime.version());
        System.out.printf("%-20s %6s | %22s | %22s | %5s | %22s%n", "model", "tokens",
                "Parley texts/s tok/s", "bare texts/s tok/s", "ratio", "Parley 1 text/run");
        for (EmbeddingModel model : models(arg(args, "models", ""))) {
            // Batched like the bare pipeline, int8 included (whose default is one text per run).
            try (OnnxEmbedder parley = OnnxEmbedder.load(model, new OnnxEmbedder.Settings(threads, 32, 8192));
                 BareOnnxPipeline bare = new BareOnnxPipeline(model, threads, 32)) {
                long tokens = texts.stream().mapToLong(t -> Math.min(parley.count(t) + 2, model.maxTokens())).sum();
                parley.embedPassages(texts); // warm-up: first runs of a shape allocate and plan
                bare.embed(texts);
                long bestParley = Long.MAX_VALUE;
                long bestBare = Long.MAX_VALUE;
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    parley.embedPassages(texts);
                    long t1 = System.nanoTime();
                    bare.embed(texts);
                    long t2 = System.nanoTime();
                    bestParley = Math.min(bestParley, t1 - t0);
                    bestBare = Math.min(bestBare, t2 - t1);
                }
                String singleFigure = single ? String.format("%22.1f", singleRate(model, texts, threads, rounds)) : "";
                System.out.printf("%-20s %6d | %10.1f %11.0f | %10.1f %11.0f | %5.2f | %s%n", model.id(), tokens,
                        rate(texts.size(), bestParley), rate(tokens, bestParley),
                        rate(texts.size(), bestBare), rate(tokens, bestBare), (double) bestBare / bestParley,
                        singleFigure);
            }
        }
    }

    /** One text per model run: no padding, no neighbours. Best of {@code rounds} after a warm-up. */
    private static double singleRate(EmbeddingModel model, List<String> texts, int threads, int rounds) {
        try (OnnxEmbedder one = OnnxEmbedder.load(model, new OnnxEmbedder.Settings(threads, 1, 8192))) {
            one.embedPassages(texts.subList(0, Math.min(50, texts.size())));
            long best = Long.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                one.embedPassages(texts);
                best = Math.min(best, System.nanoTime() - t0);
            }
            return rate(texts.size(), best);
        }
    }

    private static double rate(long n, long nanos) {
        return n / (nanos / 1e9);
    }

    private static List<EmbeddingModel> models(String ids) {
        if (ids.isBlank()) {
            return List.of(EmbeddingModel.values());
        }
        return Arrays.stream(ids.split(",")).map(id -> EmbeddingModel.byId(id).orElseThrow()).toList();
    }

    private static List<String> texts(Path corpus, int count) throws Exception {
        List<String> texts = new ArrayList<>();
        if (Files.isReadable(corpus)) {
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(corpus)) {
                String text = json.readTree(line).path("text").asText();
                int words = text.split("\\s+").length;
                if (words >= 40 && words <= 200 && texts.size() < count) {
                    texts.add(text);
                }
            }
        }
        if (texts.isEmpty()) {
            System.out.println("(no corpus at " + corpus + "; using generated passages)");
            texts.addAll(generated(count));
        }
        return texts;
    }

    /** Deterministic English-like passages of 40–200 words. */
    private static List<String> generated(int count) {
        String[] words = ("the flow over a wing changes when the angle of attack grows and the boundary layer "
                + "thickens until it separates near the trailing edge where pressure rises and lift falls while "
                + "engineers measure heat transfer drag and noise in wind tunnels at several mach numbers to "
                + "compare theory with experiment and design better aircraft engines blades and nozzles").split(" ");
        Random random = new Random(42);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int n = 40 + random.nextInt(161);
            for (int w = 0; w < n; w++) {
                text.append(words[random.nextInt(words.length)]).append(w % 17 == 16 ? ". " : " ");
            }
            texts.add(text.toString().trim() + ".");
        }
        return texts;
    }

    private static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }

    private EmbeddingBenchmark() {
    }
}
