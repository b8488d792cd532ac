package io.parley.server.kb.embed.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.parley.server.kb.embed.EmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The least code that embeds with the same files: tokenizer truncation, one session, texts sorted
 * by length and cut into batches of 32, first-token or mean pooling, L2 norm. No checks, no
 * locking, no token budget: the yardstick Parley's {@code OnnxEmbedder} is measured against.
 */
final class BareOnnxPipeline implements AutoCloseable {

    private final EmbeddingModel model;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String output;
    private final int batchSize;

    BareOnnxPipeline(EmbeddingModel model, int threads, int batchSize) throws IOException, OrtException {
        this.model = model;
        this.batchSize = batchSize;
        ClassLoader loader = BareOnnxPipeline.class.getClassLoader();
        try (InputStream json = loader.getResourceAsStream(model.tokenizerResource());
             InputStream onnx = loader.getResourceAsStream(model.onnxResource())) {
            String max = String.valueOf(model.maxTokens());
            tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of("truncation", "true", "padding", "false",
                    "maxLength", max, "modelMaxLength", max));
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(onnx.readAllBytes(), options);
        }
        output = session.getOutputNames().iterator().next(); // last_hidden_state / output_0
    }

    List<float[]> embed(List<String> texts) throws OrtException {
        Encoding[] enc = tokenizer.batchEncode(texts);
        Integer[] order = IntStream.range(0, enc.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> enc[i].getIds().length).reversed());
        float[][] out = new float[enc.length][];
        for (int start = 0; start < order.length; start += batchSize) {
            int n = Math.min(batchSize, order.length - start);
            int len = enc[order[start]].getIds().length;
            long[][] ids = new long[n][len];
            long[][] mask = new long[n][len];
            for (int r = 0; r < n; r++) {
                long[] row = enc[order[start + r]].getIds();
                System.arraycopy(row, 0, ids[r], 0, row.length);
                Arrays.fill(mask[r], 0, row.length, 1L);
            }
            try (OnnxTensor i = OnnxTensor.createTensor(env, ids);
                 OnnxTensor m = OnnxTensor.createTensor(env, mask);
                 OnnxTensor t = OnnxTensor.createTensor(env, new long[n][len]);
                 OrtSession.Result result = session.run(
                         Map.of("input_ids", i, "attention_mask", m, "token_type_ids", t), Set.of(output))) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                for (int r = 0; r < n; r++) {
                    out[order[start + r]] = pool(hidden, r, len, enc[order[start + r]].getIds().length);
                }
            }
        }
        return Arrays.asList(out);
    }

    private float[] pool(FloatBuffer hidden, int row, int len, int tokens) {
        float[] v = new float[384];
        int base = row * len * 384;
        int count = model.pooling() == EmbeddingModel.Pooling.CLS ? 1 : tokens;
        for (int t = 0; t < count; t++) {
            for (int d = 0; d < 384; d++) {
                v[d] += hidden.get(base + t * 384 + d) / count;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int d = 0; d < 384; d++) {
            v[d] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    @Override
    public void close() throws OrtException {
        session.close();
        tokenizer.close();
    }
}
