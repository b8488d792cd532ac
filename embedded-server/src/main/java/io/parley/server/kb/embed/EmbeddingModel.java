package io.parley.server.kb.embed;

import java.util.Locale;
import java.util.Optional;

/**
 * The embedding models Parley ships (inside Maven Central jars, nothing downloaded): each with
 * its ONNX file and tokenizer on the class path, its pooling, its real token limit and its query
 * instruction.
 */
public enum EmbeddingModel {
    BGE_SMALL_EN_V15("bge-small-en-v1.5", "bge-small-en-v1.5", Pooling.CLS, 384, 512,
            "Represent this sentence for searching relevant passages: ",
            "Best quality, the default. About 4× slower than MiniLM."),
    BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", "bge-small-en-v1.5-q", Pooling.CLS, 384, 512,
            "Represent this sentence for searching relevant passages: ",
            "Nearly the same quality as bge-small, about twice as fast (int8)."),
    ALL_MINILM_L6_V2("all-minilm-l6-v2", "all-minilm-l6-v2", Pooling.MEAN, 384, 256, "",
            "Fast and light; good for short texts and quick experiments."),
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "all-minilm-l6-v2-q", Pooling.MEAN, 384, 256, "",
            "The fastest; a little less precise (int8).");

    public enum Pooling { CLS, MEAN }

    public static final EmbeddingModel DEFAULT = BGE_SMALL_EN_V15;

    private final String id;
    private final String resourceName;
    private final Pooling pooling;
    private final int dimensions;
    private final int maxTokens;
    private final String queryPrefix;
    private final String hint;

    EmbeddingModel(String id, String resourceName, Pooling pooling, int dimensions, int maxTokens,
                   String queryPrefix, String hint) {
        this.id = id;
        this.resourceName = resourceName;
        this.pooling = pooling;
        this.dimensions = dimensions;
        this.maxTokens = maxTokens;
        this.queryPrefix = queryPrefix;
        this.hint = hint;
    }

    /** The stable name used in APIs, KB configs and bundles. */
    public String id() {
        return id;
    }

    /** The ONNX graph, a class-path resource of the model jar. */
    public String onnxResource() {
        return resourceName + ".onnx";
    }

    /** The HuggingFace tokenizer, a class-path resource of the model jar. */
    public String tokenizerResource() {
        return resourceName + "-tokenizer.json";
    }

    public Pooling pooling() {
        return pooling;
    }

    /**
     * An int8 graph: it quantises activations per run, over the whole batch, so a text's vector
     * shifts slightly with the texts it is batched with (padding included).
     */
    public boolean quantized() {
        return this == BGE_SMALL_EN_V15_Q || this == ALL_MINILM_L6_V2_Q;
    }

    public int dimensions() {
        return dimensions;
    }

    /** Word pieces the model reads, special tokens included; longer input is truncated. */
    public int maxTokens() {
        return maxTokens;
    }

    public String queryPrefix() {
        return queryPrefix;
    }

    /** Plain words on speed and quality, for the studio's model choice. */
    public String hint() {
        return hint;
    }

    public static Optional<EmbeddingModel> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (EmbeddingModel m : values()) {
            if (m.id.equals(wanted)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
