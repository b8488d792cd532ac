package io.parley.server.kb.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A BERT-style encoder graph in an ONNX Runtime session: token ids in, last hidden state out.
 * Thread-safe (ONNX Runtime allows concurrent runs of one session).
 */
final class OnnxGraph implements AutoCloseable {

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean takesTokenTypes;
    private final String output;
    private final int dims;

    private OnnxGraph(OrtEnvironment env, OrtSession session, EmbeddingModel model) throws OrtException {
        this.env = env;
        this.session = session;
        Map<String, NodeInfo> inputs = session.getInputInfo();
        for (Map.Entry<String, NodeInfo> input : inputs.entrySet()) {
            if (!Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS).contains(input.getKey())
                    || !(input.getValue().getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.INT64) {
                throw new EmbedderLoadException(model, "unexpected graph input " + input.getValue());
            }
        }
        if (!inputs.containsKey(INPUT_IDS) || !inputs.containsKey(ATTENTION_MASK)) {
            throw new EmbedderLoadException(model, "the graph lacks input_ids or attention_mask: " + inputs.keySet());
        }
        this.takesTokenTypes = inputs.containsKey(TOKEN_TYPE_IDS);
        this.output = hiddenStateOutput(session.getOutputInfo(), model);
        this.dims = model.dimensions();
    }

    static OnnxGraph load(EmbeddingModel model, int intraOpThreads) {
        byte[] graph = ModelResources.readAll(model, model.onnxResource());
        OrtEnvironment env = OrtEnvironment.getEnvironment(); // process-wide; never closed
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1); // sequential mode: a second pool would only idle
            OrtSession session = env.createSession(graph, options);
            try {
                return new OnnxGraph(env, session, model);
            } catch (OrtException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new EmbedderLoadException(model, "ONNX Runtime rejected " + model.onnxResource()
                    + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Runs one batch, each row padded with id 0 to {@code positions}.
     *
     * @return the last hidden state, {@code [rows, positions, dims]} row-major
     */
    FloatBuffer run(long[][] rows, int positions) {
        int n = rows.length;
        long[] ids = new long[n * positions];
        long[] mask = new long[n * positions];
        for (int r = 0; r < n; r++) {
            System.arraycopy(rows[r], 0, ids, r * positions, rows[r].length);
            Arrays.fill(mask, r * positions, r * positions + rows[r].length, 1L);
        }
        long[] shape = {n, positions};
        Map<String, OnnxTensor> inputs = new HashMap<>(4);
        try {
            inputs.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (takesTokenTypes) {
                // A single segment: all zeros.
                inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n * positions]), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                long[] got = hidden.getInfo().getShape();
                if (got.length != 3 || got[0] != n || got[1] != positions || got[2] != dims) {
                    throw new IllegalStateException("unexpected output shape " + Arrays.toString(got));
                }
                return hidden.getFloatBuffer();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + n + " × " + positions
                    + " tokens: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("could not release the ONNX Runtime session", e);
        }
    }

    /** {@code last_hidden_state}, or the first [batch, positions, dims] output (MiniLM fp32 calls it output_0). */
    private static String hiddenStateOutput(Map<String, NodeInfo> outputs, EmbeddingModel model) {
        if (outputs.containsKey("last_hidden_state")) {
            return "last_hidden_state";
        }
        for (Map.Entry<String, NodeInfo> out : outputs.entrySet()) {
            if (out.getValue().getInfo() instanceof TensorInfo t && t.type == OnnxJavaType.FLOAT
                    && t.getShape().length == 3 && t.getShape()[2] == model.dimensions()) {
                return out.getKey();
            }
        }
        throw new EmbedderLoadException(model, "no [batch, tokens, " + model.dimensions()
                + "] output among " + outputs.keySet());
    }
}
