package io.parley.server.session;

/** Which bot a session belongs to: a chatbot, a chatflow, or a draft being previewed. */
public record BotRef(String type, String id, String workspaceId) {
}
