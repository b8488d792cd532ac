package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.embed.EmbeddingModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a knowledge base's settings from its draft (or stored) JSON, with the defaults users expect. */
public final class KbSettings {

    public static final String DEFAULT_STRATEGY = "recursive";
    public static final int DEFAULT_CHUNK_SIZE = 400;
    public static final int DEFAULT_OVERLAP = 50;

    private KbSettings() {
    }

    public static String name(ObjectNode data) {
        return data.path("name").asText("").strip();
    }

    public static String description(ObjectNode data) {
        return data.path("description").asText("").strip();
    }

    /** The model id named in {@code embedding_config.model}, or the default. Unknown ids are reported by validation. */
    public static String modelId(ObjectNode data) {
        JsonNode model = data.path("embedding_config").path("model");
        return model.isTextual() && !model.asText().isBlank() ? model.asText().strip() : EmbeddingModel.DEFAULT.id();
    }

    /** {@code chunking_config} as given, with strategy and size defaulted (overlap is defaulted per strategy). */
    public static ObjectNode chunking(ObjectNode data) {
        ObjectNode given = data.path("chunking_config").isObject()
                ? (ObjectNode) data.get("chunking_config").deepCopy() : Json.mapper().createObjectNode();
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
        String name = config.path("strategy").asText(DEFAULT_STRATEGY).strip().toUpperCase(Locale.ROOT);
        ChunkingSettings.Strategy strategy;
        try {
            strategy = ChunkingSettings.Strategy.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ParleyException.invalidField("chunking_config.strategy", "The chunking strategy must be one of "
                    + "recursive, headings, fixed, parent_child, table_aware");
        }
        int size = integer(config, "chunk_size", DEFAULT_CHUNK_SIZE);
        boolean parentChild = strategy == ChunkingSettings.Strategy.PARENT_CHILD;
        int child = parentChild ? integer(config, "child_size", Math.max(ChunkingSettings.MIN_CHILD_SIZE, size / 4)) : 0;
        int overlap = integer(config, "chunk_overlap", parentChild ? child / 8 : Math.min(DEFAULT_OVERLAP, size / 8));
        try {
            return new ChunkingSettings(strategy, size, overlap, child);
        } catch (ParleyException e) {
            String field = String.valueOf(e.details().getOrDefault("field", "chunking_config"));
            throw ParleyException.invalidField("chunking_config." + field.replace("chunk_strategy", "strategy"),
                    e.getMessage());
        }
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

    private static int integer(ObjectNode config, String field, int fallback) {
        JsonNode value = config.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber()) {
            throw ParleyException.invalidField("chunking_config." + field, "'" + field + "' must be a whole number of tokens");
        }
        return value.asInt();
    }

    /** {@code retrieval_config}: the defaults a chatbot gets when it searches this knowledge base. */
    public static ObjectNode retrieval(ObjectNode data) {
        ObjectNode given = data.path("retrieval_config").isObject()
                ? (ObjectNode) data.get("retrieval_config").deepCopy() : Json.mapper().createObjectNode();
        if (!given.hasNonNull("search_method")) {
            given.put("search_method", "hybrid");
        }
        if (!given.hasNonNull("top_k")) {
            given.put("top_k", 5);
        }
        return given;
    }

    public static List<JsonNode> sources(ObjectNode data) {
        List<JsonNode> out = new ArrayList<>();
        data.path("sources").forEach(out::add); // a missing or non-array field yields nothing
        return out;
    }
}
