package io.parley.server.credential;

import io.parley.server.common.SecretFiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Credential encryption (Tink AES256-GCM keyset)")
class CredentialCipherTest {

    @TempDir
    Path dataDir;

    static final byte[] SECRET = "sk-live-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final byte[] AAD = CredentialCipher.associatedData("cred-1", "ws-1");

    @Test
    @DisplayName("a keyset is generated once, owner-only, and the same one is read on the next start")
    void generatedOnceAndReused() throws Exception {
        CredentialCipher first = CredentialCipher.load(Optional.empty(), dataDir);
        Path file = dataDir.resolve(CredentialCipher.FILE);
        assertThat(file).exists();
        assertThat(SecretFiles.isOwnerOnly(file)).isTrue();
        String keyset = Files.readString(file);
        CredentialCipher.Sealed sealed = first.encrypt(SECRET, AAD);

        CredentialCipher second = CredentialCipher.load(Optional.empty(), dataDir);
        assertThat(Files.readString(file)).isEqualTo(keyset);
        assertThat(second.decrypt(sealed.ciphertext(), AAD)).isEqualTo(SECRET);
        assertThat(sealed.keyId()).isEqualTo(second.primaryKeyId());
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("sk-live");
    }

    @Test
    @DisplayName("the associated data binds a ciphertext to its credential and workspace")
    void associatedDataBinds() throws Exception {
        CredentialCipher cipher = CredentialCipher.load(Optional.empty(), dataDir);
        byte[] ciphertext = cipher.encrypt(SECRET, AAD).ciphertext();
        assertThat(cipher.decrypt(ciphertext, AAD)).isEqualTo(SECRET);
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, CredentialCipher.associatedData("cred-2", "ws-1")))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, CredentialCipher.associatedData("cred-1", "ws-2")))
                .isInstanceOf(GeneralSecurityException.class);
        ciphertext[ciphertext.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, AAD)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    @DisplayName("rotation adds a primary key, keeps the old ones for decryption, and rewrites the file")
    void rotation() throws Exception {
        CredentialCipher cipher = CredentialCipher.load(Optional.empty(), dataDir);
        CredentialCipher.Sealed old = cipher.encrypt(SECRET, AAD);
        long newKey = cipher.rotate();

        assertThat(newKey).isNotEqualTo(old.keyId());
        assertThat(cipher.keyCount()).isEqualTo(2);
        CredentialCipher.Sealed fresh = cipher.encrypt(SECRET, AAD);
        assertThat(fresh.keyId()).isEqualTo(newKey);
        assertThat(cipher.decrypt(old.ciphertext(), AAD)).isEqualTo(SECRET);

        CredentialCipher reloaded = CredentialCipher.load(Optional.empty(), dataDir);
        assertThat(reloaded.primaryKeyId()).isEqualTo(newKey);
        assertThat(reloaded.decrypt(old.ciphertext(), AAD)).isEqualTo(SECRET);
        assertThat(reloaded.decrypt(fresh.ciphertext(), AAD)).isEqualTo(SECRET);
        assertThat(SecretFiles.isOwnerOnly(dataDir.resolve(CredentialCipher.FILE))).isTrue();
        try (var files = Files.list(dataDir.resolve("secrets"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("credentials.keyset.json");
        }
    }

    @Test
    @DisplayName("a keyset from PARLEY_KEYSET is used as is, writes no file, and cannot be rotated here")
    void keysetFromEnvironment() throws Exception {
        Path other = dataDir.resolve("other");
        CredentialCipher.load(Optional.empty(), other);
        String keyset = Files.readString(other.resolve(CredentialCipher.FILE));
        CredentialCipher fromFile = CredentialCipher.load(Optional.empty(), other);
        byte[] ciphertext = fromFile.encrypt(SECRET, AAD).ciphertext();

        CredentialCipher fromEnv = CredentialCipher.load(Optional.of(keyset), dataDir);
        assertThat(fromEnv.external()).isTrue();
        assertThat(fromEnv.decrypt(ciphertext, AAD)).isEqualTo(SECRET);
        assertThat(dataDir.resolve(CredentialCipher.FILE)).doesNotExist();
        assertThatThrownBy(fromEnv::rotate).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("an unreadable keyset stops the start with a clear message, and is never replaced")
    void unreadableKeyset() throws Exception {
        assertThatThrownBy(() -> CredentialCipher.load(Optional.of("{\"not\": \"a keyset\"}"), dataDir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PARLEY_KEYSET");
        Path file = dataDir.resolve(CredentialCipher.FILE);
        SecretFiles.write(file, "{ damaged");
        assertThatThrownBy(() -> CredentialCipher.load(Optional.empty(), dataDir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be read");
        assertThat(Files.readString(file)).isEqualTo("{ damaged");
    }
}
