package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;
import io.parley.server.http.Reply;

import java.util.Map;

import static io.parley.server.http.Access.AUTHENTICATED;

/** Finalized knowledge bases: list, get, update, delete, documents, search, index rebuild. */
public final class KbRoutes {

    private final KnowledgeBaseService knowledgeBases;
    private final KbIntake intake;
    private final KbUploads uploads;
    private final KbSearch search;

    public KbRoutes(KnowledgeBaseService knowledgeBases, KbIntake intake, KbUploads uploads, KbSearch search) {
        this.knowledgeBases = knowledgeBases;
        this.intake = intake;
        this.uploads = uploads;
        this.search = search;
    }

    public void register(ApiRoutes api) {
        api.tagged("knowledge-bases")
                .get("/kb", AUTHENTICATED, "List the workspace's knowledge bases (?workspace_id=)", this::list)
                .get("/kb/{kb_id}", AUTHENTICATED, "A knowledge base with its ingestion status", this::get)
                .patch("/kb/{kb_id}", AUTHENTICATED, "Change name, description, retrieval defaults; a new "
                        + "embedding model or chunking re-processes every document", JsonNode.class, this::update)
                .delete("/kb/{kb_id}", AUTHENTICATED, "Delete a knowledge base and everything in it", this::delete)
                .get("/kb/{kb_id}/documents", AUTHENTICATED, "The documents and their status", this::documents)
                .post("/kb/{kb_id}/documents", AUTHENTICATED, "Add a document (multipart 'file', optional part "
                        + "'annotations' as JSON, or JSON {type:'text'|'url', …}); it is ingested in the background",
                        JsonNode.class, this::add)
                .patch("/kb/{kb_id}/documents/{document_id}", AUTHENTICATED, "Edit a document's annotations "
                        + "{annotations:{importance, tags}}", JsonNode.class, this::annotate)
                .delete("/kb/{kb_id}/documents/{document_id}", AUTHENTICATED, "Remove a document and its chunks",
                        this::removeDocument)
                .post("/kb/{kb_id}/documents/{document_id}/reindex", AUTHENTICATED, "Parse, chunk and embed the "
                        + "document again", null, this::reindex)
                .post("/kb/{kb_id}/search", AUTHENTICATED, "Search: {query, top_k, search_method: "
                        + "keyword|vector|hybrid, threshold}", KbSearch.Request.class, this::search)
                .post("/kb/{kb_id}/rebuild-index", AUTHENTICATED, "Rebuild the search index from the stored chunks",
                        null, this::rebuild);
    }

    private Object list(ApiRequest req) {
        return Map.of("knowledge_bases", knowledgeBases.list(req.principal(), req.query("workspace_id")));
    }

    private Object get(ApiRequest req) {
        return knowledgeBases.get(req.principal(), req.path("kb_id"));
    }

    private Object update(ApiRequest req) {
        return knowledgeBases.update(req.principal(), req.path("kb_id"),
                KbRequests.UpdateRequest.parse(req.body(JsonNode.class)));
    }

    private Object delete(ApiRequest req) {
        knowledgeBases.delete(req.principal(), req.path("kb_id"));
        return Reply.noContent();
    }

    private Object documents(ApiRequest req) {
        return Map.of("documents", knowledgeBases.documents(req.principal(), req.path("kb_id")));
    }

    private Object add(ApiRequest req) {
        String kbId = req.path("kb_id");
        if (req.isMultipart()) {
            intake.checkCanAdd(req.principal(), kbId);
            try (StagedUpload upload = uploads.read(req)) {
                return Reply.created(intake.addFile(req.principal(), kbId, upload));
            }
        }
        return Reply.created(intake.add(req.principal(), kbId, SourceRequest.parse(req.body(JsonNode.class))));
    }

    private Object annotate(ApiRequest req) {
        return knowledgeBases.annotate(req.principal(), req.path("kb_id"), req.path("document_id"),
                KbRequests.AnnotateRequest.parse(req.body(JsonNode.class)));
    }

    private Object removeDocument(ApiRequest req) {
        knowledgeBases.removeDocument(req.principal(), req.path("kb_id"), req.path("document_id"));
        return Reply.noContent();
    }

    private Object reindex(ApiRequest req) {
        return Reply.created(Map.of("job_id", knowledgeBases.reindexDocument(req.principal(), req.path("kb_id"),
                req.path("document_id"))));
    }

    private Object search(ApiRequest req) {
        return search.search(req.principal(), req.path("kb_id"), req.body(KbSearch.Request.class));
    }

    private Object rebuild(ApiRequest req) {
        return Reply.created(Map.of("job_id", knowledgeBases.rebuildIndex(req.principal(), req.path("kb_id"))));
    }
}
