package io.parley.server.lead;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code POST /api/v1/leads/capture}. */
public record LeadRequest(String botId, String sessionId, String email, String name, String phone,
                          ObjectNode customFields) {
}
