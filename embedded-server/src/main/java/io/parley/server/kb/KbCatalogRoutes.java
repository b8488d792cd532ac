package io.parley.server.kb;

import io.parley.server.http.ApiRoutes;
import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.embed.EmbeddingModel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.parley.server.http.Access.AUTHENTICATED;

/**
 * What a knowledge base can be built with: the embedding models and chunking strategies, with
 * plain words for each, so clients (the studio's wizard) offer exactly what this server supports.
 */
final class KbCatalogRoutes {

    record ModelInfo(String id, String description, int dimensions, int maxTokens, boolean quantized,
                     boolean isDefault) {
        static ModelInfo of(EmbeddingModel m) {
            return new ModelInfo(m.id(), m.hint(), m.dimensions(), m.maxTokens(), m.quantized(),
                    m == EmbeddingModel.DEFAULT);
        }
    }

    record StrategyInfo(String id, String name, String description, boolean isDefault) {
    }

    static final List<StrategyInfo> STRATEGIES = List.of(
            new StrategyInfo("recursive", "Paragraphs",
                    "Keeps paragraphs and sentences together. A good choice for most documents.", true),
            new StrategyInfo("headings", "By headings",
                    "One passage per section, led by its headings. Best for manuals and Markdown or web pages "
                            + "with clear headings.", false),
            new StrategyInfo("fixed", "Fixed size",
                    "Equal-sized pieces that ignore the layout. For text without structure, such as transcripts.",
                    false),
            new StrategyInfo("parent_child", "Small pieces, large answers",
                    "Searches small, precise pieces but gives the answer the larger passage around them.", false),
            new StrategyInfo("table_aware", "Tables kept whole",
                    "Keeps table rows whole and repeats the header in every piece. For price lists, "
                            + "spreadsheets and specs.", false));

    static {
        // Every strategy the chunker knows is offered, and nothing else.
        List<String> known = Arrays.stream(ChunkingSettings.Strategy.values())
                .map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
        if (!known.equals(STRATEGIES.stream().map(StrategyInfo::id).toList())) {
            throw new IllegalStateException("chunking strategies out of date: " + known);
        }
    }

    void register(ApiRoutes api) {
        api.tagged("knowledge-bases").get("/kb/options", AUTHENTICATED,
                "The embedding models and chunking strategies a knowledge base can use", req -> Map.of(
                        "models", Arrays.stream(EmbeddingModel.values()).map(ModelInfo::of).toList(),
                        "chunking_strategies", STRATEGIES));
    }
}
