package io.parley.server.chatflow.node;

/** Opens escalation tickets: a person takes the conversation over. */
public interface Handoffs {

    /** Opens a ticket for the session and marks the session as waiting for a person; returns the ticket id. */
    String open(String workspaceId, String sessionId, String reason, String priority);
}
