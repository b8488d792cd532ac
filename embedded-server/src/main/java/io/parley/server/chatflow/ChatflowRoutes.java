package io.parley.server.chatflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatbot.ChatEvents;
import io.parley.server.chatbot.ChatResponses;
import io.parley.server.common.JsonBinding;
import io.parley.server.common.ParleyException;
import io.parley.server.draft.Draft;
import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;
import io.parley.server.http.PublicUrls;
import io.parley.server.http.Reply;
import io.parley.server.http.SseStream;
import io.parley.server.http.Streamed;
import io.parley.server.tenancy.Role;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.parley.server.http.Access.AUTHENTICATED;

/**
 * The builder's routes for chatflows: validate, execute (a test run with its execution log) and
 * deploy of drafts; deployed chatflows, their conversations and conversations' flow state. Draft
 * create/save/delete are the shared {@link io.parley.server.draft.DraftRoutes}.
 */
public final class ChatflowRoutes {

    private static final String DRAFT = "/chatflows/draft/{draft_id}";
    private static final String FLOW = "/chatflows/{chatflow_id}";

    private final ChatflowService chatflows;
    private final io.parley.server.lead.LeadService leads;

    ChatflowRoutes(ChatflowService chatflows, io.parley.server.lead.LeadService leads) {
        this.chatflows = chatflows;
        this.leads = leads;
    }

    record ExecuteBody(String input, String sessionId, ObjectNode metadata) {
    }

    record StateBody(Integer revision, ObjectNode vars, ObjectNode user, ObjectNode context) {
    }

    public void register(ApiRoutes api) {
        api.tagged("chatflow-drafts")
                .post(DRAFT + "/validate", AUTHENTICATED, "Check the flow node by node: {valid, errors, warnings}", null,
                        this::validate)
                .post(DRAFT + "/execute", AUTHENTICATED, "Test-run the draft {input, session_id?}: output, messages, "
                        + "execution_log, execution_time_ms, state; Accept: text/event-stream sends start and a step "
                        + "event as each node starts, then done with the same answer", ExecuteBody.class, this::execute)
                .post(DRAFT + "/deploy", AUTHENTICATED, "Deploy the draft (or replace the live version it edits)", null,
                        this::deploy)
                .get(DRAFT + "/export", AUTHENTICATED, "The draft as a chatflow file", req -> file(req,
                        chatflows.export(req.principal(), req.path("draft_id"), true)))
                .post("/chatflows/import", AUTHENTICATED, "A new draft from a chatflow file (the body; workspace_id "
                        + "in the query or the body)", JsonNode.class, this::importFile);
        api.tagged("chatflows")
                .get("/chatflows", AUTHENTICATED, "List the workspace's deployed chatflows (?workspace_id=)", this::list)
                .get(FLOW, AUTHENTICATED, "A deployed chatflow with its flow and channels", this::get)
                .patch(FLOW, AUTHENTICATED, "Change the live flow: {\"data\": {...}} is deep-merged and validated",
                        JsonNode.class, this::update)
                .delete(FLOW, AUTHENTICATED, "Delete a chatflow, its keys and conversations", this::delete)
                .post(FLOW + "/edit", AUTHENTICATED, "Open a draft of the live version; deploying it replaces the live one",
                        null, this::edit)
                .get(FLOW + "/export", AUTHENTICATED, "The live flow as a chatflow file", req -> file(req,
                        chatflows.export(req.principal(), req.path("chatflow_id"), false)))
                .get(FLOW + "/sessions", AUTHENTICATED, "The chatflow's latest conversations (?limit=)", this::sessions)
                .get(FLOW + "/leads", AUTHENTICATED, "Contact details visitors left with the chatflow (?limit=)",
                        this::leads)
                .get("/chatflows/sessions/{session_id}/state", AUTHENTICATED,
                        "A conversation's flow state: revision, state_hash, waiting_on, variables", this::state)
                .patch("/chatflows/sessions/{session_id}/state", AUTHENTICATED,
                        "Change a conversation's variables {revision, vars?, user?, context?}; 409 on a stale revision",
                        StateBody.class, this::updateState);
    }

    /** A download: the browser saves it as {@code <name>.chatflow.json}. */
    private static Object file(ApiRequest req, Map<String, Object> content) {
        String name = String.valueOf(content.get("name")).replaceAll("[^A-Za-z0-9 _-]", "").strip().replace(' ', '-');
        return Reply.withHeader(content, "Content-Disposition", "attachment; filename=\""
                + (name.isEmpty() ? "chatflow" : name) + ".chatflow.json\"");
    }

    private Object validate(ApiRequest req) {
        var result = chatflows.validate(req.principal(), req.path("draft_id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", result.valid());
        out.put("errors", result.errors());
        out.put("warnings", result.warnings());
        return out;
    }

    private Object execute(ApiRequest req) {
        ExecuteBody body = JsonBinding.bind(req.body(JsonNode.class), ExecuteBody.class, null);
        if (body.input() == null) {
            throw ParleyException.invalidField("input", "'input' is required: the visitor's message to test with");
        }
        if (!ChatResponses.wantsStream(req)) {
            return chatflows.execute(req.principal(), req.path("draft_id"), body.input(), body.sessionId(), body.metadata());
        }
        return new Streamed(sse -> sse.send("done", chatflows.execute(req.principal(),
                req.path("draft_id"), body.input(), body.sessionId(), body.metadata(), new StepEvents(sse))));
    }

    /** A test run's progress as server-sent events: the session, then each node as it starts. */
    private record StepEvents(SseStream sse) implements ChatEvents {
        @Override
        public void started(String sessionId, String messageId) {
            sse.send("start", Map.of("session_id", sessionId, "message_id", messageId));
        }

        @Override
        public void delta(String text) {
            // a flow's messages come whole, with the answer
        }

        @Override
        public void step(String nodeId, String type) {
            sse.send("step", Map.of("node_id", nodeId, "type", type));
        }
    }

    private Object importFile(ApiRequest req) {
        JsonNode file = req.body(JsonNode.class);
        java.util.Optional<String> workspace = req.query("workspace_id");
        if (workspace.isEmpty() && file != null && file.path("workspace_id").isTextual()) {
            workspace = java.util.Optional.of(file.get("workspace_id").asText());
        } else if (file != null && file.has("workspace_id") && !file.get("workspace_id").isTextual()
                && !file.get("workspace_id").isNull()) {
            throw ParleyException.invalidField("workspace_id", "'workspace_id' must be text");
        }
        return Reply.created(chatflows.importFile(req.principal(), workspace, file));
    }

    private Object deploy(ApiRequest req) {
        return chatflows.deploy(req.principal(), req.path("draft_id"), PublicUrls.base(req));
    }

    private Object list(ApiRequest req) {
        return Map.of("chatflows", chatflows.list(req.principal(), req.query("workspace_id")));
    }

    private Object get(ApiRequest req) {
        return chatflows.get(req.principal(), req.path("chatflow_id"), PublicUrls.base(req));
    }

    private Object update(ApiRequest req) {
        chatflows.require(req.principal(), req.path("chatflow_id"), Role.EDITOR); // an unknown id is a 404 whatever the body
        JsonNode body = req.body(JsonNode.class);
        if (body == null || !body.path("data").isObject()) {
            throw ParleyException.invalidField("data", "Send the changes as {\"data\": {...}}");
        }
        return chatflows.update(req.principal(), req.path("chatflow_id"), (ObjectNode) body.get("data"), PublicUrls.base(req));
    }

    private Object delete(ApiRequest req) {
        chatflows.delete(req.principal(), req.path("chatflow_id"));
        return Reply.noContent();
    }

    private Object edit(ApiRequest req) {
        Draft draft = chatflows.edit(req.principal(), req.path("chatflow_id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("draft_id", draft.id());
        out.put("status", "draft");
        out.put("chatflow_id", req.path("chatflow_id"));
        out.put("expires_at", draft.expiresAt());
        return Reply.created(out);
    }

    private Object sessions(ApiRequest req) {
        return Map.of("sessions", chatflows.sessions(req.principal(), req.path("chatflow_id"), limit(req)));
    }

    private Object leads(ApiRequest req) {
        var flow = chatflows.require(req.principal(), req.path("chatflow_id"), Role.VIEWER);
        return Map.of("leads", leads.list(flow.workspaceId(), flow.id(), limit(req)));
    }

    private static int limit(ApiRequest req) {
        try {
            return req.query("limit").map(Integer::parseInt).orElse(50);
        } catch (NumberFormatException e) {
            throw ParleyException.invalidField("limit", "'limit' must be a whole number");
        }
    }

    private Object state(ApiRequest req) {
        return chatflows.state(req.principal(), req.path("session_id"));
    }

    private Object updateState(ApiRequest req) {
        StateBody body = JsonBinding.bind(req.body(JsonNode.class), StateBody.class, null);
        ObjectNode changes = ChatflowService.emptyObject();
        if (body.vars() != null) {
            changes.set("vars", body.vars());
        }
        if (body.user() != null) {
            changes.set("user", body.user());
        }
        if (body.context() != null) {
            changes.set("context", body.context());
        }
        return chatflows.updateState(req.principal(), req.path("session_id"), body.revision(), changes);
    }
}
