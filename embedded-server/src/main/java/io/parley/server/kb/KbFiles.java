package io.parley.server.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Where knowledge-base content lives on disk: uploads being received in a staging area, the
 * uploads of a draft in a temporary area tied to that draft, and the original bytes of every
 * document of a finalized knowledge base (kept so a document can be re-parsed or re-embedded
 * without the user uploading it again).
 */
public final class KbFiles {

    private final Path uploads;
    private final Path staging;
    private final Path knowledgeBases;

    public KbFiles(Path dataDir) {
        this.uploads = dataDir.resolve("uploads").resolve("kb-drafts");
        this.staging = dataDir.resolve("uploads").resolve("staging");
        this.knowledgeBases = dataDir.resolve("kb");
    }

    public Path draftSource(String draftId, String sourceId) {
        return uploads.resolve(draftId).resolve(sourceId);
    }

    public Path document(String kbId, String documentId) {
        return knowledgeBases.resolve(kbId).resolve("documents").resolve(documentId);
    }

    /**
     * Streams an upload into the staging area and returns it with its size and SHA-256. Nothing
     * belongs to a draft or a knowledge base until {@link #commit}; a refused request
     * {@link #discard}s what it staged, so nothing half-received is ever kept.
     */
    public Staged stage(InputStream in) throws IOException {
        Files.createDirectories(staging);
        Path file = Files.createTempFile(staging, "upload-", "");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (DigestInputStream digesting = new DigestInputStream(in, sha);
                 OutputStream out = Files.newOutputStream(file)) {
                size = digesting.transferTo(out);
            }
            return new Staged(file, size, HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            deleteQuietly(file);
            throw new IllegalStateException(e);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /** Moves a staged upload to {@code target} in one step: the file is either whole there or not there. */
    public void commit(Staged staged, Path target) {
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged.file(), target); // the data folder spans file systems: still never half a file
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void discard(Staged staged) {
        deleteQuietly(staged.file());
    }

    /** Removes staged uploads older than {@code age}: what a crash in the middle of a request left. */
    public void clearStaging(Duration age) {
        Instant cutoff = Instant.now().minus(age);
        try (DirectoryStream<Path> staged = Files.newDirectoryStream(staging)) {
            for (Path file : staged) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    deleteQuietly(file);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException nothing) {
            // no upload was ever staged
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + staging, e);
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

    /** An upload in the staging area: where it is, its size and its SHA-256. */
    public record Staged(Path file, long sizeBytes, String sha256) {
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
