package io.parley.server.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Ids;
import io.parley.server.common.Json;
import io.parley.server.inference.TokenUsage;
import io.parley.server.storage.Database;
import io.parley.server.storage.Rows;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.TenancyStore;
import io.parley.server.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions over time, with a clock the test moves: idle, expired, deleted; tokens and sequence numbers. */
class SessionLifecycleTest {

    @TempDir
    Path dir;
    Database db;
    SessionService sessions;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    BotRef bot;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.h2(dir));
        String org = Ids.newId();
        String ws = Ids.newId();
        db.execute().insert("INSERT INTO organizations (id, name, created_at, updated_at) VALUES (?, 'Org', ?, ?)",
                org, Rows.timestamp(now.get()), Rows.timestamp(now.get()));
        db.execute().insert("INSERT INTO workspaces (id, organization_id, name, is_default, created_at, updated_at) "
                + "VALUES (?, ?, 'WS', TRUE, ?, ?)", ws, org, Rows.timestamp(now.get()), Rows.timestamp(now.get()));
        sessions = new SessionService(db, new AccessPolicy(new TenancyStore(db)), now::get);
        bot = new BotRef("chatbot", Ids.newId(), ws);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    @DisplayName("messages are numbered in order and their tokens add up on the session")
    void tokensAndOrder() {
        ChatSession s = sessions.open(bot, null, "website", null);
        sessions.append(s, NewMessage.user("Hello"));
        sessions.append(s, new NewMessage("assistant", "Hi!", null, null, "m", new TokenUsage(12, 3), 40L, null, null));
        sessions.append(s, NewMessage.user("Bye"));
        sessions.append(s, new NewMessage("assistant", "Bye!", null, null, "m", new TokenUsage(20, 2), 30L, null, null));
        ChatSession reopened = sessions.open(bot, s.id(), "website", null);
        assertThat(reopened.id()).isEqualTo(s.id());
        assertThat(reopened.messageCount()).isEqualTo(4);
        assertThat(reopened.promptTokens()).isEqualTo(32);
        assertThat(reopened.completionTokens()).isEqualTo(5);
        assertThat(sessions.recent(s.id(), 3)).extracting(StoredMessage::content).containsExactly("Hi!", "Bye", "Bye!");
        assertThat(sessions.recent(s.id(), 3)).extracting(StoredMessage::seq).containsExactly(2, 3, 4);
    }

    @Test
    @DisplayName("a quiet session becomes idle, then expired; ended sessions are deleted after seven days")
    void lifecycle() {
        ChatSession s = sessions.open(bot, null, "website", null);
        sessions.append(s, NewMessage.user("Hello"));
        now.set(now.get().plus(Duration.ofMinutes(11)));
        sessions.cleanUp();
        assertThat(status(s.id())).isEqualTo("idle");
        sessions.append(s, NewMessage.user("Still there?"));
        assertThat(status(s.id())).as("a message wakes it").isEqualTo("active");

        now.set(now.get().plus(Duration.ofHours(25)));
        sessions.cleanUp();
        assertThat(status(s.id())).isEqualTo("expired");
        assertThat(sessions.open(bot, s.id(), "website", null).id()).as("an expired session starts afresh")
                .isNotEqualTo(s.id());

        now.set(now.get().plus(Duration.ofDays(8)));
        sessions.cleanUp();
        assertThat(db.execute().get("SELECT COUNT(*) AS n FROM chat_sessions WHERE id = ?", s.id())
                .map(r -> Rows.number(r, "n")).orElseThrow()).isZero();
        assertThat(db.execute().get("SELECT COUNT(*) AS n FROM chat_messages WHERE session_id = ?", s.id())
                .map(r -> Rows.number(r, "n")).orElseThrow()).as("messages go with their session").isZero();
    }

    @Test
    @DisplayName("another bot's session id starts a new session; the visitor's details are merged in")
    void foreignSessionAndMetadata() {
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.putObject("variables").put("user_name", "Ann");
        ChatSession s = sessions.open(bot, null, "website", meta);
        BotRef other = new BotRef("chatbot", Ids.newId(), bot.workspaceId());
        assertThat(sessions.open(other, s.id(), "website", null).id()).isNotEqualTo(s.id());
        ObjectNode more = Json.mapper().createObjectNode();
        more.putObject("user").put("email", "ann@example.com");
        ChatSession again = sessions.open(bot, s.id(), "website", more);
        assertThat(again.metadata().path("variables").path("user_name").asText()).isEqualTo("Ann");
        assertThat(again.metadata().path("user").path("email").asText()).isEqualTo("ann@example.com");
    }

    private String status(String id) {
        return db.execute().get("SELECT status FROM chat_sessions WHERE id = ?", id)
                .map(r -> Rows.string(r, "status")).orElseThrow();
    }
}
