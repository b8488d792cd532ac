package io.parley.server.auth;

import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.SecretFiles;
import io.parley.server.storage.Database;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Embedded mode's single user. On first start it is created with an organization "Personal" and
 * a workspace "Default". Each start mints a fresh local token: handed to the studio in-process
 * and written to {@value #TOKEN_FILE} in the data folder (owner-only), for curl and scripts on
 * the same machine. It is never stored in the database and changes on every start.
 */
public final class LocalOwner {

    public static final String TOKEN_FILE = "local-token";
    static final String TOKEN_START = "plt_";
    static final String EMAIL = "owner@localhost";

    private final String userId;
    private final String token;

    private LocalOwner(String userId, String token) {
        this.userId = userId;
        this.token = token;
    }

    static LocalOwner ensure(Database db, UserStore users, AuthService auth, Path dataDir, Clock clock) {
        User owner = users.localOwner().orElseGet(() -> {
            String name = System.getProperty("user.name", "Owner");
            User created = new User(Ids.newId(), EMAIL, name.isBlank() ? "Owner" : name, null, true, clock.now());
            db.runInTransaction(tx -> {
                users.insert(tx, created, EMAIL, created.createdAt());
                auth.accounts().createPersonalTenancy(tx, created.id(), created.createdAt());
            });
            return created;
        });
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = TOKEN_START + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        SecretFiles.write(dataDir.resolve(TOKEN_FILE), token + "\n");
        return new LocalOwner(owner.id(), token);
    }

    public String token() {
        return token;
    }

    String userId() {
        return userId;
    }

    boolean accepts(String presented) {
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
