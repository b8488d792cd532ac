package io.parley.server.ops;

import io.parley.server.common.ParleyException;
import io.parley.server.http.ApiRequest;
import io.parley.server.http.ApiRoutes;
import io.parley.server.http.Download;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.Principal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Predicate;

import static io.parley.server.http.Access.AUTHENTICATED;

/** {@code POST /api/v1/admin/backup}: the embedded data folder as one file, taken while serving. */
public final class BackupRoutes {

    private final Database db;
    private final Path dataDir;
    private final String version;
    private final Predicate<Principal> serverAdmin;

    public BackupRoutes(Database db, Path dataDir, String version, Predicate<Principal> serverAdmin) {
        this.db = db;
        this.dataDir = dataDir;
        this.version = version;
        this.serverAdmin = serverAdmin;
    }

    public void register(ApiRoutes api) {
        api.tagged("admin").post("/admin/backup", AUTHENTICATED, "A backup of the embedded data folder (a zip: "
                + "database, secrets, documents; indexes are rebuilt on restore). Server administrator only.",
                null, this::backup);
    }

    private Object backup(ApiRequest req) {
        Principal caller = req.principal();
        if (caller.isApiKey() || !serverAdmin.test(caller)) {
            throw ParleyException.forbidden("Only the server's administrator (the local owner in embedded mode) "
                    + "can back up the data folder");
        }
        Path file;
        try {
            file = Files.createTempFile("parley-backup-", ".zip");
            try (OutputStream out = Files.newOutputStream(file)) {
                DataBackup.write(db, dataDir, version, out);
            } catch (RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Download(file, "application/zip", "parley-backup-" + LocalDate.now() + ".zip", true);
    }
}
