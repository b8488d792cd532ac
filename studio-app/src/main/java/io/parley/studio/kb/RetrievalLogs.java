package io.parley.studio.kb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps each knowledge base's retrieval-test log in a small JSON file of the studio's own, so the
 * queries a builder tried are still there after a restart. Losing one is not worth an error
 * dialog: a file that cannot be read or written is logged and treated as empty.
 */
public final class RetrievalLogs {

    static final int KEEP = 100;
    private static final Logger LOG = Logger.getLogger(RetrievalLogs.class.getName());

    private final Path folder;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public RetrievalLogs(Path folder) {
        this.folder = folder;
    }

    public List<PastQuery> load(String kbId) {
        Path file = file(kbId);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return json.readValue(file.toFile(), new TypeReference<List<PastQuery>>() { });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not read the retrieval log " + file, e);
            return List.of();
        }
    }

    /** Writes the newest {@value #KEEP} entries (atomically: a crash leaves the old file or the new one). */
    public void save(String kbId, List<PastQuery> log) {
        Path file = file(kbId);
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, "retrieval-log", ".tmp");
            json.writeValue(temp.toFile(), log.subList(0, Math.min(KEEP, log.size())));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not save the retrieval log " + file, e);
        }
    }

    private Path file(String kbId) {
        // Ids are UUIDs from the server; keep only safe characters all the same.
        return folder.resolve("retrieval-log-" + kbId.replaceAll("[^A-Za-z0-9-]", "_") + ".json");
    }
}
