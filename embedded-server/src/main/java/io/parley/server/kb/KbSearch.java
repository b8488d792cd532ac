package io.parley.server.kb;

import io.parley.server.common.Ids;
import io.parley.server.common.ParleyException;
import io.parley.server.kb.embed.EmbedderRegistry;
import io.parley.server.kb.embed.EmbeddingModel;
import io.parley.server.kb.index.IndexRegistry;
import io.parley.server.kb.index.SearchHit;
import io.parley.server.kb.index.SearchQuery;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * Retrieval on a knowledge base: keyword, vector or hybrid, with citations (document, page,
 * heading path) and, for parent-child chunking, the parent passage an answer should receive.
 * While documents are still being ingested it answers from what is indexed and says so.
 */
public final class KbSearch {

    public static final int MAX_QUERY_CHARS = 2000;

    /** {@code POST kb/{id}/search}. Unset fields fall back to the knowledge base's retrieval defaults. */
    public record Request(String query, Integer topK, String searchMethod, Double threshold, List<String> documentIds) {
    }

    public record Hit(int rank, String chunkId, String documentId, String documentName, Integer page,
                      List<String> headingPath, double score, Double keywordScore, Double vectorScore, String snippet,
                      String text, String context) {
    }

    public record Indexing(boolean inProgress, int documentsReady, int documentsTotal, String message) {
    }

    public record Result(String query, String searchMethod, String embeddingModel, List<Hit> results,
                         Indexing indexing, long tookMs) {
    }

    private final KnowledgeBaseService knowledgeBases;
    private final KbStore store;
    private final ChunkStore chunks;
    private final EmbedderRegistry embedders;
    private final IndexRegistry indexes;

    public KbSearch(KnowledgeBaseService knowledgeBases, KbStore store, ChunkStore chunks, EmbedderRegistry embedders,
                    IndexRegistry indexes) {
        this.knowledgeBases = knowledgeBases;
        this.store = store;
        this.chunks = chunks;
        this.embedders = embedders;
        this.indexes = indexes;
    }

    public Result search(Principal caller, String kbId, Request request) {
        return search(knowledgeBases.require(caller, kbId, Role.VIEWER), request, true);
    }

    /**
     * A search on behalf of a bot of {@code workspaceId} (no signed-in caller): the knowledge base
     * must belong to that workspace; 404 otherwise. Its {@code indexing} is null: an answer does not
     * report it, and counting documents on every chat message would cost a query.
     */
    public Result searchForBot(String workspaceId, String kbId, Request request) {
        KnowledgeBase kb = Optional.ofNullable(kbId).filter(Ids::looksLikeId).flatMap(store::find)
                .filter(found -> found.workspaceId().equals(workspaceId))
                .orElseThrow(() -> ParleyException.notFound("Knowledge base"));
        return search(kb, request, false);
    }

    /** The knowledge base's name if it is in {@code workspaceId}. */
    public Optional<String> nameInWorkspace(String workspaceId, String kbId) {
        return Optional.ofNullable(kbId).filter(Ids::looksLikeId).flatMap(store::find)
                .filter(found -> found.workspaceId().equals(workspaceId)).map(KnowledgeBase::name);
    }

    private Result search(KnowledgeBase kb, Request request, boolean withIndexing) {
        long started = System.nanoTime();
        String query = query(request.query());
        RetrievalSettings defaults = RetrievalSettings.read(kb.retrieval());
        SearchQuery.Method method = request.searchMethod() != null
                ? RetrievalSettings.method(request.searchMethod(), "search_method") : defaults.method();
        int topK = request.topK() != null ? RetrievalSettings.topK(request.topK(), "top_k") : defaults.topK();
        Double threshold = request.threshold() != null
                ? Double.valueOf(RetrievalSettings.threshold(request.threshold(), "threshold")) : defaults.threshold();
        EmbeddingModel model = EmbeddingModel.byId(kb.embeddingModel()).orElse(EmbeddingModel.DEFAULT);
        float[] vector = method == SearchQuery.Method.KEYWORD ? null : Models.await(embedders, model).embedQuery(query);
        Set<String> documents = request.documentIds() == null || request.documentIds().isEmpty()
                ? null : new HashSet<>(request.documentIds());
        SearchQuery search = new SearchQuery(query, vector, topK, method,
                threshold == null ? null : threshold.floatValue(), documents);
        List<SearchHit> hits;
        try {
            hits = indexes.search(kb.id(), model.dimensions(), search);
        } catch (IllegalArgumentException e) {
            throw ParleyException.invalidInput(e.getMessage());
        }
        return new Result(query, method.name().toLowerCase(Locale.ROOT), model.id(), withContext(hits),
                withIndexing ? indexing(kb.id()) : null, (System.nanoTime() - started) / 1_000_000);
    }

    private List<Hit> withContext(List<SearchHit> hits) {
        Map<String, String> contexts = chunks.contextTexts(hits.stream().map(SearchHit::chunkId).toList());
        List<Hit> out = new ArrayList<>(hits.size());
        int rank = 1;
        for (SearchHit h : hits) {
            String context = contexts.getOrDefault(h.chunkId(), h.text());
            out.add(new Hit(rank++, h.chunkId(), h.documentId(), h.documentName(), h.page(), h.headingPath(), h.score(),
                    h.keywordScore() == null ? null : h.keywordScore().doubleValue(),
                    h.vectorScore() == null ? null : h.vectorScore().doubleValue(), h.snippet(), h.text(), context));
        }
        return out;
    }

    /** How far a knowledge base's documents are indexed. */
    public Indexing indexing(String kbId) {
        Map<KbDocument.Status, Integer> counts = store.statusCounts(kbId);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int ready = counts.getOrDefault(KbDocument.Status.READY, 0);
        int busy = counts.getOrDefault(KbDocument.Status.PENDING, 0) + counts.getOrDefault(KbDocument.Status.PROCESSING, 0);
        String message = busy > 0 ? "Still indexing: these results come from the " + ready + " of " + total
                + " documents indexed so far" : null;
        return new Indexing(busy > 0, ready, total, message);
    }

    private static String query(String query) {
        if (query == null || query.isBlank()) {
            throw ParleyException.invalidField("query", "'query' is required: type what you are looking for");
        }
        if (query.length() > MAX_QUERY_CHARS) {
            throw ParleyException.invalidField("query", "'query' must be at most " + MAX_QUERY_CHARS + " characters");
        }
        return query.strip();
    }
}
