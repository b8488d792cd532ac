package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;
import io.parley.server.common.JsonBinding;
import io.parley.server.common.ParleyException;
import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.embed.EmbeddingModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads a knowledge base's settings from its draft (or stored) JSON, with the defaults users expect.
 * The readers are strict: a setting of the wrong type or out of range is a 400 naming the field
 * ({@code chunking_config.chunk_size}), never silently replaced by a default. Drafts are checked
 * with them when saved ({@link #checkSave}), validated and finalized.
 */
public final class KbSettings {

    public static final String DEFAULT_STRATEGY = "recursive";
    public static final int DEFAULT_CHUNK_SIZE = 400;
    public static final int DEFAULT_OVERLAP = 50;

    /** {@code embedding_config} as sent or stored. */
    record EmbeddingConfig(String model) {
    }

    /** {@code chunking_config} as sent or stored: every field typed, none checked yet. */
    record ChunkingConfig(String strategy, Integer chunkSize, Integer chunkOverlap, Integer childSize) {
    }

    private KbSettings() {
    }

    /**
     * The check of a knowledge-base draft save: each settings object the save touches must be one
     * that validate and finalize accept.
     */
    public static void checkSave(ObjectNode changes, ObjectNode document) {
        if (changes.has("embedding_config")) {
            model(document);
        }
        if (changes.has("chunking_config")) {
            toSettings(chunking(document));
        }
        if (changes.has("retrieval_config")) {
            RetrievalSettings.read(document.get("retrieval_config"));
        }
    }

    public static String name(ObjectNode data) {
        return data.path("name").asText("").strip();
    }

    public static String description(ObjectNode data) {
        return data.path("description").asText("").strip();
    }

    /** The model named in {@code embedding_config.model}, or the default; 400 naming the field when unknown. */
    public static EmbeddingModel model(ObjectNode data) {
        return model(data.get("embedding_config"), EmbeddingModel.DEFAULT);
    }

    /** The model an {@code embedding_config} names; {@code fallback} when it names none. */
    public static EmbeddingModel model(JsonNode embeddingConfig, EmbeddingModel fallback) {
        if (embeddingConfig == null || embeddingConfig.isNull()) {
            return fallback;
        }
        String id = JsonBinding.bind(embeddingConfig, EmbeddingConfig.class, "embedding_config").model();
        if (id == null || id.isBlank()) {
            return fallback;
        }
        return EmbeddingModel.byId(id.strip()).orElseThrow(() -> ParleyException.invalidField("embedding_config.model",
                "Unknown embedding model '" + id.strip() + "'; choose one of " + Arrays.stream(EmbeddingModel.values())
                        .map(EmbeddingModel::id).collect(Collectors.joining(", "))));
    }

    /** {@code chunking_config} as given, with strategy and size defaulted (overlap is defaulted per strategy). */
    public static ObjectNode chunking(ObjectNode data) {
        JsonNode config = data.get("chunking_config");
        if (config != null && !config.isNull() && !config.isObject()) {
            throw ParleyException.invalidField("chunking_config", "Field 'chunking_config' has the wrong type "
                    + "(expected an object {strategy, chunk_size, chunk_overlap})");
        }
        ObjectNode given = config != null && config.isObject()
                ? (ObjectNode) config.deepCopy() : Json.mapper().createObjectNode();
        if (!given.hasNonNull("strategy")) {
            given.put("strategy", DEFAULT_STRATEGY);
        }
        if (!given.hasNonNull("chunk_size")) {
            given.put("chunk_size", DEFAULT_CHUNK_SIZE);
        }
        return given;
    }

    /**
     * The chunker's settings for a {@code chunking_config}; a bad value is a 400 naming the field.
     * Parent-child chunking searches children of a quarter of the parent size unless told otherwise.
     */
    public static ChunkingSettings toSettings(ObjectNode config) {
        ChunkingConfig given = JsonBinding.bind(config, ChunkingConfig.class, "chunking_config");
        String name = given.strategy() == null ? DEFAULT_STRATEGY : given.strategy();
        ChunkingSettings.Strategy strategy;
        try {
            strategy = ChunkingSettings.Strategy.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ParleyException.invalidField("chunking_config.strategy", "The chunking strategy must be one of "
                    + "recursive, headings, fixed, parent_child, table_aware");
        }
        int size = given.chunkSize() == null ? DEFAULT_CHUNK_SIZE : given.chunkSize();
        boolean parentChild = strategy == ChunkingSettings.Strategy.PARENT_CHILD;
        int child = parentChild ? orElse(given.childSize(), Math.max(ChunkingSettings.MIN_CHILD_SIZE, size / 4)) : 0;
        int overlap = orElse(given.chunkOverlap(), parentChild ? child / 8 : Math.min(DEFAULT_OVERLAP, size / 8));
        try {
            return new ChunkingSettings(strategy, size, overlap, child);
        } catch (ParleyException e) {
            String field = String.valueOf(e.details().getOrDefault("field", "chunking_config"));
            throw ParleyException.invalidField("chunking_config." + field.replace("chunk_strategy", "strategy"),
                    e.getMessage());
        }
    }

    private static int orElse(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** The settings written back in full, so what is stored says exactly how chunks were cut. */
    public static ObjectNode normalized(ChunkingSettings settings) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("strategy", settings.strategy().name().toLowerCase(Locale.ROOT));
        out.put("chunk_size", settings.chunkSize());
        out.put("chunk_overlap", settings.overlap());
        if (settings.childSize() > 0) {
            out.put("child_size", settings.childSize());
        }
        return out;
    }

    /** {@code retrieval_config}: the defaults a chatbot gets when it searches this knowledge base. */
    public static RetrievalSettings retrieval(ObjectNode data) {
        return RetrievalSettings.read(data.get("retrieval_config"));
    }

    public static List<JsonNode> sources(ObjectNode data) {
        List<JsonNode> out = new ArrayList<>();
        data.path("sources").forEach(out::add); // a missing or non-array field yields nothing
        return out;
    }
}
