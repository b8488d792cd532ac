package io.parley.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.dbclient.DbExecute;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Conversations: sessions (active → idle after 10 minutes → expired after 24 hours without a
 * message → deleted 7 days later), their messages with sources, tokens, timings and errors, and
 * visitors' feedback. Used by every channel and by draft previews.
 */
public final class SessionService {

    public static final Duration IDLE_AFTER = Duration.ofMinutes(10);
    public static final Duration EXPIRES_AFTER = Duration.ofHours(24);
    public static final Duration KEPT_AFTER_END = Duration.ofDays(7);
    private static final Logger LOG = Logger.getLogger(SessionService.class.getName());

    private final SessionStore store;
    private final AccessPolicy policy;
    private final Clock clock;

    public SessionService(Database db, AccessPolicy policy, Clock clock) {
        this.store = new SessionStore(db);
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * The session {@code requestedId} names if it is this bot's and still open; otherwise a new one
     * (an unknown, foreign or ended id starts a fresh conversation rather than failing the visitor).
     * {@code metadata} (the visitor's {@code user} and {@code variables}) is merged into the session's.
     */
    public ChatSession open(BotRef bot, String requestedId, String channel, ObjectNode metadata) {
        Instant now = clock.now();
        Optional<ChatSession> existing = Optional.ofNullable(requestedId).filter(Ids::looksLikeId).flatMap(store::find)
                .filter(s -> s.botId().equals(bot.id()) && s.workspaceId().equals(bot.workspaceId()))
                .filter(s -> !Set.of("closed", "expired").contains(s.status()) && s.expiresAt().isAfter(now));
        if (existing.isPresent()) {
            ChatSession s = existing.get();
            if (metadata != null && !metadata.isEmpty()) {
                ObjectNode merged = s.metadata().deepCopy();
                merge(merged, metadata);
                store.updateMetadata(s.id(), merged, now);
                return new ChatSession(s.id(), s.workspaceId(), s.botType(), s.botId(), s.channel(), s.status(), merged,
                        s.messageCount(), s.promptTokens(), s.completionTokens(), s.createdAt(), now, s.lastMessageAt(),
                        s.closedAt(), s.expiresAt());
            }
            return s;
        }
        ObjectNode meta = Json.mapper().createObjectNode();
        if (metadata != null) {
            merge(meta, metadata);
        }
        ChatSession fresh = new ChatSession(Ids.newId(), bot.workspaceId(), bot.type(), bot.id(), channel, "active", meta,
                0, 0, 0, now, now, null, null, now.plus(EXPIRES_AFTER));
        store.insert(fresh);
        return fresh;
    }

    public StoredMessage append(ChatSession session, NewMessage message) {
        return appendWithId(Ids.newId(), session, message);
    }

    /** Appends with an id chosen beforehand (a streamed answer announces its id before it is written). */
    public StoredMessage appendWithId(String messageId, ChatSession session, NewMessage message) {
        Instant now = clock.now();
        return store.append(messageId, session, message, now, now.plus(EXPIRES_AFTER));
    }

    /** The memory window: the last {@code limit} messages, oldest first. */
    public List<StoredMessage> recent(String sessionId, int limit) {
        return limit <= 0 ? List.of() : store.recent(sessionId, limit);
    }

    /** Feedback on an assistant message of {@code botId}; 404 for any other message. */
    public void feedback(String botId, String messageId, String rating, String comment) {
        if (rating == null || !Set.of("positive", "negative", "neutral").contains(rating)) {
            throw ParleyException.invalidField("rating", "'rating' must be positive, negative or neutral");
        }
        if (comment != null && comment.length() > 2000) {
            throw ParleyException.invalidField("comment", "'comment' must be at most 2000 characters");
        }
        SessionStore.MessageOwner owner = Optional.ofNullable(messageId).filter(Ids::looksLikeId).flatMap(store::owner)
                .filter(o -> o.botId().equals(botId) && o.role().equals("assistant"))
                .orElseThrow(() -> ParleyException.notFound("Message"));
        Instant now = clock.now();
        ObjectNode feedback = Json.mapper().createObjectNode();
        feedback.put("rating", rating);
        if (comment != null && !comment.isBlank()) {
            feedback.put("comment", comment.strip());
        }
        feedback.put("submitted_at", now.toString());
        store.feedback(owner.messageId(), feedback, now);
    }

    /** Whether {@code sessionId} is one of {@code botId}'s sessions (for leads). */
    public Optional<ChatSession> find(String botId, String sessionId) {
        return Optional.ofNullable(sessionId).filter(Ids::looksLikeId).flatMap(store::find)
                .filter(s -> s.botId().equals(botId));
    }

    /** Messages visitors sent to a bot since midnight UTC. */
    public long userMessagesToday(String botId) {
        return store.userMessagesSince(botId, clock.now().truncatedTo(ChronoUnit.DAYS));
    }

    /**
     * The caps of public widgets: messages per conversation (a new conversation helps, so the
     * code says so) and per day over all of the bot's conversations (429 until midnight UTC).
     */
    public void checkCaps(BotRef bot, ChatSession session, int perSession, int perDay) {
        if (session.messageCount() / 2 >= perSession) {
            throw ParleyException.rateLimited("conversation_limit", "This conversation has reached its limit of "
                    + perSession + " messages: start a new conversation", 1);
        }
        if (userMessagesToday(bot.id()) >= perDay) {
            throw ParleyException.rateLimited("daily_limit", "This assistant has answered all the messages it can "
                    + "today: try again tomorrow", secondsUntilTomorrow());
        }
    }

    /** Seconds until the per-day caps reset (midnight UTC). */
    public long secondsUntilTomorrow() {
        Instant now = clock.now();
        Instant tomorrow = now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Math.max(1, Duration.between(now, tomorrow).toSeconds());
    }

    public void close(String botId, String sessionId) {
        ChatSession s = find(botId, sessionId).orElseThrow(() -> ParleyException.notFound("Session"));
        store.close(s.id(), clock.now());
    }

    /** Admin: a bot's latest sessions (the caller's access to the bot is checked by its owner feature). */
    public List<ChatSession> forBot(String botId, int limit) {
        return store.forBot(botId, Math.max(1, Math.min(limit, 500)));
    }

    /** Admin: a session with its messages, if the caller may see its workspace. */
    public Map<String, Object> withMessages(Principal caller, String sessionId) {
        ChatSession s = Optional.ofNullable(sessionId).filter(Ids::looksLikeId).flatMap(store::find)
                .orElseThrow(() -> ParleyException.notFound("Session"));
        policy.resource(caller, s.workspaceId(), Role.VIEWER, "Session");
        return Map.of("session", s, "messages", store.messages(s.id()));
    }

    /** A session by id, whoever it belongs to (for features that already hold its id). */
    public Optional<ChatSession> byId(String sessionId) {
        return Optional.ofNullable(sessionId).filter(Ids::looksLikeId).flatMap(store::find);
    }

    /** Sets one field of a session's metadata (a handoff ticket, for example). */
    public void annotate(String sessionId, String field, JsonNode value) {
        store.find(sessionId).ifPresent(s -> {
            ObjectNode metadata = s.metadata().deepCopy();
            metadata.set(field, value);
            store.updateMetadata(s.id(), metadata, clock.now());
        });
    }

    /** Admin: a session the caller may act on with {@code role} in its workspace; 404 otherwise. */
    public ChatSession require(Principal caller, String sessionId, Role role) {
        ChatSession s = Optional.ofNullable(sessionId).filter(Ids::looksLikeId).flatMap(store::find)
                .orElseThrow(() -> ParleyException.notFound("Session"));
        policy.resource(caller, s.workspaceId(), role, "Session");
        return s;
    }

    public void deleteForBot(DbExecute tx, String botId) {
        store.deleteForBot(tx, botId);
    }

    /** The cleanup job: idle, expired, and deletion of ended sessions past their keeping time. */
    public void cleanUp() {
        Instant now = clock.now();
        int idle = store.markIdle(now.minus(IDLE_AFTER), now);
        int expired = store.expire(now);
        int deleted = store.deleteExpired(now.minus(KEPT_AFTER_END));
        if (idle + expired + deleted > 0) {
            LOG.fine(() -> "sessions: " + idle + " idle, " + expired + " expired, " + deleted + " deleted");
        }
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode current = target.get(e.getKey());
            if (current instanceof ObjectNode currentObject && e.getValue() instanceof ObjectNode patchObject) {
                merge(currentObject, patchObject);
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }
}
