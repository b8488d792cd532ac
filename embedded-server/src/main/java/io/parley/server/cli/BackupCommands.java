package io.parley.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.ParleyServer;
import io.parley.server.common.ParleyException;
import io.parley.server.config.ParleyConfig;
import io.parley.server.kb.ChunkStore;
import io.parley.server.kb.KbIndexRebuild;
import io.parley.server.kb.KbStore;
import io.parley.server.kb.index.IndexRegistry;
import io.parley.server.ops.DataBackup;
import io.parley.server.storage.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/** {@code parley backup} and {@code parley restore}: the embedded data folder as one file, and back. */
final class BackupCommands {

    private BackupCommands() {
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = {"Write the embedded data folder (database, secrets, documents) to one file.",
                    "With the studio or server running, use POST /api/v1/admin/backup instead (with the local token)."})
    static final class Backup implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        DataOptions data = new DataOptions();

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the backup (a .zip).")
        Path out;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (Files.exists(out)) {
                err.println("parley: " + out + " exists already; choose a new file");
                return 2;
            }
            ParleyConfig config;
            try {
                config = data.config();
            } catch (IllegalArgumentException e) {
                err.println("parley: " + e.getMessage());
                return 2;
            }
            Path partial = out.resolveSibling(out.getFileName() + ".partial");
            try (Database db = Database.open(config.database()); OutputStream file = Files.newOutputStream(partial)) {
                DataBackup.write(db, config.dataDir(), ParleyServer.version(), file);
            } catch (IOException | RuntimeException e) {
                err.println("parley: " + (inUse(e) ? "the data folder is in use (the studio or a server is running): "
                        + "stop it, or back up through POST /api/v1/admin/backup while it runs" : e.getMessage()));
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // nothing to clean
                }
                return e instanceof ParleyException p && p.kind() == ParleyException.Kind.INVALID_INPUT ? 2 : 1;
            }
            try {
                Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                err.println("parley: " + e.getMessage());
                return 1;
            }
            spec.commandLine().getOut().println("Backed up " + config.dataDir() + " to " + out);
            return 0;
        }
    }

    /** H2 refuses a second process on its file; say so in words. */
    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("already in use") || m.contains("locked by another process")) {
                return true;
            }
        }
        return false;
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Restore a backup into a data folder that has no database yet, then rebuild the search "
                    + "indexes from it.", "A damaged or foreign file is refused and changes nothing."})
    static final class Restore implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        DataOptions data = new DataOptions();

        @Parameters(paramLabel = "FILE", description = "A file written by parley backup or /api/v1/admin/backup.")
        Path backup;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ParleyConfig config;
            try {
                config = data.config();
                if (config.database().kind() != io.parley.server.config.DatabaseSettings.Kind.H2) {
                    err.println("parley: a backup restores the embedded database; PostgreSQL is restored with its tools");
                    return 2;
                }
            } catch (IllegalArgumentException e) {
                err.println("parley: " + e.getMessage());
                return 2;
            }
            JsonNode manifest;
            try {
                manifest = DataBackup.restore(backup, config.dataDir());
            } catch (ParleyException e) {
                err.println("parley: " + e.getMessage());
                return e.kind() == ParleyException.Kind.CONFLICT ? 1 : 2;
            } catch (RuntimeException e) {
                err.println("parley: " + e.getMessage());
                return 1;
            }
            out.println("Restored the backup of " + manifest.path("created_at").asText("?") + " into " + config.dataDir());
            try (Database db = Database.open(config.database());
                 IndexRegistry indexes = new IndexRegistry(config.dataDir().resolve("indexes"))) {
                KbStore store = new KbStore(db);
                KbIndexRebuild rebuild = new KbIndexRebuild(store, new ChunkStore(db), indexes);
                for (String kbId : store.allIds()) {
                    out.println("Rebuilt the index of " + kbId + ": " + rebuild.rebuild(kbId) + " chunks");
                }
                return 0;
            } catch (RuntimeException e) {
                err.println("parley: the data is restored but an index could not be rebuilt (" + e.getMessage()
                        + "); run parley kb rebuild-index KB_ID");
                return 1;
            }
        }
    }
}
