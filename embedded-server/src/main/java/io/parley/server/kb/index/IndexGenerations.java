package io.parley.server.kb.index;

import org.apache.lucene.util.IOUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of one KB: {@code <kb>/gen-N/} index folders and a {@code CURRENT} file naming the
 * one in service. A rebuild writes {@code gen-N+1} beside the serving one; replacing
 * {@code CURRENT} (an atomic rename) is the switch, so a crash at any moment leaves either the
 * old or the new index in service, never a half-built one. Generations other than the current
 * one are leftovers and are deleted.
 */
final class IndexGenerations {

    static final String CURRENT = "CURRENT";
    private static final String PREFIX = "gen-";

    private IndexGenerations() {
    }

    /** The generation in service, creating the first one's name when the KB has none yet. */
    static Path current(Path kbDir) throws IOException {
        Path pointer = kbDir.resolve(CURRENT);
        if (Files.exists(pointer)) {
            return kbDir.resolve(Files.readString(pointer, StandardCharsets.UTF_8).strip());
        }
        Path first = kbDir.resolve(PREFIX + 1);
        publish(kbDir, first);
        return first;
    }

    /** A fresh generation folder name, above every existing one. */
    static Path next(Path kbDir) throws IOException {
        return next(kbDir, null);
    }

    /**
     * A fresh generation folder name, above every existing one and above {@code serving} (the
     * open index, whose folder someone may have deleted: reusing its name would clash with its lock).
     */
    static Path next(Path kbDir, Path serving) throws IOException {
        long max = generations(kbDir).stream().mapToLong(IndexGenerations::number).max().orElse(0);
        if (serving != null && serving.getFileName().toString().startsWith(PREFIX)) {
            max = Math.max(max, number(serving));
        }
        return kbDir.resolve(PREFIX + (max + 1));
    }

    /** Durably makes {@code generation} the one in service. */
    static void publish(Path kbDir, Path generation) throws IOException {
        Files.createDirectories(kbDir);
        Path tmp = kbDir.resolve(CURRENT + ".tmp");
        Files.writeString(tmp, generation.getFileName().toString(), StandardCharsets.UTF_8);
        IOUtils.fsync(tmp, false);
        Files.move(tmp, kbDir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        IOUtils.fsync(kbDir, true); // the rename itself must survive a power cut
    }

    /** Deletes every generation but the current one; best effort (a file still open on Windows stays). */
    static void removeStale(Path kbDir, Path current) throws IOException {
        for (Path generation : generations(kbDir)) {
            if (!generation.equals(current)) {
                deleteQuietly(generation);
            }
        }
    }

    static void deleteQuietly(Path folder) {
        try {
            deleteTree(folder);
        } catch (IOException ignored) {
            // left for the next removeStale
        }
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static List<Path> generations(Path kbDir) throws IOException {
        if (!Files.isDirectory(kbDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(kbDir)) {
            return children.filter(p -> Files.isDirectory(p) && number(p) > 0).toList();
        }
    }

    private static long number(Path generation) {
        String name = generation.getFileName().toString();
        try {
            return name.startsWith(PREFIX) ? Long.parseLong(name.substring(PREFIX.length())) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
