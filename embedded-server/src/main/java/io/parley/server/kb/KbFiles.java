package io.parley.server.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where knowledge-base content lives on disk: uploads of a draft in a temporary area tied to
 * that draft, and the original bytes of every document of a finalized knowledge base (kept so a
 * document can be re-parsed or re-embedded without the user uploading it again).
 */
public final class KbFiles {

    private final Path uploads;
    private final Path knowledgeBases;

    public KbFiles(Path dataDir) {
        this.uploads = dataDir.resolve("uploads").resolve("kb-drafts");
        this.knowledgeBases = dataDir.resolve("kb");
    }

    public Path draftSource(String draftId, String sourceId) {
        return uploads.resolve(draftId).resolve(sourceId);
    }

    public Path document(String kbId, String documentId) {
        return knowledgeBases.resolve(kbId).resolve("documents").resolve(documentId);
    }

    /** Writes a stream to {@code target}, refusing more than {@code maxBytes}; returns size and SHA-256. */
    public Stored store(InputStream in, Path target, long maxBytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".upload-", "");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (DigestInputStream digesting = new DigestInputStream(in, sha);
                 var out = Files.newOutputStream(tmp)) {
                size = copyAtMost(digesting, out, maxBytes);
            }
            if (size < 0) {
                throw new TooLargeException(maxBytes);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Stored(size, HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deleteDraft(String draftId) {
        deleteTree(uploads.resolve(draftId));
    }

    public void deleteKnowledgeBase(String kbId) {
        deleteTree(knowledgeBases.resolve(kbId));
    }

    public void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover file is harmless; the next cleanup of its folder removes it
        }
    }

    /** The result of {@link #store}. */
    public record Stored(long sizeBytes, String sha256) {
    }

    /** More bytes than allowed were sent. */
    public static final class TooLargeException extends IOException {
        public final long limit;

        TooLargeException(long limit) {
            super("larger than " + limit + " bytes");
            this.limit = limit;
        }
    }

    private static long copyAtMost(InputStream in, java.io.OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > maxBytes) {
                return -1;
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // nothing to delete
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
