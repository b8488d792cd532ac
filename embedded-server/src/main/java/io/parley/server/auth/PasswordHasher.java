package io.parley.server.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.util.concurrent.CompletableFuture;

/**
 * Argon2id password hashes (OWASP's recommended parameters: 19 MiB, 2 passes, 1 lane) in the
 * standard {@code $argon2id$...} form, so the parameters travel with each hash and can be raised later.
 */
public final class PasswordHasher {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private final Argon2Function argon2;
    /**
     * Checked when the email is unknown, so a login takes as long whether or not the account
     * exists. Computed in the background: an Argon2 hash would add a quarter second to start-up.
     */
    private final CompletableFuture<String> decoyHash;

    public PasswordHasher() {
        this(19_456, 2, 1);
    }

    PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this.argon2 = Argon2Function.getInstance(memoryKib, iterations, parallelism, 32, Argon2.ID, 19);
        this.decoyHash = CompletableFuture.supplyAsync(() -> hash("decoy password that nobody has"),
                command -> Thread.ofVirtual().name("parley-decoy-hash").start(command));
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
    }

    public boolean matches(String password, String storedHash) {
        if (storedHash == null) {
            Password.check(password, decoyHash.join()).with(argon2);
            return false;
        }
        return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
    }
}
