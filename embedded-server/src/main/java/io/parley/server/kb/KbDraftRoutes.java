package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;
import io.parley.server.http.Reply;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.parley.server.http.Access.AUTHENTICATED;

/** The knowledge-base draft routes beyond the shared draft ones: sources, chunk preview, validate, finalize. */
public final class KbDraftRoutes {

    private static final String BASE = "/kb/draft/{draft_id}";

    private final KbSources sources;
    private final KbUploads uploads;
    private final KbPreview preview;
    private final KbFinalizer finalizer;

    public KbDraftRoutes(KbSources sources, KbUploads uploads, KbPreview preview, KbFinalizer finalizer) {
        this.sources = sources;
        this.uploads = uploads;
        this.preview = preview;
        this.finalizer = finalizer;
    }

    public void register(ApiRoutes api) {
        api.tagged("kb-drafts")
                .post(BASE + "/sources", AUTHENTICATED, "Add a source: multipart part 'file' (optional part "
                        + "'annotations' as JSON), or JSON {type:'url', url, crawl} or {type:'text', title, text}",
                        JsonNode.class, this::addSource)
                .get(BASE + "/sources", AUTHENTICATED, "List the draft's sources", this::listSources)
                .delete(BASE + "/sources/{source_id}", AUTHENTICATED, "Remove a source", this::removeSource)
                .get(BASE + "/preview-chunks", AUTHENTICATED, "Chunk the sources with the draft's settings "
                        + "(?source_id=, ?strategy=, ?chunk_size=, ?chunk_overlap=, ?limit=)", this::previewChunks)
                .post(BASE + "/validate", AUTHENTICATED, "Check the draft: {valid, errors, warnings}", null,
                        this::validate)
                .post(BASE + "/finalize", AUTHENTICATED, "Create the knowledge base and start ingestion", null,
                        this::finalizeDraft);
    }

    private Object addSource(ApiRequest req) {
        String draftId = req.path("draft_id");
        if (req.isMultipart()) {
            sources.checkCanAdd(req.principal(), draftId);
            try (StagedUpload upload = uploads.read(req)) {
                return Reply.created(sources.addFile(req.principal(), draftId, upload));
            }
        }
        return Reply.created(sources.add(req.principal(), draftId, SourceRequest.parse(req.body(JsonNode.class))));
    }

    private Object listSources(ApiRequest req) {
        return Map.of("sources", sources.list(req.principal(), req.path("draft_id")));
    }

    private Object removeSource(ApiRequest req) {
        sources.remove(req.principal(), req.path("draft_id"), req.path("source_id"));
        return Reply.noContent();
    }

    private Object previewChunks(ApiRequest req) {
        return preview.preview(req.principal(), req.path("draft_id"), KbPreview.Options.from(req::query));
    }

    private Object validate(ApiRequest req) {
        KbValidation.Result result = finalizer.validate(req.principal(), req.path("draft_id"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("valid", result.valid());
        answer.put("errors", result.errors());
        answer.put("warnings", result.warnings());
        return answer;
    }

    private Object finalizeDraft(ApiRequest req) {
        return Reply.created(finalizer.finalizeDraft(req.principal(), req.path("draft_id")));
    }
}
