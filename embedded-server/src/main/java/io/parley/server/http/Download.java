package io.parley.server.http;

import java.nio.file.Path;

/**
 * A file sent as the answer (a backup): written whole by the handler first, so a failure is
 * still an ordinary JSON error; deleted once sent when {@code temporary}.
 */
public record Download(Path file, String contentType, String fileName, boolean temporary) {
}
