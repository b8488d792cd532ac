package io.parley.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.config.DatabaseSettings;
import io.parley.server.storage.Database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Backup and restore of an embedded data folder. A backup is one zip: a manifest, the database
 * as H2 copies it while serving ({@code BACKUP TO}, consistent), the secrets (signing key and
 * credential keyset: without them saved keys cannot be read) and the knowledge bases' documents.
 * Search indexes are left out: a restore rebuilds them from the chunks and embeddings in the
 * database. A restore goes into a folder without a database, and writes nothing when the file is
 * not a whole Parley backup.
 */
public final class DataBackup {

    static final int FORMAT = 1;
    static final String MANIFEST = "manifest.json";
    static final String DATABASE = "database/";
    /** Kept with the database: what a restored folder needs besides it. */
    static final List<String> FOLDERS = List.of("secrets", "kb", "uploads/kb-drafts");

    private DataBackup() {
    }

    /** Writes a backup of {@code dataDir}, whose database is {@code db}, to {@code out}. */
    public static void write(Database db, Path dataDir, String version, OutputStream out) {
        if (db.kind() != DatabaseSettings.Kind.H2) {
            throw ParleyException.invalidInput("This server keeps its data in PostgreSQL: back it up with pg_dump "
                    + "(and keep the secrets folder or PARLEY_KEYSET with it)");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("parley-db-", ".zip");
            Files.delete(tmp); // H2 writes the file itself
            db.backupTo(tmp);
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                int entries = 0;
                try (ZipFile database = new ZipFile(tmp.toFile())) {
                    for (ZipEntry e : java.util.Collections.list(database.entries())) {
                        zip.putNextEntry(new ZipEntry(DATABASE + e.getName()));
                        try (InputStream in = database.getInputStream(e)) {
                            in.transferTo(zip);
                        }
                        zip.closeEntry();
                        entries++;
                    }
                }
                for (String folder : FOLDERS) {
                    entries += addFolder(zip, dataDir, folder);
                }
                // last, so that a backup cut short has none: a restore refuses it
                ObjectNode manifest = Json.mapper().createObjectNode();
                manifest.put("parley_backup", FORMAT);
                manifest.put("created_at", Instant.now().toString());
                manifest.put("parley_version", version);
                manifest.put("database", "h2");
                manifest.put("entries", entries);
                manifest.put("indexes", "rebuilt on restore");
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the backup: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private static int addFolder(ZipOutputStream zip, Path dataDir, String folder) throws IOException {
        Path root = dataDir.resolve(folder);
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            zip.putNextEntry(new ZipEntry(dataDir.relativize(file).toString().replace('\\', '/')));
            Files.copy(file, zip);
            zip.closeEntry();
        }
        return files.size();
    }

    /**
     * Restores {@code backup} into {@code dataDir}, which must have no database yet. The files go
     * to a folder beside it first and are moved in only once the whole backup has been read, so
     * a truncated or foreign file changes nothing. Returns the manifest.
     */
    public static JsonNode restore(Path backup, Path dataDir) {
        Path target = dataDir.toAbsolutePath();
        if (Files.exists(target.resolve("db").resolve("parley.mv.db"))) {
            throw ParleyException.conflict("data_exists", target + " already has a database: restore into an empty "
                    + "or new folder");
        }
        Path staging = null;
        try {
            Files.createDirectories(target);
            staging = Files.createTempDirectory(target, ".restore-");
            JsonNode manifest = unpack(backup, staging);
            for (String part : List.of("db", "secrets", "kb", "uploads")) {
                Path from = staging.resolve(part);
                if (Files.exists(from)) {
                    if (Files.exists(target.resolve(part))) {
                        throw ParleyException.conflict("data_exists", target.resolve(part)
                                + " exists already: restore into an empty or new folder");
                    }
                    Files.move(from, target.resolve(part), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            ownerOnly(target.resolve("secrets"));
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("could not restore the backup: " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    private static JsonNode unpack(Path backup, Path staging) throws IOException {
        if (!Files.isRegularFile(backup)) {
            throw ParleyException.invalidInput("No backup file at " + backup);
        }
        JsonNode manifest = null;
        boolean database = false;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (manifest != null) {
                    throw ParleyException.invalidInput("This is not a Parley backup (entries after its manifest)");
                }
                if (name.equals(MANIFEST)) {
                    manifest = Json.mapper().readTree(zip.readAllBytes());
                    continue;
                }
                String relative = name.startsWith(DATABASE) ? "db/" + name.substring(DATABASE.length()) : name;
                boolean known = name.startsWith(DATABASE) || FOLDERS.stream().anyMatch(f -> name.startsWith(f + "/"));
                Path to = staging.resolve(relative).normalize();
                if (!known || entry.isDirectory() || !to.startsWith(staging) || name.contains("..")) {
                    throw ParleyException.invalidInput("This is not a Parley backup (unexpected entry '" + name + "')");
                }
                Files.createDirectories(to.getParent());
                Files.copy(zip, to);
                database |= relative.equals("db/parley.mv.db");
                entries++;
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw ParleyException.invalidInput("The backup file is damaged or cut short: " + e.getMessage());
        }
        if (manifest == null || !manifest.path("parley_backup").isInt()) {
            throw ParleyException.invalidInput("This is not a whole Parley backup: it is cut short, or not a backup");
        }
        if (manifest.get("parley_backup").asInt() > FORMAT) {
            throw ParleyException.invalidInput("This backup was made by a newer Parley (format "
                    + manifest.get("parley_backup").asInt() + "): update Parley to restore it");
        }
        if (!database || manifest.path("entries").asInt(-1) != entries) {
            throw ParleyException.invalidInput("The backup is damaged: it does not hold the files its manifest lists");
        }
        return manifest;
    }

    /** Keys readable by their owner only, as the server writes them. */
    private static void ownerOnly(Path secrets) throws IOException {
        if (!Files.isDirectory(secrets)
                || !java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Files.setPosixFilePermissions(secrets, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(secrets)) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort on a temporary folder
                }
            });
        } catch (IOException ignored) {
            // nothing left to delete
        }
    }
}
