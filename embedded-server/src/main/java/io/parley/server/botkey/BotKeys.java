package io.parley.server.botkey;

import io.helidon.dbclient.DbExecute;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.ParleyException;
import io.parley.server.storage.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Issues and checks the public API's keys: {@code bk_<prefix>_<secret>} (secret) and
 * {@code wk_<prefix>_<secret>} (widget). The prefix finds the key, the secret's SHA-256 proves it
 * (256 random bits need no slow hash). A key opens the public routes of its own bot only.
 */
public final class BotKeys {

    /** How stale {@code last_used_at} of a secret key may be. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final Database db;
    private final BotKeyStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public BotKeys(Database db, Clock clock) {
        this.db = db;
        this.store = new BotKeyStore(db);
        this.clock = clock;
    }

    /** Creates a key inside the caller's transaction; the answer carries the full key, once. */
    public BotKey issue(DbExecute tx, String botId, String botType, String workspaceId, String kind, String name) {
        String prefix = (BotKey.WIDGET.equals(kind) ? "wk_" : "bk_") + randomText(12);
        String secret = randomText(43);
        BotKey key = new BotKey(Ids.newId(), botId, botType, workspaceId, kind, name, prefix, clock.now(), null, null, null);
        store.insert(tx, key, sha256(secret));
        return key.withKey(prefix + "_" + secret);
    }

    /** Creates a key in its own transaction. */
    public BotKey issueNow(String botId, String botType, String workspaceId, String kind, String name) {
        return db.inTransaction(tx -> issue(tx, botId, botType, workspaceId, kind, name));
    }

    public List<BotKey> list(String botId) {
        return store.forBot(botId);
    }

    public void revoke(String botId, String keyId) {
        if (!Ids.looksLikeId(keyId) || !store.revoke(botId, keyId, clock.now())) {
            throw ParleyException.notFound("Key");
        }
    }

    public void deleteForBot(DbExecute tx, String botId) {
        store.deleteForBot(tx, botId);
    }

    /**
     * The key presented for {@code botId}; 401 when it is malformed, unknown, wrong, revoked, or
     * belongs to another bot (the same answer, so keys cannot be probed).
     */
    public BotKey authenticate(String botId, String presented) {
        if (presented == null || presented.isBlank()) {
            throw ParleyException.unauthorized("A bot key is required: send 'Authorization: Bearer <key>'");
        }
        int split = presented.lastIndexOf('_');
        if (!(presented.startsWith("bk_") || presented.startsWith("wk_")) || split <= 3) {
            throw ParleyException.unauthorized("This is not a bot key: use the key shown when the bot was deployed");
        }
        BotKeyStore.Stored stored = store.byPrefix(presented.substring(0, split))
                .orElseThrow(() -> ParleyException.unauthorized("The bot key is not valid"));
        boolean matches = MessageDigest.isEqual(stored.secretHash().getBytes(StandardCharsets.US_ASCII),
                sha256(presented.substring(split + 1)).getBytes(StandardCharsets.US_ASCII));
        if (!matches || !stored.key().botId().equals(botId)) {
            throw ParleyException.unauthorized("The bot key is not valid");
        }
        if (stored.key().revokedAt() != null) {
            throw new ParleyException(ParleyException.Kind.UNAUTHORIZED, "key_revoked", "This bot key was revoked", null);
        }
        // widget keys are used on every page view: not tracked; a secret key's last use is kept to the
        // minute, so a busy integration does not write the key's row on every message
        Instant now = clock.now();
        Instant last = stored.key().lastUsedAt();
        if (!stored.key().isWidget() && (last == null || last.isBefore(now.minus(TOUCH_EVERY)))) {
            store.touch(stored.key().id(), now);
        }
        return stored.key();
    }

    private String randomText(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
