package io.parley.studio.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The knowledge-base part of the HTTP API, typed: drafts and their sources, chunk previews,
 * validation and finalize, deployed knowledge bases with their documents, jobs and search.
 * Calls block; run them off the JavaFX thread.
 */
public final class KnowledgeBaseApi {

    private final ParleyApiClient client;

    public KnowledgeBaseApi(ParleyApiClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    // ---- what a knowledge base can be built with

    public Options options() {
        return client.get("/api/v1/kb/options", Options.class);
    }

    // ---- drafts

    public String createDraft(String name, String description) {
        return client.post("/api/v1/kb/draft", Map.of("name", name, "description", description), DraftCreated.class)
                .draftId();
    }

    /** The workspace's unfinished drafts. */
    public List<DraftSummary> drafts() {
        return client.get("/api/v1/kb/drafts", DraftList.class).drafts();
    }

    /** Deep-merges {@code changes} into the draft (auto-save). */
    public void updateDraft(String draftId, Map<String, ?> changes) {
        client.patch(draft(draftId), Map.of("data", changes), JsonNode.class);
    }

    public void deleteDraft(String draftId) {
        client.delete(draft(draftId));
    }

    public Source addFile(String draftId, Path file) {
        return client.upload(draft(draftId) + "/sources", file, Source.class);
    }

    public Source addText(String draftId, String title, String text) {
        return client.post(draft(draftId) + "/sources", textSource(title, text), Source.class);
    }

    public Source addWebsite(String draftId, String url, Crawl crawl) {
        return client.post(draft(draftId) + "/sources", urlSource(url, crawl), Source.class);
    }

    public void removeSource(String draftId, String sourceId) {
        client.delete(draft(draftId) + "/sources/" + encode(sourceId));
    }

    public ChunkPreview previewChunks(String draftId, int limit) {
        return client.get(draft(draftId) + "/preview-chunks?limit=" + limit, ChunkPreview.class);
    }

    public Validation validate(String draftId) {
        return client.post(draft(draftId) + "/validate", null, Validation.class);
    }

    public Finalized finalizeDraft(String draftId) {
        return client.post(draft(draftId) + "/finalize", null, Finalized.class);
    }

    // ---- deployed knowledge bases

    public List<KnowledgeBase> list() {
        return client.get("/api/v1/kb", KnowledgeBaseList.class).knowledgeBases();
    }

    public KnowledgeBase get(String kbId) {
        return client.get(kb(kbId), KnowledgeBase.class);
    }

    /**
     * Changes name, description or settings ({@code chunking_config}, {@code embedding_config},
     * {@code retrieval_config}); a new model or chunking processes every document again.
     */
    public KnowledgeBase update(String kbId, Map<String, ?> changes) {
        return client.patch(kb(kbId), changes, KnowledgeBase.class);
    }

    public void delete(String kbId) {
        client.delete(kb(kbId));
    }

    public List<Document> documents(String kbId) {
        return client.get(kb(kbId) + "/documents", DocumentList.class).documents();
    }

    public Added addDocument(String kbId, Path file) {
        return client.upload(kb(kbId) + "/documents", file, Added.class);
    }

    public Added addDocumentText(String kbId, String title, String text) {
        return client.post(kb(kbId) + "/documents", textSource(title, text), Added.class);
    }

    public Added addDocumentWebsite(String kbId, String url, Crawl crawl) {
        return client.post(kb(kbId) + "/documents", urlSource(url, crawl), Added.class);
    }

    public void removeDocument(String kbId, String documentId) {
        client.delete(kb(kbId) + "/documents/" + encode(documentId));
    }

    public String reindexDocument(String kbId, String documentId) {
        return client.post(kb(kbId) + "/documents/" + encode(documentId) + "/reindex", null, JobStarted.class).jobId();
    }

    public Document annotate(String kbId, String documentId, Annotations annotations) {
        return client.patch(kb(kbId) + "/documents/" + encode(documentId), Map.of("annotations", annotations),
                Document.class);
    }

    public SearchResults search(String kbId, String query, String method, int topK) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("search_method", method);
        body.put("top_k", topK);
        return client.post(kb(kbId) + "/search", body, SearchResults.class);
    }

    public Job job(String jobId) {
        return client.get("/api/v1/jobs/" + encode(jobId), Job.class);
    }

    private static Map<String, Object> textSource(String title, String text) {
        return Map.of("type", "text", "title", title, "text", text);
    }

    private static Map<String, Object> urlSource(String url, Crawl crawl) {
        return Map.of("type", "url", "url", url, "crawl", crawl);
    }

    private static String draft(String draftId) {
        return "/api/v1/kb/draft/" + encode(draftId);
    }

    private static String kb(String kbId) {
        return "/api/v1/kb/" + encode(kbId);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- the shapes the server answers with (snake_case on the wire)

    public record Options(List<ModelOption> models, List<StrategyOption> chunkingStrategies) {
    }

    public record ModelOption(String id, String description, int dimensions, int maxTokens, boolean quantized,
                              @JsonProperty("is_default") boolean isDefault) {
    }

    public record StrategyOption(String id, String name, String description,
                                 @JsonProperty("is_default") boolean isDefault) {
    }

    record DraftCreated(String draftId) {
    }

    public record DraftSummary(String id, String status, JsonNode data) {
    }

    record DraftList(List<DraftSummary> drafts) {
    }

    /** How far a website source is followed: pages, link depth, and whether to stay on the same site. */
    public record Crawl(int maxPages, int maxDepth, boolean sameSite) {
    }

    public record Annotations(double importance, List<String> tags) {
    }

    public record Source(String id, String type, String name, String url, Long sizeBytes, String mediaType,
                         Annotations annotations) {
    }

    public record ChunkPreview(JsonNode settings, String embeddingModel, int totalChunks, List<PreviewChunk> chunks,
                               List<SourceProblem> problems) {
    }

    public record PreviewChunk(String sourceId, String sourceName, int position, String role, String text,
                               int tokenCount, Integer page, List<String> headingPath, boolean table) {
    }

    public record SourceProblem(String sourceId, String sourceName, String code, String message) {
    }

    public record Validation(boolean valid, List<Issue> errors, List<Issue> warnings) {
    }

    public record Issue(String field, String message) {
    }

    public record Finalized(String kbId, String status, String jobId, int documents) {
    }

    public record KnowledgeBase(String id, String name, String description, String embeddingModel,
                                JsonNode chunkingConfig, JsonNode retrievalConfig, String status,
                                DocumentCounts documents, int chunkCount, int indexedChunks) {
    }

    public record DocumentCounts(int processing, int ready, int error, int pending, int total) {
    }

    record KnowledgeBaseList(List<KnowledgeBase> knowledgeBases) {
    }

    public record Document(String id, String kbId, String sourceType, String name, String uri, String mediaType,
                           Long sizeBytes, String status, String errorCode, String errorMessage, int chunkCount,
                           Annotations annotations) {
    }

    record DocumentList(List<Document> documents) {
    }

    public record Added(Document document, String jobId) {
    }

    record JobStarted(String jobId) {
    }

    public record Job(String id, String type, String subjectId, String status, JobProgress progress, int attempts,
                      String error) {
    }

    public record JobProgress(int documentsTotal, int documentsDone, int documentsFailed, int chunksEmbedded,
                              String currentDocument) {
    }

    public record SearchResults(String query, String searchMethod, String embeddingModel, List<SearchHit> results,
                                Indexing indexing, long tookMs) {
    }

    public record SearchHit(int rank, String chunkId, String documentId, String documentName, Integer page,
                            List<String> headingPath, double score, Double keywordScore, Double vectorScore,
                            String snippet, String text, String context) {
    }

    public record Indexing(boolean inProgress, int documentsReady, int documentsTotal, String message) {
    }
}
