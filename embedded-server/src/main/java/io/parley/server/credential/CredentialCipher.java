package io.parley.server.credential;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.parley.server.common.SecretFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * AES256-GCM encryption of credentials with a Tink keyset: from {@code PARLEY_KEYSET} (a Tink JSON
 * keyset, so that all nodes of a cluster share it) or else generated once into
 * {@value #FILE} in the data folder, owner-only. Every ciphertext carries the id of the key that
 * made it, so after {@link #rotate()} the older keys still decrypt what they encrypted.
 *
 * <p>A keyset that cannot be read stops the server: generating a new one would make every stored
 * credential unreadable.
 */
final class CredentialCipher {

    static final String FILE = "secrets/credentials.keyset.json";
    static final String ENV = "PARLEY_KEYSET";

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot register Tink's AEAD primitives", e);
        }
    }

    /** A ciphertext and the id of the keyset key that made it. */
    record Sealed(byte[] ciphertext, long keyId) {
    }

    private record Keys(KeysetHandle handle, Aead aead, long primaryId) {
        static Keys of(KeysetHandle handle) throws GeneralSecurityException {
            return new Keys(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    Integer.toUnsignedLong(handle.getPrimary().getId()));
        }
    }

    private final Path file; // null when the keyset comes from the environment
    private volatile Keys keys;

    private CredentialCipher(Path file, Keys keys) {
        this.file = file;
        this.keys = keys;
    }

    /** The keyset of {@code configured} (a Tink JSON keyset) when present, else the data folder's. */
    static CredentialCipher load(Optional<String> configured, Path dataDir) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            try {
                return new CredentialCipher(null, Keys.of(parse(configured.get())));
            } catch (GeneralSecurityException | RuntimeException e) {
                // the message of a parse failure could quote key material: name the variable only
                throw new IllegalStateException(ENV + " is not a valid Tink JSON keyset of AES-GCM keys");
            }
        }
        Path path = dataDir.resolve(FILE);
        try {
            if (Files.isRegularFile(path)) {
                return new CredentialCipher(path, Keys.of(parse(Files.readString(path))));
            }
            KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            SecretFiles.write(path, serialize(fresh));
            return new CredentialCipher(path, Keys.of(fresh));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credential keyset " + path, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("The credential keyset " + path + " cannot be read. Restore it from a "
                    + "backup: without it the stored credentials cannot be decrypted.");
        }
    }

    Sealed encrypt(byte[] plaintext, byte[] associatedData) {
        Keys current = keys;
        try {
            return new Sealed(current.aead().encrypt(plaintext, associatedData), current.primaryId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** The plaintext; a {@link GeneralSecurityException} when the ciphertext, its row or the key do not match. */
    byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        return keys.aead().decrypt(ciphertext, associatedData);
    }

    long primaryKeyId() {
        return keys.primaryId();
    }

    int keyCount() {
        return keys.handle().size();
    }

    /** True when the keyset comes from {@value #ENV}: it can only be rotated there. */
    boolean external() {
        return file == null;
    }

    /**
     * Adds a new AES256-GCM key and makes it the primary one; the older keys stay, for decryption.
     * The keyset file is replaced atomically before the new key encrypts anything.
     */
    synchronized long rotate() {
        if (file == null) {
            throw new IllegalStateException("the keyset comes from " + ENV);
        }
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(keys.handle())
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
            Keys next = Keys.of(rotated);
            SecretFiles.write(file, serialize(rotated));
            keys = next;
            return next.primaryId();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot add a key to the credential keyset", e);
        }
    }

    static byte[] associatedData(String credentialId, String workspaceId) {
        return (credentialId + "|" + workspaceId).getBytes(StandardCharsets.UTF_8);
    }

    private static KeysetHandle parse(String json) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    }

    private static String serialize(KeysetHandle handle) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    }
}
