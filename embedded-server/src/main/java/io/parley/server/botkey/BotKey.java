package io.parley.server.botkey;

import java.time.Instant;

/**
 * A key of the public API for one bot. {@code secret} keys are for servers and scripts;
 * {@code widget} keys are published in embed codes and accepted only from the bot's allowed
 * domains. {@code key} (the full key) is set only in the answer that creates a secret key.
 */
public record BotKey(String id, String botId, String botType, String workspaceId, String kind, String name,
                     String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt, String key) {

    public static final String SECRET = "secret";
    public static final String WIDGET = "widget";

    public boolean isWidget() {
        return WIDGET.equals(kind);
    }

    BotKey withKey(String full) {
        return new BotKey(id, botId, botType, workspaceId, kind, name, prefix, createdAt, lastUsedAt, revokedAt, full);
    }
}
