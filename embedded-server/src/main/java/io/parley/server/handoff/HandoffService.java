package io.parley.server.handoff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.session.SessionService;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Escalations: a flow's handoff node opens a ticket and marks its conversation as waiting for a
 * person; builders list the workspace's tickets and close them when handled.
 */
public final class HandoffService {

    private final HandoffStore store;
    private final SessionService sessions;
    private final AccessPolicy policy;
    private final Clock clock;

    public HandoffService(Database db, SessionService sessions, AccessPolicy policy, Clock clock) {
        this.store = new HandoffStore(db);
        this.sessions = sessions;
        this.policy = policy;
        this.clock = clock;
    }

    /** Opens a ticket for a conversation of {@code botId}; the session's metadata gets {@code handoff}. */
    public Handoff open(String workspaceId, String botId, String sessionId, String reason, String priority) {
        String cut = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        Handoff ticket = new Handoff(Ids.newId(), workspaceId, sessionId, botId, cut, priority, "open", clock.now(), null);
        store.insert(ticket);
        ObjectNode mark = Json.mapper().createObjectNode();
        mark.put("ticket_id", ticket.id());
        mark.put("status", "open");
        mark.put("at", ticket.createdAt().toString());
        sessions.annotate(sessionId, "handoff", mark);
        return ticket;
    }

    public List<Handoff> list(Principal caller, Optional<String> workspaceId, Optional<String> status) {
        var access = policy.workspaceOrDefault(caller, workspaceId, Role.VIEWER);
        String wanted = status.orElse(null);
        if (wanted != null && !Set.of("open", "closed").contains(wanted)) {
            throw ParleyException.invalidField("status", "'status' must be open or closed");
        }
        return store.inWorkspace(access.workspaceId(), wanted, 200);
    }

    public Handoff close(Principal caller, String id) {
        Handoff ticket = Optional.ofNullable(id).filter(Ids::looksLikeId).flatMap(store::find)
                .orElseThrow(() -> ParleyException.notFound("Handoff"));
        policy.resource(caller, ticket.workspaceId(), Role.EDITOR, "Handoff");
        store.close(ticket.id(), clock.now());
        return store.find(ticket.id()).orElseThrow();
    }
}
