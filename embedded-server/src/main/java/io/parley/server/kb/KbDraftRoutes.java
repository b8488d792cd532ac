package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;
import io.parley.server.http.Reply;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.parley.server.http.Access.AUTHENTICATED;

/** The knowledge-base draft routes beyond the shared draft ones: sources, chunk preview, validate, finalize. */
public final class KbDraftRoutes {

    private static final String BASE = "/kb/draft/{draft_id}";

    private final KbSources sources;
    private final KbPreview preview;
    private final KbFinalizer finalizer;

    public KbDraftRoutes(KbSources sources, KbPreview preview, KbFinalizer finalizer) {
        this.sources = sources;
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
            AtomicReference<ObjectNode> annotations = new AtomicReference<>();
            AtomicReference<ObjectNode> added = new AtomicReference<>();
            req.multipart((field, fileName, contentType, content) -> {
                if ("annotations".equals(field) && fileName == null) {
                    annotations.set(parseAnnotations(readSmall(content)));
                } else if ("file".equals(field)) {
                    if (added.get() != null) {
                        throw ParleyException.invalidInput("Send one file per request");
                    }
                    added.set(sources.addFile(req.principal(), draftId, fileName, contentType, content,
                            Long.MAX_VALUE, annotations.get()));
                }
            });
            if (added.get() == null) {
                throw ParleyException.invalidField("file", "The multipart body has no part named 'file'");
            }
            return Reply.created(added.get());
        }
        JsonNode body = req.body(JsonNode.class);
        ObjectNode annotations = body.path("annotations").isObject() ? (ObjectNode) body.get("annotations") : null;
        return Reply.created(switch (body.path("type").asText("")) {
            case "text" -> sources.addText(req.principal(), draftId, text(body, "title"), text(body, "text"), annotations);
            case "url" -> sources.addUrl(req.principal(), draftId, text(body, "url"), body.get("crawl"), annotations);
            case "file" -> throw ParleyException.invalidField("type", "Upload files as multipart/form-data with a part named 'file'");
            default -> throw ParleyException.invalidField("type", "'type' must be 'text' or 'url' (or upload a file as multipart)");
        });
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

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw ParleyException.invalidField(field, "Field '" + field + "' has the wrong type (expected text)");
        }
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String readSmall(java.io.InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            if (out.size() > 64 * 1024) {
                throw ParleyException.invalidField("annotations", "'annotations' is too large");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ObjectNode parseAnnotations(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            if (node == null || !node.isObject()) {
                throw new IOException();
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw ParleyException.invalidField("annotations", "'annotations' must be a JSON object");
        }
    }
}
