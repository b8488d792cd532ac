package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.ParleyException;
import io.parley.server.draft.Draft;
import io.parley.server.draft.DraftService;
import io.parley.server.draft.DraftType;
import io.parley.server.kb.chunk.ChunkDraft;
import io.parley.server.kb.chunk.Chunker;
import io.parley.server.kb.chunk.ChunkingSettings;
import io.parley.server.kb.embed.Embedder;
import io.parley.server.kb.embed.EmbedderRegistry;
import io.parley.server.kb.embed.EmbeddingModel;
import io.parley.server.kb.parse.DocumentParseException;
import io.parley.server.kb.parse.DocumentParser;
import io.parley.server.kb.parse.ParsedDocument;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chunks a draft's sources on the fly with the draft's settings (or ones being tried out), so the
 * builder sees what the chunks will be before committing to them. Nothing is stored or embedded.
 */
public final class KbPreview {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Query options: which source, settings to try, how many chunks to show. */
    public record Options(Optional<String> sourceId, Optional<String> strategy, Optional<Integer> chunkSize,
                          Optional<Integer> overlap, Optional<Integer> childSize, int limit) {

        public static Options from(Function<String, Optional<String>> query) {
            int limit = query.apply("limit").map(v -> number("limit", v)).orElse(DEFAULT_LIMIT);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ParleyException.invalidField("limit", "'limit' must be between 1 and " + MAX_LIMIT);
            }
            return new Options(query.apply("source_id"), query.apply("strategy"),
                    query.apply("chunk_size").map(v -> number("chunk_size", v)),
                    query.apply("chunk_overlap").map(v -> number("chunk_overlap", v)),
                    query.apply("child_size").map(v -> number("child_size", v)), limit);
        }

        private static int number(String field, String value) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw ParleyException.invalidField(field, "'" + field + "' must be a whole number");
            }
        }
    }

    public record PreviewChunk(String sourceId, String sourceName, int position, String role, String text,
                               int tokenCount, Integer page, List<String> headingPath, int startOffset, int endOffset,
                               boolean table) {
    }

    public record SourceProblem(String sourceId, String sourceName, String code, String message) {
    }

    public record Preview(ObjectNode settings, String embeddingModel, int totalChunks, List<PreviewChunk> chunks,
                          List<SourceProblem> problems) {
    }

    private final DraftService drafts;
    private final KbFiles files;
    private final Supplier<DocumentParser> parser; // Tika starts slowly: made on first use
    private final KbCrawls crawls;
    private final EmbedderRegistry embedders;
    private final long maxDocumentBytes;

    public KbPreview(DraftService drafts, KbFiles files, Supplier<DocumentParser> parser, KbCrawls crawls,
                     EmbedderRegistry embedders, long maxDocumentBytes) {
        this.drafts = drafts;
        this.files = files;
        this.parser = parser;
        this.crawls = crawls;
        this.embedders = embedders;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    public Preview preview(Principal caller, String draftId, Options options) {
        Draft draft = drafts.require(caller, DraftType.KB, draftId, Role.VIEWER);
        ObjectNode config = KbSettings.chunking(draft.data());
        options.strategy().ifPresent(v -> config.put("strategy", v));
        options.chunkSize().ifPresent(v -> config.put("chunk_size", v));
        options.overlap().ifPresent(v -> config.put("chunk_overlap", v));
        options.childSize().ifPresent(v -> config.put("child_size", v));
        ChunkingSettings settings = KbSettings.toSettings(config);
        EmbeddingModel model = KbSettings.model(draft.data());
        Embedder counter = Models.await(embedders, model); // chunk sizes are in this model's tokens

        List<JsonNode> sources = KbSettings.sources(draft.data());
        if (options.sourceId().isPresent()) {
            sources = sources.stream().filter(s -> s.path("id").asText().equals(options.sourceId().get())).toList();
            if (sources.isEmpty()) {
                throw ParleyException.notFound("Source");
            }
        }
        List<PreviewChunk> shown = new ArrayList<>();
        List<SourceProblem> problems = new ArrayList<>();
        int total = 0;
        for (JsonNode source : sources) {
            String id = source.path("id").asText();
            String name = source.path("name").asText();
            try {
                ParsedDocument parsed = parse(draft, source);
                List<ChunkDraft> chunks = Chunker.chunk(parsed, settings, counter);
                total += chunks.size();
                for (ChunkDraft c : chunks) {
                    if (shown.size() < options.limit()) {
                        shown.add(new PreviewChunk(id, name, c.position(), c.role().name().toLowerCase(java.util.Locale.ROOT),
                                c.text(), c.tokenCount(), c.page(), c.headingPath(), c.startOffset(), c.endOffset(),
                                c.table()));
                    }
                }
            } catch (DocumentParseException e) {
                problems.add(new SourceProblem(id, name, e.code(), e.getMessage()));
            } catch (IOException e) {
                problems.add(new SourceProblem(id, name, "unreadable", "The source could not be read: " + e.getMessage()));
            }
        }
        return new Preview(KbSettings.normalized(settings), model.id(), total, shown, problems);
    }

    private ParsedDocument parse(Draft draft, JsonNode source) throws IOException {
        String type = source.path("type").asText();
        if (type.equals("url")) {
            return crawls.previewPage(source.path("url").asText());
        }
        String fileName = type.equals("text") ? source.path("name").asText() + ".txt" : source.path("name").asText();
        try (InputStream in = Files.newInputStream(files.draftSource(draft.id(), source.path("id").asText()))) {
            return parser.get().parse(fileName, in, maxDocumentBytes);
        }
    }
}
