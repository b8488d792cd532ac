package io.parley.server.cli;

import io.parley.server.config.ParleyConfig;
import io.parley.server.kb.ChunkStore;
import io.parley.server.kb.KbIndexRebuild;
import io.parley.server.kb.KbStore;
import io.parley.server.kb.index.IndexRegistry;
import io.parley.server.storage.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code parley kb …}: knowledge-base maintenance while the server is stopped. */
@Command(name = "kb", mixinStandardHelpOptions = true, description = "Knowledge-base maintenance.",
        subcommands = {KbCommand.RebuildIndex.class})
final class KbCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "rebuild-index", mixinStandardHelpOptions = true,
            description = {"Rebuild a knowledge base's search index from the chunks in the database.",
                    "Stop the server first in embedded mode (or use POST /api/v1/kb/{id}/rebuild-index while it runs)."})
    static final class RebuildIndex implements Callable<Integer> {

        @CommandLine.Mixin
        DataOptions data = new DataOptions();

        @Parameters(paramLabel = "KB_ID", description = "The knowledge base id.")
        String kbId;

        @Override
        public Integer call() {
            ParleyConfig config;
            try {
                config = data.config();
            } catch (IllegalArgumentException e) {
                System.err.println("parley: " + e.getMessage());
                return 2;
            }
            try (Database db = Database.open(config.database());
                 IndexRegistry indexes = new IndexRegistry(config.dataDir().resolve("indexes"))) {
                KbStore store = new KbStore(db);
                if (store.find(kbId).isEmpty()) {
                    System.err.println("parley: no knowledge base " + kbId);
                    return 1;
                }
                long chunks = new KbIndexRebuild(store, new ChunkStore(db), indexes).rebuild(kbId);
                System.out.println("Rebuilt the index of " + kbId + ": " + chunks + " chunks");
                return 0;
            } catch (RuntimeException e) {
                System.err.println("parley: " + e.getMessage());
                return 1;
            }
        }
    }
}
