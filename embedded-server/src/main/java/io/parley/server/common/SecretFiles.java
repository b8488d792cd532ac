package io.parley.server.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Small secret files in the data folder, readable by the owner only where the file system allows. */
public final class SecretFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SecretFiles() {
    }

    /** Writes atomically: a reader sees the old content or the new, never half. */
    public static void write(Path file, String content) {
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (POSIX && !dir.equals(dir.getRoot())) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
            Path tmp = Files.createTempFile(file.getParent(), ".tmp-", "");
            if (POSIX) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static boolean isOwnerOnly(Path file) throws IOException {
        return !POSIX || Files.getPosixFilePermissions(file).equals(PosixFilePermissions.fromString("rw-------"));
    }
}
