package io.parley.server.chatbot;

import io.parley.server.common.ParleyException;
import io.parley.server.kb.KbSearch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Context for an answer: searches every enabled knowledge base with its overrides and merges the
 * results by rank (scores of different knowledge bases and methods are not comparable), so each
 * knowledge base's best passages come first. A knowledge base that has gone missing is skipped.
 */
final class Retriever {

    /** Enough context for an answer, little enough to keep prompts short and fast. */
    static final int MAX_PASSAGES = 8;
    private static final Logger LOG = Logger.getLogger(Retriever.class.getName());

    private final KbSearch search;

    Retriever(KbSearch search) {
        this.search = search;
    }

    List<Passage> retrieve(String workspaceId, ChatbotConfig config, String query) {
        record Ranked(int rank, int kbOrder, KbSearch.Hit hit, String kbId) {
        }
        List<Ranked> all = new ArrayList<>();
        int order = 0;
        for (ChatbotConfig.KbLink link : config.knowledgeBases()) {
            if (!link.isEnabled()) {
                continue;
            }
            ChatbotConfig.RetrievalOverride o = link.overrideRetrieval();
            KbSearch.Request request = new KbSearch.Request(query, o == null ? null : o.topK(),
                    o == null ? null : o.searchMethod(), o == null ? null : o.similarityThreshold(), null);
            try {
                for (KbSearch.Hit hit : search.searchForBot(workspaceId, link.kbId(), request).results()) {
                    all.add(new Ranked(hit.rank(), order, hit, link.kbId()));
                }
            } catch (ParleyException e) {
                LOG.log(Level.FINE, "knowledge base " + link.kbId() + " skipped: " + e.getMessage());
            }
            order++;
        }
        all.sort(Comparator.comparingInt(Ranked::rank).thenComparingInt(Ranked::kbOrder));
        List<Passage> out = new ArrayList<>();
        for (Ranked r : all) {
            if (out.size() == MAX_PASSAGES) {
                break;
            }
            KbSearch.Hit h = r.hit();
            out.add(new Passage(out.size() + 1, r.kbId(), h.chunkId(), h.documentId(), h.documentName(), h.page(),
                    h.headingPath(), h.score(), h.snippet(), h.context() == null ? h.text() : h.context()));
        }
        return out;
    }
}
