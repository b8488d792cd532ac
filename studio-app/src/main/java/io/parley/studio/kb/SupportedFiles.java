package io.parley.studio.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which files a knowledge base can read, and what a dropped folder contributes: its readable
 * files, however deep, skipping hidden ones (a dropped project folder should not upload .git).
 */
public final class SupportedFiles {

    /** What the server's parser reads (Apache Tika handles more; these are the ones we test). */
    public static final Set<String> EXTENSIONS = Set.of(
            "pdf", "docx", "doc", "odt", "rtf", "txt", "md", "markdown", "html", "htm", "csv", "tsv", "xlsx", "xls",
            "pptx", "json", "xml", "epub");

    private static final int MAX_FILES_FROM_FOLDERS = 500;

    private SupportedFiles() {
    }

    public static boolean supported(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * The files to upload for what the builder picked or dropped: files as given (an unsupported
     * one is still sent, so the server explains why it cannot be read), folders expanded to their
     * supported files in name order, at most {@value #MAX_FILES_FROM_FOLDERS} from folders.
     */
    public static List<Path> expand(List<Path> picked) {
        List<Path> files = new ArrayList<>();
        for (Path path : picked) {
            if (Files.isDirectory(path)) {
                files.addAll(readableIn(path));
            } else {
                files.add(path);
            }
        }
        return files;
    }

    private static List<Path> readableIn(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !hidden(folder.relativize(file)))
                    .filter(SupportedFiles::supported)
                    .sorted()
                    .limit(MAX_FILES_FROM_FOLDERS)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the folder " + folder, e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
