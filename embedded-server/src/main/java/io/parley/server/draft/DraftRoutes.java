package io.parley.server.draft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.JsonBinding;
import io.parley.server.common.ParleyException;
import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;
import io.parley.server.http.Reply;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static io.parley.server.http.Access.AUTHENTICATED;

/**
 * The routes every draft type shares: {@code POST {type}/draft}, {@code GET|PATCH|DELETE
 * {type}/draft/{id}} and listing. Validate and deploy/finalize belong to each feature.
 */
public final class DraftRoutes {

    private final DraftService drafts;
    private final DraftType type;
    private final String base;
    private final java.util.Set<String> serverOwned;
    private final DraftCheck check;

    /**
     * @param serverOwned top-level fields of the document that only the feature's own endpoints
     *                    change (for example a knowledge base's {@code sources}); saves may not touch them
     * @param check       the feature's check of the values a create or save stores
     */
    public DraftRoutes(DraftService drafts, DraftType type, java.util.Set<String> serverOwned, DraftCheck check) {
        this.drafts = drafts;
        this.type = type;
        this.base = "/" + type.urlName() + "/draft";
        this.serverOwned = java.util.Set.copyOf(serverOwned);
        this.check = check;
    }

    /** The envelope of a create body; the draft's own fields are the feature's to check. */
    record CreateRequest(String workspaceId) {
    }

    public void register(ApiRoutes api) {
        api.tagged(type.value() + "-drafts")
                .post(base, AUTHENTICATED, "Start a " + type.value() + " draft (body: the first fields; workspace_id optional)",
                        JsonNode.class, this::create)
                .get(base + "s", AUTHENTICATED, "List the workspace's " + type.value() + " drafts (?workspace_id=)",
                        this::list)
                .get(base + "/{draft_id}", AUTHENTICATED, "Get a draft", this::get)
                .patch(base + "/{draft_id}", AUTHENTICATED, "Auto-save: deep-merge {\"data\": {...}} into the draft",
                        JsonNode.class, this::patch)
                .delete(base + "/{draft_id}", AUTHENTICATED, "Abandon a draft", this::delete);
    }

    private Object create(ApiRequest req) {
        ObjectNode body = object(req.body(JsonNode.class), "The request body");
        String workspaceId = JsonBinding.bind(body, CreateRequest.class, null).workspaceId();
        Optional<String> workspace = Optional.ofNullable(workspaceId).or(() -> req.query("workspace_id"));
        body.remove("workspace_id");
        ObjectNode data = checkOwnership(object(body.has("data") ? body.get("data") : body, "'data'"));
        check.check(data, data);
        Draft draft = drafts.create(req.principal(), type, workspace, data);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("draft_id", draft.id());
        answer.put("status", "draft");
        answer.put("expires_at", draft.expiresAt());
        return Reply.created(answer);
    }

    private Object list(ApiRequest req) {
        return Map.of("drafts", drafts.list(req.principal(), type, req.query("workspace_id")).stream()
                .map(DraftView::of).toList());
    }

    private Object get(ApiRequest req) {
        return DraftView.of(drafts.get(req.principal(), type, req.path("draft_id")));
    }

    private Object patch(ApiRequest req) {
        ObjectNode body = object(req.body(JsonNode.class), "The request body");
        if (!body.has("data")) {
            throw ParleyException.invalidField("data", "Send the changes as {\"data\": {...}}");
        }
        Draft saved = drafts.patch(req.principal(), type, req.path("draft_id"),
                checkOwnership(object(body.get("data"), "'data'")), check);
        return Map.of("status", "saved", "updated_at", saved.updatedAt(), "expires_at", saved.expiresAt());
    }

    private Object delete(ApiRequest req) {
        drafts.delete(req.principal(), type, req.path("draft_id"));
        return Reply.noContent();
    }

    private ObjectNode checkOwnership(ObjectNode data) {
        for (String field : serverOwned) {
            if (data.has(field)) {
                throw ParleyException.invalidField(field, "'" + field + "' is changed through its own endpoints, "
                        + "not by saving the draft");
            }
        }
        return data;
    }

    static ObjectNode object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw ParleyException.invalidInput(what + " must be a JSON object");
        }
        return (ObjectNode) node;
    }

}
