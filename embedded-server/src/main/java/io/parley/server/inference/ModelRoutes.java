package io.parley.server.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;

import java.util.Optional;

import static io.parley.server.http.Access.AUTHENTICATED;

/** The workspace's default model and "test connection". Handlers only parse and delegate. */
public final class ModelRoutes {

    private final ModelSettingsService settings;
    private final ConnectionCheck check;

    ModelRoutes(ModelSettingsService settings, ConnectionCheck check) {
        this.settings = settings;
        this.check = check;
    }

    public void register(ApiRoutes api) {
        api.tagged("models")
                .get("/models/default", AUTHENTICATED, "The workspace's default model (?workspace_id=); offline "
                        + "when none was saved", this::get)
                .put("/models/default", AUTHENTICATED, "Set the workspace's default model: {provider: {type: "
                        + "offline|openai_compatible, base_url, credential_id, timeout_seconds, max_retries}, model, "
                        + "temperature, max_tokens}", JsonNode.class, this::put)
                .post("/models/test", AUTHENTICATED, "Send a tiny chat completion with {provider, model} ({} tests "
                        + "the workspace default) and say whether it worked", JsonNode.class, this::test);
    }

    private Object get(ApiRequest req) {
        return settings.get(req.principal(), req.query("workspace_id"));
    }

    private Object put(ApiRequest req) {
        JsonNode body = req.body(JsonNode.class);
        return settings.save(req.principal(), workspace(body, req), body);
    }

    private Object test(ApiRequest req) {
        JsonNode body = req.body(JsonNode.class);
        return check.test(req.principal(), req.query("workspace_id"), body);
    }

    /** {@code workspace_id} of the body when it is text, else of the query; a wrong type is the reader's 400. */
    private static Optional<String> workspace(JsonNode body, ApiRequest req) {
        JsonNode ws = body.get("workspace_id");
        return ws != null && ws.isTextual() && !ws.asText().isBlank() ? Optional.of(ws.asText())
                : req.query("workspace_id");
    }
}
