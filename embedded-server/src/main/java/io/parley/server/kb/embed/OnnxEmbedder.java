package io.parley.server.kb.embed;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Embeds text with one of the shipped models, in process: the model's HuggingFace tokenizer, its
 * ONNX graph in ONNX Runtime, its pooling, then L2 normalisation. Thread-safe; calls run in
 * parallel, and {@link #close()} waits for running calls before releasing native memory.
 *
 * <pre>{@code
 * try (Embedder embedder = OnnxEmbedder.load(EmbeddingModel.BGE_SMALL_EN_V15)) {
 *     List<float[]> passages = embedder.embedPassages(List.of("Lift rises with the angle of attack."));
 *     float[] query = embedder.embedQuery("what raises lift?");
 * }
 * }</pre>
 */
public final class OnnxEmbedder implements Embedder {

    /**
     * How hard one embedder works.
     *
     * @param intraOpThreads threads one model run spreads over
     * @param maxBatchTexts  texts per model run
     * @param maxBatchTokens padded positions per model run (texts × longest), which bounds the
     *                       attention buffers: at 512 tokens, 16 texts need some 200 MB
     */
    public record Settings(int intraOpThreads, int maxBatchTexts, int maxBatchTokens) {
        public Settings {
            if (intraOpThreads < 1 || maxBatchTexts < 1 || maxBatchTokens < 1) {
                throw new IllegalArgumentException("settings must be positive: " + this);
            }
        }

        /**
         * All cores for one run; up to 32 texts or 8,192 positions per run. Int8 models embed one
         * text per run: batched, their vectors drift with their neighbours by as much as int8
         * already differs from fp32 (cosine 0.975–0.998 measured), and a vector should depend
         * on its text alone. On 2 cores this costs bge-small-q about a fifth of its throughput
         * and speeds MiniLM-q up (see EmbeddingBenchmark).
         */
        public static Settings defaults(EmbeddingModel model) {
            return new Settings(Runtime.getRuntime().availableProcessors(), model.quantized() ? 1 : 32, 8192);
        }
    }

    private final EmbeddingModel model;
    private final Settings settings;
    private final WordPieceTokenizer tokenizer;
    private final OnnxGraph graph;
    // Read lock: any number of embedding calls; write lock: close, once they have finished.
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxEmbedder(EmbeddingModel model, Settings settings, WordPieceTokenizer tokenizer, OnnxGraph graph) {
        this.model = model;
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.graph = graph;
    }

    /** Loads the model from the class path; takes a second or two, so not on a request thread. */
    public static OnnxEmbedder load(EmbeddingModel model) {
        return load(model, Settings.defaults(model));
    }

    public static OnnxEmbedder load(EmbeddingModel model, Settings settings) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(settings, "settings");
        WordPieceTokenizer tokenizer = WordPieceTokenizer.load(model);
        try {
            return new OnnxEmbedder(model, settings, tokenizer, OnnxGraph.load(model, settings.intraOpThreads()));
        } catch (RuntimeException | Error e) {
            tokenizer.close();
            throw e;
        }
    }

    @Override
    public EmbeddingModel model() {
        return model;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        return embed(texts);
    }

    @Override
    public float[] embedQuery(String query) {
        Objects.requireNonNull(query, "query");
        return embed(List.of(model.queryPrefix() + query)).getFirst();
    }

    @Override
    public int count(String text) {
        Objects.requireNonNull(text, "text");
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return tokenizer.count(text);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                try {
                    graph.close();
                } finally {
                    tokenizer.close();
                }
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private List<float[]> embed(List<String> texts) {
        for (String text : texts) {
            Objects.requireNonNull(text, "texts must not contain null");
        }
        if (texts.isEmpty()) {
            return List.of();
        }
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            long[][] ids = tokenizer.ids(texts);
            int[] lengths = Arrays.stream(ids).mapToInt(row -> row.length).toArray();
            float[][] vectors = new float[ids.length][];
            for (int[] batch : LengthBatches.plan(lengths, settings.maxBatchTexts(), settings.maxBatchTokens())) {
                long[][] rows = new long[batch.length][];
                int positions = 0;
                for (int r = 0; r < batch.length; r++) {
                    rows[r] = ids[batch[r]];
                    positions = Math.max(positions, rows[r].length);
                }
                FloatBuffer hidden = graph.run(rows, positions);
                for (int r = 0; r < batch.length; r++) {
                    vectors[batch[r]] = HiddenStatePooling.pool(model.pooling(), hidden, r, positions,
                            rows[r].length, model.dimensions());
                }
            }
            return List.of(vectors);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the embedder for " + model.id() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "OnnxEmbedder[" + model.id() + ", " + settings + "]";
    }
}
