package io.parley.server.auth;

import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.ParleyException;
import io.parley.server.common.Text;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;
import io.parley.server.tenancy.WorkspaceAccess;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Workspace API keys of the form {@code pk_<prefix>_<secret>}. The prefix finds the key; the
 * secret (256 random bits) is checked against its SHA-256 — a slow hash adds nothing for secrets
 * of that strength, and keeps every API call fast.
 */
public final class ApiKeyService {

    static final String KEY_START = "pk_";
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final ApiKeyStore store;
    private final AccessPolicy policy;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeyService(ApiKeyStore store, AccessPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    /** Issues a key; the answer carries the full secret once. Needs admin in the workspace. */
    public ApiKeyView create(Principal caller, String name, Optional<String> workspaceId, String roleName) {
        WorkspaceAccess access = policy.workspaceOrDefault(caller, workspaceId, Role.ADMIN);
        String keyName = Text.required("name", name, 200);
        Role role = roleName == null ? Role.EDITOR : Role.parse("role", roleName);
        if (role == Role.OWNER) {
            throw ParleyException.invalidField("role", "An API key can be admin, editor or viewer, not owner");
        }
        if (role.compareTo(access.role()) > 0) {
            throw ParleyException.forbidden("An API key cannot have a stronger role than yours (" + access.role().value() + ")");
        }
        String prefix = KEY_START + randomText(12);
        String secret = randomText(43);
        ApiKeyView key = new ApiKeyView(Ids.newId(), keyName, access.workspaceId(), role.value(), prefix,
                clock.now(), null, null, null);
        store.insert(key, sha256(secret), caller.isApiKey() ? null : caller.userId());
        return key.withSecret(prefix + "_" + secret);
    }

    public List<ApiKeyView> list(Principal caller, Optional<String> workspaceId) {
        WorkspaceAccess access = policy.workspaceOrDefault(caller, workspaceId, Role.ADMIN);
        return store.inWorkspace(access.workspaceId());
    }

    public void revoke(Principal caller, String keyId) {
        ApiKeyView key = Optional.of(keyId).filter(Ids::looksLikeId).flatMap(store::byId)
                .orElseThrow(() -> ParleyException.notFound("API key"));
        policy.resource(caller, key.workspaceId(), Role.ADMIN, "API key");
        store.revoke(key.id(), clock.now());
    }

    /** The principal for a presented key, or 401 for an unknown, wrong or revoked one. */
    Principal authenticate(String presented) {
        int split = presented.lastIndexOf('_');
        if (!presented.startsWith(KEY_START) || split <= KEY_START.length()) {
            throw ParleyException.unauthorized("The API key is malformed");
        }
        String prefix = presented.substring(0, split);
        String secret = presented.substring(split + 1);
        ApiKeyStore.StoredKey stored = store.byPrefix(prefix)
                .orElseThrow(() -> ParleyException.unauthorized("The API key is not valid"));
        boolean matches = MessageDigest.isEqual(stored.secretHash().getBytes(StandardCharsets.US_ASCII),
                sha256(secret).getBytes(StandardCharsets.US_ASCII));
        if (!matches) {
            throw ParleyException.unauthorized("The API key is not valid");
        }
        if (stored.view().revokedAt() != null) {
            throw new ParleyException(ParleyException.Kind.UNAUTHORIZED, "key_revoked", "This API key was revoked", null);
        }
        store.touch(stored.view().id(), clock.now());
        return Principal.apiKey(stored.view().id(), stored.view().workspaceId(), Role.fromDb(stored.view().role()));
    }

    private String randomText(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
