package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;
import io.parley.server.common.JsonBinding;
import io.parley.server.common.ParleyException;
import io.parley.server.kb.index.SearchQuery;

import java.util.Locale;

/**
 * A knowledge base's {@code retrieval_config}: how a search runs when the caller does not say. The
 * values are checked with the ranges of the search route itself, when a draft is saved, when it is
 * validated or finalized, and when a knowledge base is changed, so a stored default can always be
 * searched with.
 *
 * @param threshold null for none
 */
public record RetrievalSettings(int topK, SearchQuery.Method method, Double threshold) {

    public static final int DEFAULT_TOP_K = 5;
    public static final int MAX_TOP_K = 50;
    public static final SearchQuery.Method DEFAULT_METHOD = SearchQuery.Method.HYBRID;

    private static final String FIELD = "retrieval_config";

    /** {@code retrieval_config} as sent or stored: every field typed, none checked yet. */
    record Config(Integer topK, String searchMethod, Double threshold) {
    }

    public static RetrievalSettings defaults() {
        return new RetrievalSettings(DEFAULT_TOP_K, DEFAULT_METHOD, null);
    }

    /** The settings in a {@code retrieval_config} (defaults when null); 400 naming the field of a bad value. */
    public static RetrievalSettings read(JsonNode config) {
        if (config == null || config.isNull()) {
            return defaults();
        }
        Config given = JsonBinding.bind(config, Config.class, FIELD);
        return new RetrievalSettings(
                given.topK() == null ? DEFAULT_TOP_K : topK(given.topK(), FIELD + ".top_k"),
                given.searchMethod() == null ? DEFAULT_METHOD : method(given.searchMethod(), FIELD + ".search_method"),
                given.threshold() == null ? null : threshold(given.threshold(), FIELD + ".threshold"));
    }

    /** The stored form: every value explicit, so what a knowledge base searches with is plain to see. */
    public ObjectNode toJson() {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("search_method", method.name().toLowerCase(Locale.ROOT));
        out.put("top_k", topK);
        if (threshold != null) {
            out.put("threshold", threshold);
        }
        return out;
    }

    static int topK(int value, String field) {
        if (value < 1 || value > MAX_TOP_K) {
            throw ParleyException.invalidField(field, "'" + field + "' must be between 1 and " + MAX_TOP_K);
        }
        return value;
    }

    static SearchQuery.Method method(String name, String field) {
        try {
            return SearchQuery.Method.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ParleyException.invalidField(field, "'" + field + "' must be keyword, vector or hybrid");
        }
    }

    /** A similarity in [-1, 1] (for keyword search, a share of the best score). */
    static double threshold(double value, String field) {
        if (!(value >= -1 && value <= 1)) {
            throw ParleyException.invalidField(field, "'" + field + "' must be between -1 and 1 (a similarity)");
        }
        return value;
    }
}
