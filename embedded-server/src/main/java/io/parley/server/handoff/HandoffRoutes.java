package io.parley.server.handoff;

import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;

import java.util.Map;

import static io.parley.server.http.Access.AUTHENTICATED;

/** The workspace's escalation tickets: list (?status=open|closed) and close. */
public final class HandoffRoutes {

    private final HandoffService handoffs;

    public HandoffRoutes(HandoffService handoffs) {
        this.handoffs = handoffs;
    }

    public void register(ApiRoutes api) {
        api.tagged("handoffs")
                .get("/handoffs", AUTHENTICATED, "Conversations handed to a person (?workspace_id=&status=open|closed)",
                        req -> Map.of("handoffs", handoffs.list(req.principal(), req.query("workspace_id"), req.query("status"))))
                .post("/handoffs/{handoff_id}/close", AUTHENTICATED, "Mark a handoff as handled", null,
                        (ApiRequest req) -> handoffs.close(req.principal(), req.path("handoff_id")));
    }
}
