package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.parley.server.chatbot.Passage;
import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.kb.KbSearch;

import java.util.List;
import java.util.Set;

/**
 * Searches a knowledge base: {@code kb_id}, {@code query} (template, default {@code {{input}}}),
 * {@code top_k} (1–20), {@code method} (hybrid, keyword, vector; default the knowledge base's).
 * Output: {@code results} (rank, text, document, page, score), {@code context} (numbered
 * passages for a prompt), {@code response} (the same, as the seed names it), {@code count} and
 * {@code sources} (the citations a response that uses them shows).
 */
final class KnowledgeNode implements NodeType {

    private static final Set<String> METHODS = Set.of("hybrid", "keyword", "vector");

    @Override
    public String name() {
        return "knowledge_base";
    }

    @Override
    public List<String> handles(FlowNode node) {
        return List.of(FlowEdge.DEFAULT);
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        String kbId = Data.text(node.data(), "kb_id");
        if (kbId == null) {
            checks.error("data.kb_id", "Choose the knowledge base to search");
        } else if (!checks.knowledgeBaseExists(kbId)) {
            checks.error("data.kb_id", "The knowledge base this node searches no longer exists");
        }
        String query = Data.text(node.data(), "query");
        if (query != null) {
            checks.template("data.query", query, false);
        }
        Data.checkedInt(node.data(), "top_k", 5, 1, 20, checks);
        String method = Data.text(node.data(), "method", "search_method");
        if (method != null && !METHODS.contains(method)) {
            checks.error("data.method", "'method' must be hybrid, keyword or vector");
        }
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        var data = run.node().data();
        String query = run.render(Data.text(data, "query") == null ? "{{input}}" : Data.text(data, "query")).strip();
        if (query.isEmpty()) {
            throw new NodeFailure("empty_query", "The search query came out empty");
        }
        if (query.length() > KbSearch.MAX_QUERY_CHARS) {
            query = query.substring(0, KbSearch.MAX_QUERY_CHARS);
        }
        String kbId = Data.text(data, "kb_id");
        run.note("query", query);
        KbSearch.Result result;
        try {
            result = run.services().knowledge().searchForBot(run.workspaceId(), kbId,
                    new KbSearch.Request(query, Data.integer(data, "top_k", 5), Data.text(data, "method", "search_method"),
                            null, null));
        } catch (ParleyException e) {
            throw new NodeFailure("search_failed", "The knowledge search failed: " + e.getMessage());
        }
        var out = Data.object();
        ArrayNode results = out.putArray("results");
        ArrayNode sources = out.putArray("sources");
        StringBuilder context = new StringBuilder();
        for (KbSearch.Hit hit : result.results()) {
            var r = results.addObject();
            r.put("rank", hit.rank());
            r.put("text", hit.context());
            r.put("document_name", hit.documentName());
            if (hit.page() != null) {
                r.put("page", hit.page());
            }
            r.put("score", Math.round(hit.score() * 1000) / 1000.0);
            context.append(context.isEmpty() ? "" : "\n\n").append('[').append(hit.rank()).append("] ").append(hit.context());
            sources.add(Json.mapper().valueToTree(new Passage(hit.rank(), kbId, hit.chunkId(), hit.documentId(),
                    hit.documentName(), hit.page(), hit.headingPath(), hit.score(), hit.snippet(), hit.context()).toSource()));
        }
        out.put("context", context.toString());
        out.put("response", context.toString());
        out.put("count", result.results().size());
        return Step.next(out);
    }
}
