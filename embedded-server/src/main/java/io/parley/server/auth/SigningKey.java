package io.parley.server.auth;

import io.parley.server.common.SecretFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The HMAC key that signs tokens: from configuration when given (all nodes of a cluster share it),
 * otherwise generated once and kept in the data folder so tokens survive a restart.
 */
final class SigningKey {

    static final String FILE = "secrets/jwt-signing.key";

    private SigningKey() {
    }

    static byte[] load(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) {
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
                if (key.length >= 32) {
                    return key;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token signing key " + file, e);
        } catch (IllegalArgumentException corrupt) {
            // fall through: a damaged key file is replaced, which signs everyone out
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretFiles.write(file, Base64.getEncoder().encodeToString(key));
        return key;
    }
}
